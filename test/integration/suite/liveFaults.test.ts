/// <reference types="mocha" />
// The Live Security view under random API faults (issue 7 item 3), in the real VS Code: the fake Platform API (started
// in the extension host) answers with faults drawn from a seed per refresh: delays, resets, bodies cut part way, HTML or
// plain text with 200, empty bodies, JSON of the wrong shape or with corrupted content, error statuses, mixed per
// endpoint and per page. Every refresh must end within the API deadline in a defined state, with a tree VS Code can
// render; and nothing may reach the extension host as an unhandled rejection or an uncaught exception, nor appear in
// its logs as an error from this extension.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SecurityState } from '../../../src/heroku/securityState';
import { scenario } from '../../fake-heroku/scenarios';
import { CHAOS_KINDS, type Chaos, type FakeHeroku, startFakeHeroku } from '../../fake-heroku/server';
import { assertDefinedState, ERROR_KINDS, describeChaos } from '../../helpers/liveChaos';
import { activate, type Api, folderUri } from '../helpers';

interface FolderResult {
  kind: 'unlinked' | 'ready' | 'failed';
  state?: SecurityState;
  error?: { kind: string; message: string };
}
type LiveApi = Api & {
  live: { refresh(): Promise<void>; state: string; results: readonly FolderResult[] };
  tree: vscode.TreeDataProvider<unknown>;
  logUri: vscode.Uri;
};

const TOKEN = 'live-faults-token-93c1d0';
const VIEW_STATES = new Set(['untrusted', 'signed-out', 'unauthorized', 'unlinked', 'unreachable', 'loading', 'ready']);
/** The read's deadline is 10 s; the view adds its own work and a busy machine adds the rest. */
const MAX_REFRESH_MS = 13_000;
const SEEDS = [11, 23, 37, 41, 53, 67, 79, 97];

/** Every tree item of the view, each rendered as VS Code would ask for it. */
async function renderAll(tree: vscode.TreeDataProvider<unknown>, element?: unknown): Promise<vscode.TreeItem[]> {
  const out: vscode.TreeItem[] = [];
  for (const child of (await tree.getChildren(element)) ?? []) {
    const item = await tree.getTreeItem(child);
    out.push(item, ...(await renderAll(tree, child)));
  }
  return out;
}

describe('live security view under random API faults', function () {
  this.timeout(60000);
  let api: LiveApi;
  let fake: FakeHeroku;
  let home: string;
  const saved = { key: process.env.HEROKU_API_KEY, home: process.env.HOME };
  const rejections: unknown[] = [];
  const exceptions: unknown[] = [];
  const onRejection = (reason: unknown): void => void rejections.push(reason);
  const onException = (error: unknown): void => void exceptions.push(error);
  const logStart = new Map<string, number>();

  /** Every file under the window's log directory (all extensions and the extension host), with its size now. */
  function logFiles(): string[] {
    const dir = path.dirname(path.dirname(api.logUri.fsPath));
    if (!fs.existsSync(dir)) return [];
    return (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
  }

  before(async () => {
    api = (await activate()) as LiveApi;
    process.on('unhandledRejection', onRejection);
    process.on('uncaughtException', onException);
    // Small pages: every list is several requests, each with its own draw.
    fake = await startFakeHeroku({ scenario: 'shield', token: TOKEN, pageSize: 2 });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-faults-home-'));
    process.env.HOME = home;
    process.env.HEROKU_API_KEY = TOKEN;
    await vscode.workspace.getConfiguration('herokuCompliance').update('apiUrl', fake.url, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('herokuCompliance', folderUri('alpha')).update('app', scenario('shield').app, vscode.ConfigurationTarget.WorkspaceFolder);
    await vscode.commands.executeCommand('workbench.view.extension.herokuCompliance');
    for (const file of logFiles()) logStart.set(file, fs.statSync(file).size);
  });

  after(async () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
    await vscode.workspace.getConfiguration('herokuCompliance', folderUri('alpha')).update('app', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await vscode.workspace.getConfiguration('herokuCompliance').update('apiUrl', undefined, vscode.ConfigurationTarget.Workspace);
    process.env.HOME = saved.home;
    if (saved.key === undefined) delete process.env.HEROKU_API_KEY;
    else process.env.HEROKU_API_KEY = saved.key;
    fs.rmSync(home, { recursive: true, force: true });
    await fake.stop();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
  });

  for (const seed of SEEDS) {
    // One seed in four may stall bodies (those refreshes end at the deadline); the others only delay.
    const chaos: Chaos = { seed, rate: 0.25 + (seed % 5) / 10, maxDelayMs: 600, kinds: seed % 4 === 1 ? CHAOS_KINDS : CHAOS_KINDS.filter((k) => k !== 'stall') };
    it(`refresh under faults of seed ${seed}: a defined state within the deadline, a tree that renders`, async () => {
      fake.setChaos(chaos);
      try {
        const started = Date.now();
        await api.live.refresh();
        const ms = Date.now() - started;
        const context = `${describeChaos(chaos)} drew ${JSON.stringify(fake.chaosDraws.filter((d) => d.fault).map((d) => `${d.path} ${d.fault}`))}`;
        assert.ok(ms < MAX_REFRESH_MS, `${context}: ${ms} ms`);
        assert.ok(VIEW_STATES.has(api.live.state), `${context}: view state ${api.live.state}`);
        for (const folder of api.live.results) {
          if (folder.kind === 'ready' && folder.state) assertDefinedState(folder.state, TOKEN, context);
          if (folder.kind === 'failed') {
            assert.ok(folder.error && ERROR_KINDS.has(folder.error.kind as never) && folder.error.message.length > 0, `${context}: ${JSON.stringify(folder.error)}`);
          }
        }
        for (const item of await renderAll(api.tree)) {
          assert.ok(typeof item.label === 'string' && item.label.length > 0, `${context}: a label`);
          assert.ok(item.description === undefined || typeof item.description === 'string', `${context}: ${String(item.label)} description`);
        }
      } finally {
        fake.setChaos(undefined);
        fake.chaosDraws.length = 0;
      }
    });
  }

  it('refreshes started on top of each other (each cancels the one before) settle on one defined state', async () => {
    fake.setChaos({ seed: 4242, rate: 0.4, maxDelayMs: 400, kinds: CHAOS_KINDS.filter((k) => k !== 'stall') });
    try {
      const started = Date.now();
      const refreshes = [api.live.refresh(), api.live.refresh(), vscode.commands.executeCommand('herokuCompliance.refreshLive'), api.live.refresh()];
      await Promise.all(refreshes);
      assert.ok(Date.now() - started < MAX_REFRESH_MS);
      assert.ok(VIEW_STATES.has(api.live.state) && api.live.state !== 'loading', api.live.state);
      await renderAll(api.tree);
    } finally {
      fake.setChaos(undefined);
    }
  });

  it('let no rejection go unhandled and no exception uncaught, and logged no error from this extension', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1500)); // VS Code reports an unhandled rejection after a delay
    assert.deepStrictEqual(rejections.map(String), [], 'unhandled rejections');
    assert.deepStrictEqual(exceptions.map(String), [], 'uncaught exceptions');
    const ours = /heroku-?compliance|Heroku Compliance|extension\.js/i;
    const bad: string[] = [];
    let scanned = 0;
    for (const file of logFiles()) {
      const text = fs.readFileSync(file, 'utf8').slice(logStart.get(file) ?? 0);
      scanned++;
      const isOurLog = ours.test(path.basename(file)) || ours.test(path.basename(path.dirname(file)));
      for (const line of text.split('\n')) {
        // Our own log: no [error] line at all. Other logs (the extension host's): no error or unhandled line about us.
        if (isOurLog ? /\[error\]/i.test(line) : /\b(error|unhandled)\b/i.test(line) && ours.test(line)) bad.push(`${path.basename(file)}: ${line}`);
      }
    }
    assert.ok(scanned > 0, 'log files to scan');
    assert.deepStrictEqual(bad, []);
  });
});
