/**
 * Mutations of a file's text, as plain data (so that fast-check can print, shrink and replay them) applied by
 * one deterministic function. Positions are naturals taken modulo the text's length or line count.
 */
import * as fc from 'fast-check';
import { corpusLines } from './corpus';

export type Mutation =
  | { readonly op: 'deleteLines'; readonly at: number; readonly count: number }
  | { readonly op: 'insertLine'; readonly at: number; readonly line: string }
  | { readonly op: 'duplicateLines'; readonly at: number; readonly count: number }
  | { readonly op: 'swapLines'; readonly a: number; readonly b: number }
  | { readonly op: 'truncate'; readonly at: number }
  | { readonly op: 'insertText'; readonly at: number; readonly text: string }
  /** Raw bytes spliced into the UTF-8 encoding, then decoded as the CLI decodes files (invalid UTF-8 becomes U+FFFD). */
  | { readonly op: 'bytes'; readonly at: number; readonly bytes: readonly number[] }
  | { readonly op: 'bom' }
  | { readonly op: 'lineEndings'; readonly eol: '\r\n' | '\r' }
  | { readonly op: 'longLine'; readonly at: number; readonly unit: string; readonly length: number }
  | { readonly op: 'nest'; readonly at: number; readonly open: string; readonly close: string; readonly depth: number; readonly closed: boolean }
  | { readonly op: 'number'; readonly nth: number; readonly value: string }
  | { readonly op: 'replaceToken'; readonly nth: number; readonly value: string };

/** How big the generated inputs may get: the bounded unit suite keeps them small, the campaign does not. */
export interface Limits {
  readonly maxMutations: number;
  readonly longLine: number;
  readonly nesting: number;
}

export const UNIT_LIMITS: Limits = { maxMutations: 4, longLine: 20_000, nesting: 600 };
export const CAMPAIGN_LIMITS: Limits = { maxMutations: 8, longLine: 400_000, nesting: 5_000 };

/** Characters that break naive offset arithmetic: astral, combining, bidi, case folds that change length, line separators. */
export const UNICODE = [
  '\u{1F600}',
  '\u{1F469}\u200D\u{1F4BB}',
  'e\u0301',
  '\u0301',
  '\u202E',
  '\u200F',
  '\u2066',
  'שלום',
  'مرحبا',
  '\u{10FFFF}',
  '\u{1D518}\u{1D52B}',
  '\uFEFF',
  '\u00A0',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u000B',
  '\u000C',
  '\u0000',
  '\uD800',
  '\uDC00',
  '\uFFFD',
  '\u0130',
  'ß',
  'ﬁ',
  'ＡＰＩ＿ＫＥＹ',
  'ǅ',
];

export const HUGE_NUMBERS = [
  '1e999',
  '-1e999',
  '1e-999',
  '9'.repeat(400),
  `0.${'0'.repeat(400)}1`,
  '12345678901234567890',
  '-9007199254740993',
  `0x${'f'.repeat(40)}`,
  '-0',
  'NaN',
  'Infinity',
  '1_000',
  '0001',
  '1.',
  '.5',
  '1e',
  '4294967296',
];

/** Tokens of every syntax the engine reads, and words that the rules look for. */
export const TOKENS = [
  '{', '}', '[', ']', '(', ')', '"', "'", '`', ':', '=', ',', ';', '\\', '#', '//', '/*', '*/', '${', '%{', '}}', '~}',
  '<<EOF', '<<-EOT', 'EOF', 'EOT', '=>', '...', '?', '&anchor', '*anchor', '!!binary', '|', '>-', '- ', '---', '\t', ' ',
  '\n', '\r', '\r\n', '', 'null', 'true', 'false', '0', '-1', 'resource', 'data', 'variable', 'output', 'locals', 'module',
  'provider', 'dynamic', 'for_each', 'count', 'each.key', 'each.value', 'count.index', 'var.x', 'local.x', 'self',
  'heroku_app', 'heroku_space', 'heroku_config', 'heroku_app_config_association', 'heroku_drain', 'sensitive',
  'sensitive_vars', 'api_key', 'shield', 'sk_live_0123456789abcdefABCDEF', 'AKIAIOSFODNN7EXAMPLE',
  'postgres://user:pass@host/db', 'https://', 'http://', 'web', 'worker', 'release', 'CMD', 'ENTRYPOINT', 'FROM',
  'build', 'run', 'setup', 'config', 'docker', 'env', 'addons', 'formation', 'buildpacks', 'stack', 'environments',
  'heroku-ignore', '# heroku-ignore HRK-SEC-001: fuzz', 'for x in var.y : x => x', '[for x in y : x]', 'try(', 'tolist(',
];

export const OPENERS: readonly (readonly [string, string])[] = [
  ['[', ']'],
  ['{', '}'],
  ['(', ')'],
  ['${', '}'],
  ['[{"a":', '}]'],
  ['{ a = ', '}'],
  ['tolist(', ')'],
  ['- ', ''],
  ['  ', ''],
  ['a:\n', ''],
];

function lineArb(): fc.Arbitrary<string> {
  const lines = corpusLines();
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...lines) },
    { weight: 2, arbitrary: fc.array(fc.constantFrom(...TOKENS), { maxLength: 6 }).map((t) => t.join(' ')) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  );
}

function textArb(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...TOKENS),
    fc.constantFrom(...UNICODE),
    fc.constantFrom(...HUGE_NUMBERS),
    fc.string({ unit: 'grapheme-ascii', maxLength: 20 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
  );
}

/** Byte runs that are not valid UTF-8 (lone continuation, truncated sequences, surrogates, overlong, > U+10FFFF), and plain noise. */
const INVALID_UTF8: readonly (readonly number[])[] = [[0xff], [0xfe], [0x80], [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf4, 0x90, 0x80, 0x80], [0xc3, 0x28]];

/** Mostly moderate sizes (fast cases), sometimes up to the limit. */
function sizeArb(min: number, limit: number, moderate: number): fc.Arbitrary<number> {
  return fc.oneof({ weight: 4, arbitrary: fc.integer({ min, max: Math.min(moderate, limit) }) }, { weight: 1, arbitrary: fc.integer({ min, max: limit }) });
}

export function mutationArb(limits: Limits): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  return fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('deleteLines' as const), at, count: fc.integer({ min: 1, max: 5 }) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('insertLine' as const), at, line: lineArb() }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('duplicateLines' as const), at, count: fc.integer({ min: 1, max: 4 }) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('swapLines' as const), a: at, b: at }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), at }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('insertText' as const), at, text: textArb() }) },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('bytes' as const),
        at,
        bytes: fc.oneof(fc.constantFrom(...INVALID_UTF8), fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 })),
      }),
    },
    { weight: 1, arbitrary: fc.constant({ op: 'bom' as const }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('lineEndings' as const), eol: fc.constantFrom('\r\n' as const, '\r' as const) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('longLine' as const),
        at,
        unit: fc.constantFrom('a', ' ', '"', '\\', '${', '#', '\u{1F600}', 'e\u0301', 'x=', ':', '-', '\t'),
        length: sizeArb(1000, limits.longLine, 20_000),
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ at, pair: fc.constantFrom(...OPENERS), depth: sizeArb(2, limits.nesting, 400), closed: fc.boolean() })
        .map(({ at: position, pair, depth, closed }) => ({ op: 'nest' as const, at: position, open: pair[0], close: pair[1], depth, closed })),
    },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('number' as const), nth: at, value: fc.constantFrom(...HUGE_NUMBERS) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('replaceToken' as const), nth: at, value: textArb() }) },
  );
}

export function mutationsArb(limits: Limits): fc.Arbitrary<Mutation[]> {
  return fc.array(mutationArb(limits), { minLength: 1, maxLength: limits.maxMutations });
}

/** Lines with their breaks kept, so that joining them gives the text back. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

const TOKEN = /[A-Za-z_][\w.-]*|\d+|[^\sA-Za-z\d_]/g;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

function nthMatch(text: string, pattern: RegExp, nth: number): { index: number; 0: string } | undefined {
  const matches = [...text.matchAll(pattern)];
  const match = matches.length === 0 ? undefined : matches[nth % matches.length];
  return match ? { index: match.index ?? 0, 0: match[0] } : undefined;
}

/** Applies one mutation; deterministic. */
export function applyMutation(text: string, m: Mutation): string {
  switch (m.op) {
    case 'deleteLines': {
      const lines = splitLines(text);
      if (lines.length === 0) return text;
      const at = m.at % lines.length;
      lines.splice(at, m.count);
      return lines.join('');
    }
    case 'insertLine': {
      const lines = splitLines(text);
      lines.splice(m.at % (lines.length + 1), 0, `${m.line}\n`);
      return lines.join('');
    }
    case 'duplicateLines': {
      const lines = splitLines(text);
      if (lines.length === 0) return text;
      const at = m.at % lines.length;
      const copy = lines.slice(at, at + m.count);
      if (copy.length > 0 && !/[\r\n]$/.test(copy[copy.length - 1])) copy[copy.length - 1] += '\n';
      lines.splice(at, 0, ...copy);
      return lines.join('');
    }
    case 'swapLines': {
      const lines = splitLines(text);
      if (lines.length < 2) return text;
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('');
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'insertText': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'bytes': {
      const bytes = Buffer.from(text, 'utf8');
      const at = m.at % (bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]).toString('utf8');
    }
    case 'bom':
      return `\uFEFF${text}`;
    case 'lineEndings':
      return text.replace(/\r\n|\r|\n/g, m.eol);
    case 'longLine': {
      const lines = splitLines(text);
      const at = m.at % (lines.length + 1);
      const run = m.unit.repeat(Math.ceil(m.length / m.unit.length));
      // Half the time inside an existing line (a long value), otherwise a line of its own.
      if (lines.length > 0 && m.at % 2 === 0) {
        const line = lines[at % lines.length];
        const cut = Math.floor(line.replace(/[\r\n]+$/, '').length / 2);
        lines[at % lines.length] = line.slice(0, cut) + run + line.slice(cut);
      } else lines.splice(at, 0, `${run}\n`);
      return lines.join('');
    }
    case 'nest': {
      const at = m.at % (text.length + 1);
      const inner = m.open.repeat(m.depth);
      const middle = m.closed ? `${inner}1${m.close.repeat(m.depth)}` : inner;
      // Indentation-based nesting grows per level, like a YAML document nested that deep.
      // (at most 1,000 levels: the text grows with the square of the depth)
      const indented = m.open === '  ' ? Array.from({ length: Math.min(m.depth, 1000) }, (_, i) => `${' '.repeat(i * 2)}k${i}:\n`).join('') : middle;
      return text.slice(0, at) + indented + text.slice(at);
    }
    case 'number': {
      const match = nthMatch(text, NUMBER, m.nth);
      if (!match) return text;
      return text.slice(0, match.index) + m.value + text.slice(match.index + match[0].length);
    }
    case 'replaceToken': {
      const match = nthMatch(text, TOKEN, m.nth);
      if (!match) return text + m.value;
      return text.slice(0, match.index) + m.value + text.slice(match.index + match[0].length);
    }
  }
}

export function applyMutations(text: string, mutations: readonly Mutation[]): string {
  return mutations.reduce(applyMutation, text);
}
