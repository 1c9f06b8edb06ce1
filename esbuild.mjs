// Bundles the extension and the CLI from one engine; `vscode` stays external.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  external: ['vscode'],
  // jsonc-parser's UMD "main" has requires esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  // web-tree-sitter's ESM build reads import.meta.url, which is empty in CJS output: bundle its CJS build.
  // heroku-client logs every response body (config var values included) through `debug` when DEBUG is set:
  // a no-op stub keeps secrets out of stderr whatever the environment says.
  alias: { 'web-tree-sitter': require.resolve('web-tree-sitter'), debug: './scripts/debug-stub.cjs' },
  logLevel: 'warning',
};
// The Terraform parser loads these from the bundle's directory (src/engine/parsers/terraform.ts).
const wasmFiles = [
  require.resolve('web-tree-sitter/web-tree-sitter.wasm'),
  require.resolve('@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm'),
];
fs.mkdirSync('dist', { recursive: true });
for (const file of wasmFiles) fs.copyFileSync(file, path.join('dist', path.basename(file)));
const entries = [
  { entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];
if (watch) {
  for (const entry of entries) await (await esbuild.context({ ...common, ...entry })).watch();
} else {
  await Promise.all(entries.map((entry) => esbuild.build({ ...common, ...entry })));
}
