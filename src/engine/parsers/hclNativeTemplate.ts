/**
 * Template literals for the native HCL parser (hclNative.ts): decoding quoted and heredoc literal text, `<<-`
 * indentation and `~` strip markers, and assembling the template parts. Each step mirrors what hclConvert.ts
 * does for the tree-sitter path, so that both parsers build the same model.
 */
import type { HclExpression, HclTemplatePart } from '../terraform/hcl';

/** A stretch of template content: literal text (`part` undefined) or an interpolation/directive part. */
export interface TemplateSegment {
  readonly start: number;
  readonly end: number;
  /** Literal text after decoding (empty for a part). */
  value: string;
  readonly part: HclTemplatePart | undefined;
  /** `${~`: trims the literal before. */
  readonly stripLeft: boolean;
  /** `~}`: trims the literal after. */
  readonly stripRight: boolean;
}

export function literalSegment(start: number, end: number, value: string): TemplateSegment {
  return { start, end, value, part: undefined, stripLeft: false, stripRight: false };
}

export function partSegment(part: HclTemplatePart, stripLeft: boolean, stripRight: boolean): TemplateSegment {
  return { start: part.start, end: part.end, value: '', part, stripLeft, stripRight };
}

/**
 * Decodes the escapes of a quoted-string literal (the caller has checked they are valid), as hclConvert's
 * decodeQuoted does: `\n \r \t \" \\ \uXXXX \UXXXXXXXX`, `$${` and `%%{`.
 */
export function decodeQuotedLiteral(raw: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 92 /* \ */) {
      out += raw.slice(from, i);
      const n = raw.charCodeAt(i + 1);
      if (n === 110) out += '\n';
      else if (n === 114) out += '\r';
      else if (n === 116) out += '\t';
      else if (n === 34) out += '"';
      else if (n === 92) out += '\\';
      else {
        const len = n === 117 /* u */ ? 4 : 8;
        const code = parseInt(raw.slice(i + 2, i + 2 + len), 16);
        out += code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
        i += len;
      }
      i++;
      from = i + 1;
    } else if ((c === 36 || c === 37) && raw.charCodeAt(i + 1) === c && raw.charCodeAt(i + 2) === 123) {
      out += raw.slice(from, i) + (c === 36 ? '${' : '%{');
      i += 2;
      from = i + 1;
    }
  }
  return out + raw.slice(from);
}

/** Heredoc literal text: only `$${` and `%%{` are escapes. */
export function decodeHeredocLiteral(raw: string): string {
  return raw.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/**
 * `<<-` heredocs: removes from every line the smallest count of leading whitespace among the lines that start
 * with literal text (blank lines excepted; a line that starts with a part counts as 0). Edits the segments'
 * values in place; returns whether anything was removed.
 */
export function flushHeredocSegments(segments: readonly TemplateSegment[]): boolean {
  let min = Number.MAX_SAFE_INTEGER;
  let atLineStart = true;
  let lineStarts = 0;
  for (const s of segments) {
    if (s.part) {
      if (atLineStart) min = 0;
      atLineStart = false;
      continue;
    }
    const value = s.value;
    let offset = 0;
    while (offset < value.length) {
      const nl = value.indexOf('\n', offset);
      const lineEnd = nl === -1 ? value.length : nl + 1;
      if (atLineStart) {
        const line = value.slice(offset, lineEnd);
        const trimmed = line.trimStart();
        if (!(trimmed === '' && line.endsWith('\n'))) {
          lineStarts++;
          min = Math.min(min, line.length - trimmed.length);
        }
      }
      atLineStart = nl !== -1;
      offset = lineEnd;
    }
  }
  if (min === 0 || min === Number.MAX_SAFE_INTEGER || lineStarts === 0) return false;
  // Second pass with the same walk: cut `min` characters at each counted line start.
  atLineStart = true;
  for (const s of segments) {
    if (s.part) {
      atLineStart = false;
      continue;
    }
    const value = s.value;
    let out = '';
    let from = 0;
    let offset = 0;
    while (offset < value.length) {
      const nl = value.indexOf('\n', offset);
      const lineEnd = nl === -1 ? value.length : nl + 1;
      if (atLineStart) {
        const line = value.slice(offset, lineEnd);
        const trimmed = line.trimStart();
        if (!(trimmed === '' && line.endsWith('\n'))) {
          out += value.slice(from, offset);
          from = offset + min;
        }
      }
      atLineStart = nl !== -1;
      offset = lineEnd;
    }
    if (from > 0) s.value = out + value.slice(from);
  }
  return true;
}

/**
 * The expression for a quoted string or heredoc: a `string` when it has no part, else a `template` whose
 * literal parts are trimmed by the strip markers around them (empty literals dropped).
 */
export function templateExpression(segments: TemplateSegment[], start: number, end: number, heredoc: boolean, valueStart: number | undefined): HclExpression {
  let hasPart = false;
  for (const s of segments) if (s.part) hasPart = true;
  if (!hasPart) {
    let value = '';
    for (const s of segments) value += s.value;
    return valueStart === undefined ? { kind: 'string', start, end, value } : { kind: 'string', start, end, value, valueStart };
  }
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (!s.part) continue;
    const before = segments[i - 1];
    const after = segments[i + 1];
    if (s.stripLeft && before && !before.part) before.value = before.value.trimEnd();
    if (s.stripRight && after && !after.part) after.value = after.value.trimStart();
  }
  const parts: HclTemplatePart[] = [];
  for (const s of segments) {
    if (s.part) parts.push(s.part);
    else if (s.value) parts.push({ kind: 'literal', start: s.start, end: s.end, text: s.value });
  }
  return { kind: 'template', start, end, parts, heredoc };
}
