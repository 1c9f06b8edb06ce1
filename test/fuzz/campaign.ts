/**
 * The long fuzz campaign: `npm run fuzz`. Runs every fuzz property (each parser, the incremental Terraform
 * re-parse, the whole engine, linear time on long runs, and fix safety for every fixable rule) in worker processes for a time budget, with
 * larger inputs than the unit suite, and prints per property the cases run, the failures and the seeds to replay.
 * A worker that stays on one input longer than FUZZ_HANG_MS is killed and that input is reported as a hang; a
 * worker that dies (a V8 fatal error aborts the whole process, which no try/catch sees) is reported as a crash
 * with its last input. Separate processes keep either from ending the campaign.
 *
 * Environment:
 *   FUZZ_SECONDS   total time budget (default 300), shared by the properties (engine and parsers weigh 3, each rule 1)
 *   FUZZ_RUNS      at most this many cases per property (default: as many as fit in the time)
 *   FUZZ_SEED      base seed (default: random); with FUZZ_PATH, replays one counterexample
 *   FUZZ_ONLY      run only the properties whose name contains this text
 *   FUZZ_WORKERS   worker processes (default: the number of CPUs)
 *   FUZZ_HANG_MS   how long one input may run before it counts as a hang (default 60000)
 *   FUZZ_TIME_BOUND_MS  the per-call time bound of the properties (default 5000)
 * Exit code 1 when a property failed or hung.
 */
import { type ChildProcess, fork } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as readline from 'node:readline';
import { loadTerraformParser } from '../../src/engine';
import { fixableRules, fixSafetyProperty } from './fixSafety';
import { CAMPAIGN_LIMITS } from './mutations';
import { type AnyFuzzProperty, campaignOnlyProperties, fuzzProperties } from './properties';
import { type Outcome, runProperty } from './run';

interface Task {
  readonly name: string;
  readonly seed: number;
  readonly path?: string;
  readonly numRuns: number;
  readonly timeLimitMs: number;
}

type FromWorker = { readonly type: 'ready' } | { readonly type: 'done'; readonly outcome: Outcome; readonly fired?: number };

/**
 * The worker's heartbeat: a line per case (`{"name","input"}`), written synchronously to this pipe. IPC messages
 * would wait for the worker's event loop, which a property run blocks from start to end.
 */
const HEARTBEAT_FD = 4;

function allProperties(): { property: AnyFuzzProperty; weight: number; fired?: () => number }[] {
  return [
    ...fuzzProperties(CAMPAIGN_LIMITS).map((property) => ({ property, weight: 3 })),
    ...campaignOnlyProperties().map((property) => ({ property, weight: 3 })),
    ...fixableRules().map((rule) => {
      const property = fixSafetyProperty(rule);
      return { property, weight: 1, fired: property.fired };
    }),
  ];
}

function describeInput(input: unknown): string {
  try {
    const json = JSON.stringify(input);
    return json.length > 4000 ? `${json.slice(0, 4000)}…` : json;
  } catch {
    return String(input);
  }
}

async function worker(): Promise<void> {
  await loadTerraformParser();
  const properties = new Map(allProperties().map((p) => [p.property.name, p]));
  const port = { postMessage: (message: FromWorker) => process.send!(message) };
  process.on('message', (task: Task) => {
    const entry = properties.get(task.name)!;
    const before = entry.fired?.() ?? 0;
    const outcome = runProperty(entry.property, {
      numRuns: task.numRuns,
      seed: task.seed,
      ...(task.path ? { path: task.path } : {}),
      timeLimitMs: task.timeLimitMs,
      onCase: (input) => {
        try {
          fs.writeSync(HEARTBEAT_FD, `${JSON.stringify({ name: task.name, input: describeInput(input) })}\n`);
        } catch {
          // A full pipe (EAGAIN): this heartbeat is skipped.
        }
      },
    });
    port.postMessage({ type: 'done', outcome, ...(entry.fired ? { fired: entry.fired() - before } : {}) } satisfies FromWorker);
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

interface Row {
  readonly name: string;
  cases: number;
  failures: number;
  hangs: number;
  fired?: number;
  ms: number;
  readonly notes: string[];
}

async function main(): Promise<void> {
  const seconds = Number(process.env.FUZZ_SECONDS ?? 300);
  const maxRuns = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 1_000_000_000;
  const baseSeed = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  const only = process.env.FUZZ_ONLY;
  const hangMs = Number(process.env.FUZZ_HANG_MS ?? 60_000);
  const workers = Math.max(1, Number(process.env.FUZZ_WORKERS ?? os.availableParallelism()));

  const selected = allProperties().filter((p) => !only || p.property.name.includes(only));
  if (selected.length === 0) throw new Error(`no fuzz property matches FUZZ_ONLY=${only}`);
  const totalWeight = selected.reduce((sum, p) => sum + p.weight, 0);
  // Each worker runs its share of the properties one after the other.
  const budgetMs = (seconds * 1000 * workers) / totalWeight;
  const tasks: Task[] = selected.map((p, i) => ({
    name: p.property.name,
    // Each property gets its own seed, derived from the base seed, so one run replays exactly.
    seed: selected.length === 1 ? baseSeed : (baseSeed + i * 7919) | 0,
    ...(process.env.FUZZ_PATH ? { path: process.env.FUZZ_PATH } : {}),
    numRuns: maxRuns,
    timeLimitMs: Math.max(1000, Math.min(seconds * 1000, Math.round(budgetMs * p.weight))),
  }));
  const rows = new Map<string, Row>(tasks.map((t) => [t.name, { name: t.name, cases: 0, failures: 0, hangs: 0, ms: 0, notes: [] }]));
  console.log(`fuzz campaign: ${tasks.length} properties, ${seconds} s on ${workers} worker(s), base seed ${baseSeed}, hang after ${hangMs} ms`);
  const started = Date.now();
  const queue = [...tasks];

  await new Promise<void>((resolve) => {
    let running = 0;
    const spawn = () => {
      const task = queue.shift();
      if (!task) {
        if (running === 0) resolve();
        return;
      }
      running++;
      const thread: ChildProcess = fork(__filename, [], { env: { ...process.env, FUZZ_WORKER: '1' }, stdio: ['ignore', 'inherit', 'pipe', 'ipc', 'pipe'] });
      readline.createInterface({ input: thread.stdio[HEARTBEAT_FD] as NodeJS.ReadableStream }).on('line', (line) => {
        const beat = JSON.parse(line) as { name: string; input: string };
        lastCase = Date.now();
        lastInput = beat.input;
        const row = rows.get(beat.name);
        if (row) row.cases++;
      });
      let stderr = '';
      thread.stderr!.on('data', (chunk: Buffer) => {
        stderr = (stderr + chunk.toString('utf8')).slice(-4000);
      });
      let finished = false;
      let current = task;
      let lastCase = Date.now();
      let lastInput = '';
      const next = () => {
        const t = queue.shift();
        if (!t) {
          finish();
          return;
        }
        current = t;
        lastCase = Date.now();
        thread.send(t);
      };
      const finish = () => {
        if (finished) return;
        finished = true;
        clearInterval(watchdog);
        thread.kill('SIGKILL');
        running--;
        if (queue.length > 0) spawn();
        else if (running === 0) resolve();
      };
      const watchdog = setInterval(() => {
        if (Date.now() - lastCase <= hangMs) return;
        const row = rows.get(current.name)!;
        row.hangs++;
        row.notes.push(`HANG: one input ran over ${hangMs} ms; input: ${lastInput}`);
        console.log(`  ${current.name}: HANG (> ${hangMs} ms) on ${lastInput.slice(0, 3000)}`);
        // The rest of the queue goes on in a fresh worker.
        finish();
      }, 1000);
      thread.on('message', (message: FromWorker) => {
        if (message.type === 'ready') {
          lastCase = Date.now();
          thread.send(current);
        } else {
          const { outcome } = message;
          const row = rows.get(outcome.name)!;
          row.cases = outcome.cases;
          row.ms = outcome.ms;
          if (message.fired !== undefined) row.fired = message.fired;
          if (outcome.failed) {
            row.failures++;
            row.notes.push(
              `FAILED: ${outcome.error ?? ''}\n    counterexample: ${outcome.counterexample ?? '?'}\n    replay: FUZZ_SEED=${outcome.seed}${outcome.path ? ` FUZZ_PATH=${outcome.path}` : ''} FUZZ_ONLY='${outcome.name}' npm run fuzz`,
            );
          }
          console.log(`  ${outcome.name}: ${outcome.cases} cases in ${(outcome.ms / 1000).toFixed(1)} s${outcome.failed ? ' — FAILED' : ''} (seed ${outcome.seed})`);
          if (outcome.failed) console.log(`    ${row.notes[row.notes.length - 1].slice(0, 3000)}`);
          next();
        }
      });
      thread.on('exit', (code, signal) => {
        if (finished) return;
        const row = rows.get(current.name)!;
        row.failures++;
        row.notes.push(`CRASH: the worker process died (${signal ?? `exit code ${code}`}); last input: ${lastInput}\n    ${stderr.trim().split('\n').slice(0, 12).join('\n    ')}`);
        console.log(`  ${current.name}: CRASH (${signal ?? `exit code ${code}`}) on ${lastInput.slice(0, 3000)}`);
        finish();
      });
    };
    for (let i = 0; i < Math.min(workers, queue.length); i++) spawn();
  });

  const elapsed = (Date.now() - started) / 1000;
  const all = [...rows.values()];
  const width = Math.max(...all.map((r) => r.name.length));
  console.log('');
  console.log(`${'property'.padEnd(width)}  ${'cases'.padStart(9)}  failures  hangs  seed`);
  for (const row of all) {
    const task = tasks.find((t) => t.name === row.name)!;
    const fired = row.fired !== undefined ? `  (rule fired in ${row.fired})` : '';
    console.log(`${row.name.padEnd(width)}  ${String(row.cases).padStart(9)}  ${String(row.failures).padStart(8)}  ${String(row.hangs).padStart(5)}  ${task.seed}${fired}`);
  }
  for (const row of all) for (const note of row.notes) console.log(`\n${row.name}: ${note}`);
  const cases = all.reduce((sum, r) => sum + r.cases, 0);
  const failures = all.reduce((sum, r) => sum + r.failures, 0);
  const hangs = all.reduce((sum, r) => sum + r.hangs, 0);
  console.log(`\nfuzz campaign: ${cases} cases, ${failures} failures, ${hangs} hangs in ${elapsed.toFixed(0)} s (base seed ${baseSeed})`);
  process.exitCode = failures + hangs > 0 ? 1 : 0;
}

if (process.env.FUZZ_WORKER === '1' && process.send) {
  void worker();
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  });
}
