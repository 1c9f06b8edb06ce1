// `npm run bench`: builds the benchmark and what it measures from the current sources into out-bench/bench/
// (git-ignored; dist/ and out/ are left alone), then runs it. Arguments are passed on to bench/main.ts:
//   npm run bench                      every measure (about 5 minutes on 2 cores)
//   npm run bench -- --quick           fewer runs and a smaller workspace: a smoke test of the benchmark itself
//   npm run bench -- --only=terraform,keystroke   some of: terraform, keystroke, kinds, scan, memory, activation
// The activation measure needs the VS Code server and Chromium; they are installed as `npm test` installs them
// (scripts/ensure-deps.cjs) and the measure is skipped with a message when that is not possible.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// BENCH_OUT: another build folder, so that two benchmarks of different trees can run side by side.
const out = path.resolve(root, process.env.BENCH_OUT ?? path.join('out-bench', 'bench'));
const args = process.argv.slice(2);
const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const wants = (part) => !only || only.includes(part);

function run(command, argv, options = {}) {
  return spawnSync(command, argv, { cwd: root, stdio: 'inherit', ...options });
}

// npm dependencies first (a fresh clone after `npm ci` already has them; this returns at once then).
if (run(process.execPath, [path.join(root, 'scripts', 'ensure-deps.cjs')]).status !== 0) process.exit(1);
let activationSkip;
if (wants('activation') && run(process.execPath, [path.join(root, 'scripts', 'ensure-deps.cjs'), '--vscode', '--chromium']).status !== 0) {
  activationSkip = 'the VS Code server or Chromium could not be installed (scripts/ensure-deps.cjs --vscode --chromium)';
}

const require = createRequire(import.meta.url);
const esbuild = require('esbuild');
// The same bundling as esbuild.mjs (the extension and the CLI that ship), without source maps.
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode', 'playwright-core', 'mocha'],
  mainFields: ['module', 'main'],
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter'), debug: './scripts/debug-stub.cjs' },
  logLevel: 'warning',
  absWorkingDir: root,
};
fs.rmSync(out, { recursive: true, force: true });
const extension = path.join(out, 'extension');
fs.mkdirSync(path.join(extension, 'dist'), { recursive: true });
const started = Date.now();
await Promise.all([
  esbuild.build({ ...common, entryPoints: ['bench/main.ts'], outfile: path.join(out, 'bench.js') }),
  esbuild.build({ ...common, entryPoints: ['bench/floor.ts'], outfile: path.join(out, 'floor.js') }),
  esbuild.build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: path.join(out, 'cli.js') }),
  esbuild.build({ ...common, entryPoints: ['bench/activation/run.ts'], outfile: path.join(out, 'activation-run.js') }),
  esbuild.build({ ...common, entryPoints: ['bench/activation/extensionTest.ts'], outfile: path.join(out, 'activation-test.js') }),
  esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: path.join(extension, 'dist', 'extension.js') }),
]);
fs.copyFileSync(path.join(root, 'bench', 'maxrss.cjs'), path.join(out, 'maxrss.cjs'));
const wasm = [require.resolve('web-tree-sitter/web-tree-sitter.wasm'), require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm')];
for (const file of wasm) {
  fs.copyFileSync(file, path.join(out, path.basename(file)));
  fs.copyFileSync(file, path.join(extension, 'dist', path.basename(file)));
}
// The extension as VS Code loads it in development: its manifest and the folders it reads at run time.
fs.copyFileSync(path.join(root, 'package.json'), path.join(extension, 'package.json'));
for (const dir of ['languages', 'media', 'docs']) fs.cpSync(path.join(root, dir), path.join(extension, dir), { recursive: true });
console.error(`bench: built ${path.relative(root, out)} in ${Date.now() - started} ms`);

const env = {
  ...process.env,
  BENCH_ROOT: root,
  // The harness finds the VS Code server from its compiled location; the bundles live elsewhere, so say where.
  VSCODE_SERVER_DIR: process.env.VSCODE_SERVER_DIR ?? path.join(root, '.cache', 'vscode-server'),
  ...(activationSkip ? { BENCH_ACTIVATION_SKIP: activationSkip } : {}),
};
const result = run(process.execPath, ['--expose-gc', path.join(out, 'bench.js'), ...args], { env });
process.exit(result.status ?? 1);
