/**
 * `heroku-compliance live`, the built CLI (dist/cli.js) against the fake Platform API on 127.0.0.1: the text, JSON
 * and SARIF reports (SARIF checked by Microsoft's validator), exit statuses, token discovery (HEROKU_API_KEY, then
 * ~/.netrc of the API URL's host), where the API URL comes from, faults (a missing app, one failing endpoint, one
 * endpoint slower than the deadline), secrets (no token, config var value or VPN key in any output, even with
 * every debug variable set), `--output` and usage errors.
 *
 * The CLI runs as a child process with `spawn` (not `spawnSync`: the fake server answers from this process's event
 * loop), with HOME set to an empty directory so that the machine's own ~/.netrc is never read. The expected state of
 * each scenario is read in-process with readSnapshot + securityState from the same fake server.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { LiveOptions } from '../../../src/cli/args';
import { runLive } from '../../../src/cli/commands/live';
import type { Io } from '../../../src/cli/io';
import { atLeast, type ProfileSetting, type Severity } from '../../../src/engine';
import { HerokuApi } from '../../../src/heroku/api';
import { allLiveRuleMeta, LIVE_RULE_IDS } from '../../../src/heroku/liveRegistry';
import { readSnapshot } from '../../../src/heroku/readSnapshot';
import { GROUP_TITLES, type ItemState, type SecurityItem, type SecurityState, securityState } from '../../../src/heroku/securityState';
import type { ScenarioName } from '../../fake-heroku/scenarios';
import { SCENARIO_NAMES } from '../../fake-heroku/scenarios';
import { type Fault, type FakeHeroku, startFakeHeroku } from '../../fake-heroku/server';
import { cleanWorkspaces, makeWorkspace } from '../../helpers/cli';
import { validateSarif } from '../../helpers/sarifValidator';
import { leakedSecrets, scenarioSecrets } from '../../helpers/liveSecrets';
import { CLI_PATH, REPO_ROOT } from '../../helpers/paths';

const TOKEN = `hc-live-${randomBytes(12).toString('hex')}`;
const ITEM_STATES: readonly ItemState[] = ['pass', 'warn', 'fail', 'unknown', 'not-applicable', 'not-on-fir', 'no-permission'];
const MARKS: Readonly<Record<ItemState, string>> = { pass: 'pass', warn: 'warn', fail: 'FAIL', unknown: '????', 'not-applicable': 'n/a', 'not-on-fir': 'fir-', 'no-permission': '403' };
const RUNTIME_LABELS = { common: 'Common Runtime', private: 'Private Space', shield: 'Shield Private Space' } as const;
const SARIF_LEVELS: Readonly<Record<Severity, string>> = { crit: 'error', high: 'error', med: 'warning', low: 'note', info: 'note' };
/** Environment that could change what the CLI does or where it connects; removed unless a test sets it. */
const SCRUBBED = [
  'HEROKU_API_KEY',
  'HEROKU_API_URL',
  'HEROKU_HTTP_PROXY_HOST',
  'HEROKU_HTTP_PROXY_PORT',
  'HEROKU_HTTP_PROXY_AUTH',
  'HEROKU_DEBUG',
  'HEROKU_DEBUG_HEADERS',
  'HEROKU_COMPLIANCE_DEBUG',
  'DEBUG',
  'NODE_DEBUG',
  'NO_COLOR',
  'FORCE_COLOR',
  'USERPROFILE',
  'HOMEDRIVE',
  'HOMEPATH',
];

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/** At most this many CLI processes at once: tests start several together, and the machine has 2 cores. */
const MAX_CHILDREN = 4;
let children = 0;
const waiting: (() => void)[] = [];

async function limited<T>(task: () => Promise<T>): Promise<T> {
  if (children >= MAX_CHILDREN) await new Promise<void>((resolve) => waiting.push(resolve));
  children++;
  try {
    return await task();
  } finally {
    children--;
    waiting.shift()?.();
  }
}

/**
 * Runs `node dist/cli.js ...args` without blocking this process's event loop. HOME is an empty directory unless
 * `env` sets it; `undefined` in `env` removes a variable. `ms` counts from the process's start.
 */
function cli(args: readonly string[], env: Readonly<Record<string, string | undefined>> = {}, options: { cwd?: string; timeoutMs?: number } = {}): Promise<Run> {
  return limited(() => spawnCli(args, env, options));
}

function spawnCli(args: readonly string[], env: Readonly<Record<string, string | undefined>>, options: { cwd?: string; timeoutMs?: number }): Promise<Run> {
  const merged: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !SCRUBBED.includes(key)) merged[key] = value;
  merged.HOME = emptyHome();
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete merged[key];
    else merged[key] = value;
  }
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { cwd: options.cwd ?? REPO_ROOT, env: merged, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, ms: Date.now() - started });
    });
  });
}

let home: string | undefined;
function emptyHome(): string {
  if (home === undefined || !fs.existsSync(home)) home = makeWorkspace();
  return home;
}

const fakes: FakeHeroku[] = [];
async function fakeApi(scenario: ScenarioName, faults: readonly Fault[] = []): Promise<FakeHeroku> {
  const fake = await startFakeHeroku({ scenario, token: TOKEN, faults });
  fakes.push(fake);
  return fake;
}

const keyFor = (fake: FakeHeroku): Record<string, string> => ({ HEROKU_API_KEY: TOKEN, HEROKU_API_URL: fake.url });

/** The state the CLI should report, read in this process from the same fake (its faults apply). */
async function expectedState(fake: FakeHeroku, profile: ProfileSetting = 'auto'): Promise<SecurityState> {
  const snapshot = await readSnapshot(new HerokuApi({ apiUrl: fake.url, token: TOKEN }), fake.scenario().app);
  return securityState(snapshot, profile);
}

function expectedExit(state: SecurityState, failOn: Severity | 'none' = 'high'): number {
  return failOn !== 'none' && state.findings.some((f) => atLeast(f.severity, failOn)) ? 1 : 0;
}

function parseJson<T>(run: Run): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`not JSON (status ${run.status}):\n${run.stdout}\n--- stderr ---\n${run.stderr}`);
  }
}

type LiveJson = SecurityState & { version: string };

function items(state: Pick<SecurityState, 'groups'>): SecurityItem[] {
  return state.groups.flatMap((g) => g.items);
}

function item(state: Pick<SecurityState, 'groups'>, id: string): SecurityItem {
  const found = items(state).find((i) => i.id === id);
  assert.ok(found, `item ${id}`);
  return found;
}

/** A state, or the JSON report, without what differs between two reads of the same data (and the tool version). */
function stable(state: SecurityState & { version?: string }): Omit<SecurityState, 'fetchedAt'> {
  return Object.fromEntries(Object.entries(state).filter(([key]) => key !== 'fetchedAt' && key !== 'version')) as Omit<SecurityState, 'fetchedAt'>;
}

/** Checks the text report against the state: header, every group and item with its mark, findings under their item. */
function assertText(text: string, state: SecurityState): void {
  const lines = text.split('\n');
  const app = state.app;
  assert.ok(lines[0].startsWith(app.name), lines[0]);
  assert.ok(app.runtime);
  assert.ok(lines[0].includes(RUNTIME_LABELS[app.runtime]), lines[0]);
  for (const part of [app.generation, app.region, app.space ? `space ${app.space}` : undefined]) if (part) assert.ok(lines[0].includes(part), `${lines[0]} names ${part}`);
  assert.ok(lines[1].includes(`profile: ${state.profile.profile}, ${state.profile.reason}`), lines[1]);
  assert.ok(lines[1].includes(`read from ${app.apiUrl} at ${state.fetchedAt.slice(0, 10)}`), lines[1]);
  for (const group of state.groups) {
    const start = lines.indexOf(group.title);
    assert.ok(start > 0, `group ${group.title}`);
    for (const [i, it] of group.items.entries()) {
      const line = lines[start + 1 + i + state.findings.filter((f) => group.items.slice(0, i).some((p) => p.id === f.itemId)).length];
      assert.match(line, new RegExp(`^  ${escape(MARKS[it.state])}\\s+${escape(it.title)}\\s+${escape(it.description)}$`), `${group.title} / ${it.title}`);
    }
  }
  for (const finding of state.findings) {
    const owner = item(state, finding.itemId);
    const at = lines.findIndex((l) => l.startsWith(`  ${MARKS[owner.state]}`) && l.includes(owner.title));
    const below = lines.slice(at + 1).findIndex((l) => !l.startsWith('        '));
    const block = lines.slice(at + 1, at + 1 + below);
    assert.ok(
      block.some((l) => new RegExp(`^        ${finding.severity}\\s+`).test(l) && l.includes(finding.message) && l.trimEnd().endsWith(finding.ruleId)),
      `${finding.ruleId} under ${owner.title}`,
    );
  }
  const summary = lines.filter((l) => l !== '').at(-1) ?? '';
  assert.ok(summary.startsWith(state.findings.length === 0 ? 'no findings' : `${state.findings.length} finding`), summary);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------- SARIF validation (as in sarif.test.ts: the validator binary, with no network) ----------

/** Validator notes about things the tool leaves out on purpose (see sarif.test.ts), and the location's region. */
const ACCEPTED = new Set([
  'note:SARIF2002', // message arguments
  'note:SARIF2003', // version control provenance
  'note:SARIF2006', // URIs reachable: the validator's network access
  'note:SARIF2009', // conventional rule ids
  // A live finding is about the running app, not a file: its location is the app's URL on the API with no region
  // (issue 5 item 8). The validator's "Gh" rules ask for a region on every physical location.
  'warning:SARIF2017',
]);


interface LiveSarif {
  runs: {
    tool: { driver: { name: string; rules: { id: string }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: unknown[];
      partialFingerprints: Record<string, string>;
      properties: { profile: string; feature: string };
    }[];
    properties: { app: string; profile: string; readAt: string };
  }[];
}

after(async () => {
  await Promise.all(fakes.splice(0).map((fake) => fake.stop()));
  cleanWorkspaces();
});

describe('live: reports and exit status', () => {
  it('prints the shield app: runtime, every group and item, its findings; exit 1 at --fail-on high, 0 with none', async () => {
    const fake = await fakeApi('shield');
    const state = await expectedState(fake);
    const [byDefault, crit, none] = await Promise.all([
      cli(['live', '--app', 'globex-claims'], keyFor(fake)),
      cli(['live', '--app', 'globex-claims', '--fail-on', 'crit'], keyFor(fake)),
      cli(['live', '--app', 'globex-claims', '--fail-on', 'none'], keyFor(fake)),
    ]);
    assert.equal(byDefault.stderr, '');
    assertText(byDefault.stdout, state);
    assert.equal(state.app.runtime, 'shield');
    assert.equal(state.profile.profile, 'shield');
    assert.deepEqual(state.groups.map((g) => g.title), Object.values(GROUP_TITLES));
    assert.ok(state.findings.length > 0 && state.findings.every((f) => LIVE_RULE_IDS.has(f.ruleId)));
    assert.ok(!byDefault.stdout.includes('\x1b['), 'no colour on a pipe');
    // The shield scenario's worst finding is high: the three thresholds give both exit statuses.
    assert.equal(byDefault.status, 1);
    assert.equal(byDefault.status, expectedExit(state, 'high'));
    assert.equal(crit.status, 0);
    assert.equal(crit.status, expectedExit(state, 'crit'));
    assert.equal(none.status, 0);
    const withoutReadAt = (text: string) => text.split('\n').filter((_, i) => i !== 1);
    assert.deepEqual(withoutReadAt(none.stdout), withoutReadAt(byDefault.stdout), '--fail-on changes the exit status only');
  });

  it('prints the common app; exit 0 below --fail-on, 1 at --fail-on low', async () => {
    const fake = await fakeApi('common');
    const state = await expectedState(fake);
    const [byDefault, low] = await Promise.all([cli(['live', '--app', 'northwind-blog'], keyFor(fake)), cli(['live', '--app', 'northwind-blog', '--fail-on', 'low'], keyFor(fake))]);
    assertText(byDefault.stdout, state);
    assert.equal(state.app.runtime, 'common');
    assert.ok(byDefault.stdout.includes('Personal app: a team feature'));
    assert.ok(state.findings.length > 0 && !state.findings.some((f) => atLeast(f.severity, 'high')), 'common has findings, none high');
    assert.equal(byDefault.status, 0);
    assert.equal(low.status, 1);
    assert.equal(low.status, expectedExit(state, 'low'));
  });

  it('prints the private, Fir and restricted apps with their own states', async () => {
    for (const [scenario, runtime, expected] of [
      ['private', 'private', 'fail'],
      ['fir', 'private', 'not-on-fir'],
      ['restricted', 'common', 'no-permission'],
    ] as const) {
      const fake = await fakeApi(scenario);
      const state = await expectedState(fake);
      const run = await cli(['live', '--app', fake.scenario().app], keyFor(fake));
      assert.equal(run.stderr, '', scenario);
      assertText(run.stdout, state);
      assert.equal(state.app.runtime, runtime, scenario);
      assert.ok(items(state).some((i) => i.state === expected), `${scenario} has a ${expected} item`);
      assert.equal(run.status, expectedExit(state), scenario);
    }
  });

  it('--profile overrides the inferred profile and with it the severities', async () => {
    const fake = await fakeApi('common');
    const [auto, shield] = await Promise.all([
      cli(['live', '--app', 'northwind-blog', '--format', 'json'], keyFor(fake)),
      cli(['live', '--app', 'northwind-blog', '--format', 'json', '--profile', 'shield'], keyFor(fake)),
    ]);
    const a = parseJson<LiveJson>(auto);
    const s = parseJson<LiveJson>(shield);
    assert.deepEqual(a.profile, { profile: 'common', reason: 'inferred: the app runs on the Common Runtime' });
    assert.deepEqual(s.profile, { profile: 'shield', reason: 'set explicitly' });
    assert.ok(a.findings.every((f) => f.profile === 'common') && s.findings.every((f) => f.profile === 'shield'));
    // The Essential Postgres plan: low on the Common Runtime, high under shield.
    const postgres = (state: LiveJson) => state.findings.find((f) => f.ruleId === 'HRK-LIVE-020' && f.itemId === 'backups')?.severity;
    assert.equal(postgres(a), 'low');
    assert.equal(postgres(s), 'high');
    assert.equal(auto.status, 0);
    assert.equal(shield.status, 1);
    assert.deepEqual(stable(s), stable(await expectedState(fake, 'shield')));

    // And the other way: a Shield app read under common loses the shield-only severities.
    const shieldFake = await fakeApi('shield');
    const common = parseJson<LiveJson>(await cli(['live', '--app', 'globex-claims', '--format', 'json', '--profile', 'common'], keyFor(shieldFake)));
    const inferred = parseJson<LiveJson>(await cli(['live', '--app', 'globex-claims', '--format', 'json'], keyFor(shieldFake)));
    assert.equal(common.profile.profile, 'common');
    assert.notDeepEqual(
      common.findings.map((f) => [f.ruleId, f.severity]),
      inferred.findings.map((f) => [f.ruleId, f.severity]),
    );
  });

  it('colours the text only when asked, and never in a file', async () => {
    const fake = await fakeApi('shield');
    const dir = makeWorkspace();
    const [colour, toFile] = await Promise.all([
      cli(['live', '--app', 'globex-claims', '--color'], keyFor(fake)),
      cli(['live', '--app', 'globex-claims', '--color', '--output', 'live.txt'], keyFor(fake), { cwd: dir }),
    ]);
    assert.ok(colour.stdout.includes('\x1b['));
    assert.equal(toFile.stdout, '');
    const text = fs.readFileSync(path.join(dir, 'live.txt'), 'utf8');
    assert.ok(text.startsWith('globex-claims') && !text.includes('\x1b['));
  });
});

describe('live: JSON and SARIF', () => {
  it('--format json is the SecurityState with the tool version', async () => {
    for (const scenario of ['shield', 'fir'] as const) {
      const fake = await fakeApi(scenario);
      const state = await expectedState(fake);
      const run = await cli(['live', '--app', fake.scenario().app, '--format', 'json'], keyFor(fake));
      const json = parseJson<LiveJson>(run);
      assert.equal(run.status, expectedExit(state));
      assert.equal(run.stderr, '');
      const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
      const { version, ...rest } = json;
      assert.equal(version, pkg.version);
      assert.deepEqual(stable(rest), stable(state));
      // The shape, independently of the in-process read.
      assert.deepEqual(Object.keys(json).sort(), ['app', 'fetchedAt', 'findings', 'groups', 'profile', 'version']);
      assert.equal(json.app.name, fake.scenario().app);
      assert.equal(json.app.apiUrl, `${fake.url}/apps/${json.app.name}`);
      assert.equal(json.app.dashboardUrl, `https://dashboard.heroku.com/apps/${json.app.name}`);
      assert.ok(Math.abs(Date.parse(json.fetchedAt) - Date.now()) < 60_000, json.fetchedAt);
      assert.deepEqual(json.groups.map((g) => [g.id, g.title]), Object.entries(GROUP_TITLES));
      for (const it of items(json)) {
        assert.ok(ITEM_STATES.includes(it.state), `${it.id}: ${it.state}`);
        assert.ok(it.title && it.description && it.why && it.runtimes, it.id);
        assert.ok(it.ruleIds.length > 0 && it.ruleIds.every((id) => LIVE_RULE_IDS.has(id)), it.id);
        assert.match(it.learnMoreUrl, /^https:\/\/devcenter\.heroku\.com\//);
        assert.match(it.dashboardUrl, /^https:\/\/dashboard\.heroku\.com\//);
      }
      for (const f of json.findings) {
        assert.ok(LIVE_RULE_IDS.has(f.ruleId));
        assert.equal(f.profile, json.profile.profile);
        assert.ok(item(json, f.itemId).ruleIds.includes(f.ruleId), `${f.ruleId} belongs to ${f.itemId}`);
      }
    }
  });

  it('--format sarif passes the validator; each location is exactly <api-url>/apps/<app> with no region; the driver lists the HRK-LIVE rules', async () => {
    const dir = makeWorkspace();
    const cases = [
      { scenario: 'shield', args: [] },
      { scenario: 'common', args: ['--profile', 'shield'] },
      { scenario: 'restricted', args: [] },
    ] as const;
    const checked = await Promise.all(
      cases.map(async ({ scenario, args }) => {
        const fake = await fakeApi(scenario);
        const app = fake.scenario().app;
        const state = await expectedState(fake, args.length > 0 ? 'shield' : 'auto');
        const file = path.join(dir, `${scenario}.sarif`);
        const [run, again] = await Promise.all([
          cli(['live', '--app', app, '--format', 'sarif', '--output', file, ...args], keyFor(fake)),
          cli(['live', '--app', app, '--format', 'sarif', ...args], keyFor(fake)),
        ]);
        assert.equal(run.status, expectedExit(state), scenario);
        assert.equal(run.stdout, '');
        const log = JSON.parse(fs.readFileSync(file, 'utf8')) as LiveSarif;
        const problems = (await validateSarif(file)).filter((r) => !ACCEPTED.has(`${r.level}:${r.ruleId}`));
        return { scenario, fake, app, state, log, again: parseJson<LiveSarif>(again), problems };
      }),
    );
    const ruleIds = allLiveRuleMeta().map((m) => m.id);
    assert.equal(ruleIds.length, LIVE_RULE_IDS.size);
    for (const { scenario, fake, app, state, log, again, problems } of checked) {
      assert.deepEqual(problems, [], `${scenario}.sarif: no validator error (or unexpected warning)`);
      const run = log.runs[0];
      assert.equal(run.tool.driver.name, 'heroku-compliance');
      assert.deepEqual(run.tool.driver.rules.map((r) => r.id), ruleIds);
      assert.ok(run.tool.driver.rules.every((r) => /^HRK-LIVE-\d{3}$/.test(r.id)));
      assert.deepEqual(run.properties.app, app);
      assert.deepEqual(
        run.results.map((r) => [r.ruleId, r.properties.feature, r.properties.profile]),
        state.findings.map((f) => [f.ruleId, f.itemId, f.profile]),
      );
      assert.ok(run.results.length > 0, scenario);
      for (const [i, result] of run.results.entries()) {
        assert.deepEqual(result.locations, [{ physicalLocation: { artifactLocation: { uri: `${fake.url}/apps/${app}` } } }]);
        assert.equal(run.tool.driver.rules[result.ruleIndex].id, result.ruleId);
        assert.equal(result.level, SARIF_LEVELS[state.findings[i].severity]);
        assert.ok(result.message.text.startsWith(state.findings[i].message.replace(/\.$/, '')));
      }
      // Fingerprints are stable from one read to the next.
      assert.deepEqual(again.runs[0].results.map((r) => r.partialFingerprints), run.results.map((r) => r.partialFingerprints));
    }
  });
});

describe('live: token discovery', () => {
  it('reads HEROKU_API_KEY and sends it as a Bearer token to the API URL only', async () => {
    const fake = await fakeApi('shield');
    const run = await cli(['live', '--app', 'globex-claims', '--fail-on', 'none'], keyFor(fake));
    assert.equal(run.status, 0, run.stderr);
    assert.ok(fake.requests.length > 10);
    assert.ok(fake.requests.every((r) => r.authorization === `Bearer ${TOKEN}`));
  });

  it('else reads ~/.netrc for the machine of the API URL (127.0.0.1), not api.heroku.com', async () => {
    const fake = await fakeApi('shield');
    const netrcHome = makeWorkspace({
      '.netrc': `machine api.heroku.com\n  login someone@example.com\n  password wrong-token-for-the-real-api\nmachine 127.0.0.1\n  login someone@example.com\n  password ${TOKEN}\n`,
    });
    const run = await cli(['live', '--app', 'globex-claims', '--fail-on', 'none'], { HEROKU_API_URL: fake.url, HOME: netrcHome });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(run.stdout.startsWith('globex-claims'));
    assert.ok(fake.requests.length > 0 && fake.requests.every((r) => r.authorization === `Bearer ${TOKEN}`));
  });

  it('HEROKU_API_KEY wins over ~/.netrc; an empty one does not count', async () => {
    const fake = await fakeApi('shield');
    const wrongNetrc = makeWorkspace({ '.netrc': 'machine 127.0.0.1 login someone@example.com password netrc-token-that-is-wrong\n' });
    const rightNetrc = makeWorkspace({ '.netrc': `machine 127.0.0.1 login someone@example.com password ${TOKEN}\n` });
    const [envWins, emptyEnv] = await Promise.all([
      cli(['live', '--app', 'globex-claims', '--fail-on', 'none'], { ...keyFor(fake), HOME: wrongNetrc }),
      cli(['live', '--app', 'globex-claims', '--fail-on', 'none'], { HEROKU_API_KEY: '  ', HEROKU_API_URL: fake.url, HOME: rightNetrc }),
    ]);
    assert.equal(envWins.status, 0, envWins.stderr);
    assert.equal(emptyEnv.status, 0, emptyEnv.stderr);
  });

  it('with no token: exit 2, a message naming HEROKU_API_KEY and the netrc machine, and no request', async () => {
    const fake = await fakeApi('shield');
    const onlyRealApi = makeWorkspace({ '.netrc': 'machine api.heroku.com login someone@example.com password token-for-the-real-api\n' });
    const [none, otherMachine] = await Promise.all([
      cli(['live', '--app', 'globex-claims'], { HEROKU_API_URL: fake.url }),
      cli(['live', '--app', 'globex-claims'], { HEROKU_API_URL: fake.url, HOME: onlyRealApi }),
    ]);
    for (const run of [none, otherMachine]) {
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /no Heroku API token: set HEROKU_API_KEY/);
      assert.match(run.stderr, /machine 127\.0\.0\.1/);
    }
    assert.ok(!otherMachine.stderr.includes('token-for-the-real-api'));
    assert.equal(fake.requests.length, 0, 'a token for api.heroku.com is never sent to another host');
  });

  it('a rejected token: exit 2, "rejected" with where it came from, never the token itself', async () => {
    const fake = await fakeApi('shield');
    const wrong = `wrong-${randomBytes(8).toString('hex')}`;
    const wrongNetrc = makeWorkspace({ '.netrc': `machine 127.0.0.1 login someone@example.com password ${wrong}\n` });
    const [fromEnv, fromNetrc] = await Promise.all([
      cli(['live', '--app', 'globex-claims'], { HEROKU_API_KEY: wrong, HEROKU_API_URL: fake.url }),
      cli(['live', '--app', 'globex-claims'], { HEROKU_API_URL: fake.url, HOME: wrongNetrc }),
    ]);
    for (const [run, source] of [
      [fromEnv, 'HEROKU_API_KEY'],
      [fromNetrc, '~/.netrc'],
    ] as const) {
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /cannot read the app globex-claims/);
      assert.ok(run.stderr.includes(`(the token from ${source} was rejected)`), run.stderr);
      assert.ok(!run.stderr.includes(wrong));
    }
  });
});

describe('live: the API URL', () => {
  it('--api-url wins over HEROKU_API_URL', async () => {
    const [shield, common] = await Promise.all([fakeApi('shield'), fakeApi('common')]);
    const run = await cli(['live', '--app', 'globex-claims', '--format', 'json', '--api-url', shield.url], { HEROKU_API_KEY: TOKEN, HEROKU_API_URL: common.url });
    assert.equal(parseJson<LiveJson>(run).app.apiUrl, `${shield.url}/apps/globex-claims`);
    assert.equal(common.requests.length, 0);
    // HEROKU_API_URL alone: that server.
    const viaEnv = await cli(['live', '--app', 'northwind-blog', '--format', 'json'], keyFor(common));
    assert.equal(parseJson<LiveJson>(viaEnv).app.apiUrl, `${common.url}/apps/northwind-blog`);
  });

  it('a trailing slash is dropped; a URL without a scheme or with credentials is refused before any request', async () => {
    const fake = await fakeApi('shield');
    const [slash, noScheme, credentials] = await Promise.all([
      cli(['live', '--app', 'globex-claims', '--format', 'sarif', '--api-url', `${fake.url}/`], { HEROKU_API_KEY: TOKEN }),
      cli(['live', '--app', 'globex-claims', '--api-url', `127.0.0.1:${fake.port}`], { HEROKU_API_KEY: TOKEN }),
      cli(['live', '--app', 'globex-claims', '--api-url', `http://user:hunter2secret@127.0.0.1:${fake.port}`], { HEROKU_API_KEY: TOKEN }),
    ]);
    const uris = parseJson<LiveSarif>(slash).runs[0].results.map((r) => JSON.stringify(r.locations));
    assert.ok(uris.length > 0 && uris.every((u) => u === JSON.stringify([{ physicalLocation: { artifactLocation: { uri: `${fake.url}/apps/globex-claims` } } }])));
    const before = fake.requests.length;
    assert.equal(noScheme.status, 2);
    assert.match(noScheme.stderr, /must start with https:\/\//);
    assert.equal(credentials.status, 2);
    assert.match(credentials.stderr, /must not contain a user name or password/);
    assert.ok(!credentials.stderr.includes('hunter2secret'));
    assert.equal(fake.requests.length, before);
  });

  it('the netrc machine follows the same order: --api-url, HEROKU_API_URL, else api.heroku.com', async () => {
    const [flag, env, neither] = await Promise.all([
      cli(['live', '--app', 'x', '--api-url', 'http://localhost:9'], { HEROKU_API_URL: 'http://127.0.0.1:9' }),
      cli(['live', '--app', 'x'], { HEROKU_API_URL: 'http://127.0.0.1:9' }),
      cli(['live', '--app', 'x'], {}),
    ]);
    for (const run of [flag, env, neither]) assert.equal(run.status, 2);
    assert.match(flag.stderr, /machine localhost$/m);
    assert.match(env.stderr, /machine 127\.0\.0\.1$/m);
    assert.match(neither.stderr, /machine api\.heroku\.com$/m);
  });

  it('defaults to https://api.heroku.com (unit level: the request is caught before any socket opens)', async () => {
    // runLive in this process, with http.Agent#addRequest replaced: it records the request heroku-client builds
    // and fails it at once, so that nothing is resolved or connected. A loopback URL first proves the hook works.
    const seen: { host: string; path: string; protocol: string; authorization: string }[] = [];
    // addRequest is Node's internal Agent entry point (every ClientRequest passes it before a socket exists).
    const agentPrototype = http.Agent.prototype as http.Agent & { addRequest: (req: http.ClientRequest, ...rest: unknown[]) => void };
    const original = agentPrototype.addRequest;
    const hook = function (this: http.Agent, req: http.ClientRequest): void {
      seen.push({ host: req.host, path: req.path, protocol: req.protocol, authorization: String(req.getHeader('authorization')) });
      // No socket is ever assigned, so destroy(err) would keep its error: emit it as a refused connection would.
      process.nextTick(() => {
        req.emit('error', Object.assign(new Error('blocked by the test'), { code: 'ECONNREFUSED' }));
        req.destroy();
      });
    };
    const messages: string[] = [];
    const io: Io = { cwd: REPO_ROOT, env: {}, stdoutIsTTY: false, out: (t) => messages.push(t), err: (t) => messages.push(t) };
    const options: LiveOptions = { app: 'some-app', profile: 'auto', format: 'text', failOn: 'high' };
    Object.defineProperty(agentPrototype, 'addRequest', { value: hook, configurable: true, writable: true });
    try {
      const probe = await runLive(options, { ...io, env: { HEROKU_API_KEY: TOKEN, HOME: emptyHome(), HEROKU_API_URL: 'https://127.0.0.1:9' } });
      assert.equal(probe, 2);
      assert.deepEqual(seen.map((s) => s.host), ['127.0.0.1'], 'the hook catches the request');
      seen.length = 0;
      messages.length = 0;
      const status = await runLive(options, { ...io, env: { HEROKU_API_KEY: TOKEN, HOME: emptyHome() } });
      assert.equal(status, 2);
    } finally {
      Object.defineProperty(agentPrototype, 'addRequest', { value: original, configurable: true, writable: true });
    }
    assert.deepEqual(seen, [{ host: 'api.heroku.com', path: '/apps/some-app', protocol: 'https:', authorization: `Bearer ${TOKEN}` }]);
    assert.match(messages.join(''), /cannot read the app some-app: Could not reach api\.heroku\.com/);
  });
});

describe('live: faults', () => {
  it('an app that cannot be read: exit 2 naming the app', async () => {
    const fake = await fakeApi('shield', [{ path: '/apps/globex-claims', fault: '500' }]);
    const [missing, traversal, failing] = await Promise.all([
      cli(['live', '--app', 'no-such-app'], keyFor(fake)),
      cli(['live', '--app', '../account'], keyFor(fake)),
      cli(['live', '--app', 'globex-claims'], keyFor(fake)),
    ]);
    for (const [run, app] of [
      [missing, 'no-such-app'],
      [traversal, '../account'],
      [failing, 'globex-claims'],
    ] as const) {
      assert.equal(run.status, 2, app);
      assert.equal(run.stdout, '', app);
      assert.ok(run.stderr.startsWith(`heroku-compliance: error: cannot read the app ${app}: `), run.stderr);
    }
    assert.match(missing.stderr, /Couldn't find that app/);
    assert.match(failing.stderr, /Internal server error/);
    // The app name is one path segment: `../account` must not reach /account.
    assert.ok(!fake.requests.some((r) => r.path === '/account'));
  });

  it('one failing endpoint degrades only its item (unknown, or 403 as no-permission); the exit status stays 0/1', async () => {
    const baselineFake = await fakeApi('shield');
    const baseline = parseJson<LiveJson>(await cli(['live', '--app', 'globex-claims', '--format', 'json'], keyFor(baselineFake)));
    assert.equal(item(baseline, 'outbound-ips').state, 'pass');
    const cases = [
      ['500', 'unknown', 'server'],
      ['429', 'unknown', 'rate-limited'],
      ['malformed', 'unknown', 'malformed'],
      ['reset', 'unknown', 'network'],
      ['403', 'no-permission', 'forbidden'],
    ] as const;
    await Promise.all(
      cases.map(async ([fault, state, kind]) => {
        const fake = await fakeApi('shield', [{ path: '/spaces/*/nat', fault, retryAfterSeconds: 30 }]);
        const [json, text] = await Promise.all([
          cli(['live', '--app', 'globex-claims', '--format', 'json'], keyFor(fake)),
          cli(['live', '--app', 'globex-claims'], keyFor(fake)),
        ]);
        const got = parseJson<LiveJson>(json);
        assert.equal(json.status, 1, fault);
        assert.equal(text.status, 1, fault);
        const degraded = item(got, 'outbound-ips');
        assert.equal(degraded.state, state, fault);
        // Its own kind, not `timeout`: nothing waits for Retry-After (30 s) or retries past the 10 s deadline.
        assert.equal(degraded.error?.kind, kind, fault);
        assert.match(text.stdout, new RegExp(`^  ${escape(MARKS[state])}\\s+Stable outbound IPs\\s+\\S`, 'm'), fault);
        assert.match(text.stdout, /, 1 not readable$/m, fault);
        const others = (s: LiveJson) => items(s).filter((i) => i.id !== 'outbound-ips');
        assert.deepEqual(others(got), others(baseline), `${fault}: the other items are as without the fault`);
        const otherFindings = (s: LiveJson) => s.findings.filter((f) => f.itemId !== 'outbound-ips');
        assert.deepEqual(otherFindings(got), otherFindings(baseline), fault);
      }),
    );
  });

  it('an endpoint slower than the deadline: that item unknown (timeout), the run ends in under 12 s', async () => {
    const fake = await fakeApi('shield', [{ path: '/spaces/*/vpn-connections', fault: 'slow', delayMs: 30_000 }]);
    const run = await cli(['live', '--app', 'globex-claims', '--format', 'json'], keyFor(fake), { timeoutMs: 20_000 });
    assert.ok(run.ms < 12_000, `${run.ms} ms`);
    assert.equal(run.status, 1, run.stderr);
    const got = parseJson<LiveJson>(run);
    const vpn = item(got, 'vpn');
    assert.equal(vpn.state, 'unknown');
    assert.equal(vpn.error?.kind, 'timeout');
    assert.equal(items(got).filter((i) => i.state === 'unknown').length, 1, 'only the VPN item');
  });
});

describe('live: secrets', () => {
  const DEBUG_ENV = { DEBUG: '*', HEROKU_DEBUG: '1', HEROKU_DEBUG_HEADERS: '1', HEROKU_COMPLIANCE_DEBUG: '1' };

  it('no output of any format, any scenario, holds the token, a config var value or a VPN key (debug variables set)', async () => {
    const dir = makeWorkspace();
    await Promise.all(
      SCENARIO_NAMES.map(async (scenario) => {
        const fake = await fakeApi(scenario);
        const secrets = [TOKEN, ...scenarioSecrets(fake.scenario())];
        assert.ok(secrets.length >= 3, `${scenario}: the scenario has secrets to look for`);
        const app = fake.scenario().app;
        const runs = await Promise.all(
          (['text', 'json', 'sarif'] as const).flatMap((format) => [
            cli(['live', '--app', app, '--format', format, '--profile', 'shield'], { ...keyFor(fake), ...DEBUG_ENV }),
            cli(['live', '--app', app, '--format', format, '--output', path.join(dir, `${scenario}.${format}`)], { ...keyFor(fake), ...DEBUG_ENV }),
          ]),
        );
        for (const run of runs) {
          assert.ok(run.status === 0 || run.status === 1, `${scenario}: ${run.stderr}`);
          assert.deepEqual(leakedSecrets(run.stdout + run.stderr, secrets), [], scenario);
        }
        for (const format of ['text', 'json', 'sarif']) {
          const written = fs.readFileSync(path.join(dir, `${scenario}.${format}`), 'utf8');
          assert.ok(written.includes(app));
          assert.deepEqual(leakedSecrets(written, secrets), [], `${scenario}.${format}`);
        }
      }),
    );
  });

  it('the shield scenario does serve VPN keys and config var values (the check above looks for real values)', async () => {
    const fake = await fakeApi('shield');
    const secrets = scenarioSecrets(fake.scenario());
    const psks = fake.scenario().spaces?.flatMap((s) => s.vpnConnections ?? []).flatMap((v) => v.tunnels ?? []).map((t) => t.pre_shared_key) ?? [];
    assert.ok(psks.length === 2 && psks.every((k) => k && secrets.includes(k)));
    const res = await fetch(`${fake.url}/apps/globex-claims/config-vars`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    const served = Object.values((await res.json()) as Record<string, string>);
    assert.ok(secrets.some((s) => served.includes(s)));
  });

  it('errors do not print the token either (rejected token, failing app, unreachable API)', async () => {
    const [fake, resetting] = await Promise.all([fakeApi('shield'), fakeApi('shield', [{ path: '/apps/globex-claims', fault: 'reset' }])]);
    const [rejected, reset, refused] = await Promise.all([
      cli(['live', '--app', 'globex-claims'], { HEROKU_API_KEY: `${TOKEN}-x`, HEROKU_API_URL: fake.url, ...DEBUG_ENV }),
      cli(['live', '--app', 'globex-claims'], { ...keyFor(resetting), ...DEBUG_ENV }),
      cli(['live', '--app', 'globex-claims'], { HEROKU_API_KEY: TOKEN, HEROKU_API_URL: 'http://127.0.0.1:9', ...DEBUG_ENV }),
    ]);
    for (const run of [rejected, reset, refused]) {
      assert.equal(run.status, 2);
      assert.ok(!(run.stdout + run.stderr).includes(TOKEN), run.stderr);
    }
    assert.match(rejected.stderr, /was rejected/);
    assert.match(reset.stderr, /connection reset/);
    assert.match(refused.stderr, /Could not reach 127\.0\.0\.1:9/);
  });
});

describe('live: --output and usage errors', () => {
  it('--output writes the report relative to the working directory and prints nothing; the exit status still counts', async () => {
    const fake = await fakeApi('shield');
    const dir = makeWorkspace();
    const run = await cli(['live', '--app', 'globex-claims', '--format', 'json', '--output', 'reports/../live.json'], keyFor(fake), { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, '');
    assert.deepEqual(stable(JSON.parse(fs.readFileSync(path.join(dir, 'live.json'), 'utf8')) as SecurityState).app, stable(await expectedState(fake)).app);
  });

  it('--output to a folder that does not exist: exit 2, "cannot write"', async () => {
    const fake = await fakeApi('shield');
    const dir = makeWorkspace();
    const run = await cli(['live', '--app', 'globex-claims', '--output', path.join(dir, 'missing', 'live.txt')], keyFor(fake));
    assert.equal(run.status, 2);
    assert.match(run.stderr, /cannot write .*missing/);
  });

  it('usage errors exit 2 with the short usage, before reading a token or the network', async () => {
    const fake = await fakeApi('shield');
    const cases: [string[], RegExp][] = [
      [['live'], /'live' needs --app <name>/],
      [['live', 'globex-claims'], /'live' takes no arguments \(got 'globex-claims'\); name the app with --app/],
      [['live', '--app', 'globex-claims', 'extra'], /'live' takes no arguments/],
      [['live', '--app'], /option '--app' needs a value/],
      [['live', '--app='], /option '--app' needs a non-empty value/],
      [['live', '--app', 'a', '--app', 'b'], /'--app' is given more than once/],
      [['live', '--app', 'globex-claims', '--format', 'xml'], /--format must be one of text, json, sarif/],
      [['live', '--app', 'globex-claims', '--fail-on', 'bogus'], /--fail-on must be one of/],
      [['live', '--app', 'globex-claims', '--profile', 'bogus'], /--profile must be one of auto, common, private, shield/],
      [['live', '--app', 'globex-claims', '--color', '--no-color'], /contradict/],
      [['live', '--app', 'globex-claims', '--rule', 'HRK-LIVE-001'], /'--rule' does not apply to 'live'/],
      [['live', '--app', 'globex-claims', '--api-url', ''], /'--api-url' needs a non-empty value/],
    ];
    const runs = await Promise.all(cases.map(([args]) => cli(args, keyFor(fake))));
    for (const [i, run] of runs.entries()) {
      const [args, message] = cases[i];
      assert.equal(run.status, 2, args.join(' '));
      assert.equal(run.stdout, '', args.join(' '));
      assert.match(run.stderr, message, args.join(' '));
      assert.match(run.stderr, /Usage: heroku-compliance check/);
    }
    assert.equal(fake.requests.length, 0);
  });
});
