/**
 * Small hand-built LiveSnapshots for the HRK-LIVE rule and SecurityState tests, typed by @heroku-cli/schema.
 * Each base snapshot is clean at its own profile (except where a test says otherwise); tests change one field.
 */
import type * as Heroku from '@heroku-cli/schema';
import type { ApiError, ApiErrorKind, EndpointResult, LiveSnapshot, TelemetryDrain } from '../../src/heroku/snapshot';

export const FETCHED_AT = '2026-06-01T12:00:00Z';
/** Secrets the tests look for in every output. */
export const DATABASE_PASSWORD = 'p4ssw0rdFromTheAddonXyz';
export const VPN_PSK = 'psk-7f3a9c1e5b2d8f4a6c0e';
export const STRIPE_KEY = 'sk_live_4f9K2mXq8ZrT1bN7vC3pL6sD';
export const DRAIN_PASSWORD = 'drainS3cretPw';
export const OAUTH_TOKEN = '01234567-89ab-cdef-0123-456789abcdef';

export function ok<T>(data: T): EndpointResult<T> {
  return { ok: true, data };
}

const STATUS: Partial<Record<ApiErrorKind, number>> = { unauthorized: 401, forbidden: 403, 'two-factor': 403, 'not-found': 404, 'rate-limited': 429, server: 500 };

export function failed<T>(kind: ApiErrorKind, message = `answered ${kind}`): EndpointResult<T> {
  const status = STATUS[kind];
  const error: ApiError = { kind, message, ...(status ? { status } : {}), ...(kind === 'forbidden' ? { id: 'forbidden' } : {}) };
  return { ok: false, error };
}

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function addon(service: string, plan: string, options: { name?: string; configVars?: string[]; n?: number } = {}): Heroku.AddOn {
  const n = options.n ?? 1;
  return {
    // The generated type intersects an object with an array; the API sends an array.
    actions: [] as unknown as Heroku.AddOn['actions'],
    addon_service: { id: id(100 + n), name: service },
    app: { id: id(1), name: 'acme-api' },
    billed_price: null,
    billing_entity: { id: id(1), name: 'acme-api', type: 'app' },
    config_vars: options.configVars ?? [],
    created_at: '2025-01-01T00:00:00Z',
    id: id(200 + n),
    name: options.name ?? `${service}-${n}`,
    plan: { id: id(300 + n), name: `${service}:${plan}` },
    provider_id: `resource${n}@heroku.com`,
    state: 'provisioned',
    updated_at: '2025-01-01T00:00:00Z',
    web_url: null,
  };
}

export function member(email: string, role: Heroku.TeamMember['role'], options: { federated?: boolean; mfa?: boolean } = {}): Heroku.TeamMember {
  return {
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    email,
    federated: options.federated ?? true,
    two_factor_authentication: options.mfa ?? true,
    role,
    user: { email, id: `user-${email}` },
  };
}

function feature(name: string, enabled: boolean): Heroku.AppFeature {
  return { name, enabled, state: 'general', description: name, display_name: name, doc_url: 'https://devcenter.heroku.com', id: `feature-${name}` };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type SnapshotDraft = Mutable<LiveSnapshot>;

/** A personal Cedar app on the Common Runtime: clean under the common profile. */
export function commonSnapshot(): SnapshotDraft {
  const app: Heroku.App = {
    id: id(1),
    name: 'acme-api',
    acm: true,
    generation: 'cedar',
    internal_routing: null,
    maintenance: false,
    organization: null,
    team: null,
    owner: { email: 'dev@acme.example', id: id(2) },
    region: { id: id(3), name: 'us' },
    space: null,
    stack: { id: id(4), name: 'heroku-24' },
    build_stack: { id: id(4), name: 'heroku-24' },
    git_url: 'https://git.heroku.com/acme-api.git',
    web_url: 'https://acme-api-1234.herokuapp.com/',
  };
  return {
    appName: 'acme-api',
    apiUrl: 'https://api.heroku.com',
    fetchedAt: FETCHED_AT,
    app: ok(app),
    features: ok([feature('runtime-heroku-exec', false), feature('runtime-dyno-metadata', true)]),
    buildpackInstallations: ok([{ ordinal: 0, buildpack: { name: 'heroku/ruby', url: 'https://buildpack-registry.s3.amazonaws.com/buildpacks/heroku/ruby.tgz' } }]),
    formation: ok([
      { type: 'web', quantity: 2, size: 'Standard-1X', command: 'bundle exec puma' },
      { type: 'worker', quantity: 1, size: 'Standard-1X', command: 'bundle exec sidekiq' },
    ] satisfies Heroku.Formation[]),
    addons: ok([addon('heroku-postgresql', 'standard-0', { name: 'postgresql-cubed-123', configVars: ['DATABASE_URL'] }), addon('scheduler', 'standard', { n: 2 })]),
    domains: ok([
      { id: id(10), hostname: 'acme-api-1234.herokuapp.com', kind: 'heroku', acm_status: null, sni_endpoint: null },
      { id: id(11), hostname: 'api.acme.example', kind: 'custom', cname: 'api.acme.example.herokudns.com', acm_status: 'cert issued', acm_status_reason: null, sni_endpoint: { id: id(12), name: 'tyrannosaurus-12345' } },
    ] satisfies Heroku.Domain[]),
    sniEndpoints: ok([
      {
        id: id(12),
        name: 'tyrannosaurus-12345',
        display_name: null,
        domains: [id(11)],
        ssl_cert: { acm: true, cert_domains: ['api.acme.example'], expires_at: '2026-08-01T00:00:00Z', starts_at: '2026-05-01T00:00:00Z', issuer: "/C=US/O=Let's Encrypt/CN=R3", 'ca_signed?': true, 'self_signed?': false },
      },
    ] satisfies Heroku.SNIEndpoint[]),
    logDrains: ok([{ id: id(20), url: 'https://logs.example.com/drain', token: 'd.11111111-2222-4333-8444-555555555555', app: { id: id(1), name: 'acme-api' } }]),
    configVars: ok({
      DATABASE_URL: `postgres://u1abc:${DATABASE_PASSWORD}@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d9x`,
      RAILS_ENV: 'production',
      LANG: 'en_US.UTF-8',
      SECRET_KEY_BASE: '9f1c2b7a4e8d6f0a3b5c7e9d1f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a',
    }),
    collaborators: ok([]),
    pipelineCoupling: ok({ id: id(30), app: { id: id(1) }, pipeline: { id: id(31) }, stage: 'production' }),
    reviewAppConfig: ok({ pipeline_id: id(31), automatic_review_apps: true, base_name: null, wait_for_ci: true, deploy_target: { id: 'us', type: 'region' } }),
    stacks: ok([
      { name: 'heroku-24', state: 'public', default: true },
      { name: 'heroku-22', state: 'public', default: false },
      { name: 'heroku-20', state: 'deprecated', default: false },
    ] satisfies Heroku.Stack[]),
    account: ok({ id: id(2), email: 'dev@acme.example', federated: false, identity_provider: null, two_factor_authentication: true, verified: true }),
    accountKeys: ok([{ id: id(40), comment: 'dev@laptop', fingerprint: 'SHA256:abc', created_at: '2026-01-10T00:00:00Z', public_key: 'ssh-ed25519 AAAAC3Nza dev@laptop' }]),
    oauthAuthorizations: ok([
      {
        id: id(50),
        description: 'CI deploys',
        scope: ['read', 'write'],
        created_at: '2026-02-01T00:00:00Z',
        client: { id: id(51), name: 'Acme CI', redirect_uri: 'https://ci.acme.example/callback' },
        access_token: { id: id(52), token: OAUTH_TOKEN, expires_in: null },
      },
    ] satisfies Heroku.OAuthAuthorization[]),
  };
}

const TEAM = 'acme';

function teamApp(space: Heroku.App['space']): Heroku.App {
  return {
    ...(commonSnapshot().app as { data: Heroku.App }).data,
    organization: { id: id(5), name: TEAM },
    team: { id: id(5), name: TEAM },
    owner: { email: `${TEAM}@herokumanager.com`, id: id(6) },
    region: { id: id(7), name: 'virginia' },
    space,
  };
}

/** The team parts every team app has; clean under private and shield. */
function teamParts(): Partial<SnapshotDraft> {
  return {
    teamApp: ok({ name: 'acme-api', locked: true, joined: false, team: { name: TEAM } }),
    collaborators: ok([
      { id: id(60), role: 'member', user: { email: 'dev@acme.example', id: id(2), federated: true }, permissions: [{ name: 'view' }, { name: 'deploy' }] },
      { id: id(61), role: 'admin', user: { email: 'lead@acme.example', id: id(62), federated: true }, permissions: [{ name: 'view' }, { name: 'deploy' }, { name: 'operate' }, { name: 'manage' }] },
    ] satisfies Heroku.TeamAppCollaborator[]),
    team: ok({ id: id(5), name: TEAM, type: 'enterprise', identity_provider: { id: id(70), name: 'Okta' }, enterprise_account: { id: id(71), name: 'acme-corp' } }),
    teamMembers: ok([member('lead@acme.example', 'admin'), member('ops@acme.example', 'admin'), member('dev@acme.example', 'member')]),
    teamPreferences: ok({ 'default-permission': 'member', 'addons-controls': true }),
    allowedAddonServices: ok(['heroku-postgresql', 'heroku-redis', 'scheduler'].map((name, i) => ({ id: id(80 + i), addon_service: { id: id(90 + i), name } }))),
    teamAddons: ok([addon('heroku-postgresql', 'private-0', { configVars: ['DATABASE_URL'] }), addon('scheduler', 'standard', { n: 2 })]),
    enterpriseArchives: ok([
      { year: 2026, month: '04', created_at: '2026-05-01T03:00:00Z' },
      { year: 2026, month: '05', created_at: '2026-06-01T03:00:00Z' },
    ]),
  };
}

/** A team app in a Cedar Private Space: clean under the private profile. */
export function privateSnapshot(): SnapshotDraft {
  const base = commonSnapshot();
  return {
    ...base,
    ...teamParts(),
    app: ok(teamApp({ id: id(8), name: 'acme-private', shield: false })),
    features: ok([feature('runtime-heroku-exec', false), feature('spaces-strict-tls', true)]),
    formation: ok([{ type: 'web', quantity: 2, size: 'Private-M' }] satisfies Heroku.Formation[]),
    addons: ok([addon('heroku-postgresql', 'private-0', { name: 'postgresql-private-1', configVars: ['DATABASE_URL'] }), addon('heroku-redis', 'private-3', { n: 3, configVars: ['REDIS_URL'] })]),
    reviewAppConfig: ok({ pipeline_id: id(31), base_name: null, wait_for_ci: true, deploy_target: { id: id(8), type: 'space' } }),
    space: ok({ id: id(8), name: 'acme-private', shield: false, state: 'allocated', cidr: '10.0.0.0/16', region: { id: id(7), name: 'virginia' }, team: { id: id(5), name: TEAM } }),
    inboundRuleset: ok({ id: id(110), rules: [{ action: 'allow', source: '203.0.113.0/24' }], applied: true, space: { id: id(8), name: 'acme-private' } }),
    nat: ok({ state: 'enabled', sources: ['198.51.100.10', '198.51.100.11'] }),
    peerings: ok([]),
    vpnConnections: ok([]),
    spaceMembers: ok([{ id: id(120), user: { email: 'lead@acme.example', id: id(62) }, permissions: [{ name: 'create_apps' }] }]),
  };
}

/** A team app in a Cedar Shield space with VPN, peering, Private Space Logging and strict TLS: clean under shield, except the peering without an expected list. */
export function shieldSnapshot(): SnapshotDraft {
  const base = privateSnapshot();
  return {
    ...base,
    app: ok(teamApp({ id: id(9), name: 'acme-shield', shield: true })),
    // The API reports Private-* sizes for Shield apps (catalog caveat 0.4-3).
    formation: ok([{ type: 'web', quantity: 2, size: 'Private-M' }, { type: 'worker', quantity: 1, size: 'Shield-S' }] satisfies Heroku.Formation[]),
    addons: ok([addon('heroku-postgresql', 'shield-0', { name: 'postgresql-shield-1', configVars: ['DATABASE_URL'] }), addon('heroku-redis', 'shield-3', { n: 3, configVars: ['REDIS_URL'] })]),
    logDrains: ok([]),
    space: ok({ id: id(9), name: 'acme-shield', shield: true, state: 'allocated', cidr: '10.1.0.0/16', region: { id: id(7), name: 'virginia' }, team: { id: id(5), name: TEAM } }),
    inboundRuleset: ok({ id: id(111), rules: [{ action: 'allow', source: '203.0.113.0/24' }], applied: true, space: { id: id(9), name: 'acme-shield' } }),
    peerings: ok([{ type: 'customer-managed', pcx_id: 'pcx-0a1b2c3d', cidr_blocks: ['172.31.0.0/16'], status: 'active', aws_vpc_id: 'vpc-12345678', aws_region: 'us-east-1', aws_account_id: '123456789012' }]),
    vpnConnections: ok([
      {
        id: id(130),
        name: 'office',
        public_ip: '35.161.69.30',
        routable_cidrs: ['172.16.0.0/16'],
        space_cidr_block: '10.1.0.0/16',
        ike_version: 2,
        status: 'active',
        status_message: '',
        tunnels: [
          { ip: '52.44.146.197', customer_ip: '35.161.69.30', status: 'UP', status_message: '', last_status_change: '2026-05-01T00:00:00Z', pre_shared_key: VPN_PSK },
          { ip: '52.44.146.198', customer_ip: '35.161.69.30', status: 'UP', status_message: '', last_status_change: '2026-05-01T00:00:00Z', pre_shared_key: VPN_PSK },
        ],
      },
    ] satisfies Heroku.PrivateSpacesVPN[]),
    spaceLogDrain: ok({ id: id(140), url: `https://siem:${DRAIN_PASSWORD}@logs.acme.example/heroku?token=abc123`, token: 'd.99999999-2222-4333-8444-555555555555' }),
  };
}

/** A Fir app in a Fir space: Cedar-only endpoints are not read. */
export function firSnapshot(): SnapshotDraft {
  const base = privateSnapshot();
  const app = teamApp({ id: id(15), name: 'acme-fir', shield: false });
  const telemetry: TelemetryDrain[] = [{ id: id(150), signals: ['logs', 'traces'], exporter: { type: 'otlphttp', endpoint: 'https://otel.acme.example', headers: { 'x-api-key': 'otel-header-secret' } }, owner: { id: id(15), type: 'space' } }];
  return {
    ...base,
    app: ok({ ...app, generation: 'fir', stack: { id: id(16), name: 'cnb' }, build_stack: { id: id(16), name: 'cnb' } }),
    features: ok([]),
    buildpackInstallations: ok([]),
    formation: ok([{ type: 'web', quantity: 2, size: 'dyno-2c-4gb' }] satisfies Heroku.Formation[]),
    space: ok({ id: id(15), name: 'acme-fir', shield: false, state: 'allocated', generation: 'fir', region: { id: id(7), name: 'virginia' }, team: { id: id(5), name: TEAM } }),
    logDrains: undefined,
    telemetryDrains: ok([]),
    spaceTelemetryDrains: ok(telemetry),
    inboundRuleset: undefined,
    nat: undefined,
    peerings: undefined,
    vpnConnections: undefined,
    spaceLogDrain: undefined,
  };
}

/** Replaces the app object's fields. */
export function withApp(snapshot: SnapshotDraft, fields: Partial<Heroku.App>): SnapshotDraft {
  const app = snapshot.app.ok ? snapshot.app.data : {};
  return { ...snapshot, app: ok({ ...app, ...fields }) };
}
