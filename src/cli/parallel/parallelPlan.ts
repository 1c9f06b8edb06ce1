/** Whether a check is worth linting on worker threads, with how many, and in which units. */
import type { Candidate } from '../../workspace/discover';
import { splitIntoWorkUnits } from './workUnits';

/** `--jobs` unset: no more threads than this, whatever the machine has (each holds the engine and the parser). */
export const MAX_AUTO_JOBS = 8;
/** `--jobs` unset: smaller scans stay in process, where starting a worker would cost more than it saves. */
export const MIN_FILES_FOR_WORKERS = 200;
/** Units of at most this many files: small enough to balance threads, large enough that messages cost little. */
const MAX_UNIT_FILES = 128;
/** About this many units per thread, so that threads that finish early take over the rest. */
const UNITS_PER_THREAD = 8;

export interface ParallelPlan {
  readonly units: Candidate[][];
  /** Worker threads to start; the main thread lints units as well. */
  readonly workers: number;
}

/**
 * The plan for `candidates` with `--jobs` (undefined: automatic, from `cpus`), or undefined to lint in process.
 * `--jobs 1` never starts a worker; an explicit `--jobs` above 1 uses workers whenever there are two units.
 */
export function parallelPlan(candidates: readonly Candidate[], jobs: number | undefined, cpus: number): ParallelPlan | undefined {
  const threads = jobs ?? Math.min(cpus, MAX_AUTO_JOBS);
  if (threads <= 1 || candidates.length === 0) return undefined;
  if (jobs === undefined && candidates.length < MIN_FILES_FOR_WORKERS) return undefined;
  const unitSize = Math.min(MAX_UNIT_FILES, Math.max(1, Math.ceil(candidates.length / (threads * UNITS_PER_THREAD))));
  const units = splitIntoWorkUnits(candidates, unitSize);
  if (units.length < 2) return undefined;
  return { units, workers: Math.min(threads - 1, units.length - 1) };
}
