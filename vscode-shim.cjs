#!/usr/bin/env node
'use strict';
// Stand-in "VS Code executable" for @vscode/test-cli (`useInstallation.fromPath`, see .vscode-test.mjs). It takes the
// desktop CLI arguments that @vscode/test-electron passes and runs the tests in code-server's VS Code 1.100.3 extension
// host through headless Chromium; its exit code is the tests' result. Like desktop VS Code, it opens the workspace in
// place. Needs the compiled harness (npx tsc -p tsconfig.test.json) and the server (scripts/install-code-server.sh).
const path = require('node:path');
const { runExtensionTests } = require('./out/test/harness/extensionTests.js');
const { keepTempDirs, makeTempDir } = require('./out/test/harness/cleanup.js');

const extensionDevelopmentPaths = [];
const positional = [];
let extensionTestsPath;
for (const arg of process.argv.slice(2)) {
  if (arg.startsWith('--extensionDevelopmentPath=')) extensionDevelopmentPaths.push(arg.slice('--extensionDevelopmentPath='.length));
  else if (arg.startsWith('--extensionTestsPath=')) extensionTestsPath = arg.slice('--extensionTestsPath='.length);
  else if (!arg.startsWith('-')) positional.push(arg);
  // the rest (--user-data-dir, --extensions-dir, sandbox flags, ...) does not apply: the server gets fresh temp dirs
}
if (!extensionTestsPath || extensionDevelopmentPaths.length === 0) {
  console.error('vscode-shim: needs --extensionDevelopmentPath=... and --extensionTestsPath=...');
  process.exit(2);
}

async function main() {
  const { exitCode, network } = await runExtensionTests({
    root: makeTempDir('hc-vscode-shim'),
    extensionDevelopmentPaths,
    extensionTestsPath,
    workspace: positional[0] && path.resolve(positional[0]),
    timeoutMs: Number(process.env.EXT_TEST_TIMEOUT || 300) * 1000,
    printConsole: true, // test-cli's runner reports through the extension host's console
  });
  const code = network.report() ? exitCode : Math.max(exitCode, 1);
  if (code !== 0) keepTempDirs();
  return code;
}

main().then((code) => process.exit(code), (e) => { console.error(e); process.exit(2); });
