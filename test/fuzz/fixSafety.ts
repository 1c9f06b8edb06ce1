/**
 * Fix safety: for every rule that offers a fix, documents where it fires (its invalid fixtures with irrelevant
 * parts changed: blank lines, comments, trailing whitespace, indentation, unrelated keys, order, line endings,
 * file order) are linted and fixed, and each fix must
 *  - apply in full and leave the text parsing (no new syntax error or syntax finding),
 *  - remove its finding, with no new finding of equal or higher severity anywhere in the app or module,
 *  - converge: once the rule's fixes are applied, a second lint offers none and a second fix-all changes nothing;
 *  - keep the file's line endings (no bare LF in a CRLF file);
 * and fix-all (safe and suggestion fixes of every rule, applied by applyFixes in passes) never takes
 * overlapping edits and leaves every file parsing, exactly as fixAll() does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { modify } from 'jsonc-parser';
import {
  applyEdits,
  applyFixes,
  type ComplianceConfig,
  type Finding,
  fixAll,
  lint,
  type LintRequest,
  parseConfig,
  parseHcl,
  PROFILES,
  RULE_IDS,
  RULES,
  severityRank,
  type SourceFile,
  type TextEdit,
} from '../../src/engine';
import { parseAppJson } from '../../src/engine/parsers/appJson';
import { parseHerokuYml } from '../../src/engine/parsers/herokuYml';
import { parseProcfile } from '../../src/engine/parsers/procfile';
import { parseTfvarsJson } from '../../src/engine/parsers/tfvarsJson';
import type { AnyRule } from '../../src/engine/rule';
import { fail, installRangeSpy, overlappingEdits, RangeChecker, takeRawRangeProblems, timed } from './checks';
import { fuzzKindOf, invalidSeedsOf, type Seed } from './corpus';
import type { FuzzProperty } from './properties';

/** A change that should not matter to any rule: the rule must still fire, and its fix must still be safe. */
export type IrrelevantChange =
  | { readonly op: 'blankLine'; readonly at: number }
  | { readonly op: 'comment'; readonly at: number }
  | { readonly op: 'trailingSpace'; readonly at: number; readonly spaces: number }
  | { readonly op: 'indent'; readonly at: number; readonly spaces: number }
  | { readonly op: 'unrelated'; readonly at: number; readonly variant: number }
  | { readonly op: 'reorder'; readonly by: number }
  | { readonly op: 'crlf' };

export interface FixInput {
  readonly seed: number;
  readonly changes: readonly { readonly file: number; readonly change: IrrelevantChange }[];
  /** Rotates the order of the files handed to the engine. */
  readonly rotate: number;
}

const changeArb: fc.Arbitrary<IrrelevantChange> = fc.oneof(
  fc.record({ op: fc.constant('blankLine' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('comment' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('trailingSpace' as const), at: fc.nat(), spaces: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('indent' as const), at: fc.nat(), spaces: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ op: fc.constant('unrelated' as const), at: fc.nat(), variant: fc.nat() }),
  fc.record({ op: fc.constant('reorder' as const), by: fc.integer({ min: 1, max: 1000 }) }),
  fc.constant({ op: 'crlf' as const }),
);

export const fixInputArb: fc.Arbitrary<FixInput> = fc.record({
  seed: fc.nat(),
  changes: fc.array(fc.record({ file: fc.nat(), change: changeArb }), { maxLength: 6 }),
  rotate: fc.nat(),
});

/** Lines with their breaks kept. */
function splitLines(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Inserts whole lines at a line boundary. */
function insertLines(text: string, at: number, lines: string): string {
  const all = splitLines(text);
  if (all.length > 0 && !/[\r\n]$/.test(all[all.length - 1])) all[all.length - 1] += eolOf(text);
  all.splice(at % (all.length + 1), 0, lines);
  return all.join('');
}

const COMMENT_PREFIX: Partial<Record<string, string>> = { terraform: '# ', tfvars: '# ', 'heroku.yml': '# ', procfile: '# ', dockerfile: '# ' };

/** Offsets where a top-level item (HCL block or attribute, YAML key) starts, and where the text ends. */
function topLevelCuts(file: SourceFile): number[] | undefined {
  const kind = fuzzKindOf(file);
  if (kind === 'terraform' || kind === 'tfvars') {
    const body = parseHcl(file.text).body;
    const items = [...body.blocks, ...body.attributes].sort((a, b) => a.start - b.start);
    // From the start of each item's line.
    return items.map((item) => file.text.lastIndexOf('\n', item.start - 1) + 1);
  }
  if (kind === 'heroku.yml') return [...file.text.matchAll(/^[A-Za-z_][\w-]*:/gm)].map((m) => m.index);
  return undefined;
}

function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [...items];
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/** Reorders the top-level items of a file (blocks, keys, Procfile lines), keeping everything else. */
function reorder(file: SourceFile, by: number): string {
  const { text } = file;
  const kind = fuzzKindOf(file);
  if (kind === 'app.json' || kind === 'tfvars.json') {
    const root = parseAppJson(text).root;
    const properties = root?.type === 'object' ? (root.children ?? []) : [];
    if (properties.length < 2) return text;
    const texts = rotate(
      properties.map((p) => text.slice(p.offset, p.offset + p.length)),
      by,
    );
    let out = text.slice(0, properties[0].offset);
    properties.forEach((p, i) => {
      out += texts[i];
      const next = properties[i + 1];
      out += text.slice(p.offset + p.length, next ? next.offset : text.length);
    });
    return out;
  }
  if (kind === 'procfile') {
    const lines = splitLines(text);
    if (lines.length > 0 && !/[\r\n]$/.test(lines[lines.length - 1])) lines[lines.length - 1] += eolOf(text);
    return rotate(lines, by).join('');
  }
  const cuts = topLevelCuts(file);
  if (!cuts || cuts.length < 2) return text;
  const chunks = cuts.map((start, i) => {
    const chunk = text.slice(start, cuts[i + 1] ?? text.length);
    return /[\r\n]$/.test(chunk) ? chunk : chunk + eolOf(text);
  });
  return text.slice(0, cuts[0]) + rotate(chunks, by).join('');
}

const UNRELATED_JSON: readonly [string, unknown][] = [
  ['description', 'An app changed by the fuzzer'],
  ['keywords', ['fuzz']],
  ['repository', 'https://example.com/fuzz'],
];

function unrelated(file: SourceFile, at: number, variant: number): string {
  const { text } = file;
  const eol = eolOf(text);
  switch (fuzzKindOf(file)) {
    case 'terraform': {
      const snippet = [
        `locals {${eol}  fuzz_unrelated_${variant % 100} = "value"${eol}}${eol}`,
        `variable "fuzz_unrelated_${variant % 100}" {${eol}  type    = string${eol}  default = "x"${eol}}${eol}`,
        `output "fuzz_unrelated_${variant % 100}" {${eol}  value = "x"${eol}}${eol}`,
      ][variant % 3];
      const cuts = [0, ...(topLevelCuts(file) ?? []), text.length];
      const cut = cuts[at % cuts.length];
      const before = text.slice(0, cut);
      return before + (before === '' || /[\r\n]$/.test(before) ? '' : eol) + snippet + text.slice(cut);
    }
    case 'tfvars': {
      const cuts = [0, ...(topLevelCuts(file) ?? []), text.length];
      const cut = cuts[at % cuts.length];
      const before = text.slice(0, cut);
      return `${before}${before === '' || /[\r\n]$/.test(before) ? '' : eol}fuzz_unrelated_${variant % 100} = "x"${eol}${text.slice(cut)}`;
    }
    case 'app.json':
    case 'tfvars.json': {
      const [key, value] = fuzzKindOf(file) === 'app.json' ? UNRELATED_JSON[variant % UNRELATED_JSON.length] : [`fuzz_unrelated_${variant % 100}`, 'x'];
      const root = parseAppJson(text).root;
      if (root?.type !== 'object' || (root.children ?? []).some((p) => p.children?.[0]?.value === key)) return text;
      const edits = modify(text, [key], value, { formattingOptions: { insertSpaces: true, tabSize: 2, eol } });
      return applyEdits(
        text,
        edits.map((e) => ({ path: file.path, start: e.offset, end: e.offset + e.length, newText: e.content })),
      ).text;
    }
    case 'procfile':
      return insertLines(text, at, `fuzzworker${variant % 100}: bundle exec sidekiq${eol}`);
    case 'dockerfile':
      return insertLines(text, at, `LABEL fuzz="${variant % 100}"${eol}`);
    default:
      return text;
  }
}

function applyChange(file: SourceFile, change: IrrelevantChange): string {
  const { text } = file;
  const kind = fuzzKindOf(file);
  switch (change.op) {
    case 'blankLine':
      return insertLines(text, change.at, eolOf(text));
    case 'comment': {
      const prefix = COMMENT_PREFIX[kind];
      return prefix ? insertLines(text, change.at, `${prefix}a comment the fuzzer added${eolOf(text)}`) : text;
    }
    case 'trailingSpace': {
      const lines = splitLines(text);
      if (lines.length === 0) return text;
      const i = change.at % lines.length;
      lines[i] = lines[i].replace(/(\r\n|\r|\n)?$/, (eol) => ' '.repeat(change.spaces) + eol);
      return lines.join('');
    }
    case 'indent': {
      // YAML's indentation is structure.
      if (kind === 'heroku.yml') return text;
      const lines = splitLines(text);
      if (lines.length === 0) return text;
      const i = change.at % lines.length;
      lines[i] = ' '.repeat(change.spaces) + lines[i];
      return lines.join('');
    }
    case 'unrelated':
      return unrelated(file, change.at, change.variant);
    case 'reorder':
      return reorder(file, change.by);
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
  }
}

/** Syntax errors of one file as its parser reports them (the Dockerfile reader accepts everything). */
export function syntaxErrorCount(file: SourceFile): number {
  switch (fuzzKindOf(file)) {
    case 'app.json':
      return parseAppJson(file.text).errors.length;
    case 'procfile': {
      const parsed = parseProcfile(file.text);
      return parsed.badLines.length + (parsed.binary ? 1 : 0);
    }
    case 'heroku.yml':
      return parseHerokuYml(file.text).errors.length;
    case 'terraform':
    case 'tfvars':
      return parseHcl(file.text).errors.length;
    case 'tfvars.json':
      return parseTfvarsJson(file.text).errors.length;
    default:
      return 0;
  }
}

/** The rules whose findings are syntax errors. */
const SYNTAX_RULES = new Set(['HRK-APPJSON-001', 'HRK-PROC-002', 'HRK-HYML-001', 'HRK-TF-000']);

export interface FixCase {
  readonly seed: Seed;
  readonly files: SourceFile[];
  readonly request: LintRequest;
}

/** The seed's files with the changes applied; a change that would add a syntax error is left out. */
export function buildFixCase(rule: AnyRule, input: FixInput, seeds: readonly Seed[]): FixCase {
  const seed = seeds[input.seed % seeds.length];
  const files = seed.files.map((f) => ({ path: f.path, kind: f.kind, text: f.text }));
  for (const { file, change } of input.changes) {
    if (files.length === 0) break;
    const i = file % files.length;
    const text = applyChange(files[i], change);
    if (text !== files[i].text && syntaxErrorCount({ ...files[i], text }) <= syntaxErrorCount(files[i])) files[i] = { ...files[i], text };
  }
  const rotated = files.length === 0 ? files : [...files.slice(input.rotate % files.length), ...files.slice(0, input.rotate % files.length)];
  const configs = new Map<string, ComplianceConfig>([...seed.configs].map(([dir, text]) => [dir, parseConfig(text, RULE_IDS).config]));
  const defaultProfile = PROFILES.find((p) => rule.meta.severity[p] !== null) ?? 'common';
  const fileExists = (relative: string) => rotated.some((f) => f.path === relative) || fs.existsSync(path.join(seed.dir, relative));
  const request: LintRequest = {
    files: rotated,
    configs,
    profile: seed.profile ?? defaultProfile,
    // Every enabled rule plus the one under test, so that "no new finding" is checked broadly.
    only: RULES.filter((r) => !r.meta.preview || r === rule).map((r) => r.meta.id),
    fileExists,
  };
  return { seed, files: rotated, request };
}

function withTexts(request: LintRequest, texts: ReadonlyMap<string, string>): LintRequest {
  return { ...request, files: request.files.map((f) => ({ path: f.path, kind: f.kind, text: texts.get(f.path) ?? f.text })) };
}

function lintChecked(request: LintRequest, what: string): Finding[] {
  const result = timed(what, () => lint(request));
  const problems = [...takeRawRangeProblems(), ...result.failures.map((f) => `rule ${f.ruleId} threw on ${f.path}: ${f.error}`)];
  const checker = new RangeChecker(new Map(request.files.map((f) => [f.path, f.text])));
  for (const finding of result.findings) problems.push(...checker.finding(finding));
  if (problems.length > 0) fail(`${what}: ${problems.slice(0, 10).join('\n')}`);
  return result.findings;
}

function countBy(findings: readonly Finding[], key: (f: Finding) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  return counts;
}

function describeFinding(f: Finding): string {
  return `${f.ruleId} ${f.severity} ${f.path}:${f.range.start.line}:${f.range.start.column} ${f.message}`;
}

/** Every file parses at least as well as before, and no syntax finding was added. */
function checkStillParses(request: LintRequest, before: readonly Finding[], texts: ReadonlyMap<string, string>, after: readonly Finding[], what: string): void {
  for (const file of request.files) {
    const next = texts.get(file.path) ?? file.text;
    if (next === file.text) continue;
    const was = syntaxErrorCount(file);
    const now = syntaxErrorCount({ ...file, text: next });
    if (now > was) fail(`${what}: ${file.path} no longer parses (${was} → ${now} syntax errors):\n${next.slice(0, 3000)}`);
  }
  const syntax = (f: Finding) => SYNTAX_RULES.has(f.ruleId);
  const wasSyntax = countBy(before.filter(syntax), (f) => `${f.ruleId} ${f.path}`);
  for (const [key, n] of countBy(after.filter(syntax), (f) => `${f.ruleId} ${f.path}`)) {
    if (n > (wasSyntax.get(key) ?? 0)) fail(`${what}: a new syntax finding ${key}: ${after.filter((f) => `${f.ruleId} ${f.path}` === key).map(describeFinding).join('; ')}`);
  }
}

/** Applies findings' fixes as applyFixes does, checking that the edits it takes never overlap and all apply. */
function applyChecked(texts: ReadonlyMap<string, string>, findings: readonly Finding[], what: string): { texts: Map<string, string>; applied: Finding[] } {
  const result = applyFixes(texts, findings, ['safe', 'suggestion']);
  const edits: TextEdit[] = result.applied.flatMap((f) => f.fix!.edits);
  const overlap = overlappingEdits(edits);
  if (overlap) fail(`${what}: applyFixes took overlapping edits: ${overlap}`);
  for (const [filePath, text] of texts) {
    const mine = edits.filter((e) => e.path === filePath);
    if (mine.length === 0) continue;
    const { text: next, skipped } = applyEdits(text, mine);
    if (skipped.length > 0) fail(`${what}: ${skipped.length} edit(s) of ${filePath} could not be applied`);
    if (next !== result.texts.get(filePath)) fail(`${what}: applyFixes gave another text than its edits`);
    // A file written with CRLF keeps them: no fix mixes in a bare LF.
    const bareLf = /(^|[^\r])\n/;
    if (text.includes('\r\n') && !bareLf.test(text) && bareLf.test(next)) fail(`${what}: put a bare LF into ${filePath}, whose lines end with CRLF`);
  }
  return result;
}

const MAX_PASSES = 10;

function firesWithFix(rule: AnyRule, seed: Seed): boolean {
  const { request } = buildFixCase(rule, { seed: 0, changes: [], rotate: 0 }, [seed]);
  return lint(request).findings.some((f) => f.ruleId === rule.meta.id && f.fix);
}

/** One fixable rule on its invalid fixtures, changed where it should not matter. */
export function fixSafetyProperty(rule: AnyRule): FuzzProperty<FixInput> & { readonly fired: () => number } {
  installRangeSpy();
  const id = rule.meta.id;
  // The invalid fixtures where the rule offers its fix (some of a rule's findings have none).
  const seeds = invalidSeedsOf(id).filter((seed) => buildFixCase(rule, { seed: 0, changes: [], rotate: 0 }, [seed]).request.files.length > 0 && firesWithFix(rule, seed));
  let fired = 0;
  return {
    name: `fix safety ${id}`,
    arbitrary: fixInputArb,
    fired: () => fired,
    check(input) {
      if (seeds.length === 0) fail(`${id} has no invalid fixture where it offers its fix`);
      const { request } = buildFixCase(rule, input, seeds);
      const texts = new Map(request.files.map((f) => [f.path, f.text]));
      const before = lintChecked(request, 'lint');
      const targets = before.filter((f) => f.ruleId === id && f.fix);
      if (targets.length === 0) return;
      fired++;
      const beforeByKey = countBy(before, (f) => `${f.ruleId} ${f.path}`);
      const beforeBySeverity = countBy(before, (f) => `${f.ruleId} ${f.path} ${f.severity}`);

      // Each fix on its own (a few per case keep the suite fast).
      for (const target of targets.slice(0, 3)) {
        const what = `fix "${target.fix!.title}" of ${describeFinding(target)}`;
        const { texts: fixed, applied } = applyChecked(texts, [target], what);
        if (applied.length !== 1) fail(`${what}: could not be applied`);
        const after = lintChecked(withTexts(request, fixed), `lint after ${what}`);
        checkStillParses(request, before, fixed, after, what);
        const key = `${target.ruleId} ${target.path}`;
        const left = after.filter((f) => `${f.ruleId} ${f.path}` === key).length;
        if (left >= (beforeByKey.get(key) ?? 0)) fail(`${what}: the finding is still there (${left} of the rule in ${target.path})`);
        for (const [k, n] of countBy(
          after.filter((f) => severityRank(f.severity) >= severityRank(target.severity)),
          (f) => `${f.ruleId} ${f.path} ${f.severity}`,
        )) {
          const allowed = (beforeBySeverity.get(k) ?? 0) - (k === `${key} ${target.severity}` ? 1 : 0);
          if (n > allowed) fail(`${what}: a new finding as severe: ${after.filter((f) => `${f.ruleId} ${f.path} ${f.severity}` === k).map(describeFinding).join('; ')}`);
        }
        // The same fix must not be offered again.
        const again = after.find((f) => f.ruleId === id && f.fix && JSON.stringify(f.fix) === JSON.stringify(target.fix));
        if (again) fail(`${what}: offered again after it was applied`);
      }

      // The rule's fixes converge: after them a lint offers none, and fixing again changes nothing.
      const onlyRule = (f: Finding) => f.ruleId === id;
      const once = timed('fixAll', () => fixAll(request, ['safe', 'suggestion'], MAX_PASSES, onlyRule));
      const converged = lintChecked({ ...request, files: once.files }, 'lint after fixing the rule');
      const still = converged.filter((f) => f.ruleId === id && f.fix);
      if (still.length > 0) fail(`${id}: fixes do not converge in ${MAX_PASSES} passes; still offered: ${still.map(describeFinding).join('; ')}`);
      const twice = timed('fixAll', () => fixAll({ ...request, files: once.files }, ['safe', 'suggestion'], MAX_PASSES, onlyRule));
      if (twice.applied.length > 0) fail(`${id}: fixing twice changed the files again`);

      // Fix-all over every rule: no overlapping edits, every file still parses, as fixAll() does it.
      let current: Map<string, string> = texts;
      let currentFindings = before;
      for (let pass = 0; pass < MAX_PASSES; pass++) {
        const { texts: next, applied } = applyChecked(current, currentFindings, `fix-all pass ${pass + 1}`);
        if (applied.length === 0) break;
        const after = lintChecked(withTexts(request, next), `lint after fix-all pass ${pass + 1}`);
        checkStillParses(withTexts(request, current), currentFindings, next, after, `fix-all pass ${pass + 1}`);
        current = next;
        currentFindings = after;
      }
      const all = timed('fixAll', () => fixAll(request, ['safe', 'suggestion'], MAX_PASSES));
      for (const file of all.files) {
        if (file.text !== current.get(file.path)) fail(`fixAll() and applyFixes in passes disagree on ${file.path}`);
      }
    },
  };
}

export function fixableRules(): AnyRule[] {
  return RULES.filter((rule) => rule.meta.fix !== 'none');
}
