/** readSnapshot against each scenario of the fake Platform API: what is read, what is left undefined, what degrades. */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HerokuApi } from '../../../src/heroku/api';
import { generationOf, readSnapshot, teamOf } from '../../../src/heroku/readSnapshot';
import type { EndpointResult, LiveSnapshot } from '../../../src/heroku/snapshot';
import type { Scenario } from '../../fake-heroku/scenario';
import { type ScenarioName, scenario } from '../../fake-heroku/scenarios';
import { type FakeHeroku, type Fault, startFakeHeroku } from '../../fake-heroku/server';

const TOKEN = 'test-token-snapshot-9b2e';
const META = new Set(['appName', 'apiUrl', 'fetchedAt']);

type Field = Exclude<keyof LiveSnapshot, 'appName' | 'apiUrl' | 'fetchedAt'>;

/** Every endpoint field of the contract. */
const FIELDS: readonly Field[] = [
  'app', 'teamApp', 'features', 'buildpackInstallations', 'formation', 'addons', 'domains', 'sniEndpoints', 'logDrains',
  'telemetryDrains', 'configVars', 'collaborators', 'pipelineCoupling', 'reviewAppConfig', 'stacks', 'space', 'inboundRuleset',
  'nat', 'peerings', 'vpnConnections', 'spaceLogDrain', 'spaceTelemetryDrains', 'spaceMembers', 'account', 'accountKeys',
  'oauthAuthorizations', 'team', 'teamMembers', 'teamPreferences', 'allowedAddonServices', 'teamAddons', 'enterpriseArchives',
];

/** Each endpoint field: `ok`, an error kind, or `-` when it does not apply (undefined). */
function states(snapshot: LiveSnapshot): Record<string, string> {
  const unknownKeys = Object.keys(snapshot).filter((key) => !META.has(key) && !FIELDS.includes(key as Field));
  assert.deepEqual(unknownKeys, [], 'a field outside the contract');
  const out: Record<string, string> = {};
  for (const field of FIELDS) {
    const result = snapshot[field] as EndpointResult<unknown> | undefined;
    out[field] = result === undefined ? '-' : result.ok ? 'ok' : result.error.kind;
  }
  return out;
}

function expectStates(snapshot: LiveSnapshot, expected: Partial<Record<Field, string>>): void {
  const want: Record<string, string> = {};
  for (const field of FIELDS) want[field] = expected[field] ?? '-';
  assert.deepEqual(states(snapshot), want);
}

const APP_FIELDS = {
  app: 'ok', features: 'ok', buildpackInstallations: 'ok', formation: 'ok', addons: 'ok', domains: 'ok', sniEndpoints: 'ok',
  configVars: 'ok', collaborators: 'ok', stacks: 'ok', account: 'ok', accountKeys: 'ok', oauthAuthorizations: 'ok',
} as const;
const TEAM_FIELDS = { teamApp: 'ok', team: 'ok', teamMembers: 'ok', teamPreferences: 'ok', allowedAddonServices: 'ok', teamAddons: 'ok' } as const;
const CEDAR_SPACE = { space: 'ok', spaceMembers: 'ok', inboundRuleset: 'ok', nat: 'ok', peerings: 'ok', vpnConnections: 'ok' } as const;

describe('readSnapshot', () => {
  let fake: FakeHeroku;
  let api: HerokuApi;

  before(async () => {
    fake = await startFakeHeroku({ scenario: 'common', token: TOKEN });
    api = new HerokuApi({ apiUrl: fake.url, token: TOKEN });
  });
  after(() => fake.stop());

  async function read(name: ScenarioName | Scenario, faults: Fault[] = [], deadlineMs?: number): Promise<LiveSnapshot> {
    fake.setScenario(name);
    fake.setFaults(faults);
    fake.requests.length = 0;
    return readSnapshot(api, fake.scenario().app, { deadlineMs });
  }

  describe('scenarios', () => {
    it('common: a personal Cedar app reads no team or space endpoint', async () => {
      const snapshot = await read('common');
      expectStates(snapshot, { ...APP_FIELDS, logDrains: 'ok', pipelineCoupling: 'ok', reviewAppConfig: 'ok' });
      assert.equal(snapshot.appName, 'northwind-blog');
      assert.equal(snapshot.apiUrl, fake.url);
      assert.ok(!Number.isNaN(Date.parse(snapshot.fetchedAt)));
      assert.ok(fake.requests.some((r) => r.path === '/apps/northwind-blog/collaborators'));
      assert.ok(!fake.requests.some((r) => r.path.startsWith('/teams/') || r.path.startsWith('/spaces/')));
    });

    it('private: a team app in a Cedar Private Space, without Private Space Logging', async () => {
      const snapshot = await read('private');
      expectStates(snapshot, {
        ...APP_FIELDS, ...TEAM_FIELDS, ...CEDAR_SPACE, logDrains: 'ok', pipelineCoupling: 'ok', reviewAppConfig: 'ok',
        spaceLogDrain: 'not-found', enterpriseArchives: 'ok',
      });
      assert.ok(fake.requests.some((r) => r.path === '/teams/apps/acme-api/collaborators'));
      assert.equal(snapshot.teamApp?.ok && snapshot.teamApp.data.locked, false);
    });

    it('shield: every Cedar space endpoint, the space log drain and the audit archives', async () => {
      const snapshot = await read('shield');
      expectStates(snapshot, {
        ...APP_FIELDS, ...TEAM_FIELDS, ...CEDAR_SPACE, logDrains: 'ok', pipelineCoupling: 'ok', reviewAppConfig: 'ok',
        spaceLogDrain: 'ok', enterpriseArchives: 'ok',
      });
      assert.ok(snapshot.space?.ok && snapshot.space.data.shield === true);
      assert.ok(snapshot.vpnConnections?.ok && snapshot.vpnConnections.data[0].tunnels?.length === 2);
      assert.ok(snapshot.features?.ok && snapshot.features.data.some((f) => f.name === 'spaces-strict-tls' && f.enabled));
      assert.ok(snapshot.teamApp?.ok && snapshot.teamApp.data.locked === true);
      assert.ok(snapshot.enterpriseArchives?.ok && snapshot.enterpriseArchives.data.length === 6);
    });

    it('fir: telemetry drains instead of log drains, no Cedar-only space endpoint', async () => {
      const snapshot = await read('fir');
      expectStates(snapshot, {
        ...APP_FIELDS, ...TEAM_FIELDS, telemetryDrains: 'ok', pipelineCoupling: 'not-found', space: 'ok', spaceMembers: 'ok',
        spaceTelemetryDrains: 'ok',
      });
      assert.ok(snapshot.app.ok);
      assert.equal(snapshot.app.data.generation, 'fir');
      for (const path of ['/log-drains', '/inbound-ruleset', '/nat', '/peerings', '/vpn-connections', '/log-drain']) {
        assert.ok(!fake.requests.some((r) => r.path.endsWith(path)), path);
      }
    });

    it('restricted: only the team fields are forbidden', async () => {
      const snapshot = await read('restricted');
      expectStates(snapshot, {
        ...APP_FIELDS, logDrains: 'ok', pipelineCoupling: 'not-found', teamApp: 'ok',
        team: 'forbidden', teamMembers: 'forbidden', teamPreferences: 'forbidden', allowedAddonServices: 'forbidden', teamAddons: 'forbidden',
      });
    });

    it('a scenario it has never seen: other app, space and team names, a team without an enterprise account', async () => {
      const custom = scenario('private');
      const renamed = JSON.parse(
        JSON.stringify(custom)
          .replaceAll('acme-private-us', 'zeta-space-eu')
          .replaceAll('acme-api', 'zeta-ledger')
          .replaceAll('"acme"', '"zeta"')
          .replaceAll('acme@herokumanager.com', 'zeta@herokumanager.com'),
      ) as Scenario;
      const teams = renamed.teams?.map((t) => ({ ...t, team: { ...t.team, enterprise_account: undefined } }));
      const snapshot = await read({ ...renamed, name: 'zeta', teams });
      expectStates(snapshot, {
        ...APP_FIELDS, ...TEAM_FIELDS, ...CEDAR_SPACE, logDrains: 'ok', pipelineCoupling: 'ok', reviewAppConfig: 'ok', spaceLogDrain: 'not-found',
      });
      assert.equal(snapshot.appName, 'zeta-ledger');
      assert.ok(fake.requests.some((r) => r.path === '/spaces/zeta-space-eu/nat'));
      assert.ok(fake.requests.some((r) => r.path === '/teams/zeta/members'));
    });
  });

  describe('requests', () => {
    it('reads the app first, then the rest concurrently', async () => {
      const slow: Fault[] = [{ path: /^\/(?!apps\/globex-claims$)/, fault: 'slow', delayMs: 300 }];
      const started = Date.now();
      const snapshot = await read('shield', slow);
      const ms = Date.now() - started;
      assert.equal(fake.requests[0].path, '/apps/globex-claims');
      assert.equal(states(snapshot).addons, 'ok');
      // ~30 reads of 300 ms each: in sequence 9 s; the two dependent reads make three rounds at most.
      assert.ok(ms < 1500, `took ${ms} ms`);
    });

    it('asks for 3.sdk (app, space, telemetry), 3.dogwood (space log drain) and the email range (team members)', async () => {
      await read('shield');
      const accept = (path: string): string | undefined => fake.requests.find((r) => r.path === path)?.accept?.replace(/^.*version=/, '');
      assert.equal(accept('/apps/globex-claims'), '3.sdk');
      assert.equal(accept('/spaces/globex-shield-virginia'), '3.sdk');
      assert.equal(accept('/spaces/globex-shield-virginia/log-drain'), '3.dogwood');
      assert.equal(accept('/apps/globex-claims/config-vars'), '3');
      assert.equal(fake.requests.find((r) => r.path === '/teams/globex-health/members')?.range, 'email ..; max=1000');
      await read('fir');
      assert.equal(accept('/apps/initech-portal/telemetry-drains'), '3.sdk');
      assert.equal(accept('/spaces/initech-fir/telemetry-drains'), '3.sdk');
    });

    it('stops after the app when the app cannot be read', async () => {
      fake.setScenario('common');
      fake.setFaults([]);
      fake.requests.length = 0;
      const snapshot = await readSnapshot(api, 'no-such-app');
      expectStates(snapshot, { app: 'not-found' });
      assert.equal(fake.requests.length, 1);

      const expired = await read('common', [{ path: '/apps/*', fault: '401' }]);
      expectStates(expired, { app: 'unauthorized' });
    });

    it('reads the review-app config only for a coupled app, and archives only for an enterprise team', async () => {
      await read('restricted');
      assert.ok(!fake.requests.some((r) => r.path.includes('review-app-config') || r.path.includes('enterprise-accounts')));
    });
  });

  describe('partial failures', () => {
    const cases: { fault: Fault; field: Field; kind: string }[] = [
      { fault: { path: '/apps/*/config-vars', fault: '403' }, field: 'configVars', kind: 'forbidden' },
      { fault: { path: '/apps/*/domains', fault: 'malformed' }, field: 'domains', kind: 'malformed' },
      { fault: { path: '/teams/*/members', fault: '429' }, field: 'teamMembers', kind: 'rate-limited' },
      { fault: { path: '/spaces/*/nat', fault: 'reset' }, field: 'nat', kind: 'network' },
      { fault: { path: '/spaces/*/vpn-connections', fault: '500' }, field: 'vpnConnections', kind: 'server' },
      { fault: { path: '/apps/*/features', fault: '401' }, field: 'features', kind: 'unauthorized' },
      { fault: { path: '/account', fault: '304' }, field: 'account', kind: 'malformed' },
      { fault: { path: '/spaces/*/log-drain', fault: '404' }, field: 'spaceLogDrain', kind: 'not-found' },
    ];
    for (const c of cases) {
      it(`a ${c.fault.fault} on ${String(c.fault.path)} degrades ${c.field} only`, async () => {
        const baseline = states(await read('shield'));
        const degraded = states(await read('shield', [c.fault]));
        assert.equal(degraded[c.field], c.kind);
        assert.deepEqual({ ...degraded, [c.field]: 'ok' }, baseline);
      });
    }

    it('a failing team read leaves its archives undefined, and a failing coupling its review-app config', async () => {
      const team = states(await read('shield', [{ path: '/teams/globex-health', fault: '500' }]));
      assert.equal(team.team, 'server');
      assert.equal(team.enterpriseArchives, '-');
      const coupling = states(await read('shield', [{ path: '/apps/*/pipeline-couplings', fault: '500' }]));
      assert.equal(coupling.pipelineCoupling, 'server');
      assert.equal(coupling.reviewAppConfig, '-');
    });

    it('bounds the whole read by one deadline: a slow endpoint times out, the others are kept', async () => {
      const started = Date.now();
      const snapshot = states(await read('shield', [{ path: '/apps/*/addons', fault: 'slow', delayMs: 5000 }], 400));
      const ms = Date.now() - started;
      assert.equal(snapshot.addons, 'timeout');
      assert.equal(snapshot.formation, 'ok');
      assert.ok(ms < 1000, `took ${ms} ms`);
    });

    it('a dependent read shares the deadline of the whole read', async () => {
      const started = Date.now();
      const snapshot = states(await read('shield', [{ path: '/pipelines/*/review-app-config', fault: 'slow', delayMs: 5000 }], 400));
      assert.equal(snapshot.reviewAppConfig, 'timeout');
      assert.ok(Date.now() - started < 1000);
    });

    it('aborts every read on the signal', async () => {
      fake.setScenario('shield');
      fake.setFaults([{ path: /^\/(?!apps\/globex-claims$)/, fault: 'slow', delayMs: 5000 }]);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 150);
      const started = Date.now();
      const snapshot = states(await readSnapshot(api, 'globex-claims', { signal: controller.signal }));
      assert.ok(Date.now() - started < 1000);
      assert.equal(snapshot.app, 'ok');
      assert.equal(snapshot.addons, 'aborted');
      assert.equal(snapshot.vpnConnections, 'aborted');
    });
  });

  describe('helpers', () => {
    it('generationOf reads a string or {name}, and defaults to cedar', () => {
      assert.equal(generationOf({ generation: 'fir' }), 'fir');
      assert.equal(generationOf({ generation: { id: 'x', name: 'fir' } }), 'fir');
      assert.equal(generationOf({ generation: { name: 'cedar' } }), 'cedar');
      assert.equal(generationOf({}), 'cedar');
      assert.equal(generationOf(undefined), 'cedar');
    });

    it('teamOf uses team, organization, or the herokumanager.com owner', () => {
      assert.equal(teamOf({ team: { name: 'acme' } }), 'acme');
      assert.equal(teamOf({ team: null, organization: { name: 'legacy' } }), 'legacy');
      assert.equal(teamOf({ owner: { email: 'globex@herokumanager.com' } }), 'globex');
      assert.equal(teamOf({ owner: { email: 'someone@example.com' }, team: null }), undefined);
    });
  });
});
