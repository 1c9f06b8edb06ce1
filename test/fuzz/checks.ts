/**
 * What every fuzz property checks: no exception, a time bound per call, ranges inside their document with
 * consistent line/column, and the same answer twice.
 */
import { type Finding, type LintResult, LineIndex, type Range, RULE_IDS, SEVERITIES, type TextEdit } from '../../src/engine';

/**
 * The time bound for one call (one parse, or one lint of one generated app) on one generated input: 5 s plus 40 ms
 * per 1,000 characters. A typical call takes about a millisecond; the slowest linear cases seen take 12-15 µs a
 * character (tree-sitter on a 400,000-character line of `${` or of junk). So the bound holds on a loaded machine,
 * while quadratic blow-ups (minutes on the 400,000-character inputs of the campaign) and hangs fail it.
 * FUZZ_TIME_BOUND_MS overrides the 5 s.
 */
export const TIME_BOUND_MS = Number(process.env.FUZZ_TIME_BOUND_MS ?? 5000);

export function timeBoundFor(chars: number): number {
  return TIME_BOUND_MS + chars / 25;
}

export class PropertyFailure extends Error {}

export function fail(message: string): never {
  throw new PropertyFailure(message);
}

/** Runs `fn` on an input of `chars` characters, failing the property when it throws or takes longer than the bound. */
export function timed<T>(what: string, fn: () => T, chars = 0): T {
  const started = performance.now();
  let value: T;
  try {
    value = fn();
  } catch (error) {
    if (error instanceof PropertyFailure) throw error;
    fail(`${what} threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  const elapsed = performance.now() - started;
  const bound = timeBoundFor(chars);
  if (elapsed > bound) fail(`${what} took ${Math.round(elapsed)} ms on ${chars} characters (bound ${Math.round(bound)} ms)`);
  return value;
}

/**
 * A serialisation of a parser's model or a lint result: own enumerable fields only (never toJSON(), which for a
 * yaml node converts the whole subtree again at every level), without the `parent` links of jsonc-parser nodes,
 * each object written once (a second visit, cyclic or shared, writes `#seen`).
 */
export function stableJson(value: unknown): string {
  const seen = new WeakSet<object>();
  const parts: string[] = [];
  // Depth-first with an explicit stack, so that thousands of nested arrays cannot overflow the call stack.
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const v = pending.pop();
    if (v instanceof Punctuation) parts.push(v.text);
    else if (v === null || v === undefined) parts.push(String(v));
    else if (typeof v === 'number') parts.push(Number.isFinite(v) ? String(v) : `#${String(v)}`);
    else if (typeof v === 'string') parts.push(JSON.stringify(v));
    else if (typeof v === 'boolean' || typeof v === 'bigint') parts.push(String(v));
    else if (typeof v === 'function' || typeof v === 'symbol') parts.push('#fn');
    else if (seen.has(v)) parts.push('#seen');
    else {
      seen.add(v);
      const entries: [string, unknown][] = v instanceof Map ? [...(v as Map<unknown, unknown>)].map(([k, x]) => [String(k), x]) : Object.entries(v);
      parts.push(Array.isArray(v) ? '[' : '{');
      const inOrder: unknown[] = [];
      for (const [k, x] of entries) {
        if (k === 'parent' || x === undefined) continue;
        if (!Array.isArray(v)) inOrder.push(new Punctuation(`${JSON.stringify(k)}:`));
        inOrder.push(x, new Punctuation(','));
      }
      inOrder.push(new Punctuation(Array.isArray(v) ? ']' : '}'));
      for (let i = inOrder.length - 1; i >= 0; i--) pending.push(inOrder[i]);
    }
  }
  return parts.join('');
}

/** Text that stableJson writes as is (a key, a comma, a closing bracket). */
class Punctuation {
  constructor(readonly text: string) {}
}

/** Calls `fn` twice and fails unless both answers serialise identically. */
export function deterministic<T>(what: string, fn: () => T, chars: number, summarize: (value: T) => unknown = (v) => v): T {
  const first = timed(what, fn, chars);
  const second = timed(`${what} (again)`, fn, chars);
  const a = stableJson(summarize(first));
  const b = stableJson(summarize(second));
  if (a !== b) fail(`${what} is not deterministic:\n${a.slice(0, 2000)}\n!==\n${b.slice(0, 2000)}`);
  return first;
}

/**
 * Line starts computed independently of LineIndex (a regex over the line breaks that LineIndex counts:
 * `\r\n`, `\r`, `\n`), for checking each position's line and column.
 */
class Lines {
  readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (const match of text.matchAll(/\r\n|\r|\n/g)) this.starts.push(match.index + match[0].length);
  }
  expected(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low] + 1 };
  }
}

function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** Checks findings against the texts they were computed from; returns the problems found. */
export class RangeChecker {
  private readonly lines = new Map<string, Lines>();

  constructor(private readonly texts: ReadonlyMap<string, string>) {}

  private linesOf(path: string): Lines | undefined {
    let lines = this.lines.get(path);
    if (!lines) {
      const text = this.texts.get(path);
      if (text === undefined) return undefined;
      this.lines.set(path, (lines = new Lines(text)));
    }
    return lines;
  }

  range(what: string, path: string, range: Range): string[] {
    const lines = this.linesOf(path);
    if (!lines) return [`${what}: path ${path} is not one of the linted files`];
    const problems: string[] = [];
    const length = lines.text.length;
    for (const [name, position] of [['start', range.start], ['end', range.end]] as const) {
      const { offset, line, column } = position;
      if (!Number.isInteger(offset) || offset < 0 || offset > length) {
        problems.push(`${what}: ${name} offset ${offset} outside [0, ${length}]`);
        continue;
      }
      const expected = lines.expected(offset);
      if (line !== expected.line || column !== expected.column) {
        problems.push(`${what}: ${name} offset ${offset} is ${expected.line}:${expected.column}, the finding says ${line}:${column}`);
      }
      if (splitsSurrogatePair(lines.text, offset)) problems.push(`${what}: ${name} offset ${offset} splits a surrogate pair`);
    }
    if (range.end.offset < range.start.offset) problems.push(`${what}: end ${range.end.offset} before start ${range.start.offset}`);
    return problems;
  }

  edits(what: string, edits: readonly TextEdit[]): string[] {
    const problems: string[] = [];
    for (const edit of edits) {
      const text = this.texts.get(edit.path);
      if (text === undefined) problems.push(`${what}: edit of ${edit.path}, which is not one of the linted files`);
      else if (!Number.isInteger(edit.start) || !Number.isInteger(edit.end) || edit.start < 0 || edit.end < edit.start || edit.end > text.length) {
        problems.push(`${what}: edit [${edit.start}, ${edit.end}) outside [0, ${text.length}] of ${edit.path}`);
      } else if (splitsSurrogatePair(text, edit.start) || splitsSurrogatePair(text, edit.end)) {
        problems.push(`${what}: edit [${edit.start}, ${edit.end}) splits a surrogate pair in ${edit.path}`);
      }
      if (typeof edit.newText !== 'string') problems.push(`${what}: edit without newText`);
    }
    const overlap = overlappingEdits(edits);
    if (overlap) problems.push(`${what}: its own edits overlap: ${overlap}`);
    return problems;
  }

  finding(finding: Finding): string[] {
    const what = `${finding.ruleId} at ${finding.path}:${finding.range.start.line}:${finding.range.start.column}`;
    const problems = this.range(what, finding.path, finding.range);
    finding.related.forEach((r, i) => problems.push(...this.range(`${what} related[${i}]`, r.path, r.range)));
    if (finding.fix) problems.push(...this.edits(`${what} fix`, finding.fix.edits));
    if (!RULE_IDS.has(finding.ruleId)) problems.push(`${what}: unknown rule`);
    if (!SEVERITIES.includes(finding.severity)) problems.push(`${what}: severity ${String(finding.severity)}`);
    if (typeof finding.message !== 'string' || finding.message.trim() === '') problems.push(`${what}: empty message`);
    return problems;
  }
}

/** Two edits of one file overlap, or replace the same empty range (two insertions whose order is undefined). */
export function overlappingEdits(edits: readonly TextEdit[]): string | undefined {
  const byPath = new Map<string, TextEdit[]>();
  for (const edit of edits) byPath.set(edit.path, [...(byPath.get(edit.path) ?? []), edit]);
  for (const [path, list] of byPath) {
    const sorted = [...list].sort((a, b) => a.start - b.start || a.end - b.end);
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1];
      const b = sorted[i];
      if (b.start < a.end || (a.start === b.start && a.end === b.end)) return `${path} [${a.start}, ${a.end}) and [${b.start}, ${b.end})`;
    }
  }
  return undefined;
}

/**
 * LineIndex clamps offsets, so a detection outside its document would still give an in-range finding. The spy
 * records every range() call whose raw offsets are out of range or inverted (only lint() calls range()).
 */
const rawRangeProblems: string[] = [];
let spyInstalled = false;

export function installRangeSpy(): void {
  if (spyInstalled) return;
  spyInstalled = true;
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const original = LineIndex.prototype.range;
  LineIndex.prototype.range = function (this: LineIndex, start: number, end: number): Range {
    const length = (this as unknown as { text: string }).text.length;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > length) {
      rawRangeProblems.push(`a rule reported [${start}, ${end}) in a text of length ${length}`);
    }
    return original.call(this, start, end);
  };
}

export function takeRawRangeProblems(): string[] {
  return rawRangeProblems.splice(0);
}

/** Every check on one lint result; fails the property with all problems found. */
export function checkLintResult(result: LintResult, texts: ReadonlyMap<string, string>): void {
  const problems: string[] = [...takeRawRangeProblems()];
  for (const failure of result.failures) problems.push(`rule ${failure.ruleId} threw on ${failure.path}: ${failure.error}`);
  const checker = new RangeChecker(texts);
  for (const finding of result.findings) problems.push(...checker.finding(finding));
  if (problems.length > 0) fail(problems.slice(0, 20).join('\n'));
}
