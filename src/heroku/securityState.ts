/**
 * The live security view of one app: a pure function from a LiveSnapshot to the features of Heroku's Security &
 * Compliance article, grouped as the article groups them, each with a state, a short description and the findings
 * of the HRK-LIVE rules at the active profile.
 *
 * Item states: `no-permission` when one of the item's endpoints answered 403, `unknown` on any other failure (the
 * error is kept), `not-on-fir` for Cedar-only features of a Fir app, `not-applicable` where the feature does not
 * apply (VPN outside a space, team features of a personal app), else `fail` / `warn` / `pass` from the findings.
 * A failing endpoint degrades only the items that read it. A `fail` finding stands even when another of the
 * item's endpoints failed: the item cannot be better than that.
 *
 * Nothing here carries a secret: no config var values, no VPN pre-shared keys, no drain URL credentials.
 */
import type * as Heroku from '@heroku-cli/schema';
import type { RuleSetting } from '../engine/config';
import type { Generation, Profile, ProfileSetting } from '../engine/types';
import { addonsOf, appOf, dataOf, enterpriseOf, generationOf, listSome, plural, runtimeOf, safeUrl, spaceNameOf, teamNameOf } from './liveFacts';
import type { LiveFinding, LiveItemId, LivePolicy } from './liveRule';
import { evaluateLiveRules } from './liveRegistry';
import type { ApiError, EndpointResult, LiveSnapshot } from './snapshot';

export { redactSnapshot } from './redact';

export type ItemState = 'pass' | 'warn' | 'fail' | 'unknown' | 'not-applicable' | 'not-on-fir' | 'no-permission';

export interface SecurityItem {
  readonly id: LiveItemId;
  readonly title: string;
  readonly state: ItemState;
  /** Short, for the tree. */
  readonly description: string;
  /** Why it matters. */
  readonly why: string;
  /** Which runtime offers it, e.g. "Shield Private Spaces". */
  readonly runtimes: string;
  readonly ruleIds: readonly string[];
  /** Dev Center. */
  readonly learnMoreUrl: string;
  readonly dashboardUrl: string;
  readonly error?: ApiError;
}

export type SecurityGroupId = 'runtime' | 'access' | 'logging' | 'data-access' | 'encryption' | 'backups';

export interface SecurityGroup {
  readonly id: SecurityGroupId;
  readonly title: string;
  readonly items: readonly SecurityItem[];
}

export interface SecurityState {
  readonly app: {
    readonly name: string;
    readonly runtime?: Profile;
    readonly generation?: Generation;
    readonly region?: string;
    readonly space?: string;
    readonly team?: string;
    readonly dashboardUrl: string;
    /** `${apiUrl}/apps/${name}`: the location of live findings in SARIF. */
    readonly apiUrl: string;
  };
  readonly profile: { readonly profile: Profile; readonly reason: string };
  readonly groups: readonly SecurityGroup[];
  readonly findings: readonly LiveFinding[];
  readonly fetchedAt: string;
  /** GET /apps failed: nothing else is meaningful, and `groups` is empty. */
  readonly appError?: ApiError;
}

export interface SecurityStateOptions {
  /** Per-rule settings (`off`, `on`, a fixed severity), as in `.heroku-compliance.yml`. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly policy?: Partial<LivePolicy>;
}

export const GROUP_TITLES: Readonly<Record<SecurityGroupId, string>> = {
  runtime: 'Runtime',
  access: 'Authentication & Access',
  logging: 'Logging & Monitoring',
  'data-access': 'App & Data Access',
  encryption: 'Encryption',
  backups: 'Data Backups',
};

const DASHBOARD = 'https://dashboard.heroku.com';
const DEVCENTER = 'https://devcenter.heroku.com/articles';

/** `auto`: shield from a Shield space, private from any space, else common. */
export function chooseLiveProfile(snapshot: LiveSnapshot, setting: ProfileSetting): { profile: Profile; reason: string } {
  if (setting !== 'auto') return { profile: setting, reason: 'set explicitly' };
  const runtime = runtimeOf(snapshot);
  const space = spaceNameOf(snapshot);
  switch (runtime) {
    case 'shield':
      return { profile: 'shield', reason: `inferred from Shield Private Space ${space ?? ''}`.trimEnd() };
    case 'private':
      return { profile: 'private', reason: `inferred from Private Space ${space ?? ''}`.trimEnd() };
    case 'common':
      return { profile: 'common', reason: 'inferred: the app runs on the Common Runtime' };
    default:
      return { profile: 'common', reason: 'default: the app could not be read' };
  }
}

// ---------- items ----------

interface ItemContext {
  readonly snapshot: LiveSnapshot;
  readonly app: Heroku.App;
  readonly name: string;
  readonly fir: boolean;
  readonly runtime: Profile;
  readonly team?: string;
  readonly space?: string;
}

/** An endpoint an item reads. `optional`: not reading it is fine, but its failure still degrades the item. */
interface Need {
  readonly label: string;
  readonly result: EndpointResult<unknown> | undefined;
  /** A 404 is an answer ("none"): the space log drain, the pipeline coupling, the review app config. */
  readonly notFoundIsData?: boolean;
  readonly optional?: boolean;
}

interface ItemSpec {
  readonly id: LiveItemId;
  readonly group: SecurityGroupId;
  readonly title: string;
  readonly why: string;
  readonly runtimes: string;
  readonly ruleIds: readonly string[];
  readonly learnMoreUrl: string;
  dashboard(ctx: ItemContext): string;
  /** `not-applicable` or `not-on-fir` with the reason shown as the description; undefined when the item applies. */
  applies?(ctx: ItemContext): { readonly state: 'not-applicable' | 'not-on-fir'; readonly reason: string } | undefined;
  needs(ctx: ItemContext): readonly Need[];
  /** A short summary of what the API says; only called when the item applies. Never a secret. */
  describe(ctx: ItemContext): string;
}

const enc = encodeURIComponent;
const appUrl = (ctx: ItemContext, tab?: string): string => `${DASHBOARD}/apps/${enc(ctx.name)}${tab ? `/${tab}` : ''}`;
const spaceUrl = (ctx: ItemContext, tab?: string): string => (ctx.space ? `${DASHBOARD}/spaces/${enc(ctx.space)}${tab ? `/${tab}` : ''}` : appUrl(ctx));
const teamUrl = (ctx: ItemContext, tab?: string): string => (ctx.team ? `${DASHBOARD}/teams/${enc(ctx.team)}${tab ? `/${tab}` : ''}` : appUrl(ctx));
const accountUrl = (tab?: string): string => `${DASHBOARD}/account${tab ? `/${tab}` : ''}`;

const PERSONAL = { state: 'not-applicable', reason: 'Personal app: a team feature' } as const;
const NO_SPACE = { state: 'not-applicable', reason: 'Common Runtime app: a Private Space feature' } as const;
const CEDAR_ONLY = { state: 'not-on-fir', reason: 'Not available on Fir' } as const;

const teamOnly = (ctx: ItemContext) => (ctx.team ? undefined : PERSONAL);
const cedarSpaceOnly = (ctx: ItemContext) => (!ctx.snapshot.app.ok || !ctx.app.space ? NO_SPACE : ctx.fir ? CEDAR_ONLY : undefined);
const shieldOnly = (ctx: ItemContext) => (ctx.fir ? CEDAR_ONLY : ctx.runtime !== 'shield' ? ({ state: 'not-applicable', reason: 'Only in Shield Private Spaces' } as const) : undefined);

function addonApplies(service: string, label: string) {
  return (ctx: ItemContext) => {
    const addons = dataOf(ctx.snapshot.addons);
    return addons && !addonsOf(addons).some((a) => a.service === service) ? ({ state: 'not-applicable', reason: `No ${label} add-on` } as const) : undefined;
  };
}

function addonSummary(ctx: ItemContext, service: string): string {
  const found = addonsOf(dataOf(ctx.snapshot.addons) ?? []).filter((a) => a.service === service);
  return found.map((a) => `${a.name} (${a.plan ?? 'plan unknown'})`).join(', ');
}

function sizeSummary(formation: readonly Heroku.Formation[]): string {
  const running = formation.filter((p) => (p.quantity ?? 0) > 0);
  if (running.length === 0) return 'No dynos running';
  return running.map((p) => `${p.type ?? 'process'}: ${p.quantity} × ${p.size ?? '?'}`).join(', ');
}

function telemetrySummary(drains: readonly { signals?: readonly string[]; exporter?: { endpoint?: string } }[]): string {
  if (drains.length === 0) return 'No telemetry drain';
  const signals = [...new Set(drains.flatMap((d) => d.signals ?? ['logs', 'metrics', 'traces']))].sort();
  return `${plural(drains.length, 'drain')} (${signals.join(', ')})`;
}

function pgRollback(plan: string | undefined): string {
  if (!plan) return 'plan unknown';
  if (/^(essential-\d+|mini|basic|dev|hobby)/.test(plan)) return 'no rollback';
  if (plan.startsWith('standard-')) return '4-day rollback';
  if (/^(premium|private|shield)-/.test(plan)) return '1-week rollback, HA';
  return 'see the plan';
}

/** The item of a data add-on (Postgres, Key-Value Store, Kafka, Connect): read from the app's add-ons. */
function addonItem(spec: { id: LiveItemId; service: string; title: string; ruleId: string; doc: string; runtimes: string; why: string }): ItemSpec {
  return {
    id: spec.id,
    group: 'data-access',
    title: spec.title,
    why: spec.why,
    runtimes: spec.runtimes,
    ruleIds: [spec.ruleId],
    learnMoreUrl: `${DEVCENTER}/${spec.doc}`,
    dashboard: (ctx) => appUrl(ctx, 'resources'),
    applies: addonApplies(spec.service, spec.title),
    needs: (ctx) => [{ label: 'add-ons', result: ctx.snapshot.addons }],
    describe: (ctx) => addonSummary(ctx, spec.service),
  };
}

const ITEMS: readonly ItemSpec[] = [
  // ---------- Runtime ----------
  {
    id: 'runtime',
    group: 'runtime',
    title: 'Runtime',
    why: 'The runtime sets the isolation boundary: the Common Runtime is multi-tenant, Private Spaces isolate the app\'s network, and Shield Private Spaces add the controls that highly regulated data (PCI, HIPAA) needs.',
    runtimes: 'Common Runtime, Private Spaces, Shield Private Spaces',
    ruleIds: ['HRK-LIVE-001'],
    learnMoreUrl: `${DEVCENTER}/security-and-compliance-resources-and-features`,
    dashboard: (ctx) => (ctx.space ? spaceUrl(ctx) : appUrl(ctx, 'settings')),
    needs: () => [],
    describe: (ctx) => {
      const region = ctx.app.region?.name ? `, ${ctx.app.region.name}` : '';
      if (ctx.runtime === 'common') return `Common Runtime${region}`;
      return `${ctx.runtime === 'shield' ? 'Shield Private Space' : 'Private Space'} ${ctx.space ?? ''}${region}`.replace(/ ,/, ',');
    },
  },
  {
    id: 'generation',
    group: 'runtime',
    title: 'Generation',
    why: 'Fir, the next generation, has no Shield spaces and none of the Cedar-only network controls (trusted IP ranges, VPN, peering, internal routing, stable outbound IPs, Private Space Logging).',
    runtimes: 'Cedar (Common Runtime and Private Spaces) and Fir (Private Spaces)',
    ruleIds: ['HRK-LIVE-001'],
    learnMoreUrl: `${DEVCENTER}/generations`,
    dashboard: (ctx) => appUrl(ctx, 'settings'),
    needs: () => [],
    describe: (ctx) => (ctx.fir ? 'Fir' : 'Cedar'),
  },
  {
    id: 'stack',
    group: 'runtime',
    title: 'Stack',
    why: 'Heroku patches the operating system of supported stacks; an end-of-life stack gets no security updates.',
    runtimes: 'All runtimes (Fir apps build with Cloud Native Buildpacks)',
    ruleIds: ['HRK-LIVE-008'],
    learnMoreUrl: `${DEVCENTER}/stack`,
    dashboard: (ctx) => appUrl(ctx, 'settings'),
    needs: (ctx) => [{ label: 'stacks', result: ctx.snapshot.stacks, optional: true }],
    describe: (ctx) => {
      const stack = ctx.app.stack?.name ?? 'unknown';
      const build = ctx.app.build_stack?.name;
      return build && build !== stack ? `${stack} (next build: ${build})` : stack;
    },
  },
  {
    id: 'dynos',
    group: 'runtime',
    title: 'Dyno types',
    why: 'Dyno types belong to a runtime: only Shield dynos, with an encrypted ephemeral file system, run in Shield spaces, and Eco web dynos sleep after 30 minutes without traffic.',
    runtimes: 'All runtimes',
    ruleIds: ['HRK-LIVE-009'],
    learnMoreUrl: `${DEVCENTER}/dyno-types`,
    dashboard: (ctx) => appUrl(ctx, 'resources'),
    needs: (ctx) => [{ label: 'formation', result: ctx.snapshot.formation }],
    describe: (ctx) => sizeSummary(dataOf(ctx.snapshot.formation) ?? []),
  },
  // ---------- Authentication & Access ----------
  {
    id: 'sso',
    group: 'access',
    title: 'Single Sign-On (SSO)',
    why: 'With SSO, members sign in through your identity provider, which enforces MFA and removes leavers in one place.',
    runtimes: 'Heroku Teams and Heroku Enterprise',
    ruleIds: ['HRK-LIVE-002'],
    learnMoreUrl: `${DEVCENTER}/using-sso-services-with-heroku`,
    dashboard: (ctx) => teamUrl(ctx, 'settings'),
    applies: teamOnly,
    needs: (ctx) => [{ label: 'team', result: ctx.snapshot.team }],
    describe: (ctx) => {
      const idp = dataOf(ctx.snapshot.team)?.identity_provider;
      return idp ? `Identity provider ${idp.name ?? idp.id ?? 'set'}` : 'No identity provider';
    },
  },
  {
    id: 'mfa',
    group: 'access',
    title: 'Multi-Factor Authentication (MFA)',
    why: 'MFA stops stolen passwords from opening the account; SSO users must enforce it at their identity provider.',
    runtimes: 'All accounts',
    ruleIds: ['HRK-LIVE-002'],
    learnMoreUrl: `${DEVCENTER}/multi-factor-authentication`,
    dashboard: (ctx) => (ctx.team ? teamUrl(ctx, 'access') : accountUrl()),
    needs: (ctx) => (ctx.team ? [{ label: 'team members', result: ctx.snapshot.teamMembers }] : [{ label: 'account', result: ctx.snapshot.account }]),
    describe: (ctx) => {
      if (ctx.team) {
        const members = dataOf(ctx.snapshot.teamMembers) ?? [];
        const covered = members.filter((m) => m.federated === true || m.two_factor_authentication === true).length;
        return `${covered} of ${plural(members.length, 'member')} use SSO or MFA`;
      }
      const account = dataOf(ctx.snapshot.account);
      return account?.federated ? 'Signs in with SSO' : account?.two_factor_authentication ? 'MFA on' : 'MFA off';
    },
  },
  {
    id: 'permissions',
    group: 'access',
    title: 'Enterprise Teams permissions',
    why: 'Fine-grained app permissions (view, deploy, operate, manage) and space permissions keep each person to the access their job needs.',
    runtimes: 'Heroku Teams and Heroku Enterprise',
    ruleIds: ['HRK-LIVE-003', 'HRK-LIVE-025'],
    learnMoreUrl: `${DEVCENTER}/org-users-access`,
    dashboard: (ctx) => appUrl(ctx, 'access'),
    applies: teamOnly,
    needs: (ctx) => [
      { label: 'team members', result: ctx.snapshot.teamMembers },
      { label: 'collaborators', result: ctx.snapshot.collaborators },
      { label: 'team preferences', result: ctx.snapshot.teamPreferences },
      ...(ctx.app.space ? [{ label: 'space members', result: ctx.snapshot.spaceMembers, optional: true }] : []),
    ],
    describe: (ctx) => {
      const members = dataOf(ctx.snapshot.teamMembers) ?? [];
      const admins = members.filter((m) => m.role === 'admin' || m.role === 'owner').length;
      const collaborators = dataOf(ctx.snapshot.collaborators)?.length ?? 0;
      const defaultPermission = dataOf(ctx.snapshot.teamPreferences)?.['default-permission'];
      return `${plural(admins, 'admin')}, ${plural(collaborators, 'app collaborator')}${defaultPermission ? `, default permission ${defaultPermission}` : ''}`;
    },
  },
  {
    id: 'lock-apps',
    group: 'access',
    title: 'Lock Apps',
    why: 'A locked team app can only be joined by people granted access to it, not by every team member.',
    runtimes: 'Heroku Teams and Heroku Enterprise',
    ruleIds: ['HRK-LIVE-004'],
    learnMoreUrl: `${DEVCENTER}/org-users-access`,
    dashboard: (ctx) => appUrl(ctx, 'access'),
    applies: teamOnly,
    needs: (ctx) => [{ label: 'team app', result: ctx.snapshot.teamApp }],
    describe: (ctx) => (dataOf(ctx.snapshot.teamApp)?.locked === true ? 'Locked' : 'Not locked'),
  },
  {
    id: 'addon-controls',
    group: 'access',
    title: 'Add-on controls',
    why: 'Add-ons receive app data; an enforced allowlist keeps members to reviewed providers, and third-party add-ons may take data outside the compliance boundary.',
    runtimes: 'Heroku Teams and Heroku Enterprise (allowlist); all runtimes (third-party add-ons)',
    ruleIds: ['HRK-LIVE-005', 'HRK-LIVE-026'],
    learnMoreUrl: `${DEVCENTER}/addon-controls`,
    dashboard: (ctx) => (ctx.team ? teamUrl(ctx, 'settings') : appUrl(ctx, 'resources')),
    needs: (ctx) => [
      { label: 'add-ons', result: ctx.snapshot.addons },
      ...(ctx.team
        ? [
            { label: 'team preferences', result: ctx.snapshot.teamPreferences },
            { label: 'allowed add-on services', result: ctx.snapshot.allowedAddonServices, optional: true },
            { label: 'team add-ons', result: ctx.snapshot.teamAddons, optional: true },
          ]
        : []),
    ],
    describe: (ctx) => {
      const addons = addonsOf(dataOf(ctx.snapshot.addons) ?? []);
      const attached = plural(addons.length, 'add-on');
      if (!ctx.team) return `${attached}; no team allowlist (personal app)`;
      const enforced = dataOf(ctx.snapshot.teamPreferences)?.['addons-controls'] === true;
      const allowed = dataOf(ctx.snapshot.allowedAddonServices);
      return `${attached}; allowlist ${enforced ? `enforced${allowed ? ` (${plural(allowed.length, 'service')})` : ''}` : 'not enforced'}`;
    },
  },
  {
    id: 'oauth',
    group: 'access',
    title: 'Third-party OAuth authorizations',
    why: 'Each OAuth authorization lets a tool act as you; a `global` one has the full access of your API key.',
    runtimes: 'All accounts',
    ruleIds: ['HRK-LIVE-006'],
    learnMoreUrl: `${DEVCENTER}/oauth`,
    dashboard: () => accountUrl('applications'),
    needs: (ctx) => [{ label: 'OAuth authorizations', result: ctx.snapshot.oauthAuthorizations }],
    describe: (ctx) => {
      const all = dataOf(ctx.snapshot.oauthAuthorizations) ?? [];
      const global = all.filter((a) => (a.scope ?? []).includes('global')).length;
      return `${plural(all.length, 'authorization')}${global > 0 ? `, ${global} with global scope` : ''}`;
    },
  },
  {
    id: 'config-vars',
    group: 'access',
    title: 'Config vars',
    why: 'Config vars keep credentials out of the code; the ones set on the running app must not turn off TLS, copy add-on credentials or enable debug modes.',
    runtimes: 'All runtimes',
    ruleIds: ['HRK-LIVE-007'],
    learnMoreUrl: `${DEVCENTER}/config-vars`,
    dashboard: (ctx) => appUrl(ctx, 'settings'),
    needs: (ctx) => [{ label: 'config vars', result: ctx.snapshot.configVars }],
    describe: (ctx) => `${plural(Object.keys(dataOf(ctx.snapshot.configVars) ?? {}).length, 'config var')} (values never shown)`,
  },
  {
    id: 'heroku-exec',
    group: 'access',
    title: 'Heroku Exec',
    why: 'Heroku Exec opens SSH sessions into running dynos, outside the keystroke logging of `heroku run`; it is restricted in Shield spaces.',
    runtimes: 'Cedar (restricted in Shield Private Spaces)',
    ruleIds: ['HRK-LIVE-012'],
    learnMoreUrl: `${DEVCENTER}/exec`,
    dashboard: (ctx) => appUrl(ctx, 'settings'),
    applies: (ctx) => (ctx.fir ? CEDAR_ONLY : undefined),
    needs: (ctx) => [
      { label: 'app features', result: ctx.snapshot.features },
      { label: 'buildpack installations', result: ctx.snapshot.buildpackInstallations, optional: true },
    ],
    describe: (ctx) => (dataOf(ctx.snapshot.features)?.some((f) => f.name === 'runtime-heroku-exec' && f.enabled === true) ? 'Enabled' : 'Not enabled'),
  },
  // ---------- Logging & Monitoring ----------
  {
    id: 'log-drains',
    group: 'logging',
    title: 'Log drains',
    why: 'Logplex delivers logs but does not store them; without a drain there is no record to audit (PCI DSS 10.2.1, HIPAA 164.312(b)).',
    runtimes: 'Cedar (Fir uses telemetry drains)',
    ruleIds: ['HRK-LIVE-018'],
    learnMoreUrl: `${DEVCENTER}/log-drains`,
    dashboard: (ctx) => appUrl(ctx, 'resources'),
    applies: (ctx) => (ctx.fir ? CEDAR_ONLY : undefined),
    needs: (ctx) => [
      { label: 'log drains', result: ctx.snapshot.logDrains },
      ...(ctx.runtime === 'shield' ? [{ label: 'space log drain', result: ctx.snapshot.spaceLogDrain, notFoundIsData: true, optional: true }] : []),
    ],
    describe: (ctx) => {
      const drains = dataOf(ctx.snapshot.logDrains) ?? [];
      const urls = drains.map((d) => (typeof d.url === 'string' ? safeUrl(d.url) : 'drain'));
      if (urls.length > 0) return `${plural(urls.length, 'drain')}: ${listSome(urls, 2).replace(/`/g, '')}`;
      return ctx.runtime === 'shield' && dataOf(ctx.snapshot.spaceLogDrain)?.url ? 'No app drain; Private Space Logging covers the app' : 'No drain';
    },
  },
  {
    id: 'telemetry',
    group: 'logging',
    title: 'Telemetry drains (OpenTelemetry)',
    why: 'On Fir, telemetry drains carry the app\'s logs, metrics and traces to where they are kept.',
    runtimes: 'Fir',
    ruleIds: ['HRK-LIVE-018'],
    learnMoreUrl: `${DEVCENTER}/heroku-telemetry`,
    dashboard: (ctx) => appUrl(ctx),
    applies: (ctx) => (ctx.fir ? undefined : ({ state: 'not-applicable', reason: 'Cedar app: a Fir feature' } as const)),
    needs: (ctx) => [
      { label: 'telemetry drains', result: ctx.snapshot.telemetryDrains },
      ...(ctx.app.space ? [{ label: 'space telemetry drains', result: ctx.snapshot.spaceTelemetryDrains }] : []),
    ],
    describe: (ctx) => telemetrySummary([...(dataOf(ctx.snapshot.telemetryDrains) ?? []), ...(dataOf(ctx.snapshot.spaceTelemetryDrains) ?? [])]),
  },
  {
    id: 'private-space-logging',
    group: 'logging',
    title: 'Private Space Logging',
    why: 'A space-level drain captures the logs of every app, database and platform service of the space, so that no app can forget its own.',
    runtimes: 'Shield Private Spaces (Cedar)',
    ruleIds: ['HRK-LIVE-018'],
    learnMoreUrl: `${DEVCENTER}/private-space-logging`,
    dashboard: (ctx) => spaceUrl(ctx, 'settings'),
    applies: shieldOnly,
    needs: (ctx) => [{ label: 'space log drain', result: ctx.snapshot.spaceLogDrain, notFoundIsData: true }],
    describe: (ctx) => {
      const url = dataOf(ctx.snapshot.spaceLogDrain)?.url;
      return typeof url === 'string' ? `Drain ${safeUrl(url)}` : 'Not enabled';
    },
  },
  {
    id: 'audit-trail',
    group: 'logging',
    title: 'Audit trails',
    why: 'The enterprise audit trail records who changed apps, access and add-ons; its monthly archives are audit evidence.',
    runtimes: 'Heroku Enterprise accounts',
    ruleIds: ['HRK-LIVE-019'],
    learnMoreUrl: `${DEVCENTER}/audit-trail`,
    dashboard: (ctx) => {
      const enterprise = enterpriseOf(ctx.snapshot)?.name;
      return enterprise ? `${DASHBOARD}/enterprise/${enc(enterprise)}` : teamUrl(ctx);
    },
    applies: (ctx) => {
      if (!ctx.team) return { state: 'not-applicable', reason: 'Personal app: an Enterprise account feature' };
      const team = dataOf(ctx.snapshot.team);
      return team && !enterpriseOf(ctx.snapshot) ? { state: 'not-applicable', reason: 'The team is not in an Enterprise account' } : undefined;
    },
    needs: (ctx) => [
      { label: 'team', result: ctx.snapshot.team },
      { label: 'audit-trail archives', result: ctx.snapshot.enterpriseArchives },
    ],
    describe: (ctx) => {
      const archives = dataOf(ctx.snapshot.enterpriseArchives) ?? [];
      const labels = archives.map((a) => (a.year && a.month ? `${a.year}-${a.month}` : (a.created_at ?? '').slice(0, 7))).filter(Boolean).sort();
      return labels.length > 0 ? `${plural(archives.length, 'archive')}, newest ${labels[labels.length - 1]}` : 'No archives';
    },
  },
  {
    id: 'keystroke-logging',
    group: 'logging',
    title: 'Keystroke logging',
    why: 'In Shield spaces everything typed into an interactive `heroku run` session is logged, which audits production access.',
    runtimes: 'Shield Private Spaces (Cedar)',
    ruleIds: ['HRK-LIVE-027'],
    learnMoreUrl: `${DEVCENTER}/shield-private-space`,
    dashboard: () => accountUrl(),
    applies: shieldOnly,
    needs: (ctx) => [{ label: 'SSH keys', result: ctx.snapshot.accountKeys }],
    describe: (ctx) => `On for \`heroku run\`; ${plural(dataOf(ctx.snapshot.accountKeys)?.length ?? 0, 'SSH key')} on your account`,
  },
  // ---------- App & Data Access ----------
  {
    id: 'trusted-ips',
    group: 'data-access',
    title: 'Trusted IP ranges',
    why: 'Trusted IP ranges limit who can reach the space\'s web processes; new spaces allow 0.0.0.0/0, the whole internet.',
    runtimes: 'Private and Shield Spaces (Cedar)',
    ruleIds: ['HRK-LIVE-013'],
    learnMoreUrl: `${DEVCENTER}/private-spaces-trusted-ip-ranges`,
    dashboard: (ctx) => spaceUrl(ctx, 'network'),
    applies: cedarSpaceOnly,
    needs: (ctx) => [{ label: 'inbound ruleset', result: ctx.snapshot.inboundRuleset }],
    describe: (ctx) => {
      const rules = dataOf(ctx.snapshot.inboundRuleset)?.rules ?? [];
      const allowed = rules.filter((r) => r.action === 'allow').map((r) => r.source);
      if (rules.length === 0) return 'No ranges: all inbound web traffic blocked';
      return `${plural(allowed.length, 'allowed range')}: ${listSome(allowed, 2).replace(/`/g, '')}`;
    },
  },
  {
    id: 'internal-routing',
    group: 'data-access',
    title: 'Internal routing',
    why: 'An internally routed app is reachable only from inside the space and its peered or VPN networks, never from the internet.',
    runtimes: 'Private and Shield Spaces (Cedar)',
    ruleIds: ['HRK-LIVE-017'],
    learnMoreUrl: `${DEVCENTER}/internal-routing`,
    dashboard: (ctx) => appUrl(ctx, 'settings'),
    applies: cedarSpaceOnly,
    needs: () => [],
    describe: (ctx) => (ctx.app.internal_routing === true ? 'On: reachable only inside the space' : 'Off: reachable from the internet'),
  },
  {
    id: 'outbound-ips',
    group: 'data-access',
    title: 'Stable outbound IPs',
    why: 'Stable outbound IPs let the services the app calls allowlist the space\'s source addresses.',
    runtimes: 'Private and Shield Spaces (Cedar)',
    ruleIds: ['HRK-LIVE-014'],
    learnMoreUrl: `${DEVCENTER}/private-spaces`,
    dashboard: (ctx) => spaceUrl(ctx, 'network'),
    applies: cedarSpaceOnly,
    needs: (ctx) => [{ label: 'outbound IPs', result: ctx.snapshot.nat }],
    describe: (ctx) => {
      const nat = dataOf(ctx.snapshot.nat);
      if (!nat) return 'Unknown';
      return nat.state === 'enabled' ? `Enabled: ${listSome(nat.sources ?? [], 2).replace(/`/g, '')}` : `State ${nat.state ?? 'unknown'}`;
    },
  },
  {
    id: 'peering',
    group: 'data-access',
    title: 'Private Space peering',
    why: 'A VPC peering joins the space\'s network to another AWS VPC; every peering widens who can reach the apps.',
    runtimes: 'Private and Shield Spaces (Cedar)',
    ruleIds: ['HRK-LIVE-016'],
    learnMoreUrl: `${DEVCENTER}/private-space-peering`,
    dashboard: (ctx) => spaceUrl(ctx, 'network'),
    applies: cedarSpaceOnly,
    needs: (ctx) => [{ label: 'peerings', result: ctx.snapshot.peerings }],
    describe: (ctx) => {
      const peerings = dataOf(ctx.snapshot.peerings) ?? [];
      const active = peerings.filter((p) => p.status === 'active').length;
      return peerings.length === 0 ? 'No peerings' : `${plural(peerings.length, 'peering')}, ${active} active`;
    },
  },
  {
    id: 'vpn',
    group: 'data-access',
    title: 'Private Space VPN',
    why: 'A site-to-site VPN connects the space to an on-premises network; its status, key exchange and routes decide what crosses it.',
    runtimes: 'Private and Shield Spaces (Cedar)',
    ruleIds: ['HRK-LIVE-015'],
    learnMoreUrl: `${DEVCENTER}/private-space-vpn-connection`,
    dashboard: (ctx) => spaceUrl(ctx, 'network'),
    applies: cedarSpaceOnly,
    needs: (ctx) => [{ label: 'VPN connections', result: ctx.snapshot.vpnConnections }],
    // Name, status and IKE version only: the tunnels carry the pre-shared keys.
    describe: (ctx) => {
      const vpns = dataOf(ctx.snapshot.vpnConnections) ?? [];
      if (vpns.length === 0) return 'No VPN connections';
      return vpns.map((v) => `${v.name ?? 'vpn'} (${v.status ?? 'unknown'}${v.ike_version ? `, IKEv${v.ike_version}` : ''})`).join(', ');
    },
  },
  addonItem({ id: 'postgres', service: 'heroku-postgresql', title: 'Heroku Postgres', ruleId: 'HRK-LIVE-020', doc: 'heroku-postgres-plans', runtimes: 'All runtimes (Private and Shield plans in spaces)',
    why: 'Only Shield Postgres may hold certain regulated data, and only Private or Shield plans are networked into a space.' }),
  addonItem({ id: 'key-value-store', service: 'heroku-redis', title: 'Heroku Key-Value Store', ruleId: 'HRK-LIVE-021', doc: 'heroku-redis', runtimes: 'All runtimes (Private and Shield plans in spaces)',
    why: 'Shield Key-Value Store plans refuse external connections and require encrypted clients; only Private and Shield plans are networked into a space.' }),
  addonItem({ id: 'kafka', service: 'heroku-kafka', title: 'Apache Kafka on Heroku', ruleId: 'HRK-LIVE-022', doc: 'kafka-on-heroku', runtimes: 'All runtimes (Private and Shield plans in spaces)',
    why: 'Only Shield Kafka may stream regulated data that Private plans cannot carry.' }),
  addonItem({ id: 'heroku-connect', service: 'herokuconnect', title: 'Heroku Connect', ruleId: 'HRK-LIVE-023', doc: 'heroku-connect', runtimes: 'All runtimes (Shield plan in Shield spaces)',
    why: 'Heroku Connect syncs Salesforce data into Postgres; in Shield spaces it needs its Shield plan.' }),
  {
    id: 'pipeline',
    group: 'data-access',
    title: 'Heroku Flow',
    why: 'Pipelines promote tested releases to production; review apps must not get guessable URLs or run outside the space that holds the data.',
    runtimes: 'All runtimes (predictable review app URLs: Cedar only)',
    ruleIds: ['HRK-LIVE-024'],
    learnMoreUrl: `${DEVCENTER}/pipelines`,
    dashboard: (ctx) => {
      const pipeline = dataOf(ctx.snapshot.pipelineCoupling)?.pipeline?.id;
      return pipeline ? `${DASHBOARD}/pipelines/${enc(pipeline)}` : appUrl(ctx, 'deploy');
    },
    needs: (ctx) => [
      { label: 'pipeline coupling', result: ctx.snapshot.pipelineCoupling, notFoundIsData: true },
      { label: 'review app config', result: ctx.snapshot.reviewAppConfig, notFoundIsData: true, optional: true },
    ],
    describe: (ctx) => {
      const coupling = dataOf(ctx.snapshot.pipelineCoupling);
      if (!coupling) return 'Not in a pipeline';
      return `${coupling.stage ?? 'unknown'} stage of a pipeline${dataOf(ctx.snapshot.reviewAppConfig) ? ', review apps on' : ''}`;
    },
  },
  // ---------- Encryption ----------
  {
    id: 'acm',
    group: 'encryption',
    title: 'Automated Certificate Management (ACM)',
    why: 'Custom domains need a valid certificate for TLS; ACM issues and renews them so that none expires unnoticed.',
    runtimes: 'All runtimes',
    ruleIds: ['HRK-LIVE-010'],
    learnMoreUrl: `${DEVCENTER}/automated-certificate-management`,
    dashboard: (ctx) => appUrl(ctx, 'settings'),
    needs: (ctx) => [
      { label: 'domains', result: ctx.snapshot.domains },
      { label: 'SNI endpoints', result: ctx.snapshot.sniEndpoints, optional: true },
    ],
    describe: (ctx) => {
      const custom = (dataOf(ctx.snapshot.domains) ?? []).filter((d) => d.kind === 'custom').length;
      return `ACM ${ctx.app.acm === true ? 'on' : 'off'}; ${plural(custom, 'custom domain')}`;
    },
  },
  {
    id: 'strict-tls',
    group: 'encryption',
    title: 'Strict TLS (TLS 1.2+)',
    why: 'With `spaces-strict-tls`, the space\'s router refuses TLS 1.0; PCI DSS 4.2.1 asks for strong cryptography in transit.',
    runtimes: 'Private Spaces (on by default in Shield Private Spaces)',
    ruleIds: ['HRK-LIVE-011'],
    learnMoreUrl: `${DEVCENTER}/shield-private-space`,
    dashboard: (ctx) => appUrl(ctx, 'settings'),
    applies: (ctx) => (ctx.app.space ? undefined : NO_SPACE),
    needs: (ctx) => [{ label: 'app features', result: ctx.snapshot.features }],
    describe: (ctx) => {
      const feature = dataOf(ctx.snapshot.features)?.find((f) => f.name === 'spaces-strict-tls');
      return feature ? `spaces-strict-tls ${feature.enabled === true ? 'enabled' : 'disabled'}` : 'spaces-strict-tls not offered';
    },
  },
  // ---------- Data Backups ----------
  {
    id: 'backups',
    group: 'backups',
    title: 'Postgres rollback and backups',
    why: 'Rollback and high availability come with Standard plans and up; Essential databases have neither. Scheduled PG Backups are optional and live in the Data API.',
    runtimes: 'All runtimes',
    ruleIds: ['HRK-LIVE-020'],
    learnMoreUrl: `${DEVCENTER}/heroku-postgres-plans`,
    dashboard: (ctx) => appUrl(ctx, 'resources'),
    applies: addonApplies('heroku-postgresql', 'Heroku Postgres'),
    needs: (ctx) => [{ label: 'add-ons', result: ctx.snapshot.addons }],
    describe: (ctx) =>
      addonsOf(dataOf(ctx.snapshot.addons) ?? [])
        .filter((a) => a.service === 'heroku-postgresql')
        .map((a) => `${a.name}: ${pgRollback(a.plan)}`)
        .join(', '),
  },
];

/** The item list, for docs and reports: which item each rule reports on. */
export const SECURITY_ITEMS: readonly { readonly id: LiveItemId; readonly group: SecurityGroupId; readonly title: string; readonly ruleIds: readonly string[] }[] = ITEMS.map(
  ({ id, group, title, ruleIds }) => ({ id, group, title, ruleIds }),
);

// ---------- state ----------

const FORBIDDEN: ReadonlySet<ApiError['kind']> = new Set(['forbidden', 'two-factor']);

interface NeedFailure {
  readonly label: string;
  readonly error?: ApiError;
}

/** The failures among an item's needs: an error (unless a 404 is data), or a required endpoint that was not read. */
function failuresOf(needs: readonly Need[]): NeedFailure[] {
  const out: NeedFailure[] = [];
  for (const need of needs) {
    if (need.result === undefined) {
      if (!need.optional) out.push({ label: need.label });
    } else if (!need.result.ok && !(need.notFoundIsData && need.result.error.kind === 'not-found')) {
      out.push({ label: need.label, error: need.result.error });
    }
  }
  return out;
}

function itemFor(spec: ItemSpec, ctx: ItemContext, findings: readonly LiveFinding[], failedRules: ReadonlySet<string>): SecurityItem {
  const base = {
    id: spec.id,
    title: spec.title,
    why: spec.why,
    runtimes: spec.runtimes,
    ruleIds: spec.ruleIds,
    learnMoreUrl: spec.learnMoreUrl,
    dashboardUrl: spec.dashboard(ctx),
  };
  const applies = spec.applies?.(ctx);
  if (applies) return { ...base, state: applies.state, description: applies.reason };
  const failures = failuresOf(spec.needs(ctx));
  const failed = spec.ruleIds.find((id) => failedRules.has(id));
  const failing = findings.some((f) => f.severity === 'crit' || f.severity === 'high');
  if (failures.length > 0 || failed) {
    const forbidden = failures.find((f) => f.error && FORBIDDEN.has(f.error.kind));
    const chosen = forbidden ?? failures.find((f) => f.error) ?? failures[0];
    const error: ApiError | undefined = chosen?.error ?? (failed ? { kind: 'malformed', message: `${failed} could not evaluate the response` } : undefined);
    const description = forbidden
      ? `No permission to read ${forbidden.label}`
      : chosen
        ? chosen.error
          ? `Could not read ${chosen.label}: ${chosen.error.message}${retryHint(chosen.error)}`
          : `${chosen.label[0].toUpperCase()}${chosen.label.slice(1)} not read`
        : `${failed} could not evaluate the response`;
    // A failing finding is a floor: missing data cannot make the item better than `fail`.
    const state: ItemState = failing ? 'fail' : forbidden ? 'no-permission' : 'unknown';
    return { ...base, state, description: failing ? safeDescribe(spec, ctx) : description, ...(error ? { error } : {}) };
  }
  const state: ItemState = failing ? 'fail' : findings.length > 0 ? 'warn' : 'pass';
  return { ...base, state, description: safeDescribe(spec, ctx) };
}

/**
 * An item whose endpoints answered data of a shape the item's code did not expect (a wrong type where the schema has an
 * object, a list item that is null): `unknown`, like an endpoint that answered malformed JSON, instead of a state that
 * throws as a whole.
 */
function safeItemFor(spec: ItemSpec, ctx: ItemContext, findings: readonly LiveFinding[], failedRules: ReadonlySet<string>): SecurityItem {
  try {
    return itemFor(spec, ctx, findings, failedRules);
  } catch {
    const message = 'The Heroku API answered data of an unexpected shape.';
    return {
      id: spec.id,
      title: spec.title,
      why: spec.why,
      runtimes: spec.runtimes,
      ruleIds: spec.ruleIds,
      learnMoreUrl: spec.learnMoreUrl,
      dashboardUrl: appUrl(ctx),
      state: 'unknown',
      description: message,
      error: { kind: 'malformed', message },
    };
  }
}

/** describe() reads API data of any shape: a surprise there must not take the whole state down. */
function safeDescribe(spec: ItemSpec, ctx: ItemContext): string {
  try {
    // A field of the wrong type (a stack `name` that is an object) must not end up in the tree as a description.
    const description: unknown = spec.describe(ctx);
    return typeof description === 'string' ? description : '';
  } catch {
    return '';
  }
}

/**
 * The SecurityState of a snapshot at a profile (`auto` infers it from the app's space). Pure: the same snapshot
 * gives the same state.
 */
export function securityState(snapshot: LiveSnapshot, profileSetting: ProfileSetting, options: SecurityStateOptions = {}): SecurityState {
  const apiBase = snapshot.apiUrl.replace(/\/+$/, '');
  const profile = chooseLiveProfile(snapshot, profileSetting);
  const app = appOf(snapshot);
  const name = typeof app?.name === 'string' && app.name !== '' ? app.name : snapshot.appName;
  const appInfo = { name, dashboardUrl: `${DASHBOARD}/apps/${enc(name)}`, apiUrl: `${apiBase}/apps/${name}` };
  if (!snapshot.app.ok || !app) {
    const appError: ApiError = snapshot.app.ok ? { kind: 'malformed', message: 'GET /apps returned no app' } : snapshot.app.error;
    return { app: appInfo, profile, groups: [], findings: [], fetchedAt: snapshot.fetchedAt, appError };
  }
  const { findings, failures } = evaluateLiveRules(snapshot, profile.profile, { rules: options.rules, policy: options.policy });
  const ctx: ItemContext = {
    snapshot,
    app,
    name,
    fir: generationOf(snapshot) === 'fir',
    runtime: runtimeOf(snapshot) ?? 'common',
    team: teamNameOf(app),
    space: spaceNameOf(snapshot),
  };
  const failedRules = new Set(failures.map((f) => f.ruleId));
  const groups: SecurityGroup[] = (Object.keys(GROUP_TITLES) as SecurityGroupId[]).map((id) => ({
    id,
    title: GROUP_TITLES[id],
    items: ITEMS.filter((spec) => spec.group === id).map((spec) =>
      safeItemFor(
        spec,
        ctx,
        findings.filter((f) => f.itemId === spec.id),
        failedRules,
      ),
    ),
  }));
  return {
    app: {
      ...appInfo,
      runtime: ctx.runtime,
      generation: generationOf(snapshot),
      ...(typeof app.region?.name === 'string' && app.region.name ? { region: app.region.name } : {}),
      ...(ctx.space ? { space: ctx.space } : {}),
      ...(ctx.team ? { team: ctx.team } : {}),
    },
    profile,
    groups,
    findings,
    fetchedAt: snapshot.fetchedAt,
  };
}

/** When to try again after a 429, from Retry-After. */
function retryHint(error: ApiError): string {
  return error.kind === 'rate-limited' && error.retryAfterSeconds !== undefined ? ` (Retry-After: ${error.retryAfterSeconds} s)` : '';
}
