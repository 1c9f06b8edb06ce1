/**
 * What a syntax error inside a quoted string needs to know about the rest of its line: the first invalid escape,
 * and whether a closing quote follows. A broken line can hold thousands of string starts (`"""…"`), so each line
 * is scanned once and every string start on it is answered by a binary search, not by rescanning the line.
 */

import { countBefore } from '../sorted';

const INVALID_ESCAPE = /\\(?![nrt"\\]|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})./gu;

/** The facts of one line, `[start, end)`; every offset in them lies there. */
interface LineFacts {
  /** Offsets and texts of the invalid escapes (each `\` tests on its own, so scanning from any offset finds a subset). */
  readonly escapeAt: number[];
  readonly escapeText: string[];
  /** Offsets of the `"` on the line, and how many backslashes run right before each. */
  readonly quoteAt: number[];
  readonly backslashesBefore: number[];
  /** evenQuoteFrom[i]: some quote at index ≥ i has an even run of backslashes before it (it closes a string). */
  readonly evenQuoteFrom: boolean[];
}

export class QuotedLineScanner {
  private readonly lines = new Map<number, LineFacts>();
  private newlines: number[] | undefined;

  constructor(private readonly text: string) {}

  /** The first invalid escape sequence between `from` and the end of its line. */
  firstInvalidEscape(from: number): { readonly at: number; readonly text: string } | undefined {
    const facts = this.factsAt(from);
    const i = countBefore(facts.escapeAt, identity, from);
    return i < facts.escapeAt.length ? { at: facts.escapeAt[i], text: facts.escapeText[i] } : undefined;
  }

  /** Whether an unescaped `"` lies between `from` and the end of its line (backslashes before `from` do not count). */
  hasClosingQuote(from: number): boolean {
    const facts = this.factsAt(from);
    const i = countBefore(facts.quoteAt, identity, from);
    if (i >= facts.quoteAt.length) return false;
    // Only the first quote's run of backslashes can reach back past `from`; the later ones stop at a quote.
    if (Math.min(facts.backslashesBefore[i], facts.quoteAt[i] - from) % 2 === 0) return true;
    return i + 1 < facts.quoteAt.length && facts.evenQuoteFrom[i + 1];
  }

  private factsAt(offset: number): LineFacts {
    // Searching back for the line break would itself rescan the line for every string start on it.
    this.newlines ??= newlinesOf(this.text);
    const before = countBefore(this.newlines, identity, offset) - 1;
    const start = before >= 0 ? this.newlines[before] + 1 : 0;
    let facts = this.lines.get(start);
    if (!facts) {
      facts = scanLine(this.text, start, lineEndOf(this.text, start));
      this.lines.set(start, facts);
    }
    return facts;
  }
}

function scanLine(text: string, start: number, end: number): LineFacts {
  const line = text.slice(start, end);
  const escapeAt: number[] = [];
  const escapeText: string[] = [];
  for (const match of line.matchAll(INVALID_ESCAPE)) {
    escapeAt.push(start + match.index);
    escapeText.push(match[0]);
  }
  const quoteAt: number[] = [];
  const backslashesBefore: number[] = [];
  let run = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === 34) {
      quoteAt.push(start + i);
      backslashesBefore.push(run);
    }
    run = code === 92 ? run + 1 : 0;
  }
  const evenQuoteFrom = new Array<boolean>(quoteAt.length);
  for (let i = quoteAt.length - 1; i >= 0; i--) evenQuoteFrom[i] = backslashesBefore[i] % 2 === 0 || (i + 1 < quoteAt.length && evenQuoteFrom[i + 1]);
  return { escapeAt, escapeText, quoteAt, backslashesBefore, evenQuoteFrom };
}

const identity = (offset: number) => offset;

function newlinesOf(text: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) offsets.push(at);
  return offsets;
}

/** The end of the line holding `at`, before a `\r\n` (as the converter's messages count it). */
export function lineEndOf(text: string, at: number): number {
  const n = text.indexOf('\n', at);
  const end = n === -1 ? text.length : n;
  return end > at && text.charCodeAt(end - 1) === 13 ? end - 1 : Math.max(end, at);
}
