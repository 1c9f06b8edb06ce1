// Standard @vscode/test-cli config: `npx vscode-test` downloads VS Code and runs the integration suites in it.
// Where VS Code cannot be downloaded (our CI), VSCODE_TEST_SHIM=1 uses vscode-shim.cjs as the "VS Code executable":
// it runs the same suites in code-server's VS Code 1.100.3 through headless Chromium.
// Either way, compile first: npm run build && npx tsc -p tsconfig.test.json
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@vscode/test-cli';

const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  files: 'out/test/integration/suite/**/*.test.js',
  workspaceFolder: 'test/fixtures/integration/workspace.code-workspace',
  mocha: { ui: 'bdd', timeout: 20000 },
  ...(process.env.VSCODE_TEST_SHIM === '1' ? { useInstallation: { fromPath: path.join(root, 'vscode-shim.cjs') } } : {}),
});
