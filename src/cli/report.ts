/** What a check produced, in the shape every formatter reads. */
import { type AppSummary, atLeast, type Finding, type ProfileSetting, type RuleFailure, SEVERITIES, type Severity } from '../engine';
import type { FailOn } from './args';

export interface FixedFile {
  /** Engine path (relative to the scan root). */
  readonly path: string;
  readonly fixes: number;
  readonly ruleIds: readonly string[];
}

export interface Report {
  /** Findings to report, sorted, after suppressions and the baseline. */
  readonly findings: readonly Finding[];
  /** Stable fingerprints, parallel to `findings`. */
  readonly fingerprints: readonly string[];
  readonly apps: readonly AppSummary[];
  readonly profileSetting: ProfileSetting;
  readonly filesChecked: number;
  readonly suppressed: number;
  readonly baselined: number;
  readonly fixed: readonly FixedFile[];
  readonly failures: readonly RuleFailure[];
  readonly warnings: readonly string[];
  readonly failOn: FailOn;
  /** Absolute directory that reported paths are relative to (the current directory). */
  readonly base: string;
  /** Engine path → reported path: relative to `base`, `/` separators. */
  readonly display: (enginePath: string) => string;
  /** The linted text of a file, by engine path. */
  readonly textOf: (enginePath: string) => string | undefined;
}

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Whether the findings reach the `--fail-on` threshold. */
export function failsThreshold(findings: readonly Finding[], failOn: FailOn): boolean {
  return failOn !== 'none' && findings.some((f) => atLeast(f.severity, failOn));
}

/** How many findings `--fix` would fix. */
export function countSafeFixes(findings: readonly Finding[]): number {
  return findings.filter((f) => f.fix?.safety === 'safe').length;
}

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}
