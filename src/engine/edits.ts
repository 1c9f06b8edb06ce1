/** Text-edit builders shared by fixes. */
import { type JSONPath, modify } from 'jsonc-parser';
import type { Document } from './document';
import type { TextEdit } from './types';

/** Edits that set (or, with `undefined`, remove) a JSON value, keeping the file's own indentation. */
export function jsonModifyEdits(document: Document, path: JSONPath, value: unknown): TextEdit[] {
  const indent = /\n([ \t]+)"/.exec(document.text)?.[1] ?? '  ';
  const eol = document.text.includes('\r\n') ? '\r\n' : '\n';
  return modify(document.text, path, value, {
    formattingOptions: { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol },
  }).map((edit) => ({ path: document.path, start: edit.offset, end: edit.offset + edit.length, newText: edit.content }));
}

export function replaceEdit(document: Document, start: number, end: number, newText: string): TextEdit {
  return { path: document.path, start, end, newText };
}

/** Deletes whole lines (1-based, inclusive), line breaks included. */
export function deleteLinesEdit(document: Document, firstLine: number, lastLine: number): TextEdit {
  const start = document.lines.lineStart(firstLine);
  const end = lastLine < document.lines.lineCount ? document.lines.lineStart(lastLine + 1) : document.text.length;
  return { path: document.path, start, end, newText: '' };
}
