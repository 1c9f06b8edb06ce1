/** A baseline records accepted findings so that only new ones are reported. */
import { fingerprintFindings } from './fingerprint';
import type { Finding } from './types';

export interface BaselineEntry {
  readonly ruleId: string;
  readonly path: string;
  readonly fingerprint: string;
  /** Informational only; matching uses the fingerprint. */
  readonly line: number;
}

export interface Baseline {
  readonly version: 1;
  readonly findings: readonly BaselineEntry[];
}

export function createBaseline(findings: readonly Finding[], textOf: (path: string) => string | undefined): Baseline {
  const fingerprints = fingerprintFindings(findings, textOf);
  return {
    version: 1,
    findings: findings.map((f, i) => ({ ruleId: f.ruleId, path: f.path, fingerprint: fingerprints[i], line: f.range.start.line })),
  };
}

export function parseBaseline(text: string): Baseline {
  const data = JSON.parse(text) as Partial<Baseline>;
  if (data.version !== 1 || !Array.isArray(data.findings)) throw new Error('not a heroku-compliance baseline (expected {"version": 1, "findings": [...]})');
  for (const entry of data.findings as unknown[]) {
    const e = entry as Partial<BaselineEntry> | null;
    if (typeof e?.ruleId !== 'string' || typeof e.path !== 'string' || typeof e.fingerprint !== 'string') {
      throw new Error('every baseline entry needs ruleId, path and fingerprint');
    }
  }
  return data as Baseline;
}

/** Drops the findings that the baseline already records. */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: Baseline,
  textOf: (path: string) => string | undefined,
): { kept: Finding[]; matched: number } {
  const known = new Set(baseline.findings.map((e) => `${e.ruleId}\u0000${e.path}\u0000${e.fingerprint}`));
  const fingerprints = fingerprintFindings(findings, textOf);
  const kept = findings.filter((f, i) => !known.has(`${f.ruleId}\u0000${f.path}\u0000${fingerprints[i]}`));
  return { kept, matched: findings.length - kept.length };
}
