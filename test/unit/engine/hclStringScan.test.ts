import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rng } from '../../../bench/gen';
import { lineEndOf, QuotedLineScanner } from '../../../src/engine/parsers/hclStringScan';

/** The per-string scans QuotedLineScanner replaces: a regex over the rest of the line, for each string start. */
function invalidEscapeByRegex(text: string, from: number): { at: number; text: string } | undefined {
  const match = /\\(?![nrt"\\]|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})./u.exec(text.slice(from, lineEndOf(text, from)));
  return match ? { at: from + match.index, text: match[0] } : undefined;
}

function closingQuoteByRegex(text: string, from: number): boolean {
  return /(^|[^\\])(\\\\)*"/.test(text.slice(from, lineEndOf(text, from)));
}

const PIECES = ['"', '\\', '\\\\', '\\"', '\\n', '\\q', '\\u00e9', '\\u00', '\\U0001F600', 'a', ' ', '\n', '\r\n', '\r', '${', '😀', '\\😀'];

describe('QuotedLineScanner', () => {
  it('answers as the regex over the rest of the line does, for every offset of 2,000 random texts', () => {
    const random = rng(20261129);
    for (let n = 0; n < 2000; n++) {
      let text = '';
      const length = Math.floor(random() * 30);
      for (let i = 0; i < length; i++) text += PIECES[Math.floor(random() * PIECES.length)];
      const scanner = new QuotedLineScanner(text);
      // Offsets in any order: the scanner's per-line memo must not depend on the order of the questions.
      const offsets = [...Array(text.length + 1).keys()].sort(() => random() - 0.5);
      for (const from of offsets) {
        assert.deepEqual(scanner.firstInvalidEscape(from), invalidEscapeByRegex(text, from), `escape from ${from} in ${JSON.stringify(text)}`);
        assert.equal(scanner.hasClosingQuote(from), closingQuoteByRegex(text, from), `quote from ${from} in ${JSON.stringify(text)}`);
      }
    }
  });

  it('answers each string start of a 200,000-quote line without rescanning the line', () => {
    const text = `x = 1\n${'"'.repeat(200_000)}\n`;
    const scanner = new QuotedLineScanner(text);
    const started = performance.now();
    for (let from = 6; from < text.length; from += 2) scanner.hasClosingQuote(from);
    // Rescanning the line per start (the regexes above) takes minutes here.
    assert.ok(performance.now() - started < 3000);
  });
});
