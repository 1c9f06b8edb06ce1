/** Applying fixes to file texts without ever producing overlapping edits. */
import { lint, type LintRequest } from './lint';
import { applyEdits } from './text';
import type { Finding, FixSafety, SourceFile, TextEdit } from './types';

/**
 * Applies each finding's fix whose safety is allowed. A fix is all or nothing: when one of its edits
 * overlaps an edit already taken, the whole fix waits for the next pass.
 */
export function applyFixes(
  texts: ReadonlyMap<string, string>,
  findings: readonly Finding[],
  allowed: readonly FixSafety[] = ['safe'],
): { texts: Map<string, string>; applied: Finding[] } {
  const taken = new Map<string, TextEdit[]>();
  const applied: Finding[] = [];
  for (const finding of findings) {
    const fix = finding.fix;
    if (!fix || !allowed.includes(fix.safety)) continue;
    if (fix.edits.some((edit) => !texts.has(edit.path) || overlapsAny(edit, taken.get(edit.path) ?? []))) continue;
    for (const edit of fix.edits) taken.set(edit.path, [...(taken.get(edit.path) ?? []), edit]);
    applied.push(finding);
  }
  const next = new Map(texts);
  for (const [path, edits] of taken) next.set(path, applyEdits(texts.get(path)!, edits).text);
  return { texts: next, applied };
}

function overlapsAny(edit: TextEdit, others: readonly TextEdit[]): boolean {
  return others.some((other) => edit.start < other.end && other.start < edit.end || (edit.start === other.start && edit.end === other.end));
}

/**
 * Lints and applies safe fixes until nothing more changes (at most `maxPasses` rounds). `accept` narrows the fixes
 * taken, e.g. to those that edit only one file.
 */
export function fixAll(
  request: LintRequest,
  allowed: readonly FixSafety[] = ['safe'],
  maxPasses = 10,
  accept: (finding: Finding) => boolean = () => true,
): { files: SourceFile[]; applied: Finding[] } {
  let files = [...request.files];
  const applied: Finding[] = [];
  for (let pass = 0; pass < maxPasses; pass++) {
    const findings = lint({ ...request, files }).findings.filter(accept);
    const texts = new Map(files.map((f) => [f.path, f.text]));
    const result = applyFixes(texts, findings, allowed);
    if (result.applied.length === 0) break;
    applied.push(...result.applied);
    // A changed text drops the editor's pre-parsed syntax model, which described the old text.
    files = files.map((f) => {
      const text = result.texts.get(f.path) ?? f.text;
      return text === f.text ? f : { path: f.path, kind: f.kind, text };
    });
  }
  return { files, applied };
}
