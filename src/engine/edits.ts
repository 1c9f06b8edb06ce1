/** Text-edit builders shared by fixes. */
import { type JSONPath, modify, type Node } from 'jsonc-parser';
import type { Document } from './document';
import { jsonChild } from './sites';
import type { TextEdit } from './types';

/** Edits that set (or, with `undefined`, remove) a JSON value, keeping the file's own indentation. */
export function jsonModifyEdits(document: Document, path: JSONPath, value: unknown): TextEdit[] {
  const indent = /\n([ \t]+)"/.exec(document.text)?.[1] ?? '  ';
  const eol = document.text.includes('\r\n') ? '\r\n' : '\n';
  return modify(document.text, path, value, {
    formattingOptions: { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol },
  }).map((edit) => ({ path: document.path, start: edit.offset, end: edit.offset + edit.length, newText: edit.content }));
}

/**
 * Deletes the object member or array item at `path` together with one separating comma, touching no other
 * text (jsonc-parser's modify() can reformat a one-line file or leave a stray brace when it removes the last
 * array item). Resolves duplicate keys to the last occurrence, as JSON.parse and the rules do.
 */
export function jsonRemoveEdit(document: Document, path: JSONPath): TextEdit | undefined {
  let container: Node | undefined = document.appJson?.root;
  let target: Node | undefined;
  for (let i = 0; i < path.length && container; i++) {
    const segment = path[i];
    const value: Node | undefined =
      typeof segment === 'number' ? (container.type === 'array' ? container.children?.[segment] : undefined) : jsonChild(container, segment);
    if (i === path.length - 1) target = value?.parent?.type === 'property' ? value.parent : value;
    else container = value;
  }
  const siblings = target?.parent?.children;
  if (!target || !siblings) return undefined;
  const index = siblings.indexOf(target);
  const previous = siblings[index - 1];
  const next = siblings[index + 1];
  const end = target.offset + target.length;
  if (previous) return { path: document.path, start: previous.offset + previous.length, end, newText: '' };
  if (next) return { path: document.path, start: target.offset, end: next.offset, newText: '' };
  // The only member: empty the container entirely, so no blank line is left behind.
  const parent = target.parent!;
  return { path: document.path, start: parent.offset + 1, end: parent.offset + parent.length - 1, newText: '' };
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
