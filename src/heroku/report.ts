/**
 * The compliance report ("Export Compliance Report"): the live state of each linked app and the workspace's
 * findings, with the control ids of every item and finding and a timestamp, as Markdown for people and JSON for
 * tools. Audit evidence, so it says when and from where it was read, and it never holds a secret: the state and
 * findings it is given are already free of values (see securityState).
 */
import type { Finding, Severity } from '../engine/types';
import type { LiveFinding } from './liveRule';
import type { SecurityState } from './securityState';

export interface ReportInput {
  readonly generatedAt: string;
  readonly toolVersion: string;
  readonly apps: readonly SecurityState[];
  /** Apps that could not be read, with why. */
  readonly unreadable: readonly { readonly app: string; readonly reason: string }[];
  /** The workspace's findings, with paths as the reader should see them. */
  readonly findings: readonly Finding[];
  /** The control ids of a rule (`PCI 10.2.1`, `SOC2 CC7.2`…). */
  readonly controlsOf: (ruleId: string) => readonly string[];
}

const SEVERITY_ORDER: readonly Severity[] = ['crit', 'high', 'med', 'low', 'info'];

export function reportJson(input: ReportInput): string {
  const controls = (ruleIds: readonly string[]) => [...new Set(ruleIds.flatMap((id) => input.controlsOf(id)))].sort();
  const report = {
    generatedAt: input.generatedAt,
    tool: { name: 'heroku-compliance', version: input.toolVersion },
    apps: input.apps.map((state) => ({
      app: state.app,
      profile: state.profile,
      readAt: state.fetchedAt,
      groups: state.groups.map((group) => ({
        id: group.id,
        title: group.title,
        items: group.items.map((item) => ({
          id: item.id,
          title: item.title,
          state: item.state,
          description: item.description,
          rules: item.ruleIds,
          controls: controls(item.ruleIds),
          findings: state.findings.filter((f) => f.itemId === item.id).map((f) => liveFindingJson(f, input)),
        })),
      })),
    })),
    unreadable: input.unreadable,
    workspace: {
      findings: input.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        profile: f.profile,
        message: f.message,
        path: f.path,
        line: f.range.start.line,
        column: f.range.start.column,
        controls: input.controlsOf(f.ruleId),
      })),
    },
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function liveFindingJson(finding: LiveFinding, input: ReportInput) {
  return { ruleId: finding.ruleId, severity: finding.severity, profile: finding.profile, message: finding.message, controls: input.controlsOf(finding.ruleId) };
}

export function reportMarkdown(input: ReportInput): string {
  const lines: string[] = ['# Heroku compliance report', '', `Generated ${input.generatedAt} by heroku-compliance ${input.toolVersion}.`, ''];
  for (const state of input.apps) {
    const app = state.app;
    lines.push(`## App \`${app.name}\``, '');
    lines.push(`- Runtime: ${app.runtime ?? 'unknown'}${app.generation ? ` (${app.generation})` : ''}${app.region ? `, region ${app.region}` : ''}${app.space ? `, space \`${app.space}\`` : ''}`);
    lines.push(`- Profile: ${state.profile.profile} (${state.profile.reason})`);
    lines.push(`- Read from ${app.apiUrl} at ${state.fetchedAt}`, '');
    for (const group of state.groups) {
      lines.push(`### ${group.title}`, '', '| Feature | State | Detail | Rules | Controls |', '|---|---|---|---|---|');
      for (const item of group.items) {
        const controls = [...new Set(item.ruleIds.flatMap((id) => input.controlsOf(id)))].sort();
        lines.push(`| ${cell(item.title)} | ${item.state} | ${cell(item.description)} | ${cell(item.ruleIds.join(', '))} | ${cell(controls.join(', '))} |`);
      }
      lines.push('');
      const findings = state.findings.filter((f) => group.items.some((i) => i.id === f.itemId));
      for (const f of sortBySeverity(findings)) lines.push(`- **${f.severity}** ${f.ruleId}: ${f.message}`);
      if (findings.length > 0) lines.push('');
    }
  }
  for (const u of input.unreadable) lines.push(`## App \`${u.app}\``, '', `Not read: ${u.reason}`, '');
  lines.push('## Workspace findings', '');
  if (input.findings.length === 0) lines.push('No findings in the workspace files.', '');
  else {
    lines.push('| Severity | Rule | File | Message | Controls |', '|---|---|---|---|---|');
    for (const f of sortBySeverity(input.findings)) {
      lines.push(`| ${f.severity} | ${f.ruleId} | ${cell(`${f.path}:${f.range.start.line}`)} | ${cell(f.message)} | ${cell(input.controlsOf(f.ruleId).join(', '))} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

function sortBySeverity<T extends { readonly severity: Severity }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
}

/** Text safe inside a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
