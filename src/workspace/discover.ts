/**
 * Finding the files to lint: a recursive walk that honours .gitignore files and config `ignore` globs,
 * picks up nested config files, skips `node_modules` and `.git`, follows each directory symlink once (by
 * real path, so loops end), and warns about entries it cannot use instead of failing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ComplianceConfig, CONFIG_FILE_NAME, fileKindOf, type FileKind, matchesAnyGlob } from '../engine';
import type { ConfigLoader } from './configLoader';
import { describeError, relativePath, toSlashes } from './fsutil';
import { type IgnoreFile, isIgnored, parseGitignore } from './gitignore';

export interface Candidate {
  /** Path relative to the base with `/` separators: the engine's path. */
  readonly path: string;
  readonly absolute: string;
  readonly kind: FileKind;
  /**
   * A sibling of a file named on the command line, read only so that the named file is linted with its app or
   * Terraform module (profile, tfvars, references); its own findings are not reported and it is never fixed.
   */
  readonly context?: boolean;
}

/** The config that governs a directory and the directory its globs are relative to. */
interface ConfigScope {
  readonly dir: string;
  readonly config: ComplianceConfig;
}

export interface DiscoverOptions {
  /** Absolute base directory: engine paths are relative to it. */
  readonly base: string;
  /** Absolute paths named on the command line (files or directories). */
  readonly inputs: readonly string[];
  /** The config of the base directory (or `--config`). */
  readonly config: ComplianceConfig;
  /** Loads nested config files; absent with `--config`, which applies to everything. */
  readonly nestedConfigs?: ConfigLoader;
  readonly warn: (message: string) => void;
  /** Formats an absolute path for messages. */
  readonly display: (absolute: string) => string;
}

const SKIPPED_DIRS = new Set(['.git', 'node_modules']);

interface Frame {
  readonly dir: string;
  /** The real path, derived from the parent's for ordinary directories, resolved for symlinks. */
  readonly real?: string;
  readonly ignores: readonly IgnoreFile[];
  readonly scope: ConfigScope;
}

export function discover(options: DiscoverOptions): Candidate[] {
  const { base, warn, display, nestedConfigs } = options;
  const found = new Map<string, Candidate>();
  const visited = new Set<string>();
  const baseScope: ConfigScope = { dir: base, config: options.config };
  /** `rel` is `absolute`'s engine path when the caller knows it already (the walk builds it per directory). */
  const add = (absolute: string, kind: FileKind, context = false, rel = relativePath(base, absolute)) => {
    const existing = found.get(rel);
    if (!existing || (existing.context && !context)) found.set(rel, { path: rel, absolute, kind, ...(context ? { context } : {}) });
  };
  /** The config that governs a directory: the nearest one at or above it, up to the base. */
  const scopeOf = (dir: string): ConfigScope => {
    for (let d = dir; nestedConfigs && (d === base || d.startsWith(base + path.sep)); d = path.dirname(d)) {
      const config = nestedConfigs.loadDir(d);
      if (config) return { dir: d, config };
      if (d === base) break;
    }
    return baseScope;
  };
  const addSiblings = (file: string) => {
    const dir = path.dirname(file);
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // The named file itself is still checked; its context is only a help.
    }
    for (const entry of entries) {
      const sibling = path.join(dir, entry.name);
      const kind = entry.isFile() ? fileKindOf(toSlashes(sibling)) : undefined;
      if (kind && sibling !== file) add(sibling, kind, true);
    }
  };
  const configIgnored = (scope: ConfigScope, absolute: string, isDirectory: boolean): boolean => {
    const ignore = scope.config.ignore;
    if (ignore.length === 0) return false;
    const rel = relativePath(scope.dir, absolute);
    return matchesAnyGlob(rel, ignore) || (isDirectory && matchesAnyGlob(`${rel}/`, ignore));
  };

  for (const input of options.inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch (error) {
      warn(`cannot read ${display(input)}: ${describeError(error)}`);
      continue;
    }
    if (!stat.isDirectory()) {
      // A file named on the command line is checked even if .gitignore lists it.
      const kind = fileKindOf(toSlashes(input));
      const scope = kind ? scopeOf(path.dirname(input)) : baseScope;
      if (kind && configIgnored(scope, input, false)) {
        // The engine would drop it silently: say so rather than count it as checked.
        warn(`skipped ${display(input)}: it matches an \`ignore\` pattern of ${display(path.join(scope.dir, CONFIG_FILE_NAME))}`);
      } else if (kind) {
        add(input, kind);
        addSiblings(input);
      } else warn(`skipped ${display(input)}: not an app.json, Procfile, heroku.yml or Terraform file`);
      continue;
    }
    const stack: Frame[] = [{ dir: input, ignores: ancestorIgnores(input), scope: baseScope }];
    const links: Frame[] = [];
    // Real directories first, then symlinked ones, so that a file is reported under its real path
    // when both lead to it.
    while (stack.length > 0 || links.length > 0) {
      const frame = stack.pop() ?? links.shift()!;
      const real = frame.real ?? realpath(frame.dir);
      if (real === undefined || visited.has(real)) continue;
      visited.add(real);
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(frame.dir, { withFileTypes: true });
      } catch (error) {
        warn(`cannot read directory ${display(frame.dir)}: ${describeError(error)}`);
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const ignores = withGitignore(frame, entries, warn, display);
      let scope = frame.scope;
      if (nestedConfigs && frame.dir !== base && entries.some((e) => e.name === CONFIG_FILE_NAME)) {
        const config = nestedConfigs.loadDir(frame.dir);
        if (config) scope = { dir: frame.dir, config };
      }
      const subdirs: Frame[] = [];
      // One path.relative per directory rather than per file: an entry's engine path is its directory's plus its name.
      const relativeDir = relativePath(base, frame.dir);
      for (const entry of entries) {
        if (SKIPPED_DIRS.has(entry.name)) continue;
        const absolute = path.join(frame.dir, entry.name);
        const slashed = toSlashes(absolute);
        let isDirectory = entry.isDirectory();
        let isFile = entry.isFile();
        const isLink = entry.isSymbolicLink();
        if (isLink) {
          try {
            const target = fs.statSync(absolute);
            isDirectory = target.isDirectory();
            isFile = target.isFile();
          } catch (error) {
            if (fileKindOf(entry.name)) warn(`cannot read ${display(absolute)}: ${describeError(error)}`);
            continue;
          }
        }
        if (isDirectory) {
          if (isIgnored(ignores, slashed, true) || configIgnored(scope, absolute, true)) continue;
          if (isLink) links.push({ dir: absolute, ignores, scope });
          else subdirs.push({ dir: absolute, real: path.join(real, entry.name), ignores, scope });
          continue;
        }
        const kind = fileKindOf(entry.name);
        if (!kind) continue;
        if (isIgnored(ignores, slashed, false) || configIgnored(scope, absolute, false)) continue;
        if (!isFile) {
          warn(`skipped ${display(absolute)}: not a regular file`);
          continue;
        }
        add(absolute, kind, false, relativeDir === '' ? entry.name : `${relativeDir}/${entry.name}`);
      }
      // Depth first, in name order.
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function withGitignore(frame: Frame, entries: readonly fs.Dirent[], warn: (m: string) => void, display: (a: string) => string): readonly IgnoreFile[] {
  if (!entries.some((e) => e.name === '.gitignore' && (e.isFile() || e.isSymbolicLink()))) return frame.ignores;
  const file = path.join(frame.dir, '.gitignore');
  try {
    return [...frame.ignores, { base: toSlashes(frame.dir), rules: parseGitignore(readTextSafely(file)) }];
  } catch (error) {
    warn(`cannot read ${display(file)}: ${describeError(error)}`);
    return frame.ignores;
  }
}

/**
 * The .gitignore files of the directories above `dir`, up to the top of its git work tree (the nearest
 * directory holding `.git`). None when `dir` is not inside a git work tree.
 */
function ancestorIgnores(dir: string): IgnoreFile[] {
  const chain: string[] = [];
  let current = dir;
  let top: string | undefined;
  for (;;) {
    if (fs.existsSync(path.join(current, '.git'))) {
      top = current;
      break;
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
    chain.push(current);
  }
  if (top === undefined || top === dir) return [];
  const ignores: IgnoreFile[] = [];
  for (const ancestor of chain.reverse()) {
    const file = path.join(ancestor, '.gitignore');
    try {
      ignores.push({ base: toSlashes(ancestor), rules: parseGitignore(readTextSafely(file)) });
    } catch {
      // No .gitignore here.
    }
  }
  return ignores;
}

/** Reads a small text file without blocking on FIFOs. */
function readTextSafely(file: string): string {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
    if (stat.size > 1024 * 1024) throw Object.assign(new Error('larger than 1 MB'), { code: 'EFBIG' });
    return fs.readFileSync(fd, 'utf8');
  } finally {
    fs.closeSync(fd);
  }
}

function realpath(dir: string): string | undefined {
  try {
    return fs.realpathSync.native(dir);
  } catch {
    return undefined;
  }
}
