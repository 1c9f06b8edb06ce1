/**
 * Building lint requests for the editor: one file with the siblings it is analysed with (its app or Terraform
 * module, read from disk unless open), or a whole folder. Editor settings are laid over the config files here,
 * so that the live linter and the workspace check combine them the same way. No vscode: open texts come in as a
 * function.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type ComplianceConfig,
  CONFIG_FILE_NAME,
  EMPTY_CONFIG,
  type FileKind,
  type Finding,
  type HclFile,
  type LintRequest,
  matchesAnyGlob,
  type ProfileSetting,
  type RuleSetting,
  type SourceFile,
} from '../engine';
import { dirOf } from '../engine/paths';
import { ConfigLoader, type ConfigFileProblem } from './configLoader';
import { type Candidate, discover } from './discover';
import { type LoadedFile, loadFiles, type SizeLimit } from './files';
import { relativePath } from './fsutil';

/** The editor's settings that change what is linted and how. */
export interface EditorOverrides {
  /** `auto` leaves the choice to the config file and inference. */
  readonly profile: ProfileSetting;
  /** Per-rule settings laid over every config file's `rules`. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** Globs, relative to the base, of files never linted (`herokuCompliance.exclude`, and `files.exclude` for scans). */
  readonly exclude: readonly string[];
}

/** An open document's current text, and its incrementally parsed syntax model for Terraform. */
export interface OpenText {
  readonly text: string;
  readonly hcl?: HclFile;
}

export interface ScopeOptions {
  readonly overrides: EditorOverrides;
  readonly openText: (absolute: string) => OpenText | undefined;
  readonly sizeLimit: SizeLimit;
  /** A syntax model of a Terraform file read from disk, when the caller keeps them between lints. */
  readonly diskModel?: (absolute: string, text: string) => HclFile | undefined;
  /** Warnings about files that could not be read (logged by the caller). */
  readonly warn: (message: string) => void;
}

export interface LintScope {
  /** Absolute directory the engine's paths are relative to. */
  readonly base: string;
  readonly request: LintRequest;
  /** Engine path → absolute path, for every file in the request. */
  readonly absolute: ReadonlyMap<string, string>;
  /** The config files read for the scope (absolute), and their problems; a config with problems is not applied. */
  readonly configFiles: readonly string[];
  readonly configProblems: readonly ConfigFileProblem[];
}

/** The scope of one file: the file and its siblings. Undefined when the file is excluded or ignored by config. */
export function fileScope(file: string, base: string, options: ScopeOptions): LintScope | undefined {
  if (isExcluded(base, file, options.overrides.exclude)) return undefined;
  const configs = new ConfigLoader();
  const rootConfig = configs.loadDir(base) ?? EMPTY_CONFIG;
  const candidates = discover({ base, inputs: [file], config: rootConfig, nestedConfigs: configs, warn: () => {}, display: (a) => a });
  // Ignored by a config file, or gone from disk.
  if (!candidates.some((c) => c.absolute === file && !c.context)) return undefined;
  return scopeOf(base, candidates, configs, rootConfig, options);
}

/** The scope of a whole folder, honouring .gitignore, config ignores and the exclude globs. */
export function folderScope(folder: string, base: string, options: ScopeOptions): LintScope {
  const configs = new ConfigLoader();
  const rootConfig = configs.loadDir(base) ?? EMPTY_CONFIG;
  const candidates = discover({ base, inputs: [folder], config: rootConfig, nestedConfigs: configs, warn: options.warn, display: (a) => a });
  const kept = candidates.filter((c) => !isExcluded(base, c.absolute, options.overrides.exclude));
  return scopeOf(base, kept, configs, rootConfig, options);
}

function scopeOf(base: string, candidates: readonly Candidate[], configs: ConfigLoader, rootConfig: ComplianceConfig, options: ScopeOptions): LintScope {
  const onDisk = candidates.filter((c) => !options.openText(c.absolute));
  const loaded = new Map(loadFiles(onDisk, options.sizeLimit, options.warn, (a) => a).map((f) => [f.absolute, f]));
  const files = candidates.map((c): LoadedFile | undefined => {
    const open = options.openText(c.absolute);
    if (!open) {
      const file = loaded.get(c.absolute);
      const hcl = file && (file.kind === 'terraform' || file.kind === 'tfvars') ? options.diskModel?.(file.absolute, file.text) : undefined;
      return hcl && file ? { ...file, hcl } : file;
    }
    return { path: c.path, kind: c.kind, text: open.text, ...(open.hcl ? { hcl: open.hcl } : {}), absolute: c.absolute, roundTrips: true };
  });
  const present = files.filter((f): f is LoadedFile => f !== undefined);
  const withOverrides = (config: ComplianceConfig): ComplianceConfig => ({ ...config, rules: { ...config.rules, ...options.overrides.rules } });
  const request: LintRequest = {
    files: present,
    config: withOverrides(rootConfig),
    configs: new Map([...configs.byDir].map(([dir, config]) => [relativePath(base, dir), withOverrides(config)])),
    profile: options.overrides.profile,
    fileExists: (relative) => fs.existsSync(path.resolve(base, relative)),
  };
  const configFiles = [...configs.byDir.keys()].map((dir) => path.join(dir, CONFIG_FILE_NAME));
  return { base, request, absolute: new Map(present.map((f) => [f.path, f.absolute])), configFiles, configProblems: configs.fileProblems };
}

/** A single document that is not on disk (untitled): linted alone, with the settings only. */
export function detachedScope(name: string, kind: FileKind, text: string, overrides: EditorOverrides, hcl?: HclFile): LintScope {
  const config = { ...EMPTY_CONFIG, rules: { ...overrides.rules } };
  const request: LintRequest = { files: [{ path: name, kind, text, ...(hcl ? { hcl } : {}) }], config, profile: overrides.profile };
  return { base: '', request, absolute: new Map(), configFiles: [], configProblems: [] };
}

function isExcluded(base: string, absolute: string, exclude: readonly string[]): boolean {
  if (exclude.length === 0) return false;
  const relative = relativePath(base, absolute);
  return !relative.startsWith('..') && matchesAnyGlob(relative, exclude);
}

/**
 * Splits a folder's request into requests of about `maxFiles` files each, never splitting a directory (an app or
 * a Terraform module), so that a long scan can report progress and be cancelled between them. Dockerfiles go into
 * every part: heroku.yml may run one from another directory, and the engine drops those no heroku.yml runs.
 * The caller removes the findings that two parts report alike (`findingKey`).
 */
export function splitByDirectory(request: LintRequest, maxFiles: number): LintRequest[] {
  const dockerfiles = request.files.filter((f) => f.kind === 'dockerfile');
  const byDir = new Map<string, SourceFile[]>();
  for (const file of request.files) {
    if (file.kind === 'dockerfile') continue;
    const dir = dirOf(file.path);
    byDir.set(dir, [...(byDir.get(dir) ?? []), file]);
  }
  const parts: LintRequest[] = [];
  let current: SourceFile[] = [];
  const flush = () => {
    if (current.length > 0) parts.push({ ...request, files: [...current, ...dockerfiles] });
    current = [];
  };
  for (const files of byDir.values()) {
    if (current.length > 0 && current.length + files.length > maxFiles) flush();
    current.push(...files);
  }
  flush();
  return parts;
}

export function findingKey(finding: Finding): string {
  return `${finding.ruleId}\0${finding.path}\0${finding.range.start.offset}\0${finding.range.end.offset}\0${finding.message}`;
}
