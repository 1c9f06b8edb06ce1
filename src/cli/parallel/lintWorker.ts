/**
 * The worker-thread side of a parallel check. The worker runs the CLI's own script (the bundle, or this module
 * when compiled by tsc), marked by `workerData`, so that no second entry point has to be built or shipped:
 * loading this module in such a thread starts serving units.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Candidate } from '../../workspace/discover';
import type { LintSettings } from '../lintSettings';
import { lintUnit, type UnitOptions, type UnitResult } from './lintUnit';

const MARKER = 'heroku-compliance:lint-worker';

/** The script a worker runs: whatever file holds this module (the single-file bundle, or this module). */
export const LINT_WORKER_SCRIPT = __filename;

export interface LintWorkerData {
  readonly marker: typeof MARKER;
  readonly settings: LintSettings;
  readonly options: UnitOptions;
}

export interface UnitRequest {
  readonly index: number;
  readonly candidates: readonly Candidate[];
}

export type UnitReply = { readonly index: number; readonly result: UnitResult } | { readonly index: number; readonly error: { readonly message: string; readonly stack?: string } };

export function lintWorkerData(settings: LintSettings, options: UnitOptions): LintWorkerData {
  return { marker: MARKER, settings, options };
}

/** Whether this thread is a lint worker (the CLI's main() must not run in it). */
export function isLintWorker(): boolean {
  return !isMainThread && (workerData as Partial<LintWorkerData> | null)?.marker === MARKER;
}

function serve(): void {
  const port = parentPort!;
  const { settings, options } = workerData as LintWorkerData;
  // One unit at a time, in the order they arrive; the next may already be queued.
  let queue = Promise.resolve();
  port.on('message', (request: UnitRequest) => {
    queue = queue.then(async () => {
      let reply: UnitReply;
      try {
        reply = { index: request.index, result: await lintUnit(request.candidates, settings, options) };
      } catch (e) {
        reply = { index: request.index, error: e instanceof Error ? { message: e.message, stack: e.stack } : { message: String(e) } };
      }
      port.postMessage(reply);
    });
  });
}

if (isLintWorker()) serve();
