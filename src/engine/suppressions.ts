/** Inline suppression comments and the config file's app.json suppressions. */
import { getLocation } from 'jsonc-parser';
import { type ComplianceConfig, parseJsonPointer } from './config';
import type { Document } from './document';
import { matchesGlob } from './glob';
import type { FileKind, Finding } from './types';

export const SUPPRESSION_DIRECTIVE = 'heroku-compliance-ignore';

/** Kinds whose syntax has comments, and the comment markers each accepts. */
const COMMENT_MARKERS: Partial<Record<FileKind, string>> = {
  procfile: '#',
  'heroku.yml': '#',
  terraform: '#|//',
  tfvars: '#|//',
};

export function commentPrefix(kind: FileKind): string | undefined {
  return COMMENT_MARKERS[kind]?.split('|')[0];
}

export interface InlineSuppression {
  /** 1-based line of the comment; it covers this line and the next. */
  readonly line: number;
  readonly ruleIds: readonly string[];
  readonly reason: string;
}

export function inlineSuppressions(document: Document): InlineSuppression[] {
  const markers = COMMENT_MARKERS[document.kind];
  if (!markers || !document.text.includes(SUPPRESSION_DIRECTIVE)) return [];
  const pattern = new RegExp(
    `(?:${markers.split('|').map((m) => m.replace(/\//g, '\\/')).join('|')})\\s*${SUPPRESSION_DIRECTIVE}\\s+(HRK-[A-Z]+-\\d{3}(?:\\s*,\\s*HRK-[A-Z]+-\\d{3})*)\\s*(?::\\s*(.*))?$`,
  );
  const found: InlineSuppression[] = [];
  const lines = document.text.split(/\r\n|\r|\n/);
  lines.forEach((text, index) => {
    const match = pattern.exec(text);
    if (match) found.push({ line: index + 1, ruleIds: match[1].split(/\s*,\s*/), reason: (match[2] ?? '').trim() });
  });
  return found;
}

/** Returns the findings that no suppression covers, and how many were suppressed. */
export function applySuppressions(
  findings: readonly Finding[],
  documents: ReadonlyMap<string, Document>,
  config: ComplianceConfig,
): { kept: Finding[]; suppressed: number } {
  const inlineByPath = new Map<string, InlineSuppression[]>();
  const kept: Finding[] = [];
  for (const finding of findings) {
    const document = documents.get(finding.path);
    if (document && isSuppressed(finding, document, config, inlineByPath)) continue;
    kept.push(finding);
  }
  return { kept, suppressed: findings.length - kept.length };
}

function isSuppressed(finding: Finding, document: Document, config: ComplianceConfig, cache: Map<string, InlineSuppression[]>): boolean {
  if (document.kind === 'app.json') {
    if (config.suppressions.length === 0) return false;
    const path = getLocation(document.text, finding.range.start.offset).path;
    return config.suppressions.some(
      (s) =>
        s.rule === finding.ruleId &&
        (s.path === undefined || matchesGlob(finding.path, s.path)) &&
        isPrefix(parseJsonPointer(s.pointer), path),
    );
  }
  let inline = cache.get(finding.path);
  if (!inline) cache.set(finding.path, (inline = inlineSuppressions(document)));
  const line = finding.range.start.line;
  return inline.some((s) => (s.line === line || s.line === line - 1) && s.ruleIds.includes(finding.ruleId));
}

function isPrefix(prefix: readonly string[], path: readonly (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === String(path[i]));
}
