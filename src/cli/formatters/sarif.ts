/**
 * SARIF 2.1.0 for GitHub code scanning and other viewers. Checked with Microsoft's validator
 * (`Sarif.Multitool validate --rule-kind "Gh;Sarif"`): no errors, no warnings.
 *
 * Every registered rule is in `tool.driver.rules` so that `ruleIndex` is stable between runs. Severities
 * depend on the profile, so a rule's `defaultConfiguration.level` and `security-severity` use its highest
 * severity across profiles; each result carries the level and `security-severity` it actually has.
 */
import { pathToFileURL } from 'node:url';
import { allRuleMeta, type Finding, type Range, type RuleMeta, ruleDocUrl, type Severity, SEVERITIES, type TextEdit } from '../../engine';
import { DOC_GENERATED_END, renderDocHeader } from '../../engine/docs';
import { printableEdits } from '../redact';
import type { Report } from '../report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'herokuCompliance/v1';
const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note' | 'none';

export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { crit: '9.5', high: '8.0', med: '5.5', low: '3.0', info: '1.0' };

export function levelOf(severity: Severity): Level {
  return severity === 'crit' || severity === 'high' ? 'error' : severity === 'med' ? 'warning' : 'note';
}

const PROBLEM_SEVERITY: Readonly<Record<Level, string>> = { error: 'error', warning: 'warning', note: 'recommendation', none: 'recommendation' };
const PRECISION = { C: 'high', P: 'medium', U: 'low' } as const;

export interface SarifTool {
  readonly version: string;
  readonly informationUri: string;
}

export function formatSarif(report: Report, tool: SarifTool): string {
  const rules = allRuleMeta();
  const ruleIndex = new Map(rules.map((meta, i) => [meta.id, i]));
  const artifactLocation = (enginePath: string) => ({ uri: encodeUriPath(report.display(enginePath)), uriBaseId: SRCROOT });
  const physicalLocation = (enginePath: string, range: Range) => ({ artifactLocation: artifactLocation(enginePath), region: regionOf(range) });

  const results = report.findings.map((finding, i) => {
    const index = ruleIndex.get(finding.ruleId);
    return {
      ruleId: finding.ruleId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: levelOf(finding.severity),
      message: { text: sentence(finding.message) },
      locations: [{ physicalLocation: physicalLocation(finding.path, finding.range) }],
      ...(finding.related.length > 0
        ? { relatedLocations: finding.related.map((r, j) => ({ id: j + 1, physicalLocation: physicalLocation(r.path, r.range), message: { text: sentence(r.message) } })) }
        : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: report.fingerprints[i] },
      ...fixesOf(finding, report, artifactLocation),
      properties: { 'security-severity': SECURITY_SEVERITY[finding.severity], profile: finding.profile },
    };
  });

  const notifications = [
    ...report.failures.map((f) => {
      const index = ruleIndex.get(f.ruleId);
      return {
        level: 'error',
        message: { text: sentence(`Rule ${f.ruleId} failed on ${report.display(f.path)}: ${f.error}`) },
        ...(index !== undefined ? { associatedRule: { id: f.ruleId, index } } : {}),
      };
    }),
    ...report.warnings.map((w) => ({ level: 'warning', message: { text: sentence(w) } })),
  ];

  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'heroku-compliance',
            version: tool.version,
            semanticVersion: tool.version,
            informationUri: tool.informationUri,
            rules: rules.map(ruleDescriptor),
          },
        },
        invocations: [{ executionSuccessful: report.failures.length === 0, ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}) }],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(report.base) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

export function ruleDescriptor(meta: RuleMeta) {
  const highest = SEVERITIES.find((s) => Object.values(meta.severity).includes(s));
  const level: Level = highest ? levelOf(highest) : 'none';
  const url = ruleDocUrl(meta.id);
  const header = renderDocHeader(meta).replace(DOC_GENERATED_END, '').trimEnd();
  return {
    id: meta.id,
    name: pascalCase(meta.name),
    shortDescription: { text: plainText(meta.title) },
    fullDescription: { text: sentence(plainText(meta.summary)) },
    helpUri: url,
    help: {
      text: `${plainText(meta.summary)} ${plainText(meta.recommendation)} See ${url}`,
      markdown: `${header}\n\n[Full documentation](${url})`,
    },
    defaultConfiguration: { level, ...(meta.preview ? { enabled: false } : {}) },
    properties: {
      tags: unique(['security', 'compliance', meta.area.toLowerCase(), ...meta.tags]),
      precision: PRECISION[meta.status],
      'security-severity': highest ? SECURITY_SEVERITY[highest] : '0.0',
      'problem.severity': PROBLEM_SEVERITY[level],
      profileSeverities: { common: meta.severity.common ?? 'off', private: meta.severity.private ?? 'off', shield: meta.severity.shield ?? 'off' },
      controls: [...meta.controls],
      preview: meta.preview,
      fix: meta.fix,
    },
  };
}

function fixesOf(finding: Finding, report: Report, artifactLocation: (path: string) => { uri: string; uriBaseId: string }) {
  const fix = finding.fix;
  const edits = fix && printableEdits(fix, report.textOf);
  if (!fix || !edits) return {};
  const byPath = new Map<string, TextEdit[]>();
  for (const edit of edits) byPath.set(edit.path, [...(byPath.get(edit.path) ?? []), edit]);
  const sarifFix = {
    description: { text: sentence(`${plainText(fix.title)} (${fix.safety === 'safe' ? 'safe fix' : 'suggested fix: review before applying'})`) },
    artifactChanges: [...byPath].map(([path, edits]) => ({
      artifactLocation: artifactLocation(path),
      replacements: [...edits]
        .sort((a, b) => a.start - b.start)
        .map((edit) => ({
          deletedRegion: { charOffset: edit.start, charLength: edit.end - edit.start },
          ...(edit.newText !== '' ? { insertedContent: { text: edit.newText } } : {}),
        })),
    })),
  };
  return { fixes: [sarifFix] };
}

function regionOf(range: Range) {
  return {
    startLine: range.start.line,
    startColumn: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
    charOffset: range.start.offset,
    charLength: range.end.offset - range.start.offset,
  };
}

/** A relative path as a relative URI reference: each segment percent-encoded, `/` kept. */
export function encodeUriPath(relative: string): string {
  return relative
    .split('/')
    .map((segment) => (segment === '.' || segment === '..' ? segment : encodeURIComponent(segment)))
    .join('/');
}

function directoryUri(absolute: string): string {
  const href = pathToFileURL(absolute).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** `deprecated-image-key` → `DeprecatedImageKey`. */
export function pascalCase(kebab: string): string {
  return kebab
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** Messages in SARIF end with a period (validator rule SARIF2001). */
export function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Drops Markdown code ticks from plain-text fields. */
function plainText(text: string): string {
  return text.replace(/`/g, "'");
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
