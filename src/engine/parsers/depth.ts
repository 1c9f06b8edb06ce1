/**
 * The parsers recurse once per nesting level, so an adversarial file with thousands of brackets would overflow
 * the stack. Real manifests nest a handful of levels; anything past this limit is refused with a clear error.
 */
export const MAX_NESTING = 256;

/**
 * The offset of the first `[` or `{` that opens level MAX_NESTING + 1, or undefined. `quotes` lists the
 * string delimiters to skip (JSON: `"`, with backslash escapes).
 */
export function tooDeepAt(text: string, quotes: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
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

export const TOO_DEEP_MESSAGE = `Nesting deeper than ${MAX_NESTING} levels; the file is not analysed further`;

/** Whether an error is a stack overflow from deep recursion. */
export function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}
