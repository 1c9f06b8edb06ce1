// Integration tests: mocha suites inside the real VS Code 1.100.3 extension host, with the repo root as the
// development extension and a temp copy of test/fixtures/integration open as a multi-root workspace. Two runs:
// `trusted` (out/test/integration/suite/**, workspace trust off as usual) and `untrusted` (out/test/integration/
// untrusted/**: workspace trust on and the folders not trusted, with HEROKU_API_KEY set and HOME holding a
// ~/.netrc that is a FIFO, so that a read of it can be caught). Exit: 0 passed, 1 tests failed (or a request left
// loopback), 2 timeout or infrastructure error, 3 the host reported success but wrote no results (e.g. a test
// called process.exit); with both runs, the worse of the two.
// Env: INTEGRATION_GREP (mocha grep), INTEGRATION_TIMEOUT (seconds, default 180), KEEP_TMP=1,
// INTEGRATION_VERBOSE=1 (echo the workbench and extension host console), INTEGRATION_MODE=trusted|untrusted (one
// run only).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestResults } from '../integration';
import { keepTempDirs, makeTempDir } from './cleanup';
import { runExtensionTests } from './extensionTests';
import { REPO_ROOT } from './paths';

const TESTS_ENTRY = path.join(__dirname, '..', 'integration', 'index.js');
const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'integration');

type Mode = 'trusted' | 'untrusted';

interface PhaseResult {
  exitCode: number;
  passed: number;
  failed: number;
  skipped: number;
}

/** Echoes new lines of the in-host runner's log while the tests run. */
function tailer(file: string): () => void {
  let pos = 0;
  return () => {
    if (!fs.existsSync(file)) return;
    const buf = fs.readFileSync(file);
    if (buf.length > pos) { process.stdout.write(buf.subarray(pos).toString()); pos = buf.length; }
  };
}

/** The untrusted run's HOME: a ~/.netrc that is a FIFO (a read blocks on it, and the suite's watchdog sees the reader). */
function netrcTrapHome(root: string): string {
  const home = path.join(root, 'home');
  fs.mkdirSync(home);
  execFileSync('mkfifo', [path.join(home, '.netrc')]);
  return home;
}

async function runPhase(mode: Mode): Promise<PhaseResult> {
  const root = makeTempDir(`hc-integration-${mode}`);
  const workspaceDir = path.join(root, 'workspace');
  fs.cpSync(FIXTURE, workspaceDir, { recursive: true });
  const logFile = path.join(root, 'test.log');
  const resultsFile = path.join(root, 'results.json');
  const env: NodeJS.ProcessEnv = { EXT_TEST_LOG: logFile, EXT_TEST_RESULTS: resultsFile, INTEGRATION_GREP: process.env.INTEGRATION_GREP ?? '' };
  if (mode === 'untrusted') {
    // Set from the start, so that activation already had a token and a ~/.netrc to read (it must use neither).
    Object.assign(env, { INTEGRATION_SUITE: 'untrusted', HOME: netrcTrapHome(root), HEROKU_API_KEY: 'untrusted-run-token-2f6b91' });
  }
  console.log(`# integration: ${mode} workspace`);
  const tail = tailer(logFile);
  const timer = setInterval(tail, 250);
  const run = await runExtensionTests({
    root,
    extensionDevelopmentPaths: [REPO_ROOT],
    extensionTestsPath: TESTS_ENTRY,
    workspace: path.join(workspaceDir, 'workspace.code-workspace'),
    env,
    timeoutMs: Number(process.env.INTEGRATION_TIMEOUT ?? 180) * 1000,
    printConsole: process.env.INTEGRATION_VERBOSE === '1',
    workspaceTrust: mode === 'untrusted',
  }).finally(() => { clearInterval(timer); tail(); });

  const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as TestResults : undefined;
  let exitCode = run.exitCode;
  let failed = results?.failed.length ?? 0;
  if (exitCode === 0 && !results) {
    console.log('not ok - the extension host reported success but wrote no results (did a test or the extension call process.exit?)');
    exitCode = 3;
  }
  if (!run.network.report() && exitCode === 0) exitCode = 1;
  if (run.network.leaks().length > 0) failed++;
  if (exitCode !== 0 && failed === 0) failed = 1; // a run that failed before any test did counts as one failure
  for (const f of results?.failed ?? []) console.log(`FAILED (${mode}): ${f.title}\n  ${f.error.split('\n').slice(0, 4).join('\n  ')}`);
  if (exitCode !== 0) {
    keepTempDirs();
    console.log(`kept ${root} (server.log, test.log inside)`);
  }
  return { exitCode, passed: results?.passed.length ?? 0, failed, skipped: results?.pending.length ?? 0 };
}

async function main(): Promise<number> {
  const started = Date.now();
  for (const [file, fix] of [[path.join(REPO_ROOT, 'dist', 'extension.js'), 'npm run build'], [TESTS_ENTRY, 'npx tsc -p tsconfig.test.json']]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(REPO_ROOT, file)} is missing: run \`${fix}\` first`);
  }
  const only = process.env.INTEGRATION_MODE;
  if (only && only !== 'trusted' && only !== 'untrusted') throw new Error(`INTEGRATION_MODE must be trusted or untrusted, not ${only}`);
  const modes: Mode[] = only === 'trusted' || only === 'untrusted' ? [only] : ['trusted', 'untrusted'];
  const phases: PhaseResult[] = [];
  for (const mode of modes) {
    const phase = await runPhase(mode);
    phases.push(phase);
    // An infrastructure failure (2) or a missing result (3) would only repeat: stop there.
    if (phase.exitCode >= 2) break;
  }
  const exitCode = Math.max(...phases.map((p) => p.exitCode));
  const sum = (key: 'passed' | 'failed' | 'skipped') => phases.reduce((n, p) => n + p[key], 0);
  console.log(`integration: ${((Date.now() - started) / 1000).toFixed(1)}s, ${phases.length} run(s), exit ${exitCode}`);
  const skipped = sum('skipped') ? `, ${sum('skipped')} skipped` : '';
  console.log(`${sum('passed')} passed, ${sum('failed')} failed${skipped}`);
  return exitCode;
}

main().then((code) => process.exit(code), (e: unknown) => {
  keepTempDirs();
  console.error(e instanceof Error ? e.message : e);
  console.log('0 passed, 1 failed');
  process.exit(2);
});
