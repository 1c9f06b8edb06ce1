import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// Synchronous cleanups run once, on normal exit and on Ctrl-C/SIGTERM: Node skips 'exit' handlers when a
// signal kills it, and a detached server would otherwise outlive us.
const tasks: (() => void)[] = [];
let installed = false;
let keepTemp = process.env.KEEP_TMP === '1';
let signalExitCode: number | undefined;

function runAll(): void {
  while (tasks.length > 0) {
    try { tasks.pop()?.(); } catch { /* best effort: keep cleaning */ }
  }
}

export function atExit(task: () => void): void {
  tasks.push(task);
  if (installed) return;
  installed = true;
  process.on('exit', runAll);
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.on(signal, () => { runAll(); process.exit(signalExitCode ?? code); });
  }
}

/** For programs that are meant to be stopped with Ctrl-C (the demo): exit with this code on SIGINT/SIGTERM. */
export function exitOnSignalWith(code: number): void { signalExitCode = code; }

/** A fresh temp dir, removed at exit unless keepTempDirs() was called (a failed run keeps its logs). */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  atExit(() => { if (!keepTemp) fs.rmSync(dir, { recursive: true, force: true }); });
  return dir;
}

export function keepTempDirs(): void { keepTemp = true; }
