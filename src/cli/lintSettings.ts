/** What every lint of a check shares, and the engine request built from it (one place for serial and parallel runs). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ComplianceConfig, LintRequest, ProfileSetting, SourceFile } from '../engine';
import { toSlashes } from '../workspace/fsutil';

/** Plain data, so that it can be handed to a worker thread as it is. */
export interface LintSettings {
  /** The current directory: messages show paths relative to it. */
  readonly cwd: string;
  /** The base directory: engine paths are relative to it. */
  readonly base: string;
  /** `--max-file-size` in bytes (0: none). */
  readonly maxFileSize: number;
  readonly config: ComplianceConfig;
  /** Nested config files by engine directory; absent with `--config`. */
  readonly configs?: ReadonlyMap<string, ComplianceConfig>;
  readonly profile: ProfileSetting;
  /** `--rule`: run only these. */
  readonly only?: readonly string[];
}

/** Formats an absolute path for messages: relative to the current directory, `/` separators. */
export function displayFrom(cwd: string): (absolute: string) => string {
  return (absolute) => toSlashes(path.relative(cwd, absolute)) || '.';
}

/**
 * Builds engine requests for `settings`. Rules that look at the repo layout ask whether a path exists; the
 * answers are cached for the requester's lifetime, since many apps ask about the same paths.
 */
export function lintRequester(settings: LintSettings): (files: readonly SourceFile[]) => LintRequest {
  const existsCache = new Map<string, boolean>();
  const fileExists = (relative: string): boolean => {
    let known = existsCache.get(relative);
    if (known === undefined) {
      known = fs.existsSync(path.resolve(settings.base, relative));
      existsCache.set(relative, known);
    }
    return known;
  };
  return (files) => ({
    files,
    config: settings.config,
    configs: settings.configs,
    profile: settings.profile,
    only: settings.only,
    fileExists,
  });
}
