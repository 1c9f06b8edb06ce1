/**
 * Reads a `LiveSnapshot` for one app: the app first (it decides what else applies), then every other endpoint at
 * once. Each endpoint's failure stays in its own field; the whole read shares one deadline.
 * Endpoints, Accept variants and applicability: reference heroku-platform.md §2, §3.
 */
import type * as Heroku from '@heroku-cli/schema';
import { setMaxListeners } from 'node:events';
import { type ApiVersion, DEFAULT_DEADLINE_MS, type HerokuApi } from './api';
import type { EndpointResult, LiveSnapshot, SpaceMember, TelemetryDrain } from './snapshot';

export interface ReadSnapshotOptions {
  readonly signal?: AbortSignal;
  /** Milliseconds for the whole read; default 10 000. */
  readonly deadlineMs?: number;
}

type Generation = 'cedar' | 'fir';

/** `generation` is a string in 3.sdk and `{id, name}` in plain v3 (reference §12.1); absent means Cedar. */
export function generationOf(resource: { readonly [k: string]: unknown } | undefined): Generation {
  const value = resource?.generation;
  const name = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? (value as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.toLowerCase() === 'fir' ? 'fir' : 'cedar';
}

/**
 * The owning team of a team app, or undefined for a personal app (reference §3.1, the CLI's rule). Fields of another
 * type than the schema's (a broken proxy, an API bug) count as absent: they must not throw or become a path.
 */
export function teamOf(app: Heroku.App): string | undefined {
  const named = text(app.team?.name) ?? text(app.organization?.name);
  if (named) return named;
  const email = text(app.owner?.email);
  return email?.endsWith('@herokumanager.com') ? email.slice(0, -'@herokumanager.com'.length) : undefined;
}

/** A non-empty string, or undefined. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export async function readSnapshot(api: HerokuApi, appName: string, options: ReadSnapshotOptions = {}): Promise<LiveSnapshot> {
  // One listener on the caller's signal; the ~30 concurrent reads listen to our own (hence the raised limit).
  const controller = new AbortController();
  setMaxListeners(64, controller.signal);
  const onAbort = (): void => controller.abort();
  if (options.signal?.aborted) controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await readAll(api, appName, options.deadlineMs ?? DEFAULT_DEADLINE_MS, controller.signal);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
}

async function readAll(api: HerokuApi, appName: string, deadlineMs: number, signal: AbortSignal): Promise<LiveSnapshot> {
  const started = new Date();
  const end = started.getTime() + deadlineMs;
  const read = <T>(path: string, expect: 'object' | 'array', accept: ApiVersion = '3', range?: string): Promise<EndpointResult<T>> =>
    api.get<T>(path, { expect, accept, range, signal, deadlineMs: Math.max(1, end - Date.now()) });
  const object = <T>(path: string, accept?: ApiVersion) => read<T>(path, 'object', accept);
  const array = <T>(path: string, accept?: ApiVersion, range?: string) => read<T[]>(path, 'array', accept, range);
  const base = { appName, apiUrl: api.apiUrl, fetchedAt: started.toISOString() };

  const app = await object<Heroku.App>(`/apps/${seg(appName)}`, '3.sdk');
  if (!app.ok) return { ...base, app };

  const a = `/apps/${seg(text(app.data.name) ?? appName)}`;
  const fir = generationOf(app.data) === 'fir';
  const team = teamOf(app.data);
  const space = text(app.data.space?.name) ?? text(app.data.space?.id);
  const t = team === undefined ? undefined : `/teams/${seg(team)}`;
  const s = space === undefined ? undefined : `/spaces/${seg(space)}`;

  const teamRead = t ? object<Heroku.Team>(t) : undefined;
  const couplingRead = object<Heroku.PipelineCoupling>(`${a}/pipeline-couplings`);
  // Second-level reads: the review-app config needs the coupling's pipeline, the archives the team's enterprise.
  const reviewConfigRead = couplingRead.then(async (coupling) => {
    const pipeline = coupling.ok ? text(coupling.data.pipeline?.id) : undefined;
    return pipeline ? await object<Heroku.ReviewAppConfiguration>(`/pipelines/${seg(pipeline)}/review-app-config`) : undefined;
  });
  const archivesRead = teamRead?.then(async (teamResult) => {
    const enterprise = teamResult.ok ? text(teamResult.data.enterprise_account?.id) : undefined;
    return enterprise ? await array<Heroku.AuditTrailArchive>(`/enterprise-accounts/${seg(enterprise)}/archives`) : undefined;
  });

  const fields = await settle({
    account: object<Heroku.Account>('/account'),
    accountKeys: array<Heroku.Key>('/account/keys'),
    oauthAuthorizations: array<Heroku.OAuthAuthorization>('/oauth/authorizations'),
    stacks: array<Heroku.Stack>('/stacks'),
    features: array<Heroku.AppFeature>(`${a}/features`),
    buildpackInstallations: array<Heroku.BuildpackInstallations>(`${a}/buildpack-installations`),
    formation: array<Heroku.Formation>(`${a}/formation`),
    addons: array<Heroku.AddOn>(`${a}/addons`),
    domains: array<Heroku.Domain>(`${a}/domains`),
    sniEndpoints: array<Heroku.SNIEndpoint>(`${a}/sni-endpoints`),
    // Fir has no classic log drains; it has telemetry drains (3.sdk).
    logDrains: fir ? undefined : array<Heroku.LogDrain>(`${a}/log-drains`),
    telemetryDrains: fir ? array<TelemetryDrain>(`${a}/telemetry-drains`, '3.sdk') : undefined,
    configVars: object<Record<string, string | null>>(`${a}/config-vars`),
    collaborators: array<Heroku.TeamAppCollaborator>(t ? `/teams${a}/collaborators` : `${a}/collaborators`),
    pipelineCoupling: couplingRead,
    reviewAppConfig: reviewConfigRead,

    teamApp: t ? object<Heroku.TeamApp>(`/teams${a}`) : undefined,
    team: teamRead,
    // The members list pages by email only (schema `ranges`); heroku-client's default `id` range would be refused.
    teamMembers: t ? array<Heroku.TeamMember>(`${t}/members`, '3', 'email ..; max=1000') : undefined,
    teamPreferences: t ? object<Heroku.TeamPreferences>(`${t}/preferences`) : undefined,
    allowedAddonServices: t ? array<Heroku.AllowedAddOnService>(`${t}/allowed-addon-services`) : undefined,
    teamAddons: t ? array<Heroku.AddOn>(`${t}/addons`) : undefined,
    enterpriseArchives: archivesRead,

    space: s ? object<Heroku.Space>(s, '3.sdk') : undefined,
    spaceMembers: s ? array<SpaceMember>(`${s}/members`) : undefined,
    // Cedar-only space features (trusted IPs, NAT, peering, VPN, Private Space Logging) do not exist on Fir.
    inboundRuleset: s && !fir ? object<Heroku.InboundRuleset>(`${s}/inbound-ruleset`) : undefined,
    nat: s && !fir ? object<Heroku.SpaceNetworkAddressTranslation>(`${s}/nat`) : undefined,
    peerings: s && !fir ? array<Heroku.Peering>(`${s}/peerings`) : undefined,
    vpnConnections: s && !fir ? array<Heroku.PrivateSpacesVPN>(`${s}/vpn-connections`) : undefined,
    // The CLI reads the space drain with 3.dogwood; a space without Private Space Logging answers 404.
    spaceLogDrain: s && !fir ? object<Heroku.LogDrain>(`${s}/log-drain`, '3.dogwood') : undefined,
    spaceTelemetryDrains: s && fir ? array<TelemetryDrain>(`${s}/telemetry-drains`, '3.sdk') : undefined,
  });

  return { ...base, app, ...fields };
}

/** Awaits every promise of an object; undefined values (endpoints that do not apply) stay undefined. */
async function settle<T extends Record<string, Promise<unknown> | undefined>>(reads: T): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const keys = Object.keys(reads) as (keyof T)[];
  const values = await Promise.all(keys.map((key) => reads[key]));
  const out = {} as { [K in keyof T]: Awaited<T[K]> };
  keys.forEach((key, i) => {
    if (values[i] !== undefined) out[key] = values[i];
  });
  return out;
}

function seg(value: string): string {
  return encodeURIComponent(value);
}
