/**
 * The built-in scenarios of the fake Platform API. Values are realistic (shapes from the schema and the Heroku CLI's
 * fixtures); names, ids and keys are invented. Dates that rules judge by age (certificate expiry, audit archives) are
 * relative to when the module loads, so that a scenario means the same thing on any day.
 */
import type * as Heroku from '@heroku-cli/schema';
import type { TelemetryDrain } from '../../src/heroku/snapshot';
import { type FakeSpace, type FakeTeam, type Scenario, fakeId } from './scenario';

export type ScenarioName = 'common' | 'private' | 'shield' | 'fir' | 'restricted';

const CREATED = '2023-09-14T10:21:37Z';
const UPDATED = '2025-02-03T08:12:55Z';

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A JSON null where @heroku-cli/schema 2.0.1 types a field `X & (X | null)`, which excludes the null the API sends
 * (`addon`, `app` of a log drain, `enterprise_account`, `identity_provider` of a team).
 */
const API_NULL = null as never;

/** Credentials are assembled at run time so that no complete key sits in the source for scanners to flag. */
function credential(...parts: string[]): string {
  return parts.join('');
}

// ---------- builders ----------

interface AppSpec {
  readonly name: string;
  readonly owner: string;
  readonly team?: string;
  readonly space?: { readonly name: string; readonly shield: boolean };
  readonly region: string;
  readonly stack: string;
  readonly buildStack?: string;
  readonly generation: 'cedar' | 'fir';
  readonly acm: boolean;
  readonly internalRouting?: boolean | null;
}

function app(spec: AppSpec): Heroku.App {
  const team = spec.team ? { id: fakeId('team', spec.team), name: spec.team } : null;
  return {
    id: fakeId('app', spec.name),
    name: spec.name,
    acm: spec.acm,
    archived_at: null,
    build_stack: { id: fakeId('stack', spec.buildStack ?? spec.stack), name: spec.buildStack ?? spec.stack },
    buildpack_provided_description: spec.generation === 'fir' ? null : 'Node.js',
    created_at: CREATED,
    generation: spec.generation,
    git_url: `https://git.heroku.com/${spec.name}.git`,
    internal_routing: spec.internalRouting ?? (spec.space ? false : null),
    maintenance: false,
    organization: team,
    owner: { email: spec.owner, id: fakeId('account', spec.owner) },
    region: { id: fakeId('region', spec.region), name: spec.region },
    released_at: UPDATED,
    repo_size: null,
    slug_size: 48_213_504,
    space: spec.space ? { id: fakeId('space', spec.space.name), name: spec.space.name, shield: spec.space.shield } : null,
    stack: { id: fakeId('stack', spec.stack), name: spec.stack },
    team,
    updated_at: UPDATED,
    web_url: `https://${spec.name}-${fakeId('web', spec.name).slice(0, 12)}.herokuapp.com/`,
  } satisfies Heroku.App;
}

function teamApp(of: Heroku.App, locked: boolean): Heroku.TeamApp {
  return {
    id: of.id,
    name: of.name,
    archived_at: null,
    build_stack: of.build_stack,
    created_at: of.created_at,
    git_url: of.git_url,
    internal_routing: of.internal_routing,
    joined: true,
    locked,
    maintenance: false,
    owner: of.owner,
    region: of.region,
    space: of.space ? { id: of.space.id, name: of.space.name } : null,
    stack: of.stack,
    team: of.team ? { name: of.team.name } : null,
    updated_at: of.updated_at,
    web_url: of.web_url,
  } satisfies Heroku.TeamApp;
}

const FEATURE_TEXT: Record<string, string> = {
  'spaces-strict-tls': 'Disable TLS 1.0 and 1.1 for apps in a Private Space.',
  'runtime-heroku-exec': 'Run commands and forward ports in your dynos over SSH with Heroku Exec.',
  'runtime-dyno-metadata': 'Expose dyno metadata (HEROKU_APP_ID, HEROKU_RELEASE_VERSION…) in config vars.',
  preboot: 'Start new dynos before old ones stop, for zero-downtime deploys.',
  'http-session-affinity': 'Route requests from a browser to the same dyno.',
  'log-runtime-metrics': 'Emit dyno load and memory usage in the log stream.',
};

function feature(name: string, enabled: boolean, state = 'public'): Heroku.AppFeature {
  return {
    id: fakeId('feature', name),
    name,
    display_name: name,
    description: FEATURE_TEXT[name] ?? name,
    doc_url: `https://devcenter.heroku.com/articles/${name}`,
    enabled,
    state,
    feedback_email: 'labs-feedback@heroku.com',
    created_at: CREATED,
    updated_at: UPDATED,
  } satisfies Heroku.AppFeature;
}

function addon(appName: string, plan: string, configVars: string[], billing: { name: string; type: 'app' | 'team' }): Heroku.AddOn {
  const [service] = plan.split(':');
  const name = `${service.replace(/^heroku-/, '')}-${fakeId('addon-name', `${appName}/${plan}`).slice(0, 8)}`;
  return {
    actions: [] as unknown as Heroku.AddOn['actions'], // the schema types it as one object; the API sends an array
    addon_service: { id: fakeId('service', service), name: service },
    app: { id: fakeId('app', appName), name: appName },
    billed_price: { cents: 0, contract: false, unit: 'month' },
    billing_entity: { id: fakeId(billing.type, billing.name), name: billing.name, type: billing.type },
    config_vars: configVars,
    created_at: CREATED,
    id: fakeId('addon', `${appName}/${plan}`),
    name,
    plan: { id: fakeId('plan', plan), name: plan },
    provider_id: fakeId('provider', name).slice(0, 13),
    state: 'provisioned',
    updated_at: UPDATED,
    web_url: `https://addons-sso.heroku.com/apps/${fakeId('app', appName)}/addons/${fakeId('addon', `${appName}/${plan}`)}`,
  } satisfies Heroku.AddOn;
}

function formation(appName: string, type: string, size: string, quantity: number, command: string): Heroku.Formation {
  return {
    id: fakeId('formation', `${appName}/${type}`),
    app: { id: fakeId('app', appName), name: appName },
    type,
    size,
    quantity,
    command,
    created_at: CREATED,
    updated_at: UPDATED,
  } satisfies Heroku.Formation;
}

function herokuDomain(appName: string): Heroku.Domain {
  return {
    id: fakeId('domain', `${appName}.herokuapp.com`),
    app: { id: fakeId('app', appName), name: appName },
    hostname: `${appName}-${fakeId('web', appName).slice(0, 12)}.herokuapp.com`,
    kind: 'heroku',
    cname: null,
    status: 'none',
    acm_status: null,
    acm_status_reason: null,
    sni_endpoint: null,
    created_at: CREATED,
    updated_at: UPDATED,
  } satisfies Heroku.Domain;
}

function customDomain(appName: string, hostname: string, acmStatus: string | null, sniName: string | null, reason: string | null = null): Heroku.Domain {
  return {
    id: fakeId('domain', hostname),
    app: { id: fakeId('app', appName), name: appName },
    hostname,
    kind: 'custom',
    cname: `${hostname.split('.')[0]}-${fakeId('dns', hostname).slice(0, 6)}.herokudns.com`,
    status: 'succeeded',
    acm_status: acmStatus,
    acm_status_reason: reason,
    sni_endpoint: sniName ? { id: fakeId('sni', sniName), name: sniName } : null,
    created_at: CREATED,
    updated_at: UPDATED,
  } satisfies Heroku.Domain;
}

function sniEndpoint(appName: string, name: string, hostnames: string[], issuer: string, expiresInDays: number): Heroku.SNIEndpoint {
  return {
    id: fakeId('sni', name),
    name,
    display_name: null,
    app: { id: fakeId('app', appName), name: appName },
    certificate_chain: '-----BEGIN CERTIFICATE-----\nMIIFazCCBFOgAwIBAgISA…(truncated by the fake API)\n-----END CERTIFICATE-----\n',
    domains: hostnames.map((hostname) => fakeId('domain', hostname)),
    ssl_cert: {
      'ca_signed?': true,
      'self_signed?': false,
      cert_domains: hostnames,
      expires_at: daysFromNow(expiresInDays),
      starts_at: daysFromNow(expiresInDays - 90),
      issuer,
      subject: `/CN=${hostnames[0]}`,
      id: fakeId('cert', name),
    },
    created_at: CREATED,
    updated_at: UPDATED,
  } satisfies Heroku.SNIEndpoint;
}

function logDrain(appName: string, url: string, addonName?: string): Heroku.LogDrain {
  return {
    id: fakeId('drain', url),
    url,
    token: `d.${fakeId('drain-token', url)}`,
    addon: addonName ? { id: fakeId('addon', addonName), name: addonName, app: { id: fakeId('app', appName), name: appName } } : API_NULL,
    app: { id: fakeId('app', appName), name: appName },
    created_at: CREATED,
    updated_at: UPDATED,
  } satisfies Heroku.LogDrain;
}

const PERMISSION_TEXT: Record<string, string> = {
  view: 'Can view the app.',
  deploy: 'Can deploy code and manage config vars.',
  operate: 'Can restart dynos, scale and manage add-ons.',
  manage: 'Can manage collaborators, domains and app settings.',
};

function collaborator(appName: string, email: string, role: Heroku.TeamAppCollaborator['role'], permissions: string[], federated = false): Heroku.TeamAppCollaborator {
  return {
    id: fakeId('collaborator', `${appName}/${email}`),
    app: { id: fakeId('app', appName), name: appName },
    user: { email, id: fakeId('account', email), federated },
    role,
    permissions: permissions.map((name) => ({ name, description: PERMISSION_TEXT[name] })),
    created_at: CREATED,
    updated_at: UPDATED,
  } satisfies Heroku.TeamAppCollaborator;
}

function member(email: string, role: NonNullable<Heroku.TeamMember['role']>, twoFactor: boolean, identityProvider?: { name: string; team: string }): Heroku.TeamMember {
  return {
    id: fakeId('member', email),
    email,
    role,
    federated: identityProvider !== undefined,
    two_factor_authentication: twoFactor,
    identity_provider: identityProvider
      ? { id: fakeId('idp', identityProvider.name), name: identityProvider.name, redacted: false, owner: { id: fakeId('team', identityProvider.team), name: identityProvider.team, type: 'team' } }
      : null,
    user: { email, id: fakeId('account', email), name: null },
    created_at: CREATED,
    updated_at: UPDATED,
  } satisfies Heroku.TeamMember;
}

function account(email: string, name: string, twoFactor: boolean, identityProvider?: { name: string; team: string }): Heroku.Account {
  return {
    id: fakeId('account', email),
    email,
    name,
    allow_tracking: false,
    beta: false,
    country_of_residence: 'United States',
    created_at: CREATED,
    default_organization: null,
    default_team: identityProvider ? { id: fakeId('team', identityProvider.team), name: identityProvider.team } : null,
    delinquent_at: null,
    federated: identityProvider !== undefined,
    identity_provider: identityProvider
      ? { id: fakeId('idp', identityProvider.name), name: identityProvider.name, team: { name: identityProvider.team }, organization: { name: identityProvider.team }, owner: { id: fakeId('team', identityProvider.team), name: identityProvider.team, type: 'team' } }
      : null,
    last_login: daysFromNow(-1),
    sms_number: twoFactor ? '+1 ***-***-4821' : null,
    suspended_at: null,
    two_factor_authentication: twoFactor,
    mfa_enabled: twoFactor,
    updated_at: UPDATED,
    verified: true,
  } satisfies Heroku.Account;
}

function sshKey(email: string, comment: string, createdAt: string): Heroku.Key {
  const fingerprint = fakeId('key', comment).replace(/-/g, '').slice(0, 32).replace(/(..)(?!$)/g, '$1:');
  return {
    id: fakeId('key', comment),
    email,
    comment,
    fingerprint,
    public_key: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${fakeId('pub', comment).replace(/-/g, '')} ${comment}`,
    created_at: createdAt,
    updated_at: createdAt,
  } satisfies Heroku.Key;
}

function oauthAuthorization(email: string, client: string | null, scope: string[], description: string, createdAt: string): Heroku.OAuthAuthorization {
  return {
    id: fakeId('authorization', `${email}/${description}`),
    client: client ? { id: fakeId('client', client), name: client, redirect_uri: `https://${client.toLowerCase().replace(/\W+/g, '-')}.example.com/auth/heroku/callback` } : null,
    scope,
    description,
    access_token: { expires_in: client ? 28_800 : null, id: fakeId('access-token', `${email}/${description}`) },
    refresh_token: client ? { expires_in: null, id: fakeId('refresh-token', `${email}/${description}`) } : null,
    grant: null,
    user: { email, full_name: null, id: fakeId('account', email) },
    created_at: createdAt,
    updated_at: createdAt,
  } satisfies Heroku.OAuthAuthorization;
}

const STACKS: Heroku.Stack[] = [
  { id: fakeId('stack', 'heroku-20'), name: 'heroku-20', state: 'deprecated', default: false, created_at: '2020-05-01T00:00:00Z', updated_at: UPDATED },
  { id: fakeId('stack', 'heroku-22'), name: 'heroku-22', state: 'public', default: false, created_at: '2022-05-03T00:00:00Z', updated_at: UPDATED },
  { id: fakeId('stack', 'heroku-24'), name: 'heroku-24', state: 'public', default: true, created_at: '2024-06-04T00:00:00Z', updated_at: UPDATED },
  { id: fakeId('stack', 'container'), name: 'container', state: 'public', default: false, created_at: '2017-06-01T00:00:00Z', updated_at: UPDATED },
  { id: fakeId('stack', 'cnb'), name: 'cnb', state: 'public', default: false, created_at: '2024-12-03T00:00:00Z', updated_at: UPDATED },
] satisfies Heroku.Stack[];

function space(name: string, team: string, region: string, shield: boolean, generation: 'cedar' | 'fir'): Heroku.Space {
  return {
    id: fakeId('space', name),
    name,
    shield,
    state: 'allocated',
    cidr: '10.0.0.0/16',
    data_cidr: '172.23.0.0/20',
    generation,
    region: { id: fakeId('region', region), name: region },
    team: { id: fakeId('team', team), name: team },
    organization: { name: team },
    created_at: CREATED,
    updated_at: UPDATED,
  } satisfies Heroku.Space;
}

function spaceMember(spaceName: string, email: string, createApps: boolean): Heroku.SpaceAccess {
  return {
    id: fakeId('space-member', `${spaceName}/${email}`),
    space: { id: fakeId('space', spaceName), name: spaceName },
    user: { email, id: fakeId('account', email) },
    permissions: createApps ? [{ name: 'create_apps', description: 'Create apps in the space.' }] : [],
    created_at: CREATED,
    updated_at: UPDATED,
  } satisfies Heroku.SpaceAccess;
}

function team(name: string, type: 'enterprise' | 'team', role: NonNullable<Heroku.Team['role']>, enterprise?: string, identityProvider?: string): Heroku.Team {
  return {
    id: fakeId('team', name),
    name,
    type,
    role,
    default: false,
    membership_limit: null,
    provisioned_licenses: type === 'enterprise',
    credit_card_collections: type === 'team',
    enterprise_account: enterprise ? { id: fakeId('enterprise', enterprise), name: enterprise } : API_NULL,
    identity_provider: identityProvider ? { id: fakeId('idp', identityProvider), name: identityProvider, owner: { id: fakeId('team', name), name, type: 'team' } } : API_NULL,
    created_at: CREATED,
    updated_at: UPDATED,
  } satisfies Heroku.Team;
}

function allowed(service: string, humanName: string, by: string): Heroku.AllowedAddOnService {
  return {
    id: fakeId('allowed', service),
    added_at: CREATED,
    added_by: { email: by, id: fakeId('account', by) },
    addon_service: { id: fakeId('service', service), name: service, human_name: humanName },
  } satisfies Heroku.AllowedAddOnService;
}

/** The last `count` monthly audit-trail archives, newest first. */
function archives(enterprise: string, count: number): Heroku.AuditTrailArchive[] {
  const now = new Date();
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1 - i, 1));
    const month = String(date.getUTCMonth() + 1).padStart(2, '0') as NonNullable<Heroku.AuditTrailArchive['month']>;
    const year = date.getUTCFullYear();
    return {
      year,
      month,
      created_at: new Date(Date.UTC(year, date.getUTCMonth() + 1, 1, 6)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      size: 1_482_113 + i * 20_417,
      checksum: createChecksum(`${enterprise}/${year}/${month}`),
      url: `https://audit-trail-archives.heroku.com/${fakeId('enterprise', enterprise)}/${year}-${month}.json.gz`,
    } satisfies Heroku.AuditTrailArchive;
  });
}

function createChecksum(text: string): string {
  return `SHA256:${fakeId('checksum', text).replace(/-/g, '')}`;
}

function telemetryDrain(ownerType: 'app' | 'space', ownerName: string, endpoint: string, signals: ('traces' | 'metrics' | 'logs')[], headers: Record<string, string>): TelemetryDrain {
  return {
    id: fakeId('telemetry', `${ownerName}/${endpoint}`),
    signals,
    exporter: { type: 'otlphttp', endpoint, headers },
    owner: { id: fakeId(ownerType, ownerName), type: ownerType },
  };
}

// ---------- common: a personal Cedar app on the Common Runtime ----------

function common(): Scenario {
  const owner = 'maria.okafor@northwind.dev';
  const name = 'northwind-blog';
  const blog = app({ name, owner, region: 'us', stack: 'heroku-24', generation: 'cedar', acm: true });
  const billing = { name, type: 'app' as const };
  const papertrail = addon(name, 'papertrail:choklad', ['PAPERTRAIL_API_TOKEN'], billing);
  return {
    name: 'common',
    description: 'A personal Cedar app on the Common Runtime (ACM on, Essential Postgres, a third-party log add-on).',
    app: name,
    account: account(owner, 'Maria Okafor', true),
    accountKeys: [sshKey(owner, 'maria@thinkpad', '2024-01-09T17:02:44Z')],
    oauthAuthorizations: [
      oauthAuthorization(owner, null, ['global'], 'Heroku CLI login from thinkpad', daysFromNow(-40)),
      oauthAuthorization(owner, 'Uptime Sentinel', ['read'], 'Uptime Sentinel status page', daysFromNow(-400)),
    ],
    stacks: STACKS,
    apps: [
      {
        app: blog,
        features: [feature('runtime-dyno-metadata', true), feature('preboot', false), feature('log-runtime-metrics', false)],
        buildpackInstallations: [{ ordinal: 0, buildpack: { name: 'heroku/nodejs', url: 'heroku/nodejs' } }],
        formation: [formation(name, 'web', 'Basic', 1, 'npm start'), formation(name, 'worker', 'Basic', 1, 'node worker.js')],
        addons: [addon(name, 'heroku-postgresql:essential-0', ['DATABASE_URL'], billing), papertrail],
        domains: [herokuDomain(name), customDomain(name, 'blog.northwind.dev', 'cert issued', 'tyrannosaurus-53181')],
        sniEndpoints: [sniEndpoint(name, 'tyrannosaurus-53181', ['blog.northwind.dev'], "/C=US/O=Let's Encrypt/CN=R11", 61)],
        logDrains: [logDrain(name, 'syslog+tls://logs7.papertrailapp.com:38291', papertrail.name)],
        configVars: {
          DATABASE_URL: credential('postgres://u4f9c2b1a7:', 'pa91e0c5d4b27f3e8a6c1d9b0f27e4a55', '@c9uss87s9bdb8n.cluster-czrs8kj4isg7.us-east-1.rds.amazonaws.com:5432/d7q0bjk3v2m9lp'),
          NODE_ENV: 'production',
          PAPERTRAIL_API_TOKEN: credential('Yb7', 'kPq2', 'Lx9Vn4Rt'),
          SESSION_SECRET: credential('5f0d8a2c9e41b7', '3a6d0e9c1b8f2a47d'),
          STRIPE_SECRET_KEY: credential('sk_', 'live_', 'Tq8vN2rXe5WbL7mK3pZc9HdY'),
          WEB_CONCURRENCY: '2',
        },
        collaborators: [
          collaborator(name, owner, 'owner', []),
          collaborator(name, 'sam.reyes@northwind.dev', 'collaborator', []),
        ],
        pipelineCoupling: { id: fakeId('coupling', name), app: { id: blog.id }, pipeline: { id: fakeId('pipeline', 'northwind') }, stage: 'production', created_at: CREATED, updated_at: UPDATED },
      },
      { app: app({ name: 'northwind-blog-staging', owner, region: 'us', stack: 'heroku-24', generation: 'cedar', acm: false }) },
    ],
    pipelines: [
      {
        pipeline: { id: fakeId('pipeline', 'northwind'), name: 'northwind', owner: { id: fakeId('account', owner), type: 'user' }, created_at: CREATED, updated_at: UPDATED },
        reviewAppConfig: { pipeline_id: fakeId('pipeline', 'northwind'), automatic_review_apps: true, base_name: 'northwind-blog', deploy_target: { id: fakeId('region', 'us'), type: 'region' }, destroy_stale_apps: true, stale_days: 5, wait_for_ci: true, repo: { id: 48213377 } },
      },
    ],
  };
}

// ---------- private: a team app in a Private Space, with gaps ----------

function privateSpace(): Scenario {
  const teamName = 'acme';
  const owner = `${teamName}@herokumanager.com`;
  const user = 'dana.whitfield@acme.io';
  const name = 'acme-api';
  const spaceName = 'acme-private-us';
  const api = app({ name, owner, team: teamName, space: { name: spaceName, shield: false }, region: 'virginia', stack: 'heroku-20', generation: 'cedar', acm: true });
  const billing = { name: teamName, type: 'team' as const };
  const addons = [
    addon(name, 'heroku-postgresql:private-0', ['DATABASE_URL'], billing),
    addon(name, 'heroku-redis:premium-0', ['REDIS_URL', 'REDIS_TLS_URL'], billing),
    addon(name, 'sendgrid:bronze', ['SENDGRID_API_KEY', 'SENDGRID_PASSWORD', 'SENDGRID_USERNAME'], billing),
  ];
  const acmeSpace: FakeSpace = {
    space: space(spaceName, teamName, 'virginia', false, 'cedar'),
    members: [spaceMember(spaceName, user, true), spaceMember(spaceName, 'ci-bot@acme.io', true), spaceMember(spaceName, 'li.chen@acme.io', false)],
    inboundRuleset: { id: fakeId('ruleset', spaceName), space: { id: fakeId('space', spaceName), name: spaceName }, created_at: CREATED, created_by: user, rules: [{ action: 'allow', source: '0.0.0.0/0' }], applied: true, default_action: 'allow', version: '1' } satisfies Heroku.InboundRuleset,
    nat: { state: 'enabled', sources: ['52.4.119.26', '52.21.88.193', '54.144.82.6', '34.195.14.201'], created_at: CREATED, updated_at: UPDATED },
    peerings: [],
    vpnConnections: [],
  };
  const acmeTeam: FakeTeam = {
    team: team(teamName, 'enterprise', 'admin', 'acme-corp'),
    members: [
      member(user, 'admin', true),
      member('ops@acme.io', 'admin', true),
      member('li.chen@acme.io', 'member', true),
      member('contractor@devshop.example', 'member', false),
      member('ci-bot@acme.io', 'admin', false),
    ],
    preferences: { 'default-permission': 'member', 'addons-controls': false },
    allowedAddonServices: [allowed('heroku-postgresql', 'Heroku Postgres', user), allowed('heroku-redis', 'Heroku Key-Value Store', user)],
    addons,
  };
  return {
    name: 'private',
    description: 'A team app in a Private Space: ACM on but one certificate failing, open trusted IPs, strict TLS off, Heroku Exec on, no SSO, a member without MFA, a deprecated stack.',
    app: name,
    account: account(user, 'Dana Whitfield', true),
    accountKeys: [sshKey(user, 'dana@macbook', '2023-11-20T09:13:02Z'), sshKey(user, 'dana@old-laptop', '2019-04-02T16:45:10Z')],
    oauthAuthorizations: [
      oauthAuthorization(user, null, ['global'], 'Heroku CLI login from macbook', daysFromNow(-12)),
      oauthAuthorization(user, 'Deploy Dashboard', ['global'], '', daysFromNow(-730)),
    ],
    stacks: STACKS,
    apps: [
      {
        app: api,
        teamApp: teamApp(api, false),
        features: [feature('spaces-strict-tls', false), feature('runtime-heroku-exec', true), feature('runtime-dyno-metadata', true), feature('preboot', true)],
        buildpackInstallations: [
          { ordinal: 0, buildpack: { name: 'heroku/exec', url: 'https://github.com/heroku/exec-buildpack' } },
          { ordinal: 1, buildpack: { name: 'heroku/nodejs', url: 'heroku/nodejs' } },
        ],
        formation: [formation(name, 'web', 'Private-M', 2, 'node server.js'), formation(name, 'worker', 'Private-S', 1, 'node jobs.js')],
        addons,
        domains: [
          herokuDomain(name),
          customDomain(name, 'api.acme.io', 'cert issued', 'parasaurolophus-88012'),
          customDomain(name, 'legacy-api.acme.io', 'failing', null, 'CAA record for acme.io prevents issuance'),
        ],
        sniEndpoints: [sniEndpoint(name, 'parasaurolophus-88012', ['api.acme.io'], "/C=US/O=Let's Encrypt/CN=R10", 12)],
        logDrains: [logDrain(name, 'syslog://logs.acme.io:514'), logDrain(name, 'https://http-intake.logs.datadoghq.com/api/v2/logs?service=acme-api')],
        configVars: {
          DATABASE_URL: credential('postgres://u8a1d3f0c29:', 'p3b7e91f0a2c84d6e5b1f9a0c7d2e48b3', '@ip-10-0-23-145.ec2.internal:5432/dbq2k8x7m1v0'),
          LOG_LEVEL: 'info',
          NODE_ENV: 'production',
          REDIS_URL: credential('redis://h:', 'p4c0e8a91d2b7f3e6a5c1d0b9f8e7a6d2', '@ec2-34-203-11-9.compute-1.amazonaws.com:25019'),
          REDIS_TLS_URL: credential('rediss://h:', 'p4c0e8a91d2b7f3e6a5c1d0b9f8e7a6d2', '@ec2-34-203-11-9.compute-1.amazonaws.com:25020'),
          SENDGRID_API_KEY: credential('SG.', 'q7Lm2Xc9RtVb4NpKd8FhJw', '.', 'zY3aB6cD9eF2gH5iJ8kL1mN4oP7qR0sT3uV6wX9yZ2a'),
          SENDGRID_PASSWORD: credential('8fJk2', 'Lq9xV'),
          SENDGRID_USERNAME: 'apikey',
        },
        collaborators: [
          collaborator(name, user, 'admin', ['view', 'deploy', 'operate', 'manage']),
          collaborator(name, 'li.chen@acme.io', 'member', ['view', 'deploy', 'operate', 'manage']),
          collaborator(name, 'contractor@devshop.example', 'collaborator', ['view', 'deploy']),
        ],
        pipelineCoupling: { id: fakeId('coupling', name), app: { id: api.id }, pipeline: { id: fakeId('pipeline', 'acme-api') }, stage: 'production', created_at: CREATED, updated_at: UPDATED },
      },
      { app: app({ name: 'acme-api-staging', owner, team: teamName, space: { name: spaceName, shield: false }, region: 'virginia', stack: 'heroku-24', generation: 'cedar', acm: false }) },
      { app: app({ name: 'acme-marketing', owner, team: teamName, region: 'us', stack: 'heroku-24', generation: 'cedar', acm: true }) },
    ],
    spaces: [acmeSpace],
    teams: [acmeTeam],
    pipelines: [
      {
        pipeline: { id: fakeId('pipeline', 'acme-api'), name: 'acme-api', owner: { id: fakeId('team', teamName), type: 'team' }, created_at: CREATED, updated_at: UPDATED },
        reviewAppConfig: { pipeline_id: fakeId('pipeline', 'acme-api'), automatic_review_apps: true, base_name: 'acme-api', deploy_target: { id: fakeId('region', 'us'), type: 'region' }, destroy_stale_apps: false, stale_days: 30, wait_for_ci: false, repo: { id: 77120034 } },
      },
    ],
    enterpriseAccounts: [
      { account: { id: fakeId('enterprise', 'acme-corp'), name: 'acme-corp', permissions: ['view'], trial: false, identity_provider: API_NULL, created_at: CREATED, updated_at: UPDATED }, archives: archives('acme-corp', 3) },
    ],
  };
}

// ---------- shield: a team app in a Shield space, everything on ----------

function shield(): Scenario {
  const teamName = 'globex-health';
  const owner = `${teamName}@herokumanager.com`;
  const user = 'r.iyer@globexhealth.com';
  const idp = { name: 'Globex Okta', team: teamName };
  const name = 'globex-claims';
  const spaceName = 'globex-shield-virginia';
  const claims = app({ name, owner, team: teamName, space: { name: spaceName, shield: true }, region: 'virginia', stack: 'heroku-24', generation: 'cedar', acm: true, internalRouting: false });
  const billing = { name: teamName, type: 'team' as const };
  const addons = [
    addon(name, 'heroku-postgresql:shield-2', ['DATABASE_URL', 'DATABASE_BASTION_KEY', 'DATABASE_BASTION_REKEYS_AFTER', 'DATABASE_BASTIONS'], billing),
    addon(name, 'heroku-redis:shield-1', ['REDIS_URL'], billing),
  ];
  const shieldSpace: FakeSpace = {
    space: space(spaceName, teamName, 'virginia', true, 'cedar'),
    members: [spaceMember(spaceName, user, true), spaceMember(spaceName, 'platform@globexhealth.com', true)],
    inboundRuleset: {
      id: fakeId('ruleset', spaceName),
      space: { id: fakeId('space', spaceName), name: spaceName },
      created_at: CREATED,
      created_by: user,
      rules: [
        { action: 'allow', source: '198.51.100.0/24' },
        { action: 'allow', source: '203.0.113.16/28' },
      ],
      applied: true,
      default_action: 'deny',
      version: '4',
    } satisfies Heroku.InboundRuleset,
    nat: { state: 'enabled', sources: ['3.210.44.18', '3.211.90.7', '18.206.33.152', '52.70.241.9'], created_at: CREATED, updated_at: UPDATED },
    peerings: [
      { type: 'customer-managed', pcx_id: 'pcx-0a7c3e9d51f2b8e64', cidr_blocks: ['10.20.0.0/16'], status: 'active', aws_vpc_id: 'vpc-04e1b7c92d5a3f810', aws_region: 'us-east-1', aws_account_id: '418274635901', expires: daysFromNow(365) },
    ],
    vpnConnections: [
      {
        id: fakeId('vpn', 'globex-datacenter'),
        name: 'globex-datacenter',
        public_ip: '198.51.100.10',
        routable_cidrs: ['172.16.0.0/16'],
        space_cidr_block: '10.0.0.0/16',
        ike_version: 2,
        status: 'active',
        status_message: '',
        tunnels: [
          { ip: '52.44.146.197', customer_ip: '198.51.100.10', pre_shared_key: credential('Qm7r', 'T2x9', 'Lk4v', 'Nb8c', 'Wd3z'), status: 'UP', status_message: '', last_status_change: daysFromNow(-20) },
          { ip: '52.44.146.198', customer_ip: '198.51.100.10', pre_shared_key: credential('Zp5n', 'Hc1w', 'Ry7t', 'Gf2k', 'Sx6b'), status: 'UP', status_message: '', last_status_change: daysFromNow(-20) },
        ],
      },
    ],
    logDrain: {
      id: fakeId('space-drain', spaceName),
      url: 'https://siem-ingest.globexhealth.com/heroku/space',
      token: `d.${fakeId('space-drain-token', spaceName)}`,
      addon: API_NULL,
      app: API_NULL,
      created_at: CREATED,
      updated_at: UPDATED,
    },
  };
  const globex: FakeTeam = {
    team: team(teamName, 'enterprise', 'admin', 'globex-corp', idp.name),
    members: [
      member(user, 'admin', true, idp),
      member('platform@globexhealth.com', 'admin', true, idp),
      member('a.novak@globexhealth.com', 'member', true, idp),
      member('auditor@globexhealth.com', 'member', true, idp),
    ],
    preferences: { 'default-permission': 'viewer', 'addons-controls': true },
    allowedAddonServices: [allowed('heroku-postgresql', 'Heroku Postgres', user), allowed('heroku-redis', 'Heroku Key-Value Store', user)],
    addons,
  };
  return {
    name: 'shield',
    description: 'A locked team app in a Shield space with SSO, strict TLS, trusted IP ranges, a VPN, a VPC peering and Private Space Logging.',
    app: name,
    account: account(user, 'Ravi Iyer', true, idp),
    accountKeys: [sshKey(user, 'ravi@globex-ws-114', daysFromNow(-60))],
    oauthAuthorizations: [oauthAuthorization(user, null, ['global'], 'Heroku CLI login from globex-ws-114', daysFromNow(-3))],
    stacks: STACKS,
    apps: [
      {
        app: claims,
        teamApp: teamApp(claims, true),
        features: [feature('spaces-strict-tls', true), feature('runtime-heroku-exec', false), feature('runtime-dyno-metadata', true)],
        buildpackInstallations: [{ ordinal: 0, buildpack: { name: 'heroku/java', url: 'heroku/java' } }],
        // The API reports Private-* sizes for apps in Shield spaces (the CLI renames them Shield-*).
        formation: [formation(name, 'web', 'Private-L', 3, 'java -jar target/claims.jar'), formation(name, 'worker', 'Private-M', 2, 'java -cp target/claims.jar Worker')],
        addons,
        domains: [herokuDomain(name), customDomain(name, 'claims.globexhealth.com', 'cert issued', 'stegosaurus-40217')],
        sniEndpoints: [sniEndpoint(name, 'stegosaurus-40217', ['claims.globexhealth.com'], "/C=US/O=Let's Encrypt/CN=R11", 74)],
        logDrains: [logDrain(name, 'https://siem-ingest.globexhealth.com/heroku/apps/globex-claims')],
        configVars: {
          DATABASE_URL: credential('postgres://ub71e2c0d9f:', 'p0d4a8e3c6b1f2e9a7d5c3b0a1f8e6d42', '@ip-10-0-88-212.ec2.internal:5432/dfk20x9m1q7c3z'),
          DATABASE_BASTION_KEY: '-----BEGIN OPENSSH PRIVATE KEY----- (masked by the fake API)',
          DATABASE_BASTION_REKEYS_AFTER: daysFromNow(30),
          DATABASE_BASTIONS: '10.0.90.11,10.0.90.12',
          JAVA_OPTS: '-XX:+UseContainerSupport -Xss512k',
          REDIS_URL: credential('rediss://:', 'p5e1b9a7c3d0f4e2b8a6c9d1e0f7a3b52', '@ip-10-0-91-40.ec2.internal:16380'),
        },
        collaborators: [
          collaborator(name, user, 'admin', ['view', 'deploy', 'operate', 'manage'], true),
          collaborator(name, 'a.novak@globexhealth.com', 'member', ['view', 'deploy'], true),
          collaborator(name, 'auditor@globexhealth.com', 'member', ['view'], true),
        ],
        pipelineCoupling: { id: fakeId('coupling', name), app: { id: claims.id }, pipeline: { id: fakeId('pipeline', 'globex-claims') }, stage: 'production', created_at: CREATED, updated_at: UPDATED },
      },
      { app: app({ name: 'globex-claims-staging', owner, team: teamName, space: { name: spaceName, shield: true }, region: 'virginia', stack: 'heroku-24', generation: 'cedar', acm: true }) },
    ],
    spaces: [shieldSpace],
    teams: [globex],
    pipelines: [
      {
        pipeline: { id: fakeId('pipeline', 'globex-claims'), name: 'globex-claims', owner: { id: fakeId('team', teamName), type: 'team' }, created_at: CREATED, updated_at: UPDATED },
        reviewAppConfig: { pipeline_id: fakeId('pipeline', 'globex-claims'), automatic_review_apps: false, base_name: null, deploy_target: { id: fakeId('space', spaceName), type: 'space' }, destroy_stale_apps: true, stale_days: 2, wait_for_ci: true, repo: { id: 90412287 } },
      },
    ],
    enterpriseAccounts: [
      { account: { id: fakeId('enterprise', 'globex-corp'), name: 'globex-corp', permissions: ['view', 'manage'], trial: false, identity_provider: { id: fakeId('idp', idp.name), name: idp.name, owner: { id: fakeId('enterprise', 'globex-corp'), name: 'globex-corp', type: 'enterprise-account' } }, created_at: CREATED, updated_at: UPDATED }, archives: archives('globex-corp', 6) },
    ],
  };
}

// ---------- fir: a Fir app in a Fir space ----------

function fir(): Scenario {
  const teamName = 'initech';
  const owner = `${teamName}@herokumanager.com`;
  const user = 'peter.gibbons@initech.com';
  const name = 'initech-portal';
  const spaceName = 'initech-fir';
  const portal = app({ name, owner, team: teamName, space: { name: spaceName, shield: false }, region: 'virginia', stack: 'cnb', generation: 'fir', acm: true, internalRouting: null });
  const billing = { name: teamName, type: 'team' as const };
  const addons = [addon(name, 'heroku-postgresql:essential-2', ['DATABASE_URL'], billing)];
  const firSpace: FakeSpace = {
    space: space(spaceName, teamName, 'virginia', false, 'fir'),
    members: [spaceMember(spaceName, user, true)],
    telemetryDrains: [telemetryDrain('space', spaceName, 'https://otlp.initech.com/v1', ['traces', 'metrics', 'logs'], { 'x-honeycomb-team': credential('hcaik_01', 'j2x8c4v6b9n1m3q5w7e0r2t4y6') })],
  };
  return {
    name: 'fir',
    description: 'A Fir team app in a Fir space: telemetry drains instead of log drains; no trusted IPs, VPN, peering, NAT or Private Space Logging.',
    app: name,
    account: account(user, 'Peter Gibbons', true),
    accountKeys: [],
    oauthAuthorizations: [oauthAuthorization(user, null, ['global'], 'Heroku CLI login from initech-laptop', daysFromNow(-5))],
    stacks: STACKS,
    apps: [
      {
        app: portal,
        teamApp: teamApp(portal, true),
        features: [feature('runtime-dyno-metadata', true)],
        buildpackInstallations: [],
        formation: [formation(name, 'web', 'dyno-2c-4gb', 2, 'npm start'), formation(name, 'worker', 'dyno-1c-0.5gb', 1, 'npm run worker')],
        addons,
        domains: [herokuDomain(name), customDomain(name, 'portal.initech.com', 'cert issued', 'brachiosaurus-11730')],
        sniEndpoints: [sniEndpoint(name, 'brachiosaurus-11730', ['portal.initech.com'], "/C=US/O=Let's Encrypt/CN=R10", 45)],
        telemetryDrains: [telemetryDrain('app', name, 'https://otlp.initech.com/v1/portal', ['traces', 'logs'], { authorization: credential('Bearer ', 'otlp-', '7c1e9b3d5f') })],
        configVars: {
          DATABASE_URL: credential('postgres://uc83f1a0e2d:', 'p7a2c9e4b1d0f3a8e6c5b2d9f0a1e7c43', '@c2ihzq6j0vq1ev.cluster-czrs8kj4isg7.us-east-1.rds.amazonaws.com:5432/d1v9xk2m7q0p3z'),
          NODE_ENV: 'production',
        },
        collaborators: [collaborator(name, user, 'admin', ['view', 'deploy', 'operate', 'manage'])],
      },
    ],
    spaces: [firSpace],
    teams: [
      {
        team: team(teamName, 'team', 'admin'),
        members: [member(user, 'admin', true), member('milton.w@initech.com', 'member', true)],
        preferences: { 'default-permission': 'member', 'addons-controls': true },
        allowedAddonServices: [allowed('heroku-postgresql', 'Heroku Postgres', user)],
        addons,
      },
    ],
  };
}

// ---------- restricted: a team app whose team endpoints answer 403 for this user ----------

function restricted(): Scenario {
  const teamName = 'umbrella';
  const owner = `${teamName}@herokumanager.com`;
  const user = 'j.valentine@umbrella-contractors.example';
  const name = 'umbrella-billing';
  const billingApp = app({ name, owner, team: teamName, region: 'eu', stack: 'heroku-22', generation: 'cedar', acm: false });
  const billing = { name: teamName, type: 'team' as const };
  return {
    name: 'restricted',
    description: 'A team app seen by a member who may not read the team: every /teams/{team} endpoint answers 403.',
    app: name,
    account: account(user, 'Jill Valentine', false),
    accountKeys: [sshKey(user, 'jill@contractor-laptop', daysFromNow(-200))],
    oauthAuthorizations: [oauthAuthorization(user, null, ['global'], 'Heroku CLI login', daysFromNow(-90))],
    stacks: STACKS,
    apps: [
      {
        app: billingApp,
        teamApp: teamApp(billingApp, false),
        features: [feature('runtime-dyno-metadata', false)],
        buildpackInstallations: [{ ordinal: 0, buildpack: { name: 'heroku/python', url: 'heroku/python' } }],
        formation: [formation(name, 'web', 'Standard-1X', 2, 'gunicorn billing.wsgi'), formation(name, 'clock', 'Standard-1X', 1, 'python clock.py')],
        addons: [addon(name, 'heroku-postgresql:standard-0', ['DATABASE_URL'], billing)],
        domains: [herokuDomain(name)],
        sniEndpoints: [],
        logDrains: [],
        configVars: {
          DATABASE_URL: credential('postgres://u0e7d2a9c41:', 'p9c3e0a7b2d5f1e8c4a6b0d3f9e2a1c75', '@ec2-54-76-12-190.eu-west-1.compute.amazonaws.com:5432/d3m8q1x0v7k2pl'),
          DJANGO_SETTINGS_MODULE: 'billing.settings.production',
        },
        collaborators: [collaborator(name, user, 'member', ['view', 'deploy'])],
      },
    ],
    teams: [{ team: team(teamName, 'team', 'member'), members: [member(user, 'member', false)], preferences: { 'default-permission': 'member', 'addons-controls': null }, allowedAddonServices: [], addons: [] }],
    forbidden: [`/teams/${teamName}`, `/teams/${teamName}/**`],
  };
}

const BUILDERS: Record<ScenarioName, () => Scenario> = { common, private: privateSpace, shield, fir, restricted };

export const SCENARIO_NAMES = Object.keys(BUILDERS) as ScenarioName[];

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(BUILDERS, name);
}

/** A fresh copy of a built-in scenario (tests may change it freely). */
export function scenario(name: ScenarioName): Scenario {
  return BUILDERS[name]();
}
