import type { HclEdit } from '../../src/engine';

/** The edit (as an editor reports it to tree-sitter) for replacing `[start, end)` of `text` by `insert`: rows count `\n`, columns UTF-16 units. */
export function hclEditOf(text: string, start: number, end: number, insert: string): HclEdit {
  const point = (s: string, offset: number) => {
    const before = s.slice(0, offset);
    return { row: before.split('\n').length - 1, column: offset - (before.lastIndexOf('\n') + 1) };
  };
  const next = text.slice(0, start) + insert + text.slice(end);
  return {
    startIndex: start,
    oldEndIndex: end,
    newEndIndex: start + insert.length,
    startPosition: point(text, start),
    oldEndPosition: point(text, end),
    newEndPosition: point(next, start + insert.length),
  };
}
