/** Running one fuzz property with fast-check, and reporting it the same way in the unit suite and the campaign. */
import * as fc from 'fast-check';
import type { AnyFuzzProperty } from './properties';

export interface RunOptions {
  /** Cases to run (the campaign gives a large number and a time limit). */
  readonly numRuns: number;
  readonly seed?: number;
  /** A counterexample path to replay (with its seed). */
  readonly path?: string;
  /** Stop after this long, counting the cases run so far. */
  readonly timeLimitMs?: number;
  /** Called with each input before it is checked (the campaign's hang watchdog). */
  readonly onCase?: (input: unknown) => void;
}

export interface Outcome {
  readonly name: string;
  readonly cases: number;
  readonly failed: boolean;
  readonly seed: number;
  readonly path?: string;
  readonly error?: string;
  readonly counterexample?: string;
  readonly ms: number;
}

/** FUZZ_SEED and FUZZ_PATH replay a failure; FUZZ_RUNS overrides the number of cases. */
export function envOptions(defaultRuns: number): RunOptions {
  const seed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : undefined;
  return {
    numRuns: process.env.FUZZ_RUNS !== undefined ? Number(process.env.FUZZ_RUNS) : defaultRuns,
    ...(seed !== undefined ? { seed } : {}),
    ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
  };
}

export function runProperty(property: AnyFuzzProperty, options: RunOptions): Outcome {
  const started = performance.now();
  const details = fc.check(
    fc.property(property.arbitrary, (input) => {
      options.onCase?.(input);
      property.check(input);
    }),
    {
      numRuns: options.numRuns,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.path ? { path: options.path } : {}),
      ...(options.timeLimitMs ? { interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false } : {}),
    },
  );
  const ms = performance.now() - started;
  if (!details.failed) return { name: property.name, cases: details.numRuns, failed: false, seed: details.seed, ms };
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  return {
    name: property.name,
    cases: details.numRuns,
    failed: true,
    seed: details.seed,
    ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}),
    error,
    counterexample: details.counterexample ? truncate(fc.stringify(details.counterexample[0]), 4000) : undefined,
    ms,
  };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

/** A failure as a test message: what broke, the minimal input, and how to replay it. */
export function describeFailure(outcome: Outcome): string {
  return [
    `${outcome.name}: failed after ${outcome.cases} case(s)`,
    truncate(outcome.error ?? '', 6000),
    `counterexample: ${outcome.counterexample ?? '?'}`,
    `replay: FUZZ_SEED=${outcome.seed}${outcome.path ? ` FUZZ_PATH=${outcome.path}` : ''}`,
  ].join('\n');
}
