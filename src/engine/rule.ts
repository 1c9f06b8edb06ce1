import type { Document } from './document';
import type { TfGraph, TfModule } from './terraform/model';
import type { Detection, Fix, Generation, Profile, RuleMeta } from './types';

export interface TerraformContext {
  readonly module: TfModule;
  readonly graph: TfGraph;
}

/** The files of one app: `app.json`, `Procfile` and `heroku.yml` in the same directory. */
export interface AppFiles {
  readonly dir: string;
  readonly appJson?: Document;
  readonly procfile?: Document;
  readonly herokuYml?: Document;
}

export interface RuleContext {
  /** The file being checked. */
  readonly document: Document;
  /** The app the file belongs to, with its sibling files. */
  readonly app: AppFiles;
  readonly profile: Profile;
  readonly generation: Generation;
  /** For `.tf` and `.tfvars` files: the module of the file's directory and its resource graph. */
  readonly terraform?: TerraformContext;
  /** Whether a file exists, by path relative to the scan root; `undefined` when that cannot be known. */
  readonly fileExists: (path: string) => boolean | undefined;
}

/**
 * One rule: metadata as data, detection in check(), prose in message(), edits in fix().
 * check() runs once for every file whose kind is in meta.fileKinds.
 */
export interface Rule<D = unknown> {
  readonly meta: RuleMeta;
  check(context: RuleContext): Iterable<Detection<D>>;
  message(data: D, context: RuleContext): string;
  fix?(detection: Detection<D>, context: RuleContext): Fix | undefined;
}

/** Identity helper that keeps the data type of a rule's detections. */
export function defineRule<D>(rule: Rule<D>): Rule<D> {
  return rule;
}

/** Widening for the registry list. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>;
