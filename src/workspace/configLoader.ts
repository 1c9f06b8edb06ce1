/**
 * Config files. Without `--config`, each app uses the nearest `.heroku-compliance.yml` at or above its
 * directory (whole, not merged; globs relative to the file's directory). The search for the first path's
 * config goes up to the top of its git work tree (or stays in that directory outside git), and the directory
 * of the config found becomes the base of the engine's paths, so that its globs and the baseline's paths
 * are relative to it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ComplianceConfig, CONFIG_FILE_NAME, EMPTY_CONFIG, parseConfig, RULE_IDS } from '../engine';
import { LIVE_RULE_IDS } from '../heroku/liveRegistry';
import { describeError } from './fsutil';

/** File rules and live rules share the config file's `rules`. */
export const KNOWN_RULE_IDS: ReadonlySet<string> = new Set([...RULE_IDS, ...LIVE_RULE_IDS]);

/** A problem in a config file, at a 1-based line (none when the file cannot be read). */
export interface ConfigFileProblem {
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

/** Reads and validates config files, collecting their problems. */
export class ConfigLoader {
  readonly fileProblems: ConfigFileProblem[] = [];
  /** Config files read, by absolute directory. */
  readonly byDir = new Map<string, ComplianceConfig>();

  constructor(private readonly display: (absolute: string) => string = (absolute) => absolute) {}

  /** The problems as `file:line: message` lines. */
  get problems(): string[] {
    return this.fileProblems.map((p) => `${this.display(p.file)}${p.line === undefined ? '' : `:${p.line}`}: ${p.message}`);
  }

  /** The config in `file`; EMPTY_CONFIG (with a problem recorded) when it cannot be read or is invalid. */
  load(file: string): ComplianceConfig {
    let text: string;
    try {
      const stat = fs.statSync(file);
      if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      this.fileProblems.push({ file, message: `cannot read the config file: ${describeError(e)}` });
      return EMPTY_CONFIG;
    }
    const { config, problems } = parseConfig(text, KNOWN_RULE_IDS);
    for (const p of problems) this.fileProblems.push({ file, line: p.line, message: p.message });
    return problems.length > 0 ? EMPTY_CONFIG : config;
  }

  /** Loads `dir/.heroku-compliance.yml` when it exists, and remembers it (a second call reads nothing). */
  loadDir(dir: string): ComplianceConfig | undefined {
    const known = this.byDir.get(dir);
    if (known) return known;
    const file = path.join(dir, CONFIG_FILE_NAME);
    if (!isFileOrLink(file)) return undefined;
    const config = this.load(file);
    this.byDir.set(dir, config);
    return config;
  }
}

/** The nearest directory at or above `start` that holds a config file, within `start`'s git work tree. */
export function findConfigDir(start: string): string | undefined {
  let dir = start;
  for (;;) {
    if (isFileOrLink(path.join(dir, CONFIG_FILE_NAME))) return dir;
    if (fs.existsSync(path.join(dir, '.git'))) return undefined; // the top of the work tree
    const parent = path.dirname(dir);
    if (parent === dir || !insideGitWorkTree(parent)) return undefined;
    dir = parent;
  }
}

const workTreeCache = new Map<string, boolean>();

function insideGitWorkTree(dir: string): boolean {
  let known = workTreeCache.get(dir);
  if (known === undefined) {
    const parent = path.dirname(dir);
    known = fs.existsSync(path.join(dir, '.git')) || (parent !== dir && insideGitWorkTree(parent));
    workTreeCache.set(dir, known);
  }
  return known;
}

function isFileOrLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isFile() || fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
