/**
 * The parsers recurse once per nesting level, so an adversarial file with thousands of brackets would overflow
 * the stack. Real manifests nest a handful of levels; anything past this limit is refused with a clear error.
 */
export const MAX_NESTING = 256;

/**
 * The offset of the first `[` or `{` that opens level MAX_NESTING + 1, or undefined. `quotes` lists the
 * string delimiters to skip (JSON: `"`, with backslash escapes, ending at a line break at the latest).
 */
export function tooDeepAt(text: string, quotes: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      // A line break ends an unterminated string, as jsonc-parser's scanner does; otherwise the brackets after
      // it would be hidden from this count but still parsed.
      else if (ch === quote || ch === '\n' || ch === '\r') quote = undefined;
    } else if (quotes.includes(ch)) {
      quote = ch;
    } else if (ch === '[' || ch === '{') {
      if (++depth > MAX_NESTING) return i;
    } else if (ch === ']' || ch === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/**
 * For YAML: the offset where nesting passes MAX_NESTING, counting flow brackets (as tooDeepAt does) and block
 * levels: the indentation levels open at a line plus the compact indicators that start it (`- - - x`, `? - x`).
 * yaml recurses once per level, and near the end of the stack V8 can abort the whole process instead of throwing
 * (a regular expression compiled there fails as out of memory), so deep documents are refused before parsing.
 */
export function tooDeepYamlAt(text: string): number | undefined {
  const flow = tooDeepAt(text, '');
  if (flow !== undefined) return flow;
  let depth = 0;
  let maxFlow = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x5b || ch === 0x7b) maxFlow = Math.max(maxFlow, ++depth);
    else if (ch === 0x5d || ch === 0x7d) depth = Math.max(0, depth - 1);
  }
  const indents: number[] = [];
  const blank = (i: number, end: number) => i === end || text[i] === ' ' || text[i] === '\t';
  for (let lineStart = 0; lineStart < text.length; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    let i = lineStart;
    while (i < lineEnd && text[i] === ' ') i++;
    const indent = i - lineStart;
    if (i < lineEnd && text[i] !== '#' && text[i] !== '\r') {
      while (indents.length > 0 && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      let compact = 0;
      while (i < lineEnd && (text[i] === '-' || text[i] === '?' || text[i] === ':') && blank(i + 1, lineEnd)) {
        compact++;
        i++;
        while (i < lineEnd && (text[i] === ' ' || text[i] === '\t')) i++;
      }
      if (indents.length + compact + maxFlow > MAX_NESTING) return lineStart + indent;
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

export const TOO_DEEP_MESSAGE = `Nesting deeper than ${MAX_NESTING} levels; the file is not analysed further`;

/** Whether an error is a stack overflow from deep recursion. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

/**
 * Whether yaml caught a stack overflow itself and reported it as a document error: the place it names is wherever
 * the stack ran out, which differs between calls, so such a document is refused as a whole.
 */
export function hasStackOverflowError(errors: readonly { readonly message: string }[]): boolean {
  return errors.some((error) => /maximum call stack/i.test(error.message));
}
