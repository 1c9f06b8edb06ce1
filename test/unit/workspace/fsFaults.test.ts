/**
 * File-system faults (issue 7 item 5) for both users of src/workspace: the CLI (`check`) and the editor's workspace
 * check (`folderScope` + `lint` per part, as src/diagnostics/workspaceCheck.ts). test/unit/cli/discover.test.ts already
 * covers, for the CLI, symlink loops, FIFOs, broken links, binary and non-UTF-8 content and a 50 MB file; this file
 * fills the gaps: permission denied (run as `nobody` through setpriv when the tests run as root), files and
 * directories that disappear or change during a scan (injected in-process at the exact moment, through fs hooks or the
 * editor's own `openText` hook), paths near and past PATH_MAX, 10,000 files with the peak RSS measured, and the editor
 * side of loops and non-UTF-8 content. Each case must end with a clear message, not a crash or a hang.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it, type TestContext } from 'node:test';
import { main } from '../../../src/cli/main';
import type { Io } from '../../../src/cli/io';
import { lint } from '../../../src/engine';
import { type EditorOverrides, fileScope, folderScope, type ScopeOptions } from '../../../src/workspace/lintScope';
import { cleanWorkspaces, type JsonReport, makeWorkspace, parseJsonOutput, runCli } from '../../helpers/cli';
import { CLI_PATH } from '../../helpers/paths';
import type { ProbeResult } from '../../helpers/scopeProbe';

const APP = '{\n  "name": "svc",\n  "image": "heroku/ruby",\n  "stack": "heroku-24"\n}\n';
const PROCFILE = 'web: node --inspect=0.0.0.0:9229 server.js\n';
const AUTO: EditorOverrides = { profile: 'auto', rules: {}, exclude: [] };
const PROBE = path.join(__dirname, '..', '..', 'helpers', 'scopeProbe.js');
const posix = process.platform !== 'win32';

after(cleanWorkspaces);

/** The fs module object itself (the compiled `import * as fs` is a read-only view), for hooks the code under test sees. */
const nodeFs = createRequire(__filename)('node:fs') as typeof fs;

/** Replaces fs functions for the duration of `run`, and restores them. */
async function withFsHooks<T>(hooks: Partial<Record<'openSync' | 'readdirSync' | 'readFileSync', (real: (...args: never[]) => unknown, ...args: never[]) => unknown>>, run: () => Promise<T>): Promise<T> {
  const saved = new Map<string, unknown>();
  for (const [name, hook] of Object.entries(hooks)) {
    const real = (nodeFs as unknown as Record<string, (...args: never[]) => unknown>)[name];
    saved.set(name, real);
    (nodeFs as unknown as Record<string, unknown>)[name] = (...args: never[]) => hook(real.bind(nodeFs), ...args);
  }
  try {
    return await run();
  } finally {
    for (const [name, real] of saved) (nodeFs as unknown as Record<string, unknown>)[name] = real;
  }
}

/** `heroku-compliance check …` in this process (so that fs hooks apply), with its output. */
async function checkInProcess(cwd: string, args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: Io = { cwd, env: {}, stdoutIsTTY: false, out: (text) => (stdout += text), err: (text) => (stderr += text) };
  const status = await main(['check', ...args], io);
  return { status, stdout, stderr };
}

function scopeOptions(warnings: string[], openText: ScopeOptions['openText'] = () => undefined): ScopeOptions {
  return { overrides: AUTO, openText, sizeLimit: { bytes: 10 * 1024 * 1024, name: 'editor' }, warn: (m) => warnings.push(m) };
}

/** How to run a command as an unprivileged user, or why it cannot be done here. */
function unprivileged(): { prefix: string[] } | { skip: string } {
  if (!posix) return { skip: 'no POSIX permissions on this platform' };
  if (process.getuid?.() !== 0) return { prefix: [] };
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
  if (!setpriv) return { skip: 'running as root without setpriv: permission bits do not apply to root' };
  const probe = spawnSync(setpriv, ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', 'process.exit(process.getuid() === 65534 ? 0 : 1)']);
  return probe.status === 0 ? { prefix: [setpriv, '--reuid=65534', '--regid=65534', '--clear-groups'] } : { skip: `setpriv cannot switch to uid 65534 here (${probe.stderr.toString().trim()})` };
}

function runAs(prefix: string[], args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const [command, ...rest] = prefix.length > 0 ? [...prefix, process.execPath, ...args] : [process.execPath, ...args];
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: os.tmpdir() };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const result = spawnSync(command, rest, { cwd, encoding: 'utf8', timeout: 60_000, env });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A workspace that other users may enter and read (mkdtemp makes it 0700). */
function sharedWorkspace(files: Record<string, string>): string {
  const dir = makeWorkspace(files);
  for (let d = dir; d !== path.dirname(d) && d.startsWith(os.tmpdir()) && d !== os.tmpdir(); d = path.dirname(d)) fs.chmodSync(d, 0o755);
  for (const rel of Object.keys(files)) {
    let d = path.dirname(path.join(dir, rel));
    for (; d !== dir; d = path.dirname(d)) fs.chmodSync(d, 0o755);
    fs.chmodSync(path.join(dir, rel), 0o644);
  }
  return dir;
}

describe('file system: permission denied', () => {
  const how = unprivileged();
  const skip = 'skip' in how ? how.skip : false;

  it('CLI: warns about an unreadable directory and file and an unwritable fix, and checks the rest', { skip }, () => {
    if ('skip' in how) return;
    const dir = sharedWorkspace({ 'ok/app.json': APP, 'locked/app.json': APP, 'app/app.json': APP, 'app/Procfile': PROCFILE, 'readonly/app.json': APP });
    // Files the fix may write are writable by everyone; the read-only one by nobody (its directory neither).
    for (const rel of ['ok/app.json', 'app/Procfile']) fs.chmodSync(path.join(dir, rel), 0o666);
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    fs.chmodSync(path.join(dir, 'app', 'app.json'), 0o000);
    fs.chmodSync(path.join(dir, 'readonly', 'app.json'), 0o444);
    fs.chmodSync(path.join(dir, 'readonly'), 0o555);
    try {
      const run = runAs(how.prefix, [CLI_PATH, 'check', '--format', 'json', '--fail-on', 'none', '--fix'], dir);
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /^heroku-compliance: warning: cannot read directory locked: permission denied$/m);
      assert.match(run.stderr, /^heroku-compliance: warning: cannot read app\/app\.json: permission denied$/m);
      assert.match(run.stderr, /^heroku-compliance: warning: cannot write the fixes to readonly\/app\.json: permission denied$/m);
      const report = JSON.parse(run.stdout) as JsonReport;
      // The readable files were linted and fixed; the read-only one keeps its finding.
      assert.deepEqual(report.fixed.map((f) => f.path).sort(), ['app/Procfile', 'ok/app.json']);
      assert.deepEqual([...new Set(report.findings.map((f) => f.path))].sort(), ['readonly/app.json']);
      assert.equal(report.warnings.length, 3, report.warnings.join('\n'));
      assert.equal(fs.readFileSync(path.join(dir, 'readonly', 'app.json'), 'utf8'), APP, 'the read-only file is unchanged');
      assert.doesNotMatch(fs.readFileSync(path.join(dir, 'ok', 'app.json'), 'utf8'), /"image"/, 'the writable file was fixed');
    } finally {
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
      fs.chmodSync(path.join(dir, 'readonly'), 0o755);
    }
  });

  it('editor: the workspace check logs the unreadable directory and file and lints the rest', { skip }, () => {
    if ('skip' in how) return;
    const dir = sharedWorkspace({ 'ok/app.json': APP, 'locked/app.json': APP, 'app/app.json': APP, 'app/Procfile': PROCFILE });
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    fs.chmodSync(path.join(dir, 'app', 'app.json'), 0o000);
    try {
      const run = runAs(how.prefix, [PROBE, dir], dir);
      assert.equal(run.status, 0, run.stderr);
      const result = JSON.parse(run.stdout) as ProbeResult;
      assert.deepEqual(result.warnings.map((w) => w.replace(dir, '<dir>')).sort(), [
        'cannot read <dir>/app/app.json: permission denied',
        'cannot read directory <dir>/locked: permission denied',
      ]);
      assert.equal(result.files, 2, 'ok/app.json and app/Procfile');
      assert.ok(result.findings >= 2);
    } finally {
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });
});

describe('file system: files that change or disappear during a scan', () => {
  it('CLI: a file removed between discovery and reading is a warning, not an error', async () => {
    const dir = makeWorkspace({ 'a/app.json': APP, 'b/app.json': APP });
    const target = path.join(dir, 'b', 'app.json');
    const run = await withFsHooks(
      {
        openSync: (real, ...args) => {
          if ((args as unknown[])[0] === target && fs.existsSync(target)) fs.unlinkSync(target);
          return real(...args);
        },
      },
      () => checkInProcess(dir, ['--format', 'json', '--fail-on', 'none']),
    );
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, 'heroku-compliance: warning: cannot read b/app.json: it does not exist (removed during the scan, or a broken symbolic link)\n');
    assert.deepEqual((JSON.parse(run.stdout) as JsonReport).findings.map((f) => f.path), ['a/app.json']);
  });

  it('CLI: a file replaced by a directory or a FIFO before it is read is skipped as not a regular file', { skip: !posix }, async () => {
    const dir = makeWorkspace({ 'a/app.json': APP, 'b/app.json': APP, 'c/Procfile': PROCFILE });
    const swaps = new Map<string, () => void>([
      [path.join(dir, 'b', 'app.json'), () => fs.mkdirSync(path.join(dir, 'b', 'app.json'))],
      [path.join(dir, 'c', 'Procfile'), () => execFileSync('mkfifo', [path.join(dir, 'c', 'Procfile')])],
    ]);
    const run = await withFsHooks(
      {
        openSync: (real, ...args) => {
          const swap = swaps.get((args as unknown[])[0] as string);
          if (swap) {
            swaps.delete((args as unknown[])[0] as string);
            fs.rmSync((args as unknown[])[0] as string);
            swap();
          }
          return real(...args);
        },
      },
      () => checkInProcess(dir, ['--format', 'json', '--fail-on', 'none']),
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /warning: skipped b\/app\.json: not a regular file/);
    assert.match(run.stderr, /warning: skipped c\/Procfile: not a regular file/);
    assert.deepEqual((JSON.parse(run.stdout) as JsonReport).findings.map((f) => f.path), ['a/app.json']);
  });

  it('CLI: a directory removed during the walk is a warning', async () => {
    const dir = makeWorkspace({ 'a/app.json': APP, 'gone/app.json': APP, 'gone/deep/Procfile': PROCFILE });
    const target = path.join(dir, 'gone');
    const run = await withFsHooks(
      {
        readdirSync: (real, ...args) => {
          if ((args as unknown[])[0] === target && fs.existsSync(target)) fs.rmSync(target, { recursive: true });
          return real(...args);
        },
      },
      () => checkInProcess(dir, ['--format', 'json', '--fail-on', 'none']),
    );
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, 'heroku-compliance: warning: cannot read directory gone: it does not exist (removed during the scan, or a broken symbolic link)\n');
    assert.deepEqual((JSON.parse(run.stdout) as JsonReport).findings.map((f) => f.path), ['a/app.json']);
  });

  it('CLI --fix: a file changed after it was read is not overwritten with fixes made from the old text (it was)', async () => {
    const dir = makeWorkspace({ 'a/app.json': APP, 'b/app.json': APP, 'c/app.json': APP });
    const edited = path.join(dir, 'b', 'app.json');
    const removed = path.join(dir, 'c', 'app.json');
    const userEdit = APP.replace('"svc"', '"svc-renamed-while-checking"');
    const fds = new Map<number, string>();
    const run = await withFsHooks(
      {
        openSync: (real, ...args) => {
          const fd = real(...args) as number;
          fds.set(fd, (args as unknown[])[0] as string);
          return fd;
        },
        readFileSync: (real, ...args) => {
          const result = real(...args);
          // Just after the check read the file: an editor saves it, another tool deletes one.
          const file = fds.get((args as unknown[])[0] as number);
          if (file === edited) fs.writeFileSync(edited, userEdit);
          if (file === removed) fs.unlinkSync(removed);
          return result;
        },
      },
      () => checkInProcess(dir, ['--fix', '--rule', 'HRK-APPJSON-025', '--format', 'json', '--fail-on', 'none']),
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /^heroku-compliance: warning: not fixing b\/app\.json: it changed during the check$/m);
    assert.match(run.stderr, /^heroku-compliance: warning: not fixing c\/app\.json: it does not exist \(removed during the scan, or a broken symbolic link\)$/m);
    assert.equal(fs.readFileSync(edited, 'utf8'), userEdit, 'the edit made during the check is kept');
    assert.ok(!fs.existsSync(removed), 'the removed file is not written back');
    assert.doesNotMatch(fs.readFileSync(path.join(dir, 'a', 'app.json'), 'utf8'), /"image"/, 'the untouched file is fixed');
    assert.deepEqual((JSON.parse(run.stdout) as JsonReport).fixed.map((f) => f.path), ['a/app.json']);
  });

  it('editor: a file removed, or replaced by a directory, between discovery and reading is logged and left out', () => {
    const dir = makeWorkspace({ 'a/app.json': APP, 'b/app.json': APP, 'c/Procfile': PROCFILE, 'd/Procfile': PROCFILE });
    const warnings: string[] = [];
    // openText is asked for every discovered file just before the files on disk are read: the moment to strike.
    const scope = folderScope(
      dir,
      dir,
      scopeOptions(warnings, (absolute) => {
        if (absolute === path.join(dir, 'b', 'app.json')) fs.rmSync(absolute, { force: true });
        if (absolute === path.join(dir, 'c', 'Procfile') && fs.statSync(absolute, { throwIfNoEntry: false })?.isFile()) {
          fs.rmSync(absolute);
          fs.mkdirSync(absolute);
        }
        return undefined;
      }),
    );
    assert.deepEqual(scope.request.files.map((f) => f.path).sort(), ['a/app.json', 'd/Procfile']);
    assert.deepEqual(warnings.map((w) => w.replace(dir, '<dir>')).sort(), [
      'cannot read <dir>/b/app.json: it does not exist (removed during the scan, or a broken symbolic link)',
      'skipped <dir>/c/Procfile: not a regular file',
    ]);
    assert.equal(lint(scope.request).findings.length > 0, true);
    // And the file's own scope (the editor's lint of one document) is undefined once the file is gone.
    assert.equal(fileScope(path.join(dir, 'b', 'app.json'), dir, scopeOptions([])), undefined);
  });
});

describe('file system: symlink loops and non-UTF-8 content in the editor', () => {
  it('folderScope and the CLI end on symlink loops, list each file once under its real path, and name a looping manifest', { skip: !posix }, () => {
    const dir = makeWorkspace({ 'real/app.json': APP, 'real/deep/Procfile': PROCFILE });
    fs.symlinkSync('..', path.join(dir, 'real', 'deep', 'up'));
    fs.symlinkSync('.', path.join(dir, 'real', 'self'));
    fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'alias'));
    fs.symlinkSync('loop-b', path.join(dir, 'loop-a'));
    fs.symlinkSync('loop-a', path.join(dir, 'loop-b'));
    fs.mkdirSync(path.join(dir, 'loopy'));
    fs.symlinkSync('app.json', path.join(dir, 'loopy', 'app.json'));
    const warnings: string[] = [];
    const scope = folderScope(dir, dir, scopeOptions(warnings));
    assert.deepEqual(scope.request.files.map((f) => f.path).sort(), ['real/app.json', 'real/deep/Procfile']);
    assert.deepEqual(warnings.map((w) => w.replace(dir, '<dir>')), ['cannot read <dir>/loopy/app.json: too many levels of symbolic links']);
    const run = runCli(['check', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, 'heroku-compliance: warning: cannot read loopy/app.json: too many levels of symbolic links\n');
    assert.deepEqual([...new Set(parseJsonOutput(run).findings.map((f) => f.path))].sort(), ['real/app.json', 'real/deep/Procfile']);
  });

  it('folderScope reads invalid UTF-8 and UTF-16 files, marks them as not round-tripping, and the lint goes on', () => {
    const dir = makeWorkspace({
      'latin1/app.json': Buffer.concat([Buffer.from('{\n  "name": "caf'), Buffer.from([0xe9]), Buffer.from('",\n  "image": "x"\n}\n')]) as unknown as string,
      'utf16/Procfile': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(PROCFILE, 'utf16le')]) as unknown as string,
      'binary/heroku.yml': Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919 + 13) % 256)) as unknown as string,
    });
    const warnings: string[] = [];
    const scope = folderScope(dir, dir, scopeOptions(warnings));
    assert.deepEqual(warnings, []);
    const byPath = new Map(scope.request.files.map((f) => [f.path, f as { roundTrips?: boolean }]));
    assert.equal(byPath.get('latin1/app.json')?.roundTrips, false);
    assert.equal(byPath.size, 3);
    const result = lint(scope.request);
    assert.deepEqual(result.failures, []);
    assert.ok(result.findings.some((f) => f.path === 'latin1/app.json' && f.ruleId === 'HRK-APPJSON-025'), 'the invalid byte does not hide the rest of the file');
  });
});

describe('file system: very long paths', () => {
  /** Makes `count` nested directories named `name` under `base` (relative steps: a path past PATH_MAX cannot be named at once). */
  function nest(base: string, name: string, count: number, file: [string, string]): string {
    const script = `const fs = require('fs'); const [name, count, file, text] = process.argv.slice(1);
      for (let i = 0; i < Number(count); i++) { fs.mkdirSync(name); process.chdir(name); }
      fs.writeFileSync(file, text);`;
    execFileSync(process.execPath, ['-e', script, name, String(count), ...file], { cwd: base });
    return path.join(base, ...Array<string>(count).fill(name));
  }

  /** `rm -rf`: Node's rmSync names every path whole, which fails past PATH_MAX. */
  function removeDeep(dir: string): void {
    execFileSync('rm', ['-rf', dir]);
  }

  it('CLI and editor: an app.json at a path just under PATH_MAX is found and linted, with its relative path', { skip: !posix }, () => {
    const dir = makeWorkspace({ 'short/app.json': APP });
    const segment = 'd'.repeat(200);
    // PATH_MAX is 4096 on Linux (with the terminating NUL); stay under it with room for "/app.json".
    const count = Math.floor((4096 - dir.length - 20) / (segment.length + 1));
    try {
      const deep = nest(dir, segment, count, ['app.json', APP]);
      const absolute = path.join(deep, 'app.json');
      assert.ok(absolute.length > 3800 && absolute.length < 4096, `${absolute.length} characters`);
      const run = runCli(['check', '--rule', 'HRK-APPJSON-025', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stderr, '');
      const paths = parseJsonOutput(run).findings.map((f) => f.path);
      assert.deepEqual(paths.sort(), [path.relative(dir, absolute).split(path.sep).join('/'), 'short/app.json'].sort());
      const warnings: string[] = [];
      const scope = folderScope(dir, dir, scopeOptions(warnings));
      assert.deepEqual(warnings, []);
      assert.equal(scope.request.files.length, 2);
    } finally {
      removeDeep(dir);
    }
  });

  it('CLI and editor: a directory past PATH_MAX gets one clear warning; the rest is checked', { skip: !posix }, () => {
    const dir = makeWorkspace({ 'short/app.json': APP });
    const segment = 'e'.repeat(250);
    try {
      nest(dir, segment, Math.ceil(4200 / 251), ['app.json', APP]);
      const run = runCli(['check', '--rule', 'HRK-APPJSON-025', '--format', 'json', '--fail-on', 'none'], { cwd: dir, timeoutMs: 30_000 });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stderr, /^heroku-compliance: warning: cannot read directory (e{250}\/)+e{250}: its path is longer than the system allows$/m);
      assert.equal(run.stderr.split('\n').filter(Boolean).length, 1, 'one warning');
      assert.deepEqual(parseJsonOutput(run).findings.map((f) => f.path), ['short/app.json']);
      const warnings: string[] = [];
      const scope = folderScope(dir, dir, scopeOptions(warnings));
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], /^cannot read directory .*: its path is longer than the system allows$/);
      assert.deepEqual(scope.request.files.map((f) => f.path), ['short/app.json']);
    } finally {
      removeDeep(dir);
    }
  });
});

describe('file system: 10,000 files', () => {
  const APPS = 2000;
  let dir: string | undefined;
  const tree = (): string => {
    if (dir) return dir;
    dir = makeWorkspace();
    for (let i = 0; i < APPS; i++) {
      const app = path.join(dir, 'apps', `app-${String(i).padStart(4, '0')}`);
      fs.mkdirSync(app, { recursive: true });
      fs.writeFileSync(path.join(app, 'app.json'), `${JSON.stringify({ name: `app-${i}`, stack: 'heroku-24', env: { NODE_ENV: { value: 'production' } }, formation: { web: { quantity: 1, size: 'standard-1x' } } }, null, 2)}\n`);
      fs.writeFileSync(path.join(app, 'Procfile'), 'web: node server.js --port $PORT\nworker: node worker.js\n');
      fs.writeFileSync(path.join(app, 'heroku.yml'), 'build:\n  docker:\n    web: Dockerfile\nrun:\n  web: node server.js\n');
      fs.writeFileSync(path.join(app, 'Dockerfile'), 'FROM heroku/heroku:24\nCMD ["node", "server.js"]\n');
      fs.writeFileSync(path.join(app, 'main.tf'), `resource "heroku_app" "a${i}" {\n  name   = "app-${i}"\n  region = "us"\n}\n`);
    }
    return dir;
  };
  /** Peak RSS bound for either path: the 10,000 files are about 2 MB; the engine's models and the report stay far below. */
  const MAX_RSS_MB = 512;

  it(`CLI: checks all 10,000 files with a bounded peak RSS (under ${MAX_RSS_MB} MB)`, (t: TestContext) => {
    const root = tree();
    const rssFile = path.join(os.tmpdir(), `hc-rss-${process.pid}.txt`);
    const preload = path.join(os.tmpdir(), `hc-rss-${process.pid}.cjs`);
    fs.writeFileSync(preload, "process.on('exit', () => require('fs').writeFileSync(process.env.HC_RSS_FILE, String(process.resourceUsage().maxRSS)));\n");
    const started = Date.now();
    const result = spawnSync(process.execPath, ['-r', preload, CLI_PATH, 'check', '--format', 'json', '--fail-on', 'none'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, HC_RSS_FILE: rssFile },
      maxBuffer: 256 * 1024 * 1024,
      timeout: 180_000,
    });
    const ms = Date.now() - started;
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as JsonReport;
    assert.equal(report.summary.filesChecked, APPS * 5);
    const rssMb = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
    fs.rmSync(rssFile, { force: true });
    fs.rmSync(preload, { force: true });
    t.diagnostic(`CLI: ${report.summary.filesChecked} files in ${(ms / 1000).toFixed(1)} s, peak RSS ${rssMb.toFixed(0)} MB`);
    assert.ok(rssMb < MAX_RSS_MB, `peak RSS ${rssMb.toFixed(0)} MB`);
  });

  it(`editor: the workspace check path lints all 10,000 files with a bounded peak RSS (under ${MAX_RSS_MB} MB)`, (t: TestContext) => {
    const root = tree();
    const run = runAs([], [PROBE, root], root);
    assert.equal(run.status, 0, run.stderr);
    const result = JSON.parse(run.stdout) as ProbeResult;
    assert.equal(result.files, APPS * 5);
    assert.deepEqual(result.warnings, []);
    const rssMb = result.maxRssKb / 1024;
    t.diagnostic(`editor: ${result.files} files in ${(result.ms / 1000).toFixed(1)} s, ${result.findings} findings, peak RSS ${rssMb.toFixed(0)} MB`);
    assert.ok(rssMb < MAX_RSS_MB, `peak RSS ${rssMb.toFixed(0)} MB`);
  });
});
