/** Puts the results of work units (see workUnits.ts) back together in unit order, as one lint of everything. */
import type { LintResult } from '../../engine';
import type { UnitResult } from './lintUnit';

export interface MergedUnits {
  /** Read warnings of every unit, in file order. */
  readonly warnings: string[];
  /** The first unit's parser error, if any: the check stops with it. */
  readonly parserError?: string;
  readonly filesChecked: number;
  readonly lint: LintResult;
  /** Fingerprints of the findings outside context files, in order. */
  readonly fingerprints: string[];
  /** The texts the report reads (see UnitResult.texts), by engine path. */
  readonly texts: Map<string, string>;
  /** Some unit was not independent of the others (see UnitResult.escapes). */
  readonly escapes: boolean;
}

export function mergeUnitResults(results: readonly UnitResult[]): MergedUnits {
  const lint: LintResult = { findings: [], suppressed: 0, apps: [], failures: [], notices: [] };
  const warnings: string[] = [];
  const texts = new Map<string, string>();
  const fingerprints: string[] = [];
  let parserError: string | undefined;
  let filesChecked = 0;
  let suppressed = 0;
  let escapes = false;
  for (const result of results) {
    warnings.push(...result.warnings);
    parserError ??= result.parserError;
    filesChecked += result.filesChecked;
    escapes ||= result.escapes;
    for (const [path, text] of result.texts) texts.set(path, text);
    pushAll(fingerprints, result.fingerprints);
    if (!result.lint) continue;
    pushAll(lint.findings, result.lint.findings);
    pushAll(lint.apps, result.lint.apps);
    pushAll(lint.failures, result.lint.failures);
    pushAll(lint.notices, result.lint.notices);
    suppressed += result.lint.suppressed;
  }
  return { warnings, parserError, filesChecked, lint: { ...lint, suppressed }, fingerprints, texts, escapes };
}

/** `target.push(...items)` without the argument-count limit of a spread. */
function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}
