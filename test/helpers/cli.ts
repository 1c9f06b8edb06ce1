/** Running the built CLI (CLI_PATH) in throwaway workspaces. */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI_PATH, FIXTURES_DIR } from './paths';

export interface CliResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export interface RunOptions {
  readonly cwd?: string;
  /** Extra environment; `undefined` removes a variable. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timeoutMs?: number;
}

/** Runs `node CLI_PATH ...args`. Colour variables are cleared unless `env` sets them. */
export function runCli(args: readonly string[], options: RunOptions = {}): CliResult {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !['NO_COLOR', 'FORCE_COLOR'].includes(key)) env[key] = value;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const started = Date.now();
  const result = spawnSync(process.execPath, [CLI_PATH, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw result.error;
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, ms: Date.now() - started };
}

/** Parses a JSON report, failing with the CLI's stderr when it is not JSON. */
export function parseJsonOutput<T = JsonReport>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (status ${result.status}):\n${result.stdout}\n--- stderr ---\n${result.stderr}`);
  }
}

/** The parts of the `--format json` report the tests read. */
export interface JsonReport {
  version: number;
  tool: { name: string; version: string };
  apps: { dir: string; profile: string; profileReason: string; generation: string }[];
  findings: {
    ruleId: string;
    severity: string;
    message: string;
    path: string;
    range: { start: { line: number; column: number; offset: number }; end: { line: number; column: number; offset: number } };
    related: { path: string; message: string }[];
    fix: { title: string; safety: string; edits: unknown[] | null } | null;
    profile: string;
    fingerprint: string;
    docUrl: string;
  }[];
  fixed: { path: string; fixes: number; ruleIds: string[] }[];
  warnings: string[];
  failures: unknown[];
  summary: { findings: number; bySeverity: Record<string, number>; files: number; filesChecked: number; suppressed: number; baselined: number; fixable: number; failOn: string; failed: boolean };
}

const created: string[] = [];

/** A fresh temporary directory with the given files (`/`-separated relative paths). */
export function makeWorkspace(files: Readonly<Record<string, string | Buffer>> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-cli-'));
  created.push(dir);
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Readonly<Record<string, string | Buffer>>): void {
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(dir, ...relative.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** A temporary copy of `test/fixtures/cli/<name>`, safe to modify. */
export function copyFixture(name: string): string {
  const dir = makeWorkspace();
  fs.cpSync(path.join(FIXTURES_DIR, 'cli', name), dir, { recursive: true });
  return dir;
}

export function cliFixture(name: string): string {
  return path.join(FIXTURES_DIR, 'cli', name);
}

let fixturesCopy: string | undefined;

/**
 * A temporary copy of all of `test/fixtures/cli`, made once per process: outside the repository, so that no
 * config file or .gitignore of the repository applies to it.
 */
export function cliFixtures(): string {
  if (fixturesCopy === undefined || !fs.existsSync(fixturesCopy)) fixturesCopy = copyFixture('');
  return fixturesCopy;
}

/** Removes every workspace made by this process. */
export function cleanWorkspaces(): void {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** The ids the built CLI knows, from `rules --format json`. */
export function registeredRuleIds(): Set<string> {
  const result = runCli(['rules', '--format', 'json']);
  return new Set((JSON.parse(result.stdout) as { rules: { id: string }[] }).rules.map((r) => r.id));
}

/**
 * Runs `node CLI_PATH ...args` without blocking this process's event loop (for tests whose fake server answers from
 * this process). Colour and Heroku variables are cleared and HOME is `home` (default: an empty directory, so that no
 * ~/.netrc of the machine is read) unless `env` sets them; `undefined` in `env` removes a variable.
 */
export function spawnCli(args: readonly string[], options: RunOptions & { readonly home?: string } = {}): Promise<CliResult> {
  const env: Record<string, string> = {};
  const cleared = /^(NO_COLOR|FORCE_COLOR|HEROKU_[A-Z_]+|DEBUG|NODE_DEBUG|USERPROFILE|HOMEDRIVE|HOMEPATH)$/;
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !cleared.test(key)) env[key] = value;
  env.HOME = options.home ?? makeWorkspace();
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd: options.cwd ?? process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}
