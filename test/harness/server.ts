import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { atExit } from './cleanup';
import { SERVER_MAIN, requireServerInstalled } from './paths';

/** Settings that keep the web workbench quiet and deterministic offline (tests and demo alike). */
const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'files.autoSave': 'off',
  'editor.hover.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.colorTheme': 'Default Light Modern',
};

export interface ServerOptions {
  /** Fresh temp dir: user data, extensions, server data and server.log go inside. */
  root: string;
  /** Extra user settings on top of QUIET_SETTINGS. */
  settings?: Record<string, unknown>;
  /** Environment for the server; the extension host inherits it. */
  env?: NodeJS.ProcessEnv;
  /** Without it the server runs with --without-connection-token (tests only: the demo always passes one). */
  connectionToken?: string;
  /** A .vsix to install into the fresh extensions dir before start. */
  vsix?: string;
  /** Default: a free port. */
  port?: number;
  /**
   * Workspace trust on (`security.workspace.trust.enabled`, no `--disable-workspace-trust`): a folder opens in Restricted
   * Mode, without the trust prompt. Default off: tests and the demo run trusted.
   */
  workspaceTrust?: boolean;
}

/** With workspace trust on: never ask (a modal dialog would block the run), so a new folder stays untrusted. */
const TRUST_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
  'security.workspace.trust.untrustedFiles': 'open',
};

export interface RunningServer {
  port: number;
  base: string;
  logFile: string;
  /** `--list-extensions --show-versions` after installing opts.vsix. */
  installed?: string;
  /** Resolves with a message (and the log tail) when the server process exits, expectedly or not. */
  exited: Promise<string>;
  /** Kills the whole process group (server, extension host, file watcher, pty host) and waits for it. */
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Resolves with the first HTTP status (any status means the server listens); stops polling once giveUp() says so. */
function waitHttp(url: string, timeoutMs: number, giveUp: () => boolean): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const tryOnce = (): void => {
      const req = http.get(url, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', () => {
        if (giveUp()) reject(new Error('gave up'));
        else if (Date.now() > deadline) reject(new Error(`server did not answer ${url} within ${timeoutMs / 1000}s`));
        else setTimeout(tryOnce, 200);
      });
      req.setTimeout(2000, () => req.destroy());
    };
    tryOnce();
  });
}

function logTail(file: string, chars = 3000): string {
  try { return fs.readFileSync(file, 'utf8').slice(-chars); } catch { return '(no log)'; }
}

function dirs(root: string): { userData: string; extensions: string; serverData: string } {
  return { userData: path.join(root, 'user-data'), extensions: path.join(root, 'extensions'), serverData: path.join(root, 'server-data') };
}

// Same flags for the CLI (--install-extension) and the server: both must see the same dirs.
function commonArgs(root: string): string[] {
  const d = dirs(root);
  return ['--accept-server-license-terms', '--server-data-dir', d.serverData, '--user-data-dir', d.userData, '--extensions-dir', d.extensions];
}

// EXTENSIONS_GALLERY='{}' turns the extension gallery off in server and workbench: no open-vsx calls.
function serverEnv(root: string, extra: NodeJS.ProcessEnv | undefined): NodeJS.ProcessEnv {
  return { ...process.env, EXTENSIONS_GALLERY: '{}', ...extra, XDG_CONFIG_HOME: path.join(root, 'xdg'), XDG_DATA_HOME: path.join(root, 'xdg') };
}

/** Installs a .vsix offline into the root's extensions dir and returns `--list-extensions --show-versions`. */
export function installVsix(root: string, vsix: string): string {
  requireServerInstalled();
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} not found: run \`npm run package\` first`);
  const env = serverEnv(root, undefined);
  execFileSync(process.execPath, [SERVER_MAIN, ...commonArgs(root), '--install-extension', vsix], { env, stdio: 'pipe' });
  return execFileSync(process.execPath, [SERVER_MAIN, ...commonArgs(root), '--list-extensions', '--show-versions'], { env, encoding: 'utf8' });
}

// A live member of the process group. Zombies do not count: the server, once dead, stays a zombie until our
// event loop reaps it, and killGroup() below blocks that loop.
function groupAlive(pgid: number): boolean {
  if (!fs.existsSync('/proc/self/stat')) {
    try { process.kill(-pgid, 0); return true; } catch { return false; }
  }
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try { stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8'); } catch { continue; }
    const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // after "pid (comm) ": state ppid pgrp
    if (Number(pgrp) === pgid && state !== 'Z') return true;
  }
  return false;
}

function killGroup(pgid: number): void {
  try { process.kill(-pgid, 'SIGTERM'); } catch { return; }
  // Synchronous wait (this also runs from 'exit' and signal handlers): TERM, then KILL after 5 s.
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (const deadline = Date.now() + 5000; groupAlive(pgid) && Date.now() < deadline;) Atomics.wait(sleeper, 0, 0, 50);
  try { process.kill(-pgid, 'SIGKILL'); } catch { /* already gone */ }
}

/** Starts VS Code 1.100.3's server-main on 127.0.0.1, detached in its own process group. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  requireServerInstalled();
  const d = dirs(opts.root);
  fs.mkdirSync(path.join(d.userData, 'User'), { recursive: true });
  fs.mkdirSync(d.extensions, { recursive: true });
  const trust = opts.workspaceTrust ? TRUST_SETTINGS : {};
  fs.writeFileSync(path.join(d.userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...trust, ...opts.settings }, null, 2));
  const installed = opts.vsix ? installVsix(opts.root, opts.vsix) : undefined;

  const port = opts.port ?? await freePort();
  const token = opts.connectionToken ? ['--connection-token', opts.connectionToken] : ['--without-connection-token'];
  const args = [SERVER_MAIN, '--host', '127.0.0.1', '--port', String(port), ...token, ...commonArgs(opts.root),
    ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-telemetry'];
  const logFile = path.join(opts.root, 'server.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, args, { cwd: opts.root, stdio: ['ignore', log, log], detached: true, env: serverEnv(opts.root, opts.env) });
  fs.closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the VS Code server');
  let stopped = false;
  const stop = (): void => { if (!stopped) { stopped = true; killGroup(pid); } };
  atExit(stop);

  let dead = false;
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => {
    dead = true;
    resolve(`VS Code server exited (${signal ?? `code ${code}`}); ${logFile} ends with:\n${logTail(logFile)}`);
  }));
  const diedEarly = exited.then((msg) => { throw new Error(`before it answered: ${msg}`); });
  await Promise.race([diedEarly, waitHttp(`http://127.0.0.1:${port}/`, 60000, () => dead)]);
  return { port, base: `http://127.0.0.1:${port}`, logFile, installed, exited, stop };
}
