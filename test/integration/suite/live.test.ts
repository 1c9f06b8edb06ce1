/// <reference types="mocha" />
// The live security view against the fake Platform API on loopback. The extension host runs the extension and these
// tests in one process, so HEROKU_API_KEY and HOME set here are what the extension's token discovery sees.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type FakeHeroku, startFakeHeroku } from '../../fake-heroku/server';
import { activate, type Api, fileUri, folderUri } from '../helpers';

interface LiveResult {
  kind: 'unlinked' | 'ready' | 'failed';
  state?: { app: { name: string; runtime?: string; generation?: string }; groups: { title: string; items: { id: string; state: string }[] }[]; findings: { ruleId: string }[] };
  error?: { kind: string };
}
type LiveApi = Api & { live: { refresh(): Promise<void>; state: string; results: readonly LiveResult[] } };

const TOKEN = 'live-test-token-7f3a9c';
const GROUPS = ['Runtime', 'Authentication & Access', 'Logging & Monitoring', 'App & Data Access', 'Encryption', 'Data Backups'];

async function setFolderApp(folder: string, app: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('herokuCompliance', folderUri(folder)).update('app', app, vscode.ConfigurationTarget.WorkspaceFolder);
}

async function setApiUrl(url: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('herokuCompliance').update('apiUrl', url, vscode.ConfigurationTarget.Workspace);
}

describe('live security view', function () {
  this.timeout(30000);
  let api: LiveApi;
  let fake: FakeHeroku;
  const saved = { key: process.env.HEROKU_API_KEY, home: process.env.HOME };
  let home: string;

  before(async () => {
    api = (await activate()) as LiveApi;
    fake = await startFakeHeroku({ scenario: 'shield', token: TOKEN });
    // A HOME without ~/.netrc, so that only what a test sets is a token.
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-live-home-'));
    process.env.HOME = home;
    delete process.env.HEROKU_API_KEY;
    await setApiUrl(fake.url);
  });

  after(async () => {
    await setFolderApp('alpha', undefined);
    await setFolderApp('beta', undefined);
    await setApiUrl(undefined);
    fs.rmSync(path.join(folderUri('beta').fsPath, '.git'), { recursive: true, force: true });
    process.env.HOME = saved.home;
    if (saved.key === undefined) delete process.env.HEROKU_API_KEY;
    else process.env.HEROKU_API_KEY = saved.key;
    fs.rmSync(home, { recursive: true, force: true });
    await fake.stop();
  });

  it('is signed out without a token, and reads nothing', async () => {
    fake.requests.length = 0;
    await api.live.refresh();
    assert.strictEqual(api.live.state, 'signed-out');
    assert.strictEqual(fake.requests.length, 0);
  });

  it('asks to link an app when a token is there but no folder is linked', async () => {
    process.env.HEROKU_API_KEY = TOKEN;
    await api.live.refresh();
    assert.strictEqual(api.live.state, 'unlinked');
  });

  it('reads the app linked by the folder setting, grouped as the Security & Compliance article', async () => {
    await setFolderApp('alpha', fake.scenario().app);
    await api.live.refresh();
    assert.strictEqual(api.live.state, 'ready');
    const ready = api.live.results.find((r) => r.kind === 'ready');
    assert.ok(ready?.state);
    assert.strictEqual(ready.state.app.name, fake.scenario().app);
    assert.strictEqual(ready.state.app.runtime, 'shield');
    assert.deepStrictEqual(ready.state.groups.map((g) => g.title), GROUPS);
    const items = ready.state.groups.flatMap((g) => g.items);
    assert.strictEqual(items.find((i) => i.id === 'vpn')?.state, 'pass');
    assert.strictEqual(items.find((i) => i.id === 'telemetry')?.state, 'not-applicable');
    // Sent as a Bearer token, and nothing in the state shows a secret the API returned.
    assert.ok(fake.requests.some((r) => r.authorization === `Bearer ${TOKEN}`));
    const text = JSON.stringify(api.live.results);
    assert.ok(!text.includes(TOKEN));
    for (const tunnel of JSON.stringify(fake.scenario()).match(/"pre_shared_key":"([^"]+)"/g) ?? []) assert.ok(!text.includes(tunnel.split('"')[3]));
  });

  it('links a folder through its git remote on git.heroku.com', async () => {
    fs.mkdirSync(path.join(folderUri('beta').fsPath, '.git'), { recursive: true });
    fs.writeFileSync(path.join(folderUri('beta').fsPath, '.git', 'config'), `[remote "heroku"]\n\turl = https://git.heroku.com/${fake.scenario().app}.git\n\tfetch = +refs/heads/*:refs/remotes/heroku/*\n`);
    await api.live.refresh();
    const beta = api.live.results.filter((r) => r.kind === 'ready');
    assert.strictEqual(beta.length, 2, 'alpha by setting and beta by git remote');
  });

  it('shows a 403 on team endpoints as "needs a permission" on those items only', async () => {
    fake.setScenario('restricted');
    await setFolderApp('alpha', fake.scenario().app);
    fs.rmSync(path.join(folderUri('beta').fsPath, '.git'), { recursive: true, force: true });
    await api.live.refresh();
    const ready = api.live.results.find((r) => r.kind === 'ready');
    assert.ok(ready?.state);
    const items = ready.state.groups.flatMap((g) => g.items);
    assert.ok(items.some((i) => i.state === 'no-permission'), 'some team item needs a permission');
    assert.ok(items.some((i) => i.state === 'pass' || i.state === 'fail' || i.state === 'warn'), 'the app items are still read');
    fake.setScenario('shield');
    await setFolderApp('alpha', fake.scenario().app);
  });

  it('says the token was rejected on a 401', async () => {
    fake.setFaults([{ path: '/apps/*', fault: '401' }]);
    try {
      await api.live.refresh();
      assert.strictEqual(api.live.state, 'unauthorized');
    } finally {
      fake.setFaults([]);
    }
  });

  it('says the API is unreachable, quickly, when nothing listens', async () => {
    const closed = await startFakeHeroku({ scenario: 'shield', token: TOKEN });
    const url = closed.url;
    await closed.stop();
    await setApiUrl(url);
    try {
      const started = Date.now();
      await api.live.refresh();
      assert.strictEqual(api.live.state, 'unreachable');
      assert.ok(Date.now() - started < 5000, `reported in ${Date.now() - started} ms`);
    } finally {
      await setApiUrl(fake.url);
    }
  });

  it('degrades only the item whose endpoint fails', async () => {
    fake.setFaults([{ path: '/spaces/*/vpn-connections', fault: '500' }]);
    try {
      await api.live.refresh();
      const ready = api.live.results.find((r) => r.kind === 'ready');
      const items = ready?.state?.groups.flatMap((g) => g.items) ?? [];
      assert.strictEqual(items.find((i) => i.id === 'vpn')?.state, 'unknown');
      assert.strictEqual(items.find((i) => i.id === 'trusted-ips')?.state, 'pass');
    } finally {
      fake.setFaults([]);
    }
  });

  it('exports a Markdown and a JSON report with the live state, the workspace findings and control ids', async () => {
    await api.live.refresh();
    const target = fileUri('alpha', 'compliance-report.md');
    try {
      await vscode.commands.executeCommand('herokuCompliance.exportReport', target);
      const markdown = fs.readFileSync(target.fsPath, 'utf8');
      const json = JSON.parse(fs.readFileSync(target.fsPath.replace(/\.md$/, '.json'), 'utf8')) as { generatedAt: string; apps: { app: { name: string } }[]; workspace: { findings: { ruleId: string; controls: string[] }[] } };
      assert.match(markdown, new RegExp(`## App \`${fake.scenario().app}\``));
      for (const group of GROUPS) assert.ok(markdown.includes(`### ${group}`), group);
      assert.match(markdown, /PCI|SOC2|HIPAA/);
      assert.ok(Date.parse(json.generatedAt) > 0);
      assert.strictEqual(json.apps[0].app.name, fake.scenario().app);
      assert.ok(json.workspace.findings.some((f) => f.ruleId === 'HRK-CMD-001' && f.controls.length > 0), 'workspace findings with controls');
      assert.ok(!markdown.includes(TOKEN) && !JSON.stringify(json).includes(TOKEN));
    } finally {
      fs.rmSync(target.fsPath, { force: true });
      fs.rmSync(target.fsPath.replace(/\.md$/, '.json'), { force: true });
    }
  });
});
