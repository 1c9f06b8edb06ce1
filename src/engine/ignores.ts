/**
 * Edits that suppress one finding, for the editor's "Ignore" actions: an inline comment above the finding's line,
 * or an app.json suppression in `.heroku-compliance.yml`. Each edit is checked by linting the result, so that an
 * action is offered only when it works and leaves the file parseable.
 */
import { getLocation } from 'jsonc-parser';
import { type Document as YamlDocument, isMap, isScalar, isSeq, parseDocument, YAMLSeq } from 'yaml';
import { type ConfigSuppression, toJsonPointer } from './config';
import { lint, type LintRequest } from './lint';
import { parseHcl } from './parsers/terraform';
import { isTfvarsJson } from './parsers/tfvarsJson';
import { commentPrefix, SUPPRESSION_DIRECTIVE } from './suppressions';
import { applyEdits } from './text';
import type { FileKind, Finding, SourceFile, TextEdit } from './types';

/** The rule that reports a file of this kind as unparseable. */
const SYNTAX_RULES: Partial<Record<FileKind, string>> = {
  'app.json': 'HRK-APPJSON-001',
  procfile: 'HRK-PROC-002',
  'heroku.yml': 'HRK-HYML-001',
  terraform: 'HRK-TF-000',
  tfvars: 'HRK-TF-000',
};

/** How many lines above the finding a suppression comment may go (a YAML block scalar or a wrapped command). */
const MAX_LINES_UP = 12;

/**
 * An edit that inserts `# heroku-compliance-ignore ID: reason` on its own line above the finding, or above the
 * nearest line where the comment covers it (the key that opens a YAML block scalar). Undefined when the format has
 * no comments or no placement both suppresses the finding and keeps the file parseable (inside a heredoc).
 */
export function inlineIgnoreEdit(request: LintRequest, finding: Finding, reason: string): TextEdit | undefined {
  const file = request.files.find((f) => f.path === finding.path);
  const prefix = file && !isTfvarsJson(file.path) ? commentPrefix(file.kind) : undefined;
  if (!file || !prefix) return undefined;
  const lineStarts = lineStartOffsets(file.text);
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  const only = [finding.ruleId, ...(SYNTAX_RULES[file.kind] ? [SYNTAX_RULES[file.kind]!] : [])];
  const before = lint({ ...request, only });
  const syntaxBefore = before.findings.filter((f) => f.path === file.path && f.ruleId !== finding.ruleId).length;
  const line = finding.range.start.line;
  for (let candidate = line; candidate >= Math.max(1, line - MAX_LINES_UP); candidate--) {
    const start = lineStarts[candidate - 1];
    const indent = /^[ \t]*/.exec(file.text.slice(start))![0];
    const newText = `${indent}${prefix} ${SUPPRESSION_DIRECTIVE} ${finding.ruleId}: ${reason}${eol}`;
    const edit: TextEdit = { path: file.path, start, end: start, newText };
    if (isComment(file, edit, indent.length) && suppresses(request, file, edit, finding, only, syntaxBefore)) return edit;
  }
  return undefined;
}

function suppresses(request: LintRequest, file: SourceFile, edit: TextEdit, finding: Finding, only: string[], syntaxBefore: number): boolean {
  const edited: SourceFile = { path: file.path, kind: file.kind, text: applyEdits(file.text, [edit]).text };
  const after = lint({ ...request, files: request.files.map((f) => (f === file ? edited : f)), only });
  const inFile = after.findings.filter((f) => f.path === file.path);
  const moved = finding.range.start.offset + edit.newText.length;
  const stillThere = inFile.some((f) => f.ruleId === finding.ruleId && f.range.start.offset === moved);
  return !stillThere && inFile.filter((f) => f.ruleId !== finding.ruleId).length <= syntaxBefore;
}

/** Whether the inserted line is a comment to the parser, not text inside a heredoc or a YAML block scalar. */
function isComment(file: SourceFile, edit: TextEdit, indent: number): boolean {
  const text = applyEdits(file.text, [edit]).text;
  if (file.kind === 'terraform' || file.kind === 'tfvars') return parseHcl(text).comments.some((c) => c.start === edit.start + indent);
  if (file.kind === 'heroku.yml') return sameYamlData(file.text, text);
  return true; // Procfile and Dockerfile comments are whole lines, and neither has multi-line strings.
}

function sameYamlData(before: string, after: string): boolean {
  try {
    return JSON.stringify(parseDocument(before).toJS()) === JSON.stringify(parseDocument(after).toJS());
  } catch {
    return false;
  }
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return starts;
}

/** The JSON pointer of the value at `offset` in an app.json, as config suppressions name it (`/env/SECRET`). */
export function jsonPointerAt(text: string, offset: number): string {
  return toJsonPointer(getLocation(text, offset).path);
}

/**
 * The config text with `suppression` appended to its `suppressions` list (created when missing). Comments and the
 * rest of the file are kept. Throws when the text is not a YAML mapping, which the caller reports.
 */
export function configWithSuppression(configText: string, suppression: ConfigSuppression): string {
  const document: YamlDocument = parseDocument(configText);
  if (document.errors.length > 0) throw new Error(`it does not parse: ${document.errors[0].message.split('\n')[0]}`);
  if (document.contents === null) document.contents = document.createNode({});
  if (!isMap(document.contents)) throw new Error('it is not a mapping of settings');
  const existing: unknown = document.contents.get('suppressions', true);
  const empty = existing === undefined || existing === null || (isScalar(existing) && existing.value === null);
  if (!isSeq(existing) && !empty) throw new Error('its suppressions setting is not a list');
  const list = isSeq(existing) ? existing : new YAMLSeq();
  if (!isSeq(existing)) document.contents.set('suppressions', list);
  const entry: Record<string, string> = { rule: suppression.rule, pointer: suppression.pointer };
  if (suppression.path !== undefined) entry.path = suppression.path;
  entry.reason = suppression.reason;
  list.add(document.createNode(entry));
  return document.toString();
}
