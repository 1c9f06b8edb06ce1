/** Text edits on HCL that keep the file's layout: used by the TF rules' fixes. */
import type { Document } from '../document';
import type { TextEdit } from '../types';
import type { HclAttribute, HclBlock, Span } from './hcl';

/** The indentation of the line that contains `offset`. */
export function indentAt(document: Document, offset: number): string {
  const line = document.lines.position(offset).line;
  return /^[ \t]*/.exec(document.lines.lineText(line))?.[0] ?? '';
}

/** The indentation one level inside a block: its first attribute's, else the block's own plus two spaces. */
export function innerIndent(document: Document, block: HclBlock): string {
  const first = [...block.body.attributes, ...block.body.blocks].sort((a, b) => a.start - b.start)[0];
  if (first && document.lines.position(first.start).line !== document.lines.position(block.start).line) return indentAt(document, first.start);
  return `${indentAt(document, block.start)}  `;
}

function eolOf(document: Document): string {
  return document.eol;
}

/**
 * Inserts `line` (e.g. `sensitive = true`) as the last line of a block's body, indented like its other
 * attributes. A one-line block `x {}` or `x { a = 1 }` is expanded onto several lines. Undefined when the
 * block has no closing brace (a syntax error: the fix would not be safe).
 */
export function insertInBlockEdit(document: Document, block: HclBlock, line: string): TextEdit | undefined {
  if (block.closeBraceStart === undefined || block.openBraceEnd === undefined) return undefined;
  const eol = eolOf(document);
  const inner = innerIndent(document, block);
  const outer = indentAt(document, block.start);
  const closeLine = document.lines.position(block.closeBraceStart).line;
  const openLine = document.lines.position(block.openBraceEnd).line;
  if (closeLine === openLine) {
    // `x { a = 1 }` → multi-line body keeping the existing content.
    const content = document.text.slice(block.openBraceEnd, block.closeBraceStart).trim();
    const body = content === '' ? `${inner}${line}` : `${inner}${content}${eol}${inner}${line}`;
    return { path: document.path, start: block.openBraceEnd, end: block.closeBraceStart, newText: `${eol}${body}${eol}${outer}` };
  }
  const insertAt = document.lines.lineStart(closeLine);
  const beforeBrace = document.text.slice(insertAt, block.closeBraceStart);
  if (beforeBrace.trim() !== '') {
    // Content shares the line with `}`: put the new line before the brace.
    return { path: document.path, start: block.closeBraceStart, end: block.closeBraceStart, newText: `${eol}${inner}${line}${eol}${outer}` };
  }
  return { path: document.path, start: insertAt, end: insertAt, newText: `${inner}${line}${eol}` };
}

/** Replaces the value expression of an attribute. */
export function replaceValueEdit(document: Document, attribute: HclAttribute, newText: string): TextEdit {
  return { path: document.path, start: attribute.value.start, end: attribute.value.end, newText };
}

/** Replaces any span. */
export function replaceSpanEdit(document: Document, span: Span, newText: string): TextEdit {
  return { path: document.path, start: span.start, end: span.end, newText };
}

/**
 * Deletes the whole lines of an attribute (or nested block) when it stands on lines of its own, else just
 * its text. Comments on the same lines go with it.
 */
export function deleteLinesEdit(document: Document, span: Span): TextEdit {
  const first = document.lines.position(span.start).line;
  const last = document.lines.position(span.end).line;
  const lineStart = document.lines.lineStart(first);
  const lineEnd = document.lines.lineEnd(last);
  const alone = document.text.slice(lineStart, span.start).trim() === '' && /^\s*((#|\/\/).*)?$/.test(document.text.slice(span.end, lineEnd));
  if (!alone) return { path: document.path, start: span.start, end: span.end, newText: '' };
  const end = last < document.lines.lineCount ? document.lines.lineStart(last + 1) : document.text.length;
  return { path: document.path, start: lineStart, end, newText: '' };
}

/**
 * `name = value` padded like the block's last attribute, as `terraform fmt` aligns the `=` of consecutive
 * attributes (`sensitive   = true` under `description = "…"`).
 */
export function alignedAttribute(document: Document, block: HclBlock, name: string, value: string): string {
  const last = [...block.body.attributes, ...block.body.blocks].sort((a, b) => b.start - a.start)[0];
  if (!last || !('name' in last)) return `${name} = ${value}`;
  const line = document.lines.position(last.start).line;
  if (line === document.lines.position(block.start).line) return `${name} = ${value}`;
  const match = /^\s*([^\s=]+)(\s*)=/.exec(document.lines.lineText(line));
  const width = match ? match[1].length + match[2].length - 1 : 0;
  return `${name.padEnd(width)} = ${value}`;
}

/** `STRIPE_SECRET_KEY` → `stripe_secret_key`: a Terraform variable name for a config var. */
export function variableNameFor(text: string): string {
  const name = text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(name) ? name : `v_${name}`;
}

/**
 * The edit that declares `variable "<name>" { type = string  sensitive = true }`: inserted at `offset` (after a
 * block, or the end of the file), with a blank line before it.
 */
export function sensitiveVariableEdit(document: Document, offset: number, name: string): TextEdit {
  const eol = document.eol;
  const atEnd = offset >= document.text.length;
  const lead = atEnd ? (document.text === '' ? '' : document.text.endsWith('\n') ? eol : `${eol}${eol}`) : `${eol}${eol}`;
  const block = [`variable "${name}" {`, '  type      = string', '  sensitive = true', '}'].join(eol);
  return { path: document.path, start: offset, end: offset, newText: `${lead}${block}${atEnd ? eol : ''}` };
}
