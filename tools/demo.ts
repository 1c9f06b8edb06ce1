// `npm start`: the extension in a real VS Code (1.100.3, web) on 127.0.0.1, with examples/shield-app open in place.
// prestart builds and packages; this installs dist/heroku-compliance.vsix into a fresh temp extensions dir, starts
// the server with a random connection token, prints the URL and runs until Ctrl-C (which stops the server's
// whole process group and removes the temp dirs). Port: HEROKU_COMPLIANCE_DEMO_PORT, else a free one.
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { atExit, exitOnSignalWith, makeTempDir } from '../test/harness/cleanup';
import { EXTENSION_ID, REPO_ROOT, VSIX_PATH } from '../test/harness/paths';
import { startServer } from '../test/harness/server';

const FOLDER = path.join(REPO_ROOT, 'examples', 'shield-app');

function demoPort(): number | undefined {
  const raw = process.env.HEROKU_COMPLIANCE_DEMO_PORT;
  if (!raw) return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`HEROKU_COMPLIANCE_DEMO_PORT=${raw} is not a port number`);
  return port;
}

async function main(): Promise<void> {
  exitOnSignalWith(0); // Ctrl-C is how the demo is meant to end
  const root = makeTempDir('hc-demo');
  atExit(() => console.log(`Stopped the VS Code server; removing ${root}.`)); // cleanups run last-in first-out
  // The token guards the workbench (and with it a terminal on this machine) from other local users and web pages.
  const token = randomBytes(32).toString('hex');
  const server = await startServer({ root, vsix: VSIX_PATH, connectionToken: token, port: demoPort() });
  if (!server.installed?.includes(EXTENSION_ID)) throw new Error(`${EXTENSION_ID} did not install:\n${server.installed}`);
  const url = `${server.base}/?folder=${encodeURIComponent(FOLDER)}&tkn=${token}`;
  console.log([
    '',
    '  Heroku Compliance demo: VS Code 1.100.3 (web) with the extension installed',
    `  Open:   ${url}`,
    `  Folder: ${FOLDER} (opened in place: edits are saved there)`,
    `  Log:    ${server.logFile}`,
    '  Stop:   Ctrl-C',
    '',
  ].join('\n'));
  console.error(await server.exited); // runs until Ctrl-C (cleanup.ts stops the server) or the server dies
  process.exit(1);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
