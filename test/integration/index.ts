// The test runner that the extension host loads (extensionTestsPath = out/test/integration/index.js).
// Contract: run() returns a Promise (resolve = exit 0, reject = exit 1). The extension host inherits the
// launcher's environment: EXT_TEST_LOG gets one line per test (the launcher tails it live: console output
// of the extension host does not reach the server's stdout), EXT_TEST_RESULTS gets a JSON summary,
// INTEGRATION_GREP selects tests by title, and INTEGRATION_SUITE names the directory of suites (default `suite`;
// `untrusted` holds the suites of the untrusted-workspace run).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface TestResults {
  passed: { title: string; ms?: number }[];
  failed: { title: string; error: string }[];
  pending: { title: string }[];
}

function out(line: string): void {
  if (process.env.EXT_TEST_LOG) fs.appendFileSync(process.env.EXT_TEST_LOG, `${line}\n`);
}

function writeResults(results: TestResults): void {
  if (process.env.EXT_TEST_RESULTS) fs.writeFileSync(process.env.EXT_TEST_RESULTS, JSON.stringify(results, null, 2));
}

function errorText(err: unknown, lines = 8): string {
  const text = err instanceof Error ? err.stack ?? err.message : String(err);
  return text.split('\n').slice(0, lines).join('\n  ');
}

/** Every <suite>/**\/*.test.js under this directory, in a stable order. */
function testFiles(): string[] {
  const dir = path.join(__dirname, process.env.INTEGRATION_SUITE || 'suite');
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 20000, color: false, reporter: 'spec' });
  if (process.env.INTEGRATION_GREP) mocha.grep(process.env.INTEGRATION_GREP);
  for (const file of testFiles()) mocha.addFile(file);
  const results: TestResults = { passed: [], failed: [], pending: [] };
  return new Promise((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        out(`# ${results.passed.length} passed, ${results.failed.length} failed, ${results.pending.length} skipped`);
        writeResults(results);
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else resolve();
      });
    } catch (err) { // a test file that does not load (syntax error, throwing at top level)
      out(`not ok - loading test files\n  ${errorText(err, 12)}`);
      results.failed.push({ title: 'loading test files', error: errorText(err, 12) });
      writeResults(results);
      reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    runner.on('pass', (t) => {
      results.passed.push({ title: t.fullTitle(), ms: t.duration });
      out(`ok - ${t.fullTitle()} (${t.duration ?? 0}ms)`);
    });
    runner.on('fail', (t, err) => {
      results.failed.push({ title: t.fullTitle(), error: errorText(err) });
      out(`not ok - ${t.fullTitle()}\n  ${errorText(err)}`);
    });
    runner.on('pending', (t) => {
      results.pending.push({ title: t.fullTitle() });
      out(`skip - ${t.fullTitle()}`);
    });
  });
}
