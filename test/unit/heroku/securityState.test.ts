/** The mapping from a LiveSnapshot to SecurityState, its degraded states, and redaction. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as Heroku from '@heroku-cli/schema';
import { LIVE_ITEM_IDS, type LiveItemId } from '../../../src/heroku/liveRule';
import { LIVE_RULES } from '../../../src/heroku/liveRegistry';
import { REDACTED, redactSnapshot } from '../../../src/heroku/redact';
import { GROUP_TITLES, type ItemState, SECURITY_ITEMS, type SecurityState, securityState } from '../../../src/heroku/securityState';
import type { LiveSnapshot } from '../../../src/heroku/snapshot';
import {
  commonSnapshot,
  DATABASE_PASSWORD,
  DRAIN_PASSWORD,
  failed,
  firSnapshot,
  OAUTH_TOKEN,
  ok,
  privateSnapshot,
  shieldSnapshot,
  type SnapshotDraft,
  STRIPE_KEY,
  VPN_PSK,
} from '../../helpers/liveSnapshots';

function states(state: SecurityState): Record<string, ItemState> {
  return Object.fromEntries(state.groups.flatMap((g) => g.items.map((i) => [i.id, i.state])));
}

function item(state: SecurityState, id: LiveItemId) {
  const found = state.groups.flatMap((g) => g.items).find((i) => i.id === id);
  assert.ok(found, `no item ${id}`);
  return found;
}

const SECRETS = [DATABASE_PASSWORD, VPN_PSK, STRIPE_KEY, DRAIN_PASSWORD, OAUTH_TOKEN, 'otel-header-secret', 'token=abc123'];

describe('securityState', () => {
  it('groups the items as the Security & Compliance article does', () => {
    const state = securityState(commonSnapshot(), 'auto');
    assert.deepEqual(
      state.groups.map((g) => [g.id, g.title]),
      [
        ['runtime', 'Runtime'],
        ['access', 'Authentication & Access'],
        ['logging', 'Logging & Monitoring'],
        ['data-access', 'App & Data Access'],
        ['encryption', 'Encryption'],
        ['backups', 'Data Backups'],
      ],
    );
    assert.deepEqual(Object.values(GROUP_TITLES), state.groups.map((g) => g.title));
    assert.deepEqual(state.groups.flatMap((g) => g.items.map((i) => i.id)).sort(), [...LIVE_ITEM_IDS].sort(), 'one item per feature, each once');
    for (const security of state.groups.flatMap((g) => g.items)) {
      assert.match(security.learnMoreUrl, /^https:\/\/devcenter\.heroku\.com\/articles\/[a-z0-9-]+$/);
      assert.match(security.dashboardUrl, /^https:\/\/dashboard\.heroku\.com\//);
      assert.ok(security.why.length > 20 && security.runtimes.length > 0 && security.title.length > 0, security.id);
      assert.ok(security.ruleIds.length > 0, `${security.id} has no rule`);
    }
  });

  it('covers every live rule with an item, and every item a rule reports on', () => {
    const ruleIds = new Set(SECURITY_ITEMS.flatMap((i) => i.ruleIds));
    for (const rule of LIVE_RULES) assert.ok(ruleIds.has(rule.meta.id), `${rule.meta.id} has no item`);
  });

  it('a Common Runtime app: runtime header, team and space features not applicable', () => {
    const state = securityState(commonSnapshot(), 'auto');
    assert.deepEqual(state.profile, { profile: 'common', reason: 'inferred: the app runs on the Common Runtime' });
    assert.deepEqual(state.app, {
      name: 'acme-api',
      dashboardUrl: 'https://dashboard.heroku.com/apps/acme-api',
      apiUrl: 'https://api.heroku.com/apps/acme-api',
      runtime: 'common',
      generation: 'cedar',
      region: 'us',
    });
    assert.deepEqual(states(state), {
      runtime: 'pass',
      generation: 'pass',
      stack: 'pass',
      dynos: 'pass',
      sso: 'not-applicable',
      mfa: 'pass',
      permissions: 'not-applicable',
      'lock-apps': 'not-applicable',
      'addon-controls': 'pass',
      oauth: 'pass',
      'config-vars': 'pass',
      'heroku-exec': 'pass',
      'log-drains': 'pass',
      telemetry: 'not-applicable',
      'private-space-logging': 'not-applicable',
      'audit-trail': 'not-applicable',
      'keystroke-logging': 'not-applicable',
      'trusted-ips': 'not-applicable',
      'internal-routing': 'not-applicable',
      'outbound-ips': 'not-applicable',
      peering: 'not-applicable',
      vpn: 'not-applicable',
      postgres: 'pass',
      'key-value-store': 'not-applicable',
      kafka: 'not-applicable',
      'heroku-connect': 'not-applicable',
      pipeline: 'pass',
      acm: 'pass',
      'strict-tls': 'not-applicable',
      backups: 'pass',
    });
    assert.deepEqual(state.findings, []);
    assert.equal(item(state, 'runtime').description, 'Common Runtime, us');
    assert.equal(item(state, 'backups').description, 'postgresql-cubed-123: 4-day rollback');
  });

  it('the same Common Runtime app under an explicit shield profile fails its runtime', () => {
    const state = securityState(commonSnapshot(), 'shield');
    assert.deepEqual(state.profile, { profile: 'shield', reason: 'set explicitly' });
    assert.equal(item(state, 'runtime').state, 'fail');
    assert.equal(item(state, 'postgres').state, 'fail', 'standard-0 is not a Shield plan');
    assert.ok(state.findings.every((f) => f.profile === 'shield'));
  });

  it('a Shield app with VPN, peering, a space log drain and strict TLS', () => {
    const state = securityState(shieldSnapshot(), 'auto');
    assert.equal(state.profile.profile, 'shield');
    assert.match(state.profile.reason, /Shield Private Space acme-shield/);
    assert.equal(state.app.runtime, 'shield');
    assert.equal(state.app.space, 'acme-shield');
    assert.equal(state.app.team, 'acme');
    const s = states(state);
    for (const id of ['runtime', 'sso', 'mfa', 'lock-apps', 'private-space-logging', 'keystroke-logging', 'trusted-ips', 'vpn', 'strict-tls', 'log-drains', 'audit-trail', 'dynos'] as const) {
      assert.equal(s[id], 'pass', id);
    }
    // No expected-peerings list: the active peering is listed for review.
    assert.equal(s.peering, 'warn');
    assert.equal(s.telemetry, 'not-applicable');
    assert.equal(item(state, 'vpn').description, 'office (active, IKEv2)');
    assert.equal(item(state, 'private-space-logging').description, 'Drain https://***@logs.acme.example/heroku');
    assert.equal(item(state, 'log-drains').description, 'No app drain; Private Space Logging covers the app');
    assert.equal(item(state, 'trusted-ips').dashboardUrl, 'https://dashboard.heroku.com/spaces/acme-shield/network');
    const withList = securityState(shieldSnapshot(), 'auto', { policy: { expectedPeerings: ['pcx-0a1b2c3d'] } });
    assert.equal(item(withList, 'peering').state, 'pass');
  });

  it('a Fir app: Cedar-only features are not on Fir, telemetry drains apply', () => {
    const state = securityState(firSnapshot(), 'auto');
    assert.equal(state.app.generation, 'fir');
    assert.equal(state.profile.profile, 'private');
    const s = states(state);
    for (const id of ['heroku-exec', 'log-drains', 'private-space-logging', 'keystroke-logging', 'trusted-ips', 'internal-routing', 'outbound-ips', 'peering', 'vpn'] as const) {
      assert.equal(s[id], 'not-on-fir', id);
    }
    assert.equal(s.telemetry, 'pass');
    assert.equal(item(state, 'telemetry').description, '1 drain (logs, traces)');
    assert.equal(s.generation, 'warn', 'a Fir space under private loses Cedar-only controls (med)');
    assert.equal(s.stack, 'pass');
    const noLogs = securityState({ ...firSnapshot(), spaceTelemetryDrains: ok([]) }, 'auto');
    assert.equal(item(noLogs, 'telemetry').state, 'warn');
  });

  it('403 on the team endpoints: no-permission on those items only', () => {
    const baseline = states(securityState(privateSnapshot(), 'auto'));
    const restricted: LiveSnapshot = {
      ...privateSnapshot(),
      team: failed('forbidden'),
      teamMembers: failed('forbidden'),
      teamPreferences: failed('forbidden'),
      allowedAddonServices: failed('forbidden'),
      teamAddons: failed('forbidden'),
      enterpriseArchives: undefined,
    };
    const state = securityState(restricted, 'auto');
    const s = states(state);
    const degraded = ['sso', 'mfa', 'permissions', 'addon-controls', 'audit-trail'];
    for (const id of degraded) {
      assert.equal(s[id], 'no-permission', id);
      const security = item(state, id as LiveItemId);
      assert.equal(security.error?.kind, 'forbidden');
      assert.match(security.description, /^No permission to read /);
    }
    for (const [id, value] of Object.entries(baseline)) if (!degraded.includes(id)) assert.equal(s[id], value, id);
  });

  it('other errors are unknown and keep their error; a 404 that means "none" is data', () => {
    const snapshot: LiveSnapshot = { ...commonSnapshot(), formation: failed('rate-limited', 'Rate limit exceeded'), configVars: undefined, pipelineCoupling: failed('not-found') };
    const state = securityState(snapshot, 'auto');
    assert.equal(item(state, 'dynos').state, 'unknown');
    assert.deepEqual(item(state, 'dynos').error, { kind: 'rate-limited', message: 'Rate limit exceeded', status: 429 });
    assert.equal(item(state, 'dynos').description, 'Could not read formation: Rate limit exceeded');
    assert.equal(item(state, 'config-vars').state, 'unknown', 'not read');
    assert.equal(item(state, 'config-vars').description, 'Config vars not read');
    assert.equal(item(state, 'pipeline').state, 'warn', 'not in a pipeline is a finding, not an error');
    assert.equal(item(state, 'pipeline').description, 'Not in a pipeline');
  });

  it('a failing finding stands when another endpoint of the item failed', () => {
    const snapshot: LiveSnapshot = {
      ...shieldSnapshot(),
      teamPreferences: ok({ 'default-permission': 'member', 'addons-controls': false }),
      allowedAddonServices: failed('server'),
    };
    const security = item(securityState(snapshot, 'auto'), 'addon-controls');
    assert.equal(security.state, 'fail');
    assert.equal(security.error?.kind, 'server');
  });

  it('a rule that cannot evaluate the response leaves its items unknown', () => {
    const snapshot: LiveSnapshot = { ...commonSnapshot(), formation: ok([null] as unknown as Heroku.Formation[]) };
    const security = item(securityState(snapshot, 'auto'), 'dynos');
    assert.equal(security.state, 'unknown');
    assert.equal(security.error?.kind, 'malformed');
  });

  it('GET /apps failing: appError and nothing else', () => {
    const snapshot: SnapshotDraft = { ...commonSnapshot(), app: failed('not-found', "Couldn't find that app.") };
    const state = securityState(snapshot, 'auto');
    assert.deepEqual(state.appError, { kind: 'not-found', status: 404, message: "Couldn't find that app." });
    assert.deepEqual(state.groups, []);
    assert.deepEqual(state.findings, []);
    assert.equal(state.app.name, 'acme-api');
    assert.equal(state.app.apiUrl, 'https://api.heroku.com/apps/acme-api');
    assert.equal(state.profile.profile, 'common');
    assert.equal(securityState({ ...snapshot, apiUrl: 'http://127.0.0.1:4567/' }, 'private').app.apiUrl, 'http://127.0.0.1:4567/apps/acme-api');
  });

  it('no string in the state carries a config var value, a VPN pre-shared key or drain credentials', () => {
    const snapshot: LiveSnapshot = {
      ...shieldSnapshot(),
      configVars: ok({ ...(commonSnapshot().configVars as { data: Record<string, string> }).data, STRIPE_SECRET_KEY: STRIPE_KEY, NODE_TLS_REJECT_UNAUTHORIZED: '0' }),
      logDrains: ok([{ url: `syslog://ops:${DRAIN_PASSWORD}@logs.example.com:514?token=abc123` }]),
      vpnConnections: ok([{ name: 'office', status: 'pending', ike_version: 1, routable_cidrs: ['0.0.0.0/0'], tunnels: [{ pre_shared_key: VPN_PSK }] }]),
    };
    for (const profile of ['auto', 'common', 'private', 'shield'] as const) {
      const text = JSON.stringify(securityState(snapshot, profile));
      for (const secret of SECRETS) assert.ok(!text.includes(secret), `${profile}: the state carries ${secret.slice(0, 4)}…`);
    }
    const state = securityState(snapshot, 'auto');
    assert.ok(state.findings.some((f) => f.message.includes('STRIPE_SECRET_KEY')), 'the key is named');
    assert.equal(item(state, 'config-vars').state, 'fail');
  });
});

describe('redactSnapshot', () => {
  it('removes config var values, pre-shared keys, drain and OAuth tokens, and URL credentials', () => {
    const snapshot: LiveSnapshot = {
      ...shieldSnapshot(),
      configVars: ok({ STRIPE_SECRET_KEY: STRIPE_KEY, DATABASE_URL: `postgres://u:${DATABASE_PASSWORD}@h/d`, EMPTY: null }),
      logDrains: ok([{ url: `https://ops:${DRAIN_PASSWORD}@logs.example.com/x?token=abc123`, token: 'd.1234' }]),
      telemetryDrains: ok([{ exporter: { endpoint: 'https://otel.acme.example', headers: { 'x-api-key': 'otel-header-secret' } } }]),
    };
    const before = JSON.stringify(snapshot);
    const redacted = redactSnapshot(snapshot);
    const text = JSON.stringify(redacted);
    for (const secret of [...SECRETS, 'd.1234']) assert.ok(!text.includes(secret), `redacted snapshot carries ${secret.slice(0, 4)}…`);
    assert.equal(JSON.stringify(snapshot), before, 'the original is untouched');
    assert.deepEqual(redacted.configVars, { ok: true, data: { STRIPE_SECRET_KEY: REDACTED, DATABASE_URL: REDACTED, EMPTY: null } });
    assert.deepEqual(
      (redacted.logDrains as { data: Heroku.LogDrain[] }).data.map((d) => [d.url, d.token]),
      [['https://***@logs.example.com/x', REDACTED]],
    );
    const vpn = (redacted.vpnConnections as { data: Heroku.PrivateSpacesVPN[] }).data[0];
    assert.equal(vpn.tunnels?.[0].pre_shared_key, REDACTED);
    assert.equal(vpn.name, 'office', 'structure stays');
    assert.equal((redacted.spaceLogDrain as { data: Heroku.LogDrain }).data.url, 'https://***@logs.acme.example/heroku');
    const oauth = (redacted.oauthAuthorizations as { data: Heroku.OAuthAuthorization[] }).data[0];
    assert.equal(oauth.access_token?.token, REDACTED);
  });

  it('keeps errors and undefined endpoints as they are', () => {
    const snapshot: LiveSnapshot = { ...commonSnapshot(), configVars: failed('forbidden'), account: undefined };
    const redacted = redactSnapshot(snapshot);
    assert.deepEqual(redacted.configVars, snapshot.configVars);
    assert.equal(redacted.account, undefined);
  });
});
