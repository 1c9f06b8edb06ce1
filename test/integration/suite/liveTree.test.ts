/// <reference types="mocha" />
// The Live Security tree as VS Code renders it, for every scenario of the fake Platform API, for a scenario built
// here that no fixture has, and under each fault. Also: no unhandled rejection, and no token in any log.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Scenario } from '../../fake-heroku/scenario';
import { scenario, type ScenarioName } from '../../fake-heroku/scenarios';
import { type FakeHeroku, startFakeHeroku } from '../../fake-heroku/server';
import { activate, type Api, folderUri } from '../helpers';

type TreeApi = Api & {
  live: { refresh(): Promise<void>; state: string };
  tree: vscode.TreeDataProvider<unknown>;
  logUri: vscode.Uri;
};

interface Row {
  readonly label: string;
  readonly item: vscode.TreeItem;
  readonly children: Row[];
}

const TOKEN = 'tree-test-token-c41e07';
const ICONS: Record<string, string> = { pass: 'pass', warn: 'warning', fail: 'error', unknown: 'question', 'not-applicable': 'circle-slash', 'not-on-fir': 'circle-slash', 'no-permission': 'lock' };

/** Expected states of some items, from what each scenario describes. */
const EXPECTED: Record<ScenarioName, Record<string, string>> = {
  common: { 'Lock Apps': 'not-applicable', 'Private Space VPN': 'not-applicable', 'Trusted IP ranges': 'not-applicable', 'Heroku Exec': 'pass' },
  private: { Stack: 'fail', 'Strict TLS (TLS 1.2+)': 'fail', 'Heroku Exec': 'warn', 'Single Sign-On (SSO)': 'fail', 'Private Space VPN': 'pass' },
  shield: { 'Private Space VPN': 'pass', 'Strict TLS (TLS 1.2+)': 'pass', 'Private Space Logging': 'pass', 'Lock Apps': 'pass', 'Private Space peering': 'warn' },
  fir: { 'Trusted IP ranges': 'not-on-fir', 'Private Space VPN': 'not-on-fir', 'Log drains': 'not-on-fir', 'Telemetry drains (OpenTelemetry)': 'pass' },
  restricted: { 'Single Sign-On (SSO)': 'no-permission', 'Multi-Factor Authentication (MFA)': 'no-permission', 'Config vars': 'pass', Runtime: 'pass' },
};

async function rows(tree: vscode.TreeDataProvider<unknown>, element?: unknown): Promise<Row[]> {
  const children = (await tree.getChildren(element)) ?? [];
  return Promise.all(
    children.map(async (child) => {
      const item = await tree.getTreeItem(child);
      return { label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''), item, children: await rows(tree, child) };
    }),
  );
}

function stateOf(row: Row): string {
  // The accessible label ends with the state in words; the icon must agree with it.
  const label = row.item.accessibilityInformation?.label ?? '';
  const state = Object.keys(ICONS).find((s) => label.startsWith(`${row.label}: ${s.replace(/-/g, ' ')}`)) ?? (/needs a permission/.test(label) ? 'no-permission' : /not available on Fir/.test(label) ? 'not-on-fir' : /warning/.test(label) ? 'warn' : undefined);
  assert.ok(state, `state of ${row.label} from "${label}"`);
  assert.strictEqual((row.item.iconPath as vscode.ThemeIcon).id, ICONS[state], `icon of ${row.label}`);
  return state;
}

describe('live security tree', function () {
  this.timeout(60000);
  let api: TreeApi;
  let fake: FakeHeroku;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  const saved = { key: process.env.HEROKU_API_KEY, home: process.env.HOME };
  let home: string;

  const link = async (app: string) => vscode.workspace.getConfiguration('herokuCompliance', folderUri('alpha')).update('app', app, vscode.ConfigurationTarget.WorkspaceFolder);
  const appRows = async () => {
    await api.live.refresh();
    return rows(api.tree);
  };

  before(async () => {
    api = (await activate()) as TreeApi;
    process.on('unhandledRejection', onRejection);
    fake = await startFakeHeroku({ scenario: 'shield', token: TOKEN });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-tree-home-'));
    process.env.HOME = home;
    process.env.HEROKU_API_KEY = TOKEN;
    await vscode.workspace.getConfiguration('herokuCompliance').update('apiUrl', fake.url, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    process.off('unhandledRejection', onRejection);
    await link('');
    await vscode.workspace.getConfiguration('herokuCompliance').update('apiUrl', undefined, vscode.ConfigurationTarget.Workspace);
    process.env.HOME = saved.home;
    if (saved.key === undefined) delete process.env.HEROKU_API_KEY;
    else process.env.HEROKU_API_KEY = saved.key;
    fs.rmSync(home, { recursive: true, force: true });
    await fake.stop();
  });

  for (const name of Object.keys(EXPECTED) as ScenarioName[]) {
    it(`renders the ${name} scenario: header, the six groups, and the right state, icon and tooltip on every item`, async () => {
      fake.setScenario(name);
      await link(fake.scenario().app);
      const [app] = await appRows();
      assert.ok(app, 'an app row');
      assert.strictEqual(app.label, fake.scenario().app);
      assert.deepStrictEqual(app.children.map((g) => g.label), ['Runtime', 'Authentication & Access', 'Logging & Monitoring', 'App & Data Access', 'Encryption', 'Data Backups']);
      const items = app.children.flatMap((g) => g.children);
      for (const item of items) {
        stateOf(item);
        const tooltip = (item.item.tooltip as vscode.MarkdownString).value;
        assert.match(tooltip, /\*\*Why it matters:\*\*/);
        assert.match(tooltip, /\*\*Offered on:\*\*/);
        assert.match(tooltip, /\[Learn more\]\(https:\/\/devcenter\.heroku\.com/);
        assert.match(tooltip, /\[Open in Dashboard\]\(https:\/\/dashboard\.heroku\.com/);
      }
      for (const [title, state] of Object.entries(EXPECTED[name])) {
        const item = items.find((i) => i.label === title);
        assert.ok(item, `item ${title}`);
        assert.strictEqual(stateOf(item), state, `${name}: ${title}`);
      }
      // A failing or warning item lists its findings with their rule ids.
      for (const item of items.filter((i) => ['fail', 'warn'].includes(stateOf(i)) && i.children.length > 0)) {
        assert.ok(item.children.every((f) => /^HRK-LIVE-\d{3} · /.test(String(f.item.description))), `findings under ${item.label}`);
      }
    });
  }

  it('renders a scenario that no fixture has: another app, space, add-ons and features', async () => {
    const base = scenario('shield');
    const [main, ...others] = base.apps;
    const appName = 'zeta-ledger-eu';
    const spaceName = 'zeta-vault-frankfurt';
    const space = base.spaces?.[0];
    assert.ok(space);
    const custom: Scenario = {
      ...base,
      app: appName,
      apps: [
        {
          ...main,
          app: { ...main.app, name: appName, region: { name: 'eu' }, space: { ...main.app.space, name: spaceName, shield: true } },
          teamApp: main.teamApp && { ...main.teamApp, name: appName, locked: false },
          addons: [],
          features: (main.features ?? []).map((f) => (f.name === 'spaces-strict-tls' ? { ...f, enabled: false } : f)),
        },
        ...others,
      ],
      spaces: [{ ...space, space: { ...space.space, name: spaceName, region: { name: 'eu' } } }, ...(base.spaces ?? []).slice(1)],
    };
    fake.setScenario(custom);
    await link(appName);
    const [app] = await appRows();
    assert.strictEqual(app?.label, appName);
    assert.match(String(app.item.description), /Shield Private Space/);
    assert.match(String(app.item.description), new RegExp(spaceName));
    const items = app.children.flatMap((g) => g.children);
    const state = (title: string) => {
      const item = items.find((i) => i.label === title);
      assert.ok(item, title);
      return stateOf(item);
    };
    assert.strictEqual(state('Strict TLS (TLS 1.2+)'), 'fail', 'strict TLS turned off in a Shield space');
    assert.strictEqual(state('Lock Apps'), 'warn', 'an unlocked team app in Shield');
    assert.strictEqual(state('Heroku Postgres'), 'not-applicable', 'no add-ons at all');
    fake.setScenario('shield');
  });

  const faults: [string, Parameters<FakeHeroku['setFaults']>[0], (rows: Row[], state: string) => void][] = [
    ['401 on the app', [{ path: '/apps/*', fault: '401' }], (_r, s) => assert.strictEqual(s, 'unauthorized')],
    ['404 on the app', [{ path: '/apps/*', fault: '404' }], (r) => assert.match(String(r[0]?.item.description), /not|find/i)],
    ['500 on the app', [{ path: '/apps/*', fault: '500' }], (_r, s) => assert.strictEqual(s, 'unreachable')],
    ['reset on the app', [{ path: '/apps/*', fault: 'reset' }], (_r, s) => assert.strictEqual(s, 'unreachable')],
    ['malformed JSON on the app', [{ path: '/apps/*', fault: 'malformed' }], (_r, s) => assert.strictEqual(s, 'unreachable')],
    ['429 with Retry-After on the VPN endpoint', [{ path: '/spaces/*/vpn-connections', fault: '429', retryAfterSeconds: 42 }], (r) => expectItem(r, 'Private Space VPN', 'unknown', /42/)],
    ['a slow VPN endpoint', [{ path: '/spaces/*/vpn-connections', fault: 'slow', delayMs: 15000 }], (r) => expectItem(r, 'Private Space VPN', 'unknown', /within|time/i)],
    ['403 on the VPN endpoint', [{ path: '/spaces/*/vpn-connections', fault: '403' }], (r) => expectItem(r, 'Private Space VPN', 'no-permission', /permission/i)],
  ];
  for (const [name, fault, check] of faults) {
    it(`shows its own clear state for ${name}, within the deadline`, async () => {
      fake.setScenario('shield');
      await link(fake.scenario().app);
      fake.setFaults(fault);
      try {
        const started = Date.now();
        const found = await appRows();
        assert.ok(Date.now() - started < 12000, `took ${Date.now() - started} ms`);
        check(found, api.live.state);
      } finally {
        fake.setFaults([]);
      }
    });
  }

  it('lets no rejection go unhandled, and writes the token to no log', () => {
    assert.deepStrictEqual(rejections, []);
    const logs = path.dirname(api.logUri.fsPath); // every extension's logs of this window
    const files = fs.existsSync(logs) ? (fs.readdirSync(logs, { recursive: true }) as string[]).map((f) => path.join(logs, f)).filter((f) => fs.statSync(f).isFile()) : [];
    const texts = files.map((file) => fs.readFileSync(file, 'utf8'));
    assert.ok(texts.some((text) => text.includes(`from ${fake.url}`)), `the live view's log lines are among ${files.length} files`);
    texts.forEach((text, i) => assert.ok(!text.includes(TOKEN), `token in ${files[i]}`));
  });
});

function expectItem(found: Row[], title: string, state: string, description: RegExp): void {
  const item = found[0]?.children.flatMap((g) => g.children).find((i) => i.label === title);
  assert.ok(item, title);
  assert.strictEqual(stateOf(item), state, title);
  assert.match(String(item.item.description), description);
}
