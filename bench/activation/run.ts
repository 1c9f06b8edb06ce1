/**
 * Measures activation to first diagnostics in the real VS Code (the integration harness: VS Code 1.100.3 server,
 * web workbench in Debian's Chromium): starts a fresh server and window `runs` times, each with no folder open,
 * and runs extensionTest.ts inside the extension host. The extension loaded is the one staged by bench/run.mjs
 * next to this bundle (extension/, built from the current sources). Prints one JSON line: the median figures
 * and every run, or `{"skipped": reason}` when the VS Code server or Chromium is missing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { keepTempDirs, makeTempDir } from '../../test/harness/cleanup';
import { runExtensionTests } from '../../test/harness/extensionTests';
import { SERVER_MAIN } from '../../test/harness/paths';

const ROOT = process.env.BENCH_ROOT ?? path.resolve(__dirname, '..', '..');
const EXTENSION = path.join(__dirname, 'extension');
const TEST_MODULE = path.join(__dirname, 'activation-test.js');
const RUNS = Number(process.env.BENCH_ACTIVATION_RUNS ?? (process.env.BENCH_QUICK === '1' ? 1 : 3));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<Record<string, unknown>> {
  if (!fs.existsSync(SERVER_MAIN)) return { skipped: `the VS Code server is not installed (${SERVER_MAIN}): node scripts/ensure-deps.cjs --vscode` };
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) return { skipped: `Chromium is not installed (${chromium}): node scripts/ensure-deps.cjs --chromium` };
  if (!fs.existsSync(path.join(EXTENSION, 'dist', 'extension.js'))) return { skipped: `no staged extension in ${EXTENSION}: run npm run bench` };
  const runs: Record<string, number | string>[] = [];
  for (let i = 0; i < RUNS; i++) {
    const root = makeTempDir('hc-bench-activation');
    const app = path.join(root, 'shield-app');
    fs.cpSync(path.join(ROOT, 'examples', 'shield-app'), app, { recursive: true });
    const out = path.join(root, 'activation.json');
    const run = await runExtensionTests({
      root,
      extensionDevelopmentPaths: [EXTENSION],
      extensionTestsPath: TEST_MODULE,
      env: { BENCH_ACTIVATION_OUT: out, BENCH_ACTIVATION_FILE: path.join(app, 'infra', 'apps.tf') },
      timeoutMs: 120_000,
      printConsole: process.env.BENCH_VERBOSE === '1',
    });
    const result = fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as Record<string, number | string>) : undefined;
    if (run.exitCode !== 0 || !result || result.error !== undefined) {
      keepTempDirs();
      throw new Error(`run ${i + 1}: exit ${run.exitCode}${result?.error ? `: ${String(result.error)}` : ''} (kept ${root})`);
    }
    if (run.network.leaks().length > 0) throw new Error(`a request left loopback: ${run.network.leaks().join(', ')}`);
    runs.push(result);
  }
  const pick = (name: string) => Math.round(median(runs.map((r) => Number(r[name]))) * 10) / 10;
  return {
    measured: 'inside the extension host, from just before openTextDocument(infra/apps.tf) in a window with no folder (the open activates the extension) to the first onDidChangeDiagnostics naming it',
    document: runs[0].document,
    diagnostics: runs[0].diagnostics,
    runs: runs.length,
    openedMs: pick('openedMs'),
    activatedMs: pick('activatedMs'),
    firstDiagnosticsMs: pick('firstDiagnosticsMs'),
    every: runs,
  };
}

main().then(
  (result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
