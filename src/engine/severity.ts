import { SEVERITIES, type Severity } from './types';

/** crit = 4 … info = 0. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - 1 - SEVERITIES.indexOf(severity);
}

export function shiftSeverity(severity: Severity, levels: number): Severity {
  const index = Math.max(0, Math.min(SEVERITIES.length - 1, SEVERITIES.indexOf(severity) - levels));
  return SEVERITIES[index];
}

export function atLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}
