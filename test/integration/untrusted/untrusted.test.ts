/// <reference types="mocha" />
// The extension in an untrusted workspace (issue 7 item 6), in the real VS Code with workspace trust on and the
// folders not trusted (Restricted Mode; runIntegration's `untrusted` run). The launcher starts the extension host with
// HEROKU_API_KEY set and HOME holding a ~/.netrc that is a FIFO. This suite links a folder to an app of a fake Platform
// API (user-level apiUrl: a workspace value of a restricted setting does not apply here), then runs everything that
// reads the live state. Proven: the fake records no request and no connection leaves from the extension's bundle;
// ~/.netrc is not read, by two detectors (a spy on the fs module, which the extension shares with this suite in the
// extension host, and a watchdog that sees any reader blocked on the FIFO), whose own test is the last one here;
// while linting still works. The network guard of the harness fails the run for anything that leaves loopback.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type FakeHeroku, startFakeHeroku } from '../../fake-heroku/server';
import { activate, type Api, fileUri, folderUri, open, waitFor, waitForRule } from '../helpers';

type LiveApi = Api & { live: { refresh(): Promise<void>; state: string; results: readonly unknown[] }; tree: vscode.TreeDataProvider<unknown> };

const nodeFs = createRequire(__filename)('node:fs') as typeof fs;
/** The functions a read of a file can go through, as the extension's bundle calls them (on the shared module). */
const READERS = ['readFile', 'readFileSync', 'open', 'openSync', 'createReadStream'] as const;
const PROMISE_READERS = ['readFile', 'open'] as const;
const BUNDLE = path.join('dist', 'extension.js');

function pathOf(arg: unknown): string {
  if (typeof arg === 'string') return arg;
  if (Buffer.isBuffer(arg)) return arg.toString();
  if (arg instanceof URL) return arg.pathname;
  return '';
}

describe('untrusted workspace', function () {
  this.timeout(60000);
  const home = process.env.HOME ?? '';
  const netrc = path.join(home, '.netrc');
  const token = process.env.HEROKU_API_KEY ?? '';
  /** Reads of ~/.netrc seen by the fs spy, with the stack that made them. */
  const netrcReads: string[] = [];
  /** Times the watchdog found a reader on the FIFO. */
  let fifoReaders = 0;
  /** Connections opened through an http(s) Agent while our bundle was on the stack. */
  const connections: string[] = [];
  const restore: (() => void)[] = [];
  let watchdog: NodeJS.Timeout | undefined;
  let api: LiveApi;
  let fake: FakeHeroku;

  const realOpenSync = nodeFs.openSync.bind(nodeFs);
  const realWriteSync = nodeFs.writeSync.bind(nodeFs);
  const realCloseSync = nodeFs.closeSync.bind(nodeFs);

  function spy<T extends object>(target: T, name: keyof T & string, record: (args: unknown[]) => void): void {
    const real = target[name] as unknown as (...args: unknown[]) => unknown;
    (target as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
      record(args);
      return real.apply(this, args);
    };
    restore.push(() => ((target as Record<string, unknown>)[name] = real));
  }

  /** Everything the live view does, each way a user can start it. */
  async function exerciseLive(): Promise<void> {
    await vscode.commands.executeCommand('workbench.view.extension.herokuCompliance');
    await vscode.commands.executeCommand('herokuCompliance.refreshLive');
    await api.live.refresh();
    await vscode.commands.executeCommand('herokuCompliance.linkApp');
    await vscode.commands.executeCommand('herokuCompliance.signIn');
    await vscode.commands.executeCommand('herokuCompliance.signOut');
    const report = fileUri('alpha', 'untrusted-report.md');
    await vscode.commands.executeCommand('herokuCompliance.exportReport', report);
    assert.ok(fs.existsSync(report.fsPath), 'the report is written');
    fs.rmSync(report.fsPath, { force: true });
    fs.rmSync(report.fsPath.replace(/\.md$/, '.json'), { force: true });
    // A settings change refreshes a started view; give anything asynchronous time to happen.
    await vscode.workspace.getConfiguration('herokuCompliance').update('live.refreshMinutes', 0, vscode.ConfigurationTarget.Global);
    await new Promise((resolve) => setTimeout(resolve, 1500));
  }

  before(async () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the workspace opened untrusted (Restricted Mode)');
    assert.ok(token, 'the launcher set HEROKU_API_KEY');
    assert.ok(fs.statSync(netrc).isFIFO(), '~/.netrc is the FIFO trap');

    for (const name of READERS) spy(nodeFs, name, (args) => pathOf(args[0]).endsWith('.netrc') && netrcReads.push(new Error(`${name} ${pathOf(args[0])}`).stack ?? name));
    for (const name of PROMISE_READERS) spy(nodeFs.promises, name, (args) => pathOf(args[0]).endsWith('.netrc') && netrcReads.push(new Error(`promises.${name} ${pathOf(args[0])}`).stack ?? name));
    spy(http.Agent.prototype as unknown as { addRequest: () => void }, 'addRequest', (args) => {
      const stack = new Error('connect').stack ?? '';
      if (stack.includes(BUNDLE)) connections.push(`${(args[0] as http.ClientRequest).host}${(args[0] as http.ClientRequest).path}`);
    });
    // A reader blocked on the FIFO lets a non-blocking writer open it (ENXIO otherwise): give it a line and count it.
    watchdog = setInterval(() => {
      try {
        const fd = realOpenSync(netrc, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
        fifoReaders++;
        realWriteSync(fd, 'machine nowhere.invalid password nothing\n');
        realCloseSync(fd);
      } catch {
        // ENXIO: nobody is reading.
      }
    }, 20);

    api = (await activate()) as LiveApi;
    fake = await startFakeHeroku({ scenario: 'shield', token });
    // User settings apply in Restricted Mode; the folder is linked by its setting, beta by a git remote.
    await vscode.workspace.getConfiguration('herokuCompliance').update('apiUrl', fake.url, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('herokuCompliance', folderUri('alpha')).update('app', fake.scenario().app, vscode.ConfigurationTarget.WorkspaceFolder);
    fs.mkdirSync(path.join(folderUri('beta').fsPath, '.git'), { recursive: true });
    fs.writeFileSync(path.join(folderUri('beta').fsPath, '.git', 'config'), `[remote "heroku"]\n\turl = https://git.heroku.com/${fake.scenario().app}.git\n`);
  });

  after(async () => {
    clearInterval(watchdog);
    for (const undo of restore.splice(0).reverse()) undo();
    await vscode.workspace.getConfiguration('herokuCompliance').update('apiUrl', undefined, vscode.ConfigurationTarget.Global);
    await vscode.workspace.getConfiguration('herokuCompliance').update('live.refreshMinutes', undefined, vscode.ConfigurationTarget.Global);
    await fake?.stop();
  });

  it('lints as usual: diagnostics as you type and the workspace check', async () => {
    await open('alpha', 'Procfile');
    await waitForRule(fileUri('alpha', 'Procfile'), 'HRK-CMD-001');
    await open('alpha', 'app.json');
    await waitForRule(fileUri('alpha', 'app.json'), 'HRK-APPJSON-005');
    const summary = await api.runCheck();
    assert.strictEqual(summary.folders, 2);
    assert.ok(summary.files > 0 && summary.filesWithFindings > 0);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('keeps the live view off with HEROKU_API_KEY set and the folders linked: no request, no connection', async () => {
    await exerciseLive();
    assert.strictEqual(api.live.state, 'untrusted');
    assert.deepStrictEqual(await api.tree.getChildren(), []);
    assert.deepStrictEqual(fake.requests, [], 'the fake Platform API was not asked anything');
    assert.deepStrictEqual(connections, [], 'no connection from the extension');
  });

  it('does not read ~/.netrc, where token discovery would look once HEROKU_API_KEY is gone', async () => {
    delete process.env.HEROKU_API_KEY;
    try {
      await exerciseLive();
      assert.strictEqual(api.live.state, 'untrusted');
    } finally {
      process.env.HEROKU_API_KEY = token;
    }
    assert.deepStrictEqual(netrcReads, [], 'the fs spy saw a read of ~/.netrc');
    assert.strictEqual(fifoReaders, 0, 'the watchdog saw a reader on ~/.netrc');
    assert.deepStrictEqual(fake.requests, []);
    assert.deepStrictEqual(connections, []);
  });

  it('(the detectors work: a read of ~/.netrc and a request from here are both seen)', async () => {
    netrcReads.length = 0;
    fifoReaders = 0;
    const text = await fs.promises.readFile(netrc, 'utf8');
    assert.match(text, /machine nowhere\.invalid/);
    await waitFor(() => fifoReaders === 1, 'the watchdog to count the reader');
    assert.strictEqual(netrcReads.length, 1);
    netrcReads.length = 0;
    fifoReaders = 0;
    const status = await new Promise<number | undefined>((resolve, reject) => http.get(`${fake.url}/account`, (res) => resolve(res.resume().statusCode)).on('error', reject));
    assert.strictEqual(status, 401);
    assert.strictEqual(fake.requests.length, 1);
  });
});
