import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, from the compiled location out/test/harness (or out-NAME/test/harness). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** Where scripts/install-code-server.sh puts code-server 4.100.3 (VS Code 1.100.3 server + web workbench). */
export const VSCODE_SERVER_DIR = path.resolve(process.env.VSCODE_SERVER_DIR ?? path.join(REPO_ROOT, '.cache', 'vscode-server'));
export const SERVER_MAIN = path.join(VSCODE_SERVER_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
export const VSIX_PATH = path.join(REPO_ROOT, 'dist', 'heroku-compliance.vsix');
export const EXTENSION_ID = 'heroku-compliance.heroku-compliance';

/** Fails early with the command that fixes a missing VS Code server. */
export function requireServerInstalled(): void {
  if (!fs.existsSync(SERVER_MAIN)) {
    throw new Error(`VS Code server not found at ${SERVER_MAIN}.\n` +
      `Install it with: bash scripts/install-code-server.sh ${path.relative(process.cwd(), VSCODE_SERVER_DIR) || '.'}`);
  }
}
