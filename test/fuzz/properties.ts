/**
 * The fuzz properties over every parser and the whole engine, shared by the bounded unit suite
 * (test/unit/fuzz/) and the long campaign (`npm run fuzz`, test/fuzz/campaign.ts).
 */
import * as fc from 'fast-check';
import {
  type ComplianceConfig,
  HclDocumentParser,
  lint,
  type LintRequest,
  parseConfig,
  parseHcl,
  type ProfileSetting,
  RULE_IDS,
  type SourceFile,
} from '../../src/engine';
import { parseAppJson } from '../../src/engine/parsers/appJson';
import { parseDockerfile } from '../../src/engine/parsers/dockerfile';
import { parseHerokuYml } from '../../src/engine/parsers/herokuYml';
import { parseProcfile } from '../../src/engine/parsers/procfile';
import { parseTfvarsJson } from '../../src/engine/parsers/tfvarsJson';
import { checkLintResult, deterministic, fail, installRangeSpy, stableJson, timed } from './checks';
import { type FuzzKind, loadSeeds, type Seed, textsOfKind } from './corpus';
import { applyMutations, type Limits, type Mutation, mutationsArb } from './mutations';
import { hclEditOf } from '../helpers/hclEdit';

export interface FuzzProperty<T> {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  /** Throws (a PropertyFailure, normally) when the property does not hold. */
  check(input: T): void;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFuzzProperty = FuzzProperty<any>;

/** Offset-like fields of the parsers' models. */
const OFFSET_KEYS = new Set([
  'start',
  'end',
  'offset',
  'valueStart',
  'openBraceEnd',
  'closeBraceStart',
  'keyStart',
  'keyEnd',
  'commandStart',
  'commandEnd',
  'lineStart',
  'lineEnd',
]);

/** Every offset of a parser's model lies in `[0, length]`, every span has start <= end, and jsonc nodes end in the text. */
export function checkModelOffsets(model: unknown, length: number, what: string): void {
  const problems: string[] = [];
  const seen = new WeakSet<object>();
  // An explicit stack: a model of thousands of nested arrays must not overflow the checker's own call stack.
  const pending: [unknown, string][] = [[model, what]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    // Binary scalars (`!!binary`) are Buffers, whose `offset` is into Node's pool.
    if (value === null || typeof value !== 'object' || seen.has(value) || ArrayBuffer.isView(value)) continue;
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const [key, v] of Object.entries(record)) {
      if (key === 'parent') continue;
      if (typeof v === 'number' && OFFSET_KEYS.has(key) && (!Number.isInteger(v) || v < 0 || v > length)) problems.push(`${path}.${key} = ${v} outside [0, ${length}]`);
      else if (typeof v === 'object') pending.push([v, `${path}.${key}`]);
    }
    if (typeof record.start === 'number' && typeof record.end === 'number' && record.end < record.start) problems.push(`${path}: end ${record.end} < start ${record.start}`);
    if (typeof record.offset === 'number' && typeof record.length === 'number' && record.offset + record.length > length) {
      problems.push(`${path}: node [${record.offset}, +${record.length}) past the end ${length}`);
    }
  }
  if (problems.length > 0) fail(problems.slice(0, 20).join('\n'));
}

/** A text of one kind: a corpus text under mutations, or (one time in ten) random text. */
export interface TextInput {
  readonly source: number;
  readonly mutations: readonly Mutation[];
  readonly random?: string;
}

export function textOf(kind: FuzzKind, input: TextInput): string {
  if (input.random !== undefined) return input.random;
  const texts = textsOfKind(kind);
  return applyMutations(texts[input.source % texts.length] ?? '', input.mutations);
}

function textInputArb(limits: Limits): fc.Arbitrary<TextInput> {
  return fc.oneof(
    { weight: 9, arbitrary: fc.record({ source: fc.nat(), mutations: mutationsArb(limits) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        source: fc.constant(0),
        mutations: fc.constant([]),
        random: fc.oneof(fc.string({ unit: 'binary', maxLength: 400 }), fc.string({ unit: 'grapheme-ascii', maxLength: 400 })),
      }),
    },
  );
}

/** One parser: the parse, and what of its result must be deterministic and in range. */
interface ParserUnderTest {
  readonly kind: FuzzKind;
  parse(text: string): unknown;
  /** The model whose offsets are checked (default: the whole result). */
  readonly model?: (result: unknown) => unknown;
}

const PARSERS: readonly ParserUnderTest[] = [
  { kind: 'app.json', parse: parseAppJson },
  { kind: 'procfile', parse: parseProcfile },
  {
    kind: 'heroku.yml',
    parse: parseHerokuYml,
    // The yaml Document holds its schema and options; its errors and node tree are what the engine reads.
    model: (r) => {
      const parsed = r as ReturnType<typeof parseHerokuYml>;
      return { errors: parsed.errors, contents: parsed.document.contents };
    },
  },
  { kind: 'dockerfile', parse: parseDockerfile },
  { kind: 'terraform', parse: parseHcl },
  { kind: 'tfvars', parse: parseHcl },
  { kind: 'tfvars.json', parse: parseTfvarsJson },
  { kind: 'config', parse: (text) => parseConfig(text, RULE_IDS) },
];

const PARSER_NAMES: Record<FuzzKind, string> = {
  'app.json': 'app.json parser',
  procfile: 'Procfile parser',
  'heroku.yml': 'heroku.yml parser',
  dockerfile: 'Dockerfile parser',
  terraform: 'Terraform .tf parser',
  tfvars: 'Terraform .tfvars parser',
  'tfvars.json': '.tfvars.json parser',
  config: '.heroku-compliance.yml parser',
};

function parserProperty(parser: ParserUnderTest, limits: Limits): FuzzProperty<TextInput> {
  const name = PARSER_NAMES[parser.kind];
  return {
    name,
    arbitrary: textInputArb(limits),
    check(input) {
      const text = textOf(parser.kind, input);
      const model = (r: unknown) => (parser.model ? parser.model(r) : r);
      const result = deterministic(name, () => parser.parse(text), text.length, model);
      if (parser.kind === 'config') {
        const lines = text.split(/\r\n|\r|\n/).length;
        for (const problem of (result as ReturnType<typeof parseConfig>).problems) {
          if (!Number.isInteger(problem.line) || problem.line < 1 || problem.line > lines) fail(`config problem on line ${problem.line} of ${lines}: ${problem.message}`);
        }
      } else checkModelOffsets(model(result), text.length, name);
    },
  };
}

/** The editor's path: an incremental re-parse after an edit gives the model of a full parse. */
function incrementalHclProperty(limits: Limits): FuzzProperty<TextInput> {
  return {
    name: 'Terraform incremental re-parse',
    arbitrary: fc.record({ source: fc.nat(), mutations: mutationsArb(limits) }),
    check(input) {
      const before = textsOfKind('terraform')[input.source % textsOfKind('terraform').length];
      const after = textOf('terraform', input);
      let start = 0;
      while (start < before.length && start < after.length && before[start] === after[start]) start++;
      let tail = 0;
      while (tail < before.length - start && tail < after.length - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
      const edit = hclEditOf(before, start, before.length - tail, after.slice(start, after.length - tail));
      const parser = timed('HclDocumentParser', () => new HclDocumentParser());
      try {
        timed('HclDocumentParser.parse', () => parser.parse(before), before.length);
        const incremental = timed('HclDocumentParser.update', () => parser.update([edit], after), after.length);
        const full = timed('parseHcl', () => parseHcl(after), after.length);
        // A parse that ran out of its read budget differs by design: the incremental one reads less.
        const gaveUp = (file: typeof full) => file.errors.some((e) => e.message.startsWith('The Terraform parser gave up'));
        if (gaveUp(incremental) || gaveUp(full)) return;
        // A broken text is re-parsed by region in an open document, keeping the items a whole-file recovery may
        // fold into the error: the two must agree that it is broken, and are equal when it is not.
        if (full.errors.length > 0 || incremental.errors.length > 0) {
          if (full.errors.length === 0 || incremental.errors.length === 0) fail(`only the ${full.errors.length > 0 ? 'full' : 'incremental'} parse reports an error after replacing [${edit.startIndex}, ${edit.oldEndIndex}) by ${JSON.stringify(after.slice(start, after.length - tail)).slice(0, 200)}`);
          checkModelOffsets(incremental, after.length, 'incremental');
          return;
        }
        const a = stableJson(incremental);
        const b = stableJson(full);
        if (a !== b) fail(`incremental and full parses differ after replacing [${edit.startIndex}, ${edit.oldEndIndex}) by ${JSON.stringify(after.slice(start, after.length - tail)).slice(0, 200)}`);
      } finally {
        parser.dispose();
      }
    },
  };
}

/** One generated app or module: a corpus seed with some of its files (and configs) mutated. */
export interface AppInput {
  readonly seed: number;
  readonly edits: readonly { readonly file: number; readonly mutations: readonly Mutation[] }[];
  readonly configEdits: readonly Mutation[];
  readonly profile?: ProfileSetting;
  /** Run every rule, preview ones included. */
  readonly allRules: boolean;
  /** Rotates the order of the files handed to the engine. */
  readonly rotate: number;
}

export function appInputArb(limits: Limits): fc.Arbitrary<AppInput> {
  return fc.record(
    {
      seed: fc.nat(),
      edits: fc.array(fc.record({ file: fc.nat(), mutations: mutationsArb(limits) }), { minLength: 1, maxLength: 3 }),
      configEdits: fc.oneof(fc.constant([]), mutationsArb(limits)),
      profile: fc.constantFrom<ProfileSetting>('auto', 'common', 'private', 'shield'),
      allRules: fc.boolean(),
      rotate: fc.nat(),
    },
    { requiredKeys: ['seed', 'edits', 'configEdits', 'allRules', 'rotate'] },
  );
}

export interface BuiltApp {
  readonly seed: Seed;
  readonly files: SourceFile[];
  readonly request: LintRequest;
}

/** The lint request for an app input, with the files and configs mutated. */
export function buildApp(input: AppInput, seeds: readonly Seed[] = loadSeeds()): BuiltApp {
  const seed = seeds[input.seed % seeds.length];
  const texts = seed.files.map((f) => f.text);
  for (const edit of input.edits) {
    if (texts.length === 0) break;
    const i = edit.file % texts.length;
    texts[i] = applyMutations(texts[i], edit.mutations);
  }
  const files = seed.files.map((f, i) => ({ path: f.path, kind: f.kind, text: texts[i] }));
  const rotated = files.length === 0 ? files : [...files.slice(input.rotate % files.length), ...files.slice(0, input.rotate % files.length)];
  const configs = new Map<string, ComplianceConfig>();
  let first = true;
  for (const [dir, text] of seed.configs) {
    const mutated = first ? applyMutations(text, input.configEdits) : text;
    first = false;
    configs.set(dir, timed('parseConfig', () => parseConfig(mutated, RULE_IDS), mutated.length).config);
  }
  const request: LintRequest = {
    files: rotated,
    configs,
    ...(input.profile ? { profile: input.profile } : {}),
    ...(input.allRules ? { only: [...RULE_IDS] } : {}),
  };
  return { seed, files: rotated, request };
}

function engineProperty(limits: Limits): FuzzProperty<AppInput> {
  return {
    name: 'engine lint',
    arbitrary: appInputArb(limits),
    check(input) {
      const { files, request } = buildApp(input);
      const texts = new Map(files.map((f) => [f.path, f.text]));
      const chars = files.reduce((sum, f) => sum + f.text.length, 0);
      const result = deterministic('lint', () => lint(request), chars);
      checkLintResult(result, texts);
    },
  };
}

/** Runs of these, inserted into a line, are what quadratic scans and regexes choke on. */
export const RUN_UNITS = [' ', '\t', 'a', 'A', '"', "'", '\\', '$', '${', '$(', '#', '=', '-', '--x ', '&&', '|', ';', '`', '(', '{', '[', '%', '/', ':', '@', '.', ',', '*', '<%', '{{', 'x=y ', 'http://', 'sk_live_', 'e\u0301', '\u{1F600}'];

export interface ScalingInput {
  readonly seed: number;
  readonly file: number;
  readonly line: number;
  readonly unit: string;
}

/**
 * Linear time, measured: lint (or the config parse) with a run of one unit 8 times longer may take at most
 * 25 times as long, plus 250 ms for noise. A quadratic scan takes 64 times as long. Timing-based, so it runs in
 * the campaign only; the bugs it finds get fixed-size regression tests.
 */
function scalingProperty(): FuzzProperty<ScalingInput> {
  const SHORT = 4_000;
  const LONG = 32_000;
  return {
    name: 'engine linear time',
    arbitrary: fc.record({ seed: fc.nat(), file: fc.nat(), line: fc.nat(), unit: fc.constantFrom(...RUN_UNITS) }),
    check(input) {
      const seeds = loadSeeds();
      const seed = seeds[input.seed % seeds.length];
      const targets = [...seed.files.map((f) => f.path), ...[...seed.configs.keys()].map((dir) => `config:${dir}`)];
      if (targets.length === 0) return;
      const target = targets[input.file % targets.length];
      const withRun = (length: number) => {
        const run = input.unit.repeat(Math.ceil(length / input.unit.length));
        const insert = (text: string) => {
          const lines = text.split('\n');
          const i = input.line % lines.length;
          const cut = Math.floor(lines[i].length / 2);
          lines[i] = lines[i].slice(0, cut) + run + lines[i].slice(cut);
          return lines.join('\n');
        };
        const files = seed.files.map((f) => (f.path === target ? { ...f, text: insert(f.text) } : f));
        const configTexts = [...seed.configs].map(([dir, text]) => [dir, `config:${dir}` === target ? insert(text) : text] as const);
        return () => {
          const configs = new Map(configTexts.map(([dir, text]) => [dir, parseConfig(text, RULE_IDS).config]));
          lint({ files, configs, only: [...RULE_IDS] });
        };
      };
      const best = (fn: () => void) => Math.min(...[0, 1].map(() => timedMs(fn)));
      const short = best(withRun(SHORT));
      const long = best(withRun(LONG));
      if (long > 25 * short + 250) fail(`a run of ${JSON.stringify(input.unit)} in ${seed.name}/${target}: ${Math.round(short)} ms at ${SHORT} characters, ${Math.round(long)} ms at ${LONG} (more than linear)`);
    },
  };
}

function timedMs(fn: () => void): number {
  const started = performance.now();
  timed('lint', fn, 40_000);
  return performance.now() - started;
}

/** Every parser property, the incremental Terraform re-parse, and the whole engine. */
export function fuzzProperties(limits: Limits): AnyFuzzProperty[] {
  installRangeSpy();
  return [...PARSERS.map((p) => parserProperty(p, limits)), incrementalHclProperty(limits), engineProperty(limits)];
}

/** The campaign's extra, timing-based property. */
export function campaignOnlyProperties(): AnyFuzzProperty[] {
  return [scalingProperty()];
}
