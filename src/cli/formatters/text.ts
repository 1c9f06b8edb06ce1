/**
 * The human report: findings grouped by file, one line each (`line:col  severity  message  ruleId`), then
 * the profile of each app when it was inferred, then a summary line. Never prints source text.
 */
import type { Finding, Severity } from '../../engine';
import type { Colors } from '../colors';
import { countBySeverity, countSafeFixes, plural, type Report } from '../report';

const MAX_PADDED_MESSAGE = 100;
const MAX_PROFILE_LINES = 10;

export function formatText(report: Report, colors: Colors): string {
  const out: string[] = [];
  for (const fixed of report.fixed) {
    out.push(`${colors.green('fixed:')} ${report.display(fixed.path)}: ${plural(fixed.fixes, 'fix', 'fixes')} (${fixed.ruleIds.join(', ')})`);
  }
  if (report.fixed.length > 0) out.push('');

  const byFile = new Map<string, Finding[]>();
  for (const finding of report.findings) byFile.set(finding.path, [...(byFile.get(finding.path) ?? []), finding]);
  for (const [file, findings] of byFile) {
    out.push(colors.underline(report.display(file)));
    const where = findings.map((f) => `${f.range.start.line}:${f.range.start.column}`);
    const whereWidth = Math.max(...where.map((w) => w.length));
    const longest = Math.max(...findings.map((f) => f.message.length));
    const messageWidth = longest <= MAX_PADDED_MESSAGE ? longest : 0;
    findings.forEach((finding, i) => {
      const severity = severityColor(finding.severity, colors)(finding.severity.padEnd(4));
      const message = finding.message.padEnd(messageWidth);
      out.push(`  ${colors.dim(where[i].padStart(whereWidth))}  ${severity}  ${message}  ${colors.dim(finding.ruleId)}`);
      for (const related of finding.related) {
        const at = `${report.display(related.path)}:${related.range.start.line}:${related.range.start.column}`;
        out.push(`  ${' '.repeat(whereWidth)}  ${colors.dim(`related: ${at}: ${related.message}`)}`);
      }
    });
    out.push('');
  }

  out.push(...profileLines(report, colors));
  out.push(summaryLine(report, colors));
  const fixable = countSafeFixes(report.findings);
  if (fixable > 0 && report.fixed.length === 0) out.push(colors.dim(`${plural(fixable, 'finding')} can be fixed with --fix.`));
  return `${out.join('\n')}\n`;
}

/** The profile chosen for each app, when `--profile` did not set it. */
function profileLines(report: Report, colors: Colors): string[] {
  if (report.profileSetting !== 'auto' || report.apps.length === 0) return [];
  const display = (dir: string) => report.display(dir);
  if (report.apps.length <= MAX_PROFILE_LINES) {
    return report.apps.map((app) => colors.dim(`profile for ${display(app.dir)}: ${app.profile.profile}, ${app.profile.reason}`));
  }
  const counts = new Map<string, number>();
  for (const app of report.apps) counts.set(app.profile.profile, (counts.get(app.profile.profile) ?? 0) + 1);
  const lines = [colors.dim(`profiles: ${[...counts].map(([profile, n]) => `${plural(n, 'app')} ${profile}`).join(', ')}`)];
  const notCommon = report.apps.filter((app) => app.profile.profile !== 'common');
  for (const app of notCommon.slice(0, MAX_PROFILE_LINES)) lines.push(colors.dim(`profile for ${display(app.dir)}: ${app.profile.profile}, ${app.profile.reason}`));
  if (notCommon.length > MAX_PROFILE_LINES) lines.push(colors.dim(`… and ${notCommon.length - MAX_PROFILE_LINES} more`));
  return lines;
}

export function summaryLine(report: Report, colors: Colors): string {
  const counts = countBySeverity(report.findings);
  const parts = (Object.entries(counts) as [Severity, number][]).filter(([, n]) => n > 0).map(([s, n]) => severityColor(s, colors)(`${n} ${s}`));
  const files = new Set(report.findings.map((f) => f.path)).size;
  let line = `${plural(report.findings.length, 'finding')}${parts.length > 0 ? ` (${parts.join(', ')})` : ''} in ${plural(files, 'file')}; ${report.suppressed} suppressed`;
  if (report.baselined > 0) line += `; ${report.baselined} in baseline`;
  line += `; ${plural(report.filesChecked, 'file')} checked`;
  return report.findings.length > 0 ? colors.bold(line) : line;
}

export function severityColor(severity: Severity, colors: Colors): (text: string) => string {
  switch (severity) {
    case 'crit':
      return (text) => colors.bold(colors.magenta(text));
    case 'high':
      return colors.red;
    case 'med':
      return colors.yellow;
    case 'low':
      return colors.cyan;
    case 'info':
      return colors.dim;
  }
}
