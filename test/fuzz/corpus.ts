/**
 * The fuzz corpus: every fixture case (test/fixtures/**) and every example app (examples/*), each a small
 * workspace of the files the engine lints plus its `.heroku-compliance.yml` files. Mutations start from these.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, fileKindOf, type FileKind, type ProfileSetting, type SourceFile } from '../../src/engine';
import { EXAMPLES_DIR, FIXTURES_DIR } from '../helpers/paths';

export interface Seed {
  /** Where it comes from, relative to the repo root. */
  readonly name: string;
  /** Its folder, for rules that ask whether a path exists. */
  readonly dir: string;
  readonly files: readonly SourceFile[];
  /** `.heroku-compliance.yml` texts by the directory that holds them (`''` for the case root). */
  readonly configs: ReadonlyMap<string, string>;
  readonly profile?: ProfileSetting;
}

/** A file the engine lints, or a config file (parsed by parseConfig). */
export type FuzzKind = FileKind | 'tfvars.json' | 'config';

const SKIP = new Set(['.golden', 'node_modules', '.git']);

function loadSeed(dir: string, name: string): Seed | undefined {
  const files: SourceFile[] = [];
  const configs = new Map<string, string>();
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (SKIP.has(entry.name)) continue;
      const rel = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else if (entry.name === CONFIG_FILE_NAME) configs.set(relative, fs.readFileSync(path.join(dir, rel), 'utf8'));
      else {
        const kind = fileKindOf(rel);
        if (kind) files.push({ path: rel, kind, text: fs.readFileSync(path.join(dir, rel), 'utf8') });
      }
    }
  };
  walk('');
  if (files.length === 0 && configs.size === 0) return undefined;
  const options = path.join(dir, '.fixture.json');
  const profile = fs.existsSync(options) ? (JSON.parse(fs.readFileSync(options, 'utf8')) as { profile?: ProfileSetting }).profile : undefined;
  return { name, dir, files, configs, ...(profile ? { profile } : {}) };
}

function subdirs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !SKIP.has(e.name))
    .map((e) => e.name)
    .sort();
}

let cached: Seed[] | undefined;

/** Every fixture case and example, in a stable order (seeds index into it, so replays need the same corpus). */
export function loadSeeds(): readonly Seed[] {
  if (cached) return cached;
  const seeds: Seed[] = [];
  const add = (dir: string, name: string) => {
    const seed = loadSeed(dir, name);
    if (seed) seeds.push(seed);
  };
  for (const group of subdirs(FIXTURES_DIR)) {
    const groupDir = path.join(FIXTURES_DIR, group);
    if (/^HRK-/.test(group)) {
      for (const side of ['valid', 'invalid']) for (const c of subdirs(path.join(groupDir, side))) add(path.join(groupDir, side, c), `test/fixtures/${group}/${side}/${c}`);
    } else {
      for (const c of subdirs(groupDir)) add(path.join(groupDir, c), `test/fixtures/${group}/${c}`);
    }
  }
  for (const app of subdirs(EXAMPLES_DIR)) add(path.join(EXAMPLES_DIR, app), `examples/${app}`);
  cached = seeds;
  return seeds;
}

/** The invalid fixture cases of one rule. */
export function invalidSeedsOf(ruleId: string): Seed[] {
  return loadSeeds().filter((seed) => seed.name.startsWith(`test/fixtures/${ruleId}/invalid/`));
}

export function fuzzKindOf(file: SourceFile): FuzzKind {
  return file.kind === 'tfvars' && file.path.endsWith('.tfvars.json') ? 'tfvars.json' : file.kind;
}

/** Every distinct text of one kind in the corpus, for the parser properties. */
export function textsOfKind(kind: FuzzKind): readonly string[] {
  const texts = new Set<string>();
  for (const seed of loadSeeds()) {
    if (kind === 'config') for (const text of seed.configs.values()) texts.add(text);
    else for (const file of seed.files) if (fuzzKindOf(file) === kind) texts.add(file.text);
  }
  return [...texts];
}

/** Every distinct line of the corpus: material for inserted lines (a crossover between files and kinds). */
export function corpusLines(): readonly string[] {
  const lines = new Set<string>();
  for (const seed of loadSeeds()) {
    for (const file of seed.files) for (const line of file.text.split(/\r?\n/)) lines.add(line);
    for (const text of seed.configs.values()) for (const line of text.split(/\r?\n/)) lines.add(line);
  }
  return [...lines].sort();
}
