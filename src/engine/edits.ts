/** Text-edit builders shared by fixes. */
import { applyEdits, findNodeAtLocation, format, type FormattingOptions, type JSONPath, modify, type Node } from 'jsonc-parser';
import type { Document } from './document';
import { jsonChild } from './sites';
import type { TextEdit } from './types';

/** Edits that set (or, with `undefined`, remove) a JSON value, keeping the file's own indentation. */
export function jsonModifyEdits(document: Document, path: JSONPath, value: unknown): TextEdit[] {
  const indent = /\n([ \t]+)"/.exec(document.text)?.[1] ?? '  ';
  const eol = document.text.includes('\r\n') ? '\r\n' : '\n';
  const formattingOptions: FormattingOptions = { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol };
  const replaced = replaceExistingValue(document, path, value, formattingOptions);
  if (replaced) return [replaced];
  return modify(document.text, path, value, { formattingOptions }).map((edit) => ({
    path: document.path,
    start: edit.offset,
    end: edit.offset + edit.length,
    newText: edit.content,
  }));
}

const isLineBreak = (text: string, offset: number) => text[offset] === '\n' || text[offset] === '\r';
const LINE_BREAK = /\r\n|\r|\n/;

/**
 * modify()'s result when `path` names a member that is already there, without its cost: modify() parses the whole
 * text again and copies it, once per fix, which made a large app.json quadratic (a 1 MB file with a few hundred
 * findings took seconds). For an existing member it replaces the value with its JSON and formats the lines the
 * new value is on; jsonc-parser's format() reads only those lines (and the text's first line break), so the same
 * is done here on those lines alone. Undefined (use modify()) when the file has syntax errors (the engine's tree
 * could then differ from the one modify() parses) or the member is missing.
 */
function replaceExistingValue(document: Document, path: JSONPath, value: unknown, options: FormattingOptions): TextEdit | undefined {
  const parsed = document.appJson;
  const last = path[path.length - 1];
  if (!parsed?.root || parsed.errors.length > 0 || value === undefined || typeof last !== 'string') return undefined;
  const parent = findNodeAtLocation(parsed.root, path.slice(0, -1));
  if (parent?.type !== 'object' || !Array.isArray(parent.children)) return undefined;
  const existing = findNodeAtLocation(parent, [last]);
  const content = JSON.stringify(value);
  if (!existing || existing.length === 0 || content.length === 0) return undefined;
  const text = document.text;
  const valueEnd = existing.offset + existing.length;
  let start = existing.offset;
  while (start > 0 && !isLineBreak(text, start - 1)) start--;
  let end = valueEnd;
  while (end < text.length && !isLineBreak(text, end)) end++;
  // format() takes the first line break of the text it formats (the new file), else options.eol. The new lines
  // have none (JSON.stringify writes none), so pass the new file's first one, which is outside the value.
  const eol = LINE_BREAK.exec(text.slice(0, existing.offset))?.[0] ?? LINE_BREAK.exec(text.slice(valueEnd))?.[0] ?? options.eol;
  // withFormatting() of jsonc-parser's impl/edit.js, on the lines [start, end) of the new text.
  const lines = text.slice(start, existing.offset) + content + text.slice(valueEnd, end);
  let newText = lines;
  let begin = existing.offset - start;
  let stop = begin + content.length;
  const formatting = format(newText, { offset: begin, length: stop - begin }, { ...options, eol, keepLines: false });
  for (let i = formatting.length - 1; i >= 0; i--) {
    const edit = formatting[i];
    newText = applyEdits(newText, [edit]);
    begin = Math.min(begin, edit.offset);
    stop = Math.max(stop, edit.offset + edit.length);
    stop += edit.content.length - edit.length;
  }
  const oldLength = end - start;
  const length = oldLength - (newText.length - stop) - begin;
  return { path: document.path, start: start + begin, end: start + begin + length, newText: newText.substring(begin, stop) };
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
