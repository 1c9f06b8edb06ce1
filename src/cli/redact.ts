/**
 * What fix text may leave the process. Engine messages are masked by the rules, but a fix's replacement
 * text is source text: edits are first narrowed to the characters that really change (a JSON edit often
 * rewrites a neighbouring member verbatim), and a fix whose new text still holds a credential is reported
 * without its edits.
 */
import type { Fix, TextEdit } from '../engine';
import { findKnownTokens, findUrlCredentials } from '../engine/detectors/secrets';

/** The edit without the prefix and suffix it leaves unchanged. Never splits a surrogate pair. */
export function narrowEdit(edit: TextEdit, text: string | undefined): TextEdit {
  if (text === undefined || edit.start < 0 || edit.end > text.length || edit.start > edit.end) return edit;
  const old = text.slice(edit.start, edit.end);
  const next = edit.newText;
  let prefix = 0;
  const maxPrefix = Math.min(old.length, next.length);
  while (prefix < maxPrefix && old.charCodeAt(prefix) === next.charCodeAt(prefix)) prefix++;
  if (prefix > 0 && isHighSurrogate(old.charCodeAt(prefix - 1))) prefix--;
  let suffix = 0;
  const maxSuffix = Math.min(old.length, next.length) - prefix;
  while (suffix < maxSuffix && old.charCodeAt(old.length - 1 - suffix) === next.charCodeAt(next.length - 1 - suffix)) suffix++;
  if (suffix > 0 && isLowSurrogate(old.charCodeAt(old.length - suffix))) suffix--;
  if (prefix === 0 && suffix === 0) return edit;
  return { path: edit.path, start: edit.start + prefix, end: edit.end - suffix, newText: next.slice(prefix, next.length - suffix) };
}

/** The fix with narrowed edits, or undefined when its new text would reveal a credential. */
export function printableEdits(fix: Fix, textOf: (path: string) => string | undefined): TextEdit[] | undefined {
  const edits = fix.edits.map((edit) => narrowEdit(edit, textOf(edit.path)));
  const revealing = edits.some((edit) => edit.newText !== '' && (findKnownTokens(edit.newText).length > 0 || findUrlCredentials(edit.newText).length > 0));
  return revealing ? undefined : edits;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
