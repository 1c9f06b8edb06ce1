import type { Position, Range, TextEdit } from './types';

/** Maps UTF-16 offsets to 1-based line and column, and back. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    // Before the first `\r` every line break is a `\n`: indexOf finds them faster than a loop over every character.
    const firstCr = text.indexOf('\r');
    const plainEnd = firstCr < 0 ? text.length : firstCr;
    for (let lf = text.indexOf('\n'); lf >= 0 && lf < plainEnd; lf = text.indexOf('\n', lf + 1)) this.lineStarts.push(lf + 1);
    for (let i = plainEnd; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) this.lineStarts.push(i + 1);
      else if (ch === 13 /* \r */ && text.charCodeAt(i + 1) !== 10) this.lineStarts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid;
      else high = mid - 1;
    }
    return { offset: clamped, line: low + 1, column: clamped - this.lineStarts[low] + 1 };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))];
  }

  /** Offset just past the last character of a 1-based line, before its line break. */
  lineEnd(line: number): number {
    if (line >= this.lineStarts.length) return this.text.length;
    let end = this.lineStarts[line];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}

/**
 * Applies non-overlapping edits to a text. Edits that overlap an earlier one (by start offset) are skipped
 * and returned, so that a batch never corrupts the file.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): { text: string; skipped: TextEdit[] } {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const skipped: TextEdit[] = [];
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > text.length) {
      skipped.push(edit);
      continue;
    }
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return { text: out + text.slice(cursor), skipped };
}

/**
 * The end of a parser's error span: at most the end of the text (an error at the end of the file has an empty
 * span there) and never between the halves of a surrogate pair (`start + 1` at an emoji).
 */
export function spanEnd(text: string, end: number): number {
  const e = Math.max(0, Math.min(end, text.length));
  const before = text.charCodeAt(e - 1);
  const after = text.charCodeAt(e);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff ? e + 1 : e;
}

/** `start`, moved back one unit when it would split a surrogate pair (an error reported inside an astral character). */
export function spanStart(text: string, start: number): number {
  const s = Math.max(0, Math.min(start, text.length));
  const before = text.charCodeAt(s - 1);
  const at = text.charCodeAt(s);
  return before >= 0xd800 && before <= 0xdbff && at >= 0xdc00 && at <= 0xdfff ? s - 1 : s;
}

/** `sk_live_abcdef89` → `sk_l…89`. Short values are masked entirely. */
export function maskSecret(value: string): string {
  const chars = Array.from(value);
  if (chars.length < 12) return '…';
  return `${chars.slice(0, 4).join('')}…${chars.slice(-2).join('')}`;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const saved = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = saved;
    }
  }
  return previous[b.length];
}

/** The candidate closest to `word` within `maxDistance`, or undefined. */
export function nearest(word: string, candidates: readonly string[], maxDistance = 2): string | undefined {
  let best: string | undefined;
  let bestDistance = maxDistance + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** The smallest single edit that turns `before` into `after` (their common start and end are kept), if any. */
export function minimalEdit(path: string, before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { path, start, end: before.length - end, newText: after.slice(start, after.length - end) };
}

/**
 * Where the line that holds `offset` starts: just after the last `\n` or `\r` before it, as
 * `Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1` gives, without scanning
 * back to the start of the text for the kind of line break the file does not use.
 */
export function lineStartBefore(text: string, offset: number): number {
  // lastIndexOf clamps its start into the text: 0 for offset 0 (so a text that begins with a line break gives 1).
  for (let k = Math.min(text.length - 1, Math.max(0, offset - 1)); k >= 0; k--) {
    const code = text.charCodeAt(k);
    if (code === 10 || code === 13) return k + 1;
  }
  return 0;
}
