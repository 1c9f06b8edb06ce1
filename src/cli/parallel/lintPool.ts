/**
 * Lints work units on worker threads and on the main thread at once, and returns their results in unit order.
 * Units are handed out one by one as executors free up (two in flight per worker, so that a worker never waits
 * for the main thread to notice its reply), so a slow unit does not hold the others back and only the units
 * in flight are held in memory twice.
 */
import { Worker } from 'node:worker_threads';
import type { Candidate } from '../../workspace/discover';
import type { LintSettings } from '../lintSettings';
import { lintUnit, type UnitOptions, type UnitResult } from './lintUnit';
import { LINT_WORKER_SCRIPT, lintWorkerData, type UnitReply, type UnitRequest } from './lintWorker';

const IN_FLIGHT_PER_WORKER = 2;

/** A worker died or a unit threw outside the engine's per-rule guard: the check cannot be trusted. */
export class LintWorkerError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/**
 * Lints `units` with `workers` worker threads plus the main thread. `workerScript` is the file the workers run
 * (it must load lintWorker.ts: the CLI bundle does).
 */
export async function lintUnitsInParallel(
  units: readonly (readonly Candidate[])[],
  settings: LintSettings,
  options: UnitOptions,
  workers: number,
  workerScript: string = LINT_WORKER_SCRIPT,
): Promise<UnitResult[]> {
  const results: (UnitResult | undefined)[] = new Array<UnitResult | undefined>(units.length);
  let next = 0;
  let done = 0;
  const threads: Worker[] = [];
  let settle!: { resolve: () => void; reject: (error: Error) => void };
  const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  let failed = false;
  const fail = (error: Error) => {
    if (failed) return;
    failed = true;
    settle.reject(error);
  };
  const store = (index: number, result: UnitResult) => {
    results[index] = result;
    if (++done === units.length) settle.resolve();
  };

  const dispatch = (worker: Worker) => {
    if (failed || next >= units.length) return;
    const index = next++;
    worker.postMessage({ index, candidates: units[index] } satisfies UnitRequest);
  };
  for (let i = 0; i < workers; i++) {
    const worker = new Worker(workerScript, { workerData: lintWorkerData(settings, options) });
    threads.push(worker);
    let settledHere = 0;
    let given = 0;
    const give = () => {
      const before = next;
      dispatch(worker);
      if (next > before) given++;
    };
    worker.on('message', (reply: UnitReply) => {
      settledHere++;
      if ('error' in reply) {
        fail(new LintWorkerError(reply.error.message, reply.error.stack));
        return;
      }
      store(reply.index, reply.result);
      give();
    });
    worker.on('error', (error) => fail(new LintWorkerError(`a lint worker failed: ${error.message}`, error.stack)));
    worker.on('exit', (code) => {
      if (settledHere < given) fail(new LintWorkerError(`a lint worker stopped (exit code ${code}) before finishing its files`));
    });
    for (let k = 0; k < IN_FLIGHT_PER_WORKER; k++) give();
  }

  // The main thread takes units too, yielding between them so that replies are handled and workers refilled.
  const mainThread = (async () => {
    while (!failed && next < units.length) {
      const index = next++;
      try {
        store(index, await lintUnit(units[index], settings, options));
      } catch (e) {
        fail(e instanceof Error ? e : new Error(String(e)));
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();

  try {
    await finished;
    await mainThread;
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
  return results as UnitResult[];
}
