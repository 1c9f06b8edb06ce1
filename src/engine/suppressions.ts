/** Inline suppression comments and the config file's app.json suppressions. */
import { getLocation } from 'jsonc-parser';
import { parseJsonPointer } from './config';
import type { ConfigScope } from './lint';
import type { Document } from './document';
import { matchesGlob } from './glob';
import { relativeTo } from './paths';
import type { FileKind, Finding } from './types';

export const SUPPRESSION_DIRECTIVE = 'heroku-compliance-ignore';

/** Kinds whose syntax has comments, and the comment markers each accepts. */
const COMMENT_MARKERS: Partial<Record<FileKind, string>> = {
  procfile: '#',
  'heroku.yml': '#',
  dockerfile: '#',
  terraform: '#|//',
  tfvars: '#|//',
};

export function commentPrefix(kind: FileKind): string | undefined {
  return COMMENT_MARKERS[kind]?.split('|')[0];
}

export interface InlineSuppression {
  /** 1-based line of the comment. */
  readonly line: number;
  /** A comment on a line of its own covers the next line; a trailing comment covers its own line only. */
  readonly standalone: boolean;
  /** The 1-based lines covered: the covered line, extended over a YAML block scalar that it opens. */
  readonly firstLine: number;
  readonly lastLine: number;
  readonly ruleIds: readonly string[];
  readonly reason: string;
}

/** Something wrong with a suppression directive, reported to the user instead of being applied silently. */
export interface SuppressionNotice {
  readonly path: string;
  readonly line: number;
  readonly message: string;
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
    if (!match) return;
    const line = index + 1;
    const standalone = text.slice(0, match.index).trim() === '';
    const firstLine = standalone ? line + 1 : line;
    const lastLine = document.kind === 'heroku.yml' ? blockScalarEnd(lines, firstLine) : firstLine;
    found.push({ line, standalone, firstLine, lastLine, ruleIds: match[1].split(/\s*,\s*/), reason: (match[2] ?? '').trim() });
  });
  return found;
}

const BLOCK_SCALAR_HEADER = /(?:^|[\s:-])[|>][0-9+-]*\s*(?:#.*)?$/;

/** When 1-based `line` opens a YAML block scalar (`key: |`, `- >-`), the last line of that block; else `line`. */
function blockScalarEnd(lines: readonly string[], line: number): number {
  const header = lines[line - 1];
  if (header === undefined || !BLOCK_SCALAR_HEADER.test(header.replace(/\s+#\s*heroku-compliance-ignore.*$/, ''))) return line;
  const indent = header.length - header.trimStart().length;
  let last = line;
  for (let i = line; i < lines.length; i++) {
    const text = lines[i];
    if (text.trim() === '') continue;
    if (text.length - text.trimStart().length <= indent) break;
    last = i + 1;
  }
  return last;
}

/** Directives that cannot be honoured: no reason, or a rule id that does not exist. */
export function suppressionNotices(document: Document, knownRuleIds: ReadonlySet<string>): SuppressionNotice[] {
  const notices: SuppressionNotice[] = [];
  for (const s of inlineSuppressions(document)) {
    const unknown = s.ruleIds.filter((id) => !knownRuleIds.has(id));
    if (unknown.length > 0) notices.push({ path: document.path, line: s.line, message: `${SUPPRESSION_DIRECTIVE} names unknown rule ${unknown.join(', ')}.` });
    if (s.reason === '') notices.push({ path: document.path, line: s.line, message: `${SUPPRESSION_DIRECTIVE} needs a reason after a colon (\`${s.ruleIds.join(', ')}: why\`); it is not applied without one.` });
  }
  return notices;
}

/** Returns the findings that no suppression covers, and how many were suppressed. */
export function applySuppressions(
  findings: readonly Finding[],
  documents: ReadonlyMap<string, Document>,
  scopeOf: (path: string) => ConfigScope,
): { kept: Finding[]; suppressed: number } {
  const inlineByPath = new Map<string, InlineSuppression[]>();
  const kept: Finding[] = [];
  for (const finding of findings) {
    const document = documents.get(finding.path);
    if (document && isSuppressed(finding, document, scopeOf(finding.path), inlineByPath)) continue;
    kept.push(finding);
  }
  return { kept, suppressed: findings.length - kept.length };
}

function isSuppressed(finding: Finding, document: Document, scope: ConfigScope, cache: Map<string, InlineSuppression[]>): boolean {
  if (document.kind === 'app.json') {
    const { config, base } = scope;
    if (config.suppressions.length === 0) return false;
    const path = getLocation(document.text, finding.range.start.offset).path;
    const relative = relativeTo(base, finding.path);
    return config.suppressions.some(
      (s) =>
        s.rule === finding.ruleId &&
        (s.path === undefined || matchesGlob(relative, s.path)) &&
        isPrefix(parseJsonPointer(s.pointer), path),
    );
  }
  let inline = cache.get(finding.path);
  if (!inline) cache.set(finding.path, (inline = inlineSuppressions(document)));
  const line = finding.range.start.line;
  return inline.some((s) => s.reason !== '' && line >= s.firstLine && line <= s.lastLine && s.ruleIds.includes(finding.ruleId));
}

function isPrefix(prefix: readonly string[], path: readonly (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => segment === String(path[i]));
}
