/**
 * Every HRK-LIVE rule against small hand-built snapshots: an invalid case fires with the catalog's severity at
 * (at least) two profiles, a valid case is silent, and the rule stays silent when the endpoints it reads failed
 * or were not read. Plus metadata against the catalog, per-rule settings, and secrets in messages.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type * as Heroku from '@heroku-cli/schema';
import type { Profile, Severity } from '../../../src/engine/types';
import { evaluateLiveRules, LIVE_RULES, liveRuleById, type LiveEvaluationOptions } from '../../../src/heroku/liveRegistry';
import type { LiveFinding, LiveItemId, LivePolicy } from '../../../src/heroku/liveRule';
import type { LiveSnapshot } from '../../../src/heroku/snapshot';
import {
  addon,
  commonSnapshot,
  DATABASE_PASSWORD,
  DRAIN_PASSWORD,
  failed,
  firSnapshot,
  member,
  OAUTH_TOKEN,
  ok,
  privateSnapshot,
  shieldSnapshot,
  type SnapshotDraft,
  STRIPE_KEY,
  VPN_PSK,
  withApp,
} from '../../helpers/liveSnapshots';

function findingsOf(id: string, snapshot: LiveSnapshot, profile: Profile, options: LiveEvaluationOptions = {}): LiveFinding[] {
  const result = evaluateLiveRules(snapshot, profile, options);
  assert.deepEqual(result.failures, [], `a rule threw: ${JSON.stringify(result.failures)}`);
  return result.findings.filter((f) => f.ruleId === id);
}

interface RuleCase {
  readonly item: LiveItemId;
  /** The rule fires on it, with these severities (at least two profiles; a profile that is off or where the condition cannot hold is checked silent via `silentAt`). */
  readonly invalid: () => LiveSnapshot;
  readonly severities: Partial<Record<Profile, Severity>>;
  readonly silentAt?: readonly Profile[];
  /** Silent on it at every profile. */
  readonly valid: () => LiveSnapshot;
  /** The invalid snapshot with the endpoints the rule reads failed or not read: silent at every profile. */
  readonly broken: readonly (() => LiveSnapshot)[];
  readonly policy?: Partial<LivePolicy>;
}

const PROFILES: readonly Profile[] = ['common', 'private', 'shield'];
const set = <K extends keyof SnapshotDraft>(snapshot: SnapshotDraft, key: K, value: SnapshotDraft[K]): SnapshotDraft => ({ ...snapshot, [key]: value });
const appFailed = (snapshot: SnapshotDraft): SnapshotDraft => set(snapshot, 'app', failed('server'));

const CASES: Readonly<Record<string, RuleCase>> = {
  'HRK-LIVE-001': {
    item: 'runtime',
    invalid: commonSnapshot,
    severities: { private: 'high', shield: 'crit' },
    silentAt: ['common'],
    valid: shieldSnapshot,
    broken: [() => appFailed(commonSnapshot())],
  },
  'HRK-LIVE-002': {
    item: 'mfa',
    invalid: () => set(privateSnapshot(), 'teamMembers', ok([member('lead@acme.example', 'admin'), member('temp@acme.example', 'member', { federated: false, mfa: false })])),
    severities: { common: 'med', private: 'high', shield: 'high' },
    valid: privateSnapshot,
    broken: [() => set(set(privateSnapshot(), 'teamMembers', failed('forbidden')), 'team', failed('forbidden')), () => set(set(privateSnapshot(), 'teamMembers', undefined), 'team', undefined)],
  },
  'HRK-LIVE-003': {
    item: 'permissions',
    invalid: () => set(privateSnapshot(), 'teamPreferences', ok({ 'default-permission': 'admin', 'addons-controls': true })),
    severities: { common: 'info', private: 'low', shield: 'med' },
    valid: privateSnapshot,
    broken: [() => set(privateSnapshot(), 'teamPreferences', failed('forbidden'))],
  },
  'HRK-LIVE-004': {
    item: 'lock-apps',
    invalid: () => set(privateSnapshot(), 'teamApp', ok({ name: 'acme-api', locked: false })),
    severities: { common: 'info', private: 'low', shield: 'med' },
    valid: privateSnapshot,
    broken: [() => set(privateSnapshot(), 'teamApp', failed('forbidden')), () => set(privateSnapshot(), 'teamApp', undefined)],
  },
  'HRK-LIVE-005': {
    item: 'addon-controls',
    invalid: () => set(privateSnapshot(), 'teamPreferences', ok({ 'default-permission': 'member', 'addons-controls': false })),
    severities: { common: 'low', private: 'med', shield: 'high' },
    valid: privateSnapshot,
    broken: [() => set(privateSnapshot(), 'teamPreferences', failed('forbidden'))],
  },
  'HRK-LIVE-006': {
    item: 'oauth',
    invalid: () => set(commonSnapshot(), 'oauthAuthorizations', ok([{ id: 'a1', description: 'Old CLI login', scope: ['global'], created_at: '2026-05-01T00:00:00Z', client: null, access_token: { token: OAUTH_TOKEN } }])),
    severities: { common: 'low', private: 'med', shield: 'high' },
    valid: commonSnapshot,
    broken: [() => set(commonSnapshot(), 'oauthAuthorizations', failed('unauthorized')), () => set(commonSnapshot(), 'oauthAuthorizations', undefined)],
  },
  'HRK-LIVE-007': {
    item: 'config-vars',
    invalid: () => set(commonSnapshot(), 'configVars', ok({ NODE_TLS_REJECT_UNAUTHORIZED: '0', LANG: 'en_US.UTF-8' })),
    severities: { common: 'high', private: 'high', shield: 'crit' },
    valid: commonSnapshot,
    broken: [() => set(commonSnapshot(), 'configVars', failed('forbidden')), () => set(commonSnapshot(), 'configVars', undefined)],
  },
  'HRK-LIVE-008': {
    item: 'stack',
    invalid: () => withApp(commonSnapshot(), { stack: { name: 'heroku-20' }, build_stack: { name: 'heroku-20' } }),
    severities: { common: 'high', private: 'high', shield: 'high' },
    valid: commonSnapshot,
    broken: [() => appFailed(withApp(commonSnapshot(), { stack: { name: 'heroku-20' } }))],
  },
  'HRK-LIVE-009': {
    item: 'dynos',
    invalid: () => set(commonSnapshot(), 'formation', ok([{ type: 'web', quantity: 1, size: 'Eco' }])),
    severities: { common: 'low', private: 'med', shield: 'med' },
    valid: shieldSnapshot,
    broken: [() => set(commonSnapshot(), 'formation', failed('server')), () => set(commonSnapshot(), 'formation', undefined)],
  },
  'HRK-LIVE-010': {
    item: 'acm',
    invalid: () =>
      set(withApp(commonSnapshot(), { acm: false }), 'domains', ok([{ hostname: 'www.acme.example', kind: 'custom', acm_status: null, sni_endpoint: null }] satisfies Heroku.Domain[])),
    severities: { common: 'low', private: 'med', shield: 'med' },
    valid: commonSnapshot,
    broken: [() => set(set(withApp(commonSnapshot(), { acm: false }), 'domains', failed('server')), 'sniEndpoints', failed('server'))],
  },
  'HRK-LIVE-011': {
    item: 'strict-tls',
    invalid: () => set(privateSnapshot(), 'features', ok([{ name: 'spaces-strict-tls', enabled: false }])),
    severities: { private: 'high', shield: 'crit' },
    silentAt: ['common'],
    valid: privateSnapshot,
    broken: [() => set(privateSnapshot(), 'features', failed('forbidden')), () => set(privateSnapshot(), 'features', undefined)],
  },
  'HRK-LIVE-012': {
    item: 'heroku-exec',
    invalid: () => set(privateSnapshot(), 'features', ok([{ name: 'runtime-heroku-exec', enabled: true }, { name: 'spaces-strict-tls', enabled: true }])),
    severities: { common: 'info', private: 'low', shield: 'high' },
    valid: privateSnapshot,
    broken: [() => set(set(privateSnapshot(), 'features', failed('server')), 'buildpackInstallations', failed('server'))],
  },
  'HRK-LIVE-013': {
    item: 'trusted-ips',
    invalid: () => set(privateSnapshot(), 'inboundRuleset', ok({ rules: [{ action: 'allow', source: '0.0.0.0/0' }], applied: true })),
    severities: { private: 'med', shield: 'high' },
    silentAt: ['common'],
    valid: privateSnapshot,
    broken: [() => set(privateSnapshot(), 'inboundRuleset', failed('not-found')), () => set(privateSnapshot(), 'inboundRuleset', undefined)],
  },
  'HRK-LIVE-014': {
    item: 'outbound-ips',
    invalid: () => set(privateSnapshot(), 'nat', ok({ state: 'disabled', sources: [] })),
    severities: { common: 'info', private: 'info', shield: 'info' },
    valid: privateSnapshot,
    broken: [() => set(privateSnapshot(), 'nat', failed('server')), () => set(privateSnapshot(), 'nat', undefined)],
  },
  'HRK-LIVE-015': {
    item: 'vpn',
    invalid: () => set(shieldSnapshot(), 'vpnConnections', ok([{ name: 'office', status: 'failed', ike_version: 2, routable_cidrs: ['172.16.0.0/16'], tunnels: [{ pre_shared_key: VPN_PSK }] }])),
    severities: { private: 'low', shield: 'med' },
    silentAt: ['common'],
    valid: shieldSnapshot,
    broken: [() => set(shieldSnapshot(), 'vpnConnections', failed('forbidden')), () => set(shieldSnapshot(), 'vpnConnections', undefined)],
  },
  'HRK-LIVE-016': {
    item: 'peering',
    invalid: shieldSnapshot,
    severities: { private: 'low', shield: 'med' },
    silentAt: ['common'],
    valid: () => set(shieldSnapshot(), 'peerings', ok([{ pcx_id: 'pcx-old', status: 'deleted' }])),
    broken: [() => set(shieldSnapshot(), 'peerings', failed('server')), () => set(shieldSnapshot(), 'peerings', undefined)],
  },
  'HRK-LIVE-017': {
    item: 'internal-routing',
    invalid: () => withApp(privateSnapshot(), { internal_routing: false }),
    severities: { private: 'med', shield: 'high' },
    silentAt: ['common'],
    valid: () => withApp(privateSnapshot(), { internal_routing: true }),
    broken: [() => appFailed(withApp(privateSnapshot(), { internal_routing: false }))],
    policy: { internalApps: ['acme-api'] },
  },
  'HRK-LIVE-018': {
    item: 'log-drains',
    invalid: () => set(privateSnapshot(), 'logDrains', ok([])),
    severities: { private: 'med', shield: 'high' },
    silentAt: ['common'],
    valid: privateSnapshot,
    broken: [() => set(privateSnapshot(), 'logDrains', failed('server')), () => set(privateSnapshot(), 'logDrains', undefined)],
  },
  'HRK-LIVE-019': {
    item: 'audit-trail',
    invalid: () => set(privateSnapshot(), 'enterpriseArchives', ok([])),
    severities: { common: 'low', private: 'med', shield: 'high' },
    valid: privateSnapshot,
    broken: [() => set(privateSnapshot(), 'enterpriseArchives', failed('forbidden')), () => set(privateSnapshot(), 'enterpriseArchives', undefined)],
  },
  'HRK-LIVE-020': {
    item: 'backups',
    invalid: () => set(commonSnapshot(), 'addons', ok([addon('heroku-postgresql', 'essential-0', { configVars: ['DATABASE_URL'] })])),
    severities: { common: 'low', private: 'high', shield: 'high' },
    valid: shieldSnapshot,
    broken: [() => set(commonSnapshot(), 'addons', failed('server')), () => set(commonSnapshot(), 'addons', undefined)],
  },
  'HRK-LIVE-021': {
    item: 'key-value-store',
    invalid: () => set(privateSnapshot(), 'addons', ok([addon('heroku-redis', 'mini', { configVars: ['REDIS_URL'] })])),
    // mini is a Common Runtime plan: not networked (private) and not Shield (shield); nothing to say on the Common Runtime.
    severities: { private: 'med', shield: 'high' },
    silentAt: ['common'],
    valid: shieldSnapshot,
    broken: [() => set(privateSnapshot(), 'addons', failed('server'))],
  },
  'HRK-LIVE-022': {
    item: 'kafka',
    invalid: () => set(shieldSnapshot(), 'addons', ok([addon('heroku-kafka', 'standard-0', { configVars: ['KAFKA_URL'] })])),
    // Only the shield profile asks for a particular Kafka plan; a fixed severity shows the rule's other levels below.
    severities: { shield: 'high' },
    silentAt: ['common', 'private'],
    valid: () => set(shieldSnapshot(), 'addons', ok([addon('heroku-kafka', 'shield-extended-0', { configVars: ['KAFKA_URL'] })])),
    broken: [() => set(shieldSnapshot(), 'addons', failed('forbidden'))],
  },
  'HRK-LIVE-023': {
    item: 'heroku-connect',
    invalid: () => set(shieldSnapshot(), 'addons', ok([addon('herokuconnect', 'enterprise')])),
    severities: { shield: 'high' },
    silentAt: ['common', 'private'],
    valid: () => set(shieldSnapshot(), 'addons', ok([addon('herokuconnect', 'shield')])),
    broken: [() => set(shieldSnapshot(), 'addons', failed('server'))],
  },
  'HRK-LIVE-024': {
    item: 'pipeline',
    invalid: () => set(set(commonSnapshot(), 'pipelineCoupling', failed('not-found')), 'reviewAppConfig', undefined),
    severities: { common: 'low', private: 'med', shield: 'med' },
    valid: privateSnapshot,
    broken: [() => set(set(commonSnapshot(), 'pipelineCoupling', failed('server')), 'reviewAppConfig', undefined), () => set(set(commonSnapshot(), 'pipelineCoupling', undefined), 'reviewAppConfig', undefined)],
  },
  'HRK-LIVE-025': {
    item: 'permissions',
    invalid: () =>
      set(privateSnapshot(), 'spaceMembers', ok([{ user: { email: 'lead@acme.example' }, permissions: [{ name: 'create_apps' }] }, { user: { email: 'dev@acme.example' }, permissions: [{ name: 'create_apps' }] }])),
    severities: { private: 'low', shield: 'med' },
    silentAt: ['common'],
    valid: privateSnapshot,
    broken: [() => set(privateSnapshot(), 'spaceMembers', failed('forbidden')), () => set(set(privateSnapshot(), 'teamMembers', failed('forbidden')), 'spaceMembers', ok([{ user: { email: 'dev@acme.example' }, permissions: [{ name: 'create_apps' }] }]))],
  },
  'HRK-LIVE-026': {
    item: 'addon-controls',
    invalid: () => set(commonSnapshot(), 'addons', ok([addon('heroku-postgresql', 'standard-0', { configVars: ['DATABASE_URL'] }), addon('papertrail', 'choklad', { n: 4 })])),
    severities: { common: 'info', private: 'low', shield: 'high' },
    valid: commonSnapshot,
    broken: [() => set(commonSnapshot(), 'addons', failed('server'))],
  },
  'HRK-LIVE-027': {
    item: 'keystroke-logging',
    invalid: () => set(shieldSnapshot(), 'accountKeys', ok([{ comment: 'old@desktop', fingerprint: 'SHA256:old', created_at: '2023-01-01T00:00:00Z' }])),
    severities: { shield: 'med' },
    silentAt: ['common', 'private'],
    valid: shieldSnapshot,
    broken: [() => set(shieldSnapshot(), 'accountKeys', failed('server')), () => set(shieldSnapshot(), 'accountKeys', undefined)],
  },
};

describe('live rules: invalid, valid and broken cases', () => {
  it('has a case for every registered rule', () => {
    assert.deepEqual(Object.keys(CASES).sort(), LIVE_RULES.map((r) => r.meta.id).sort());
  });

  for (const [id, c] of Object.entries(CASES)) {
    describe(id, () => {
      const options = { policy: c.policy };
      it('fires on the invalid case with the catalog severity', () => {
        for (const [profile, severity] of Object.entries(c.severities) as [Profile, Severity][]) {
          const found = findingsOf(id, c.invalid(), profile, options);
          assert.ok(found.length > 0, `${id} silent under ${profile}`);
          assert.ok(found.some((f) => f.itemId === c.item), `${id} under ${profile} reports on another item`);
          for (const f of found) {
            assert.equal(f.severity, severity, `${id} under ${profile}: ${f.message}`);
            assert.equal(f.profile, profile);
            assert.match(f.message, /\.$/, 'a message is a sentence');
          }
        }
        for (const profile of c.silentAt ?? []) assert.deepEqual(findingsOf(id, c.invalid(), profile, options), [], `${id} fires under ${profile}`);
        const covered = Object.keys(c.severities).length + (c.silentAt?.length ?? 0);
        assert.ok(Object.keys(c.severities).length >= 2 || covered === 3, 'two profiles with a severity, or every profile covered');
      });
      it('is silent on the valid case', () => {
        for (const profile of PROFILES) assert.deepEqual(findingsOf(id, c.valid(), profile, options), [], `${id} fires on the valid case under ${profile}`);
      });
      it('is silent when its endpoints failed or were not read', () => {
        for (const broken of c.broken) for (const profile of PROFILES) assert.deepEqual(findingsOf(id, broken(), profile, options), [], `${id} fires on failed data under ${profile}`);
      });
    });
  }
});

describe('live rules: details', () => {
  const only = (id: string, snapshot: LiveSnapshot, profile: Profile, options?: LiveEvaluationOptions) => findingsOf(id, snapshot, profile, options);

  it('HRK-LIVE-001: a Private Space under shield, a Fir space, and an unknown Shield flag', () => {
    assert.deepEqual(only('HRK-LIVE-001', privateSnapshot(), 'shield').map((f) => [f.itemId, f.severity]), [['runtime', 'crit']]);
    assert.deepEqual(only('HRK-LIVE-001', firSnapshot(), 'private').map((f) => [f.itemId, f.severity]), [['generation', 'med']]);
    assert.deepEqual(only('HRK-LIVE-001', firSnapshot(), 'shield').map((f) => [f.itemId, f.severity]), [['runtime', 'crit'], ['generation', 'crit']]);
    const unknownShield = set(withApp(privateSnapshot(), { space: { id: 's', name: 'acme-private' } }), 'space', failed('forbidden'));
    assert.deepEqual(only('HRK-LIVE-001', unknownShield, 'shield'), []);
  });

  it('HRK-LIVE-002: personal accounts and teams without an identity provider', () => {
    const personal = set(commonSnapshot(), 'account', ok({ email: 'dev@acme.example', federated: false, two_factor_authentication: false }));
    assert.deepEqual(only('HRK-LIVE-002', personal, 'common').map((f) => f.severity), ['med']);
    const noIdp = set(privateSnapshot(), 'team', ok({ name: 'acme' }));
    assert.deepEqual(only('HRK-LIVE-002', noIdp, 'private').map((f) => [f.itemId, f.severity]), [['sso', 'high']]);
    assert.deepEqual(only('HRK-LIVE-002', noIdp, 'common'), [], 'SSO is asked for under private and shield only');
  });

  it('HRK-LIVE-003: too many admins and non-admins with manage', () => {
    const admins = set(privateSnapshot(), 'teamMembers', ok(['a', 'b', 'c', 'd'].map((n) => member(`${n}@acme.example`, 'admin'))));
    assert.match(only('HRK-LIVE-003', admins, 'shield')[0].message, /4 admins/);
    assert.deepEqual(only('HRK-LIVE-003', admins, 'shield', { policy: { maxTeamAdmins: 5 } }), []);
    const manage = set(privateSnapshot(), 'collaborators', ok([{ role: 'member', user: { email: 'contractor@example.org' }, permissions: [{ name: 'view' }, { name: 'manage' }] }]));
    assert.match(only('HRK-LIVE-003', manage, 'private')[0].message, /contractor@example\.org/);
  });

  it('HRK-LIVE-005: allowlist exceptions need the allowlist and the team add-ons', () => {
    const exceptions = set(privateSnapshot(), 'teamAddons', ok([addon('heroku-postgresql', 'private-0'), addon('papertrail', 'choklad', { n: 2 })]));
    assert.match(only('HRK-LIVE-005', exceptions, 'private')[0].message, /papertrail/);
    assert.deepEqual(only('HRK-LIVE-005', set(exceptions, 'allowedAddonServices', failed('forbidden')), 'private'), []);
  });

  it('HRK-LIVE-006: an old or undescribed narrow authorization is one level lower', () => {
    const old = set(commonSnapshot(), 'oauthAuthorizations', ok([{ description: '', scope: ['read'], created_at: '2024-01-01T00:00:00Z', client: { name: 'Old dashboard' } }]));
    const found = only('HRK-LIVE-006', old, 'shield');
    assert.deepEqual(found.map((f) => f.severity), ['med']);
    assert.match(found[0].message, /has no description and is \d+ days old/);
    assert.deepEqual(only('HRK-LIVE-006', old, 'shield', { policy: { oauthMaxAgeDays: 10000 } }).length, 1, 'still no description');
  });

  it('HRK-LIVE-007: each detector names the key and the kind, never the value', () => {
    const vars = {
      DATABASE_URL: `postgres://u1abc:${DATABASE_PASSWORD}@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d9x`,
      HEROKU_POSTGRESQL_BLUE_URL: `postgres://copy:${DATABASE_PASSWORD}@ec2-9-9-9-9.compute-1.amazonaws.com:5432/d9x`,
      STRIPE_SECRET_KEY: STRIPE_KEY,
      HEROKU_API_KEY: '5f3c9a1e-7b2d-4e8f-9a6c-1d3e5f7a9b2c',
      RAILS_ENV: 'development',
      PGSSLMODE: 'disable',
      REDIS_TLS_SETTINGS: 'rediss://h:6379?ssl_cert_reqs=none',
    };
    const snapshot = set(commonSnapshot(), 'configVars', ok(vars));
    const found = only('HRK-LIVE-007', snapshot, 'shield');
    const byKey = Object.fromEntries(found.map((f) => [f.message.match(/`([A-Z_]+)`/)![1], f.severity]));
    assert.deepEqual(byKey, {
      HEROKU_POSTGRESQL_BLUE_URL: 'crit',
      STRIPE_SECRET_KEY: 'info',
      HEROKU_API_KEY: 'crit',
      RAILS_ENV: 'high',
      PGSSLMODE: 'crit',
      REDIS_TLS_SETTINGS: 'info',
    });
    assert.ok(!('DATABASE_URL' in byKey), 'the attached add-on provides DATABASE_URL');
    const text = JSON.stringify(found);
    for (const secret of [DATABASE_PASSWORD, STRIPE_KEY, '5f3c9a1e-7b2d-4e8f-9a6c-1d3e5f7a9b2c']) assert.ok(!text.includes(secret), `message leaks ${secret.slice(0, 6)}…`);
    assert.match(found.find((f) => f.message.includes('STRIPE_SECRET_KEY'))!.message, /Stripe secret key/);
    // Without the add-on list, a copied add-on URL cannot be told from the add-on's own: no finding for it.
    const noAddons = set(snapshot, 'addons', failed('forbidden'));
    assert.ok(!only('HRK-LIVE-007', noAddons, 'shield').some((f) => f.message.includes('HEROKU_POSTGRESQL_BLUE_URL')));
  });

  it('HRK-LIVE-008: deprecated and approaching end of life', () => {
    assert.deepEqual(only('HRK-LIVE-008', withApp(commonSnapshot(), { stack: { name: 'heroku-22' }, build_stack: { name: 'heroku-22' } }), 'common').map((f) => f.severity), ['info']);
    const deprecated = set(withApp(commonSnapshot(), { stack: { name: 'heroku-23' }, build_stack: { name: 'heroku-24' } }), 'stacks', ok([{ name: 'heroku-23', state: 'deprecated' }]));
    assert.match(only('HRK-LIVE-008', deprecated, 'common')[0].message, /deprecated/);
    assert.deepEqual(only('HRK-LIVE-008', withApp(firSnapshot(), {}), 'private'), [], '`cnb` is current');
  });

  it('HRK-LIVE-009: sizes that do not belong to the runtime', () => {
    const wrong = set(privateSnapshot(), 'formation', ok([{ type: 'web', quantity: 2, size: 'Standard-2X' }]));
    assert.match(only('HRK-LIVE-009', wrong, 'private')[0].message, /expected `private-\*`/);
    assert.deepEqual(only('HRK-LIVE-009', set(commonSnapshot(), 'formation', ok([{ type: 'web', quantity: 0, size: 'eco' }])), 'common'), [], 'scaled to zero');
  });

  it('HRK-LIVE-010: expiring manual certificates and failing ACM', () => {
    const expiring = set(commonSnapshot(), 'sniEndpoints', ok([{ name: 'manual', ssl_cert: { acm: false, cert_domains: ['api.acme.example'], expires_at: '2026-06-11T12:00:00Z' } }]));
    assert.match(only('HRK-LIVE-010', expiring, 'private')[0].message, /expires in 10 days/);
    assert.deepEqual(only('HRK-LIVE-010', expiring, 'private', { policy: { certificateExpiryDays: 5 } }), []);
    const failing = set(commonSnapshot(), 'domains', ok([{ hostname: 'www.acme.example', kind: 'custom', acm_status: 'failing', sni_endpoint: null }]));
    assert.match(only('HRK-LIVE-010', failing, 'private')[0].message, /ACM fails/);
  });

  it('HRK-LIVE-011: an absent feature counts on Cedar, not on Fir', () => {
    assert.equal(only('HRK-LIVE-011', set(privateSnapshot(), 'features', ok([])), 'private').length, 1);
    assert.deepEqual(only('HRK-LIVE-011', firSnapshot(), 'private'), []);
    assert.deepEqual(only('HRK-LIVE-011', set(commonSnapshot(), 'features', ok([])), 'private'), [], 'no space, no strict TLS feature');
  });

  it('HRK-LIVE-012: the exec buildpack', () => {
    const buildpack = set(privateSnapshot(), 'buildpackInstallations', ok([{ ordinal: 0, buildpack: { name: 'heroku/exec', url: 'https://github.com/heroku/exec-buildpack' } }]));
    assert.deepEqual(only('HRK-LIVE-012', buildpack, 'shield').map((f) => f.severity), ['high']);
  });

  it('HRK-LIVE-013: rules that are not applied', () => {
    const unapplied = set(privateSnapshot(), 'inboundRuleset', ok({ rules: [{ action: 'allow', source: '203.0.113.0/24' }], applied: false }));
    assert.match(only('HRK-LIVE-013', unapplied, 'private')[0].message, /not applied/);
    assert.deepEqual(only('HRK-LIVE-013', set(privateSnapshot(), 'inboundRuleset', ok({ rules: [] })), 'private'), [], 'no rules blocks everything');
  });

  it('HRK-LIVE-015: IKEv1 and broad routes; the tunnels never reach a message', () => {
    const vpn = set(shieldSnapshot(), 'vpnConnections', ok([{ name: 'legacy', status: 'active', ike_version: 1, routable_cidrs: ['0.0.0.0/0', '10.0.0.0/8'], tunnels: [{ pre_shared_key: VPN_PSK }] }]));
    const found = only('HRK-LIVE-015', vpn, 'shield');
    assert.equal(found.length, 2);
    assert.ok(!JSON.stringify(found).includes(VPN_PSK));
  });

  it('HRK-LIVE-016: expected peerings by pcx id or AWS account', () => {
    assert.deepEqual(only('HRK-LIVE-016', shieldSnapshot(), 'shield', { policy: { expectedPeerings: ['pcx-0a1b2c3d'] } }), []);
    assert.deepEqual(only('HRK-LIVE-016', shieldSnapshot(), 'shield', { policy: { expectedPeerings: ['123456789012'] } }), []);
    assert.match(only('HRK-LIVE-016', shieldSnapshot(), 'shield', { policy: { expectedPeerings: ['pcx-other'] } })[0].message, /not on the expected peerings list/);
  });

  it('HRK-LIVE-017: silent without a policy list and on the Common Runtime', () => {
    assert.deepEqual(only('HRK-LIVE-017', withApp(privateSnapshot(), { internal_routing: false }), 'shield'), []);
    assert.deepEqual(only('HRK-LIVE-017', commonSnapshot(), 'shield', { policy: { internalApps: ['acme-api'] } }), []);
  });

  it('HRK-LIVE-018: plaintext drains, Private Space Logging and telemetry drains', () => {
    const plain = set(privateSnapshot(), 'logDrains', ok([{ url: `syslog://user:${DRAIN_PASSWORD}@logs.example.com:514` }]));
    const plainFound = only('HRK-LIVE-018', plain, 'private');
    assert.match(plainFound[0].message, /`syslog:\/\/\*\*\*@logs\.example\.com:514`/);
    assert.ok(!JSON.stringify(plainFound).includes(DRAIN_PASSWORD));
    const noPsl = set(shieldSnapshot(), 'spaceLogDrain', failed('not-found'));
    assert.deepEqual(only('HRK-LIVE-018', noPsl, 'shield').map((f) => f.itemId).sort(), ['log-drains', 'private-space-logging']);
    assert.deepEqual(only('HRK-LIVE-018', set(shieldSnapshot(), 'spaceLogDrain', failed('server')), 'shield'), [], 'unknown space drain: nothing to claim');
    const noLogs = set(firSnapshot(), 'spaceTelemetryDrains', ok([{ signals: ['traces'], exporter: { endpoint: 'http://otel.acme.example' } }]));
    assert.deepEqual(only('HRK-LIVE-018', noLogs, 'private').map((f) => [f.itemId, f.message.startsWith('Telemetry drain')]), [['telemetry', true], ['telemetry', false]]);
    assert.deepEqual(only('HRK-LIVE-018', set(firSnapshot(), 'spaceTelemetryDrains', failed('server')), 'private'), []);
  });

  it('HRK-LIVE-019: a stale newest archive', () => {
    const stale = set(privateSnapshot(), 'enterpriseArchives', ok([{ year: 2025, month: '12', created_at: '2026-01-01T03:00:00Z' }]));
    assert.match(only('HRK-LIVE-019', stale, 'shield')[0].message, /2025-12, 151 days old/);
  });

  it('HRK-LIVE-020: plans that do not fit the profile', () => {
    assert.deepEqual(only('HRK-LIVE-020', set(shieldSnapshot(), 'addons', ok([addon('heroku-postgresql', 'private-0')])), 'shield').map((f) => [f.itemId, f.severity]), [['postgres', 'high']]);
    assert.deepEqual(only('HRK-LIVE-020', commonSnapshot(), 'private').map((f) => f.itemId), ['postgres'], 'standard-0 is not networked into a Private Space');
  });

  it('HRK-LIVE-022/023: a fixed severity applies to every profile', () => {
    const kafka = CASES['HRK-LIVE-022'].invalid();
    assert.deepEqual(only('HRK-LIVE-022', kafka, 'shield', { rules: { 'HRK-LIVE-022': 'low' } }).map((f) => f.severity), ['low']);
    assert.deepEqual(only('HRK-LIVE-022', kafka, 'shield', { rules: { 'HRK-LIVE-022': 'off' } }), []);
  });

  it('HRK-LIVE-024: predictable review URLs and review apps on the Common Runtime', () => {
    const review = set(privateSnapshot(), 'reviewAppConfig', ok({ base_name: 'acme', deploy_target: { id: 'us', type: 'region' } }));
    assert.deepEqual(only('HRK-LIVE-024', review, 'private').length, 2);
    assert.deepEqual(only('HRK-LIVE-024', review, 'common').length, 1, 'the Common Runtime is fine under common');
    assert.deepEqual(only('HRK-LIVE-024', withApp(set(review, 'reviewAppConfig', ok({ base_name: 'acme' })), { generation: 'fir' }), 'private'), [], 'Fir has no predictable URLs');
  });

  it('HRK-LIVE-025: the policy allows named creators', () => {
    assert.deepEqual(only('HRK-LIVE-025', CASES['HRK-LIVE-025'].invalid(), 'shield', { policy: { allowedSpaceAppCreators: ['dev@acme.example'] } }), []);
  });

  it('HRK-LIVE-027: unknown fingerprints, and nothing outside a Shield space', () => {
    assert.equal(only('HRK-LIVE-027', shieldSnapshot(), 'shield', { policy: { knownSshKeys: ['SHA256:other'] } }).length, 1);
    assert.deepEqual(only('HRK-LIVE-027', CASES['HRK-LIVE-027'].invalid(), 'private'), []);
    assert.deepEqual(only('HRK-LIVE-027', set(privateSnapshot(), 'accountKeys', ok([{ comment: 'old', created_at: '2020-01-01T00:00:00Z' }])), 'shield'), []);
  });
});

describe('live rules: metadata and evaluation', () => {
  /** Catalog §8, column Sev C/P/S and St. */
  const CATALOG: Readonly<Record<string, string>> = {
    'HRK-LIVE-001': '—/high/crit C', 'HRK-LIVE-002': 'med/high/high C', 'HRK-LIVE-003': 'info/low/med P', 'HRK-LIVE-004': 'info/low/med C',
    'HRK-LIVE-005': 'low/med/high C', 'HRK-LIVE-006': 'low/med/high P', 'HRK-LIVE-007': 'high/high/crit C', 'HRK-LIVE-008': 'high/high/high C',
    'HRK-LIVE-009': 'low/med/med C', 'HRK-LIVE-010': 'low/med/med P', 'HRK-LIVE-011': '—/high/crit C', 'HRK-LIVE-012': 'info/low/high C',
    'HRK-LIVE-013': '—/med/high C', 'HRK-LIVE-014': 'info/info/info P', 'HRK-LIVE-015': '—/low/med P', 'HRK-LIVE-016': '—/low/med C',
    'HRK-LIVE-017': '—/med/high C', 'HRK-LIVE-018': '—/med/high C', 'HRK-LIVE-019': 'low/med/high P', 'HRK-LIVE-020': 'low/high/high P',
    'HRK-LIVE-021': 'low/med/high P', 'HRK-LIVE-022': 'low/med/high P', 'HRK-LIVE-023': '—/low/high P', 'HRK-LIVE-024': 'low/med/med C',
    'HRK-LIVE-025': '—/low/med C', 'HRK-LIVE-026': 'info/low/high P', 'HRK-LIVE-027': '—/—/med P',
  };

  it('follows the catalog: severities, status, no preview (no rule is U), live shape', () => {
    for (const { meta } of LIVE_RULES) {
      const severity = PROFILES.map((p) => meta.severity[p] ?? '—').join('/');
      assert.equal(`${severity} ${meta.status}`, CATALOG[meta.id], meta.id);
      assert.equal(meta.area, 'LIVE');
      assert.deepEqual(meta.fileKinds, []);
      assert.equal(meta.fix, 'none');
      assert.equal(meta.preview, meta.status === 'U');
      assert.ok(liveRuleById(meta.id) !== undefined);
    }
    assert.deepEqual(LIVE_RULES.map((r) => r.meta.id), Object.keys(CATALOG));
  });

  it('evaluates nothing when GET /apps failed', () => {
    assert.deepEqual(evaluateLiveRules(appFailed(commonSnapshot()), 'shield'), { findings: [], failures: [] });
  });

  it('a rule that throws on an unexpected shape is reported as a failure; the others still run', () => {
    const odd = set(set(commonSnapshot(), 'formation', ok([null] as unknown as Heroku.Formation[])), 'configVars', ok({ NODE_TLS_REJECT_UNAUTHORIZED: '0' }));
    const result = evaluateLiveRules(odd, 'common');
    assert.deepEqual(result.failures.map((f) => f.ruleId), ['HRK-LIVE-009']);
    assert.ok(result.findings.some((f) => f.ruleId === 'HRK-LIVE-007'));
  });

  it('a fixed severity turns on a rule that is off for the profile; off turns a rule off', () => {
    const world = CASES['HRK-LIVE-013'].invalid();
    assert.deepEqual(findingsOf('HRK-LIVE-013', world, 'common', { rules: { 'HRK-LIVE-013': 'low' } }).map((f) => f.severity), ['low']);
    assert.deepEqual(findingsOf('HRK-LIVE-013', world, 'shield', { rules: { 'HRK-LIVE-013': 'off' } }), []);
    assert.deepEqual(findingsOf('HRK-LIVE-013', world, 'shield', { rules: { 'HRK-LIVE-013': 'on' } }).map((f) => f.severity), ['high']);
  });

  it('no message carries a secret of the snapshot', () => {
    const secrets = [DATABASE_PASSWORD, VPN_PSK, STRIPE_KEY, DRAIN_PASSWORD, OAUTH_TOKEN, 'otel-header-secret'];
    for (const [id, c] of Object.entries(CASES)) {
      for (const profile of PROFILES) {
        const text = JSON.stringify(evaluateLiveRules(c.invalid(), profile, { policy: c.policy }).findings);
        for (const secret of secrets) assert.ok(!text.includes(secret), `${id} under ${profile} leaks ${secret.slice(0, 4)}…`);
      }
    }
  });
});
