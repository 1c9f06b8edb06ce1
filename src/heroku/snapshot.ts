/**
 * What the live view reads from the Platform API for one app: each endpoint's response or its error, as data.
 * `readSnapshot` (client side) fills it; `securityState` and the HRK-LIVE rules (pure) read it. An endpoint that
 * does not apply (no space, not a team app, a Cedar-only endpoint on Fir) is `undefined`.
 *
 * Secrets: `configVars` values and VPN `pre_shared_key`s are in memory only while rules run. Nothing that prints,
 * logs, stores or reports a snapshot may include them (`redactSnapshot`).
 */
import type * as Heroku from '@heroku-cli/schema';

/** Why an endpoint gave no data. */
export type ApiErrorKind =
  | 'unauthorized' // 401: the token is missing, wrong or expired
  | 'forbidden' // 403: the token's user (or its OAuth scope) may not read this
  | 'two-factor' // 403 with id two_factor: needs a second factor; never retried
  | 'not-found' // 404
  | 'rate-limited' // 429, with Retry-After when the API sent one
  | 'timeout' // the request's own deadline passed
  | 'aborted' // a refresh or dispose cancelled it
  | 'network' // no HTTP answer: refused, reset, DNS, TLS
  | 'server' // 5xx
  | 'malformed'; // 2xx whose body is not the JSON the endpoint documents

export interface ApiError {
  readonly kind: ApiErrorKind;
  /** HTTP status when there was one. */
  readonly status?: number;
  /** The API's error id (`forbidden`, `not_found`…) when it sent one. */
  readonly id?: string;
  /** For people; never contains the token. */
  readonly message: string;
  /** Seconds to wait, from Retry-After on a 429. */
  readonly retryAfterSeconds?: number;
}

export type EndpointResult<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: ApiError };

/** Telemetry drains (Fir) are not in @heroku-cli/schema 2.0.1; shape from the 3.sdk schema (reference §2). */
export interface TelemetryDrain {
  readonly id?: string;
  readonly signals?: readonly ('traces' | 'metrics' | 'logs')[];
  readonly exporter?: { readonly type?: 'otlphttp' | 'otlp'; readonly endpoint?: string; readonly headers?: Readonly<Record<string, string>> };
  readonly owner?: { readonly id?: string; readonly type?: 'app' | 'space' };
}

/** `GET /spaces/{space}/members` (schema `space-app-access`). */
export type SpaceMember = Heroku.SpaceAccess;

export interface LiveSnapshot {
  /** The app as linked (name or id). */
  readonly appName: string;
  /** The API's base URL, e.g. `https://api.heroku.com`. */
  readonly apiUrl: string;
  /** ISO 8601, when the reads started. */
  readonly fetchedAt: string;

  // The app
  readonly app: EndpointResult<Heroku.App>;
  /** Team-owned apps only: `locked` lives here. */
  readonly teamApp?: EndpointResult<Heroku.TeamApp>;
  readonly features?: EndpointResult<Heroku.AppFeature[]>;
  readonly buildpackInstallations?: EndpointResult<Heroku.BuildpackInstallations[]>;
  readonly formation?: EndpointResult<Heroku.Formation[]>;
  readonly addons?: EndpointResult<Heroku.AddOn[]>;
  readonly domains?: EndpointResult<Heroku.Domain[]>;
  readonly sniEndpoints?: EndpointResult<Heroku.SNIEndpoint[]>;
  /** Cedar only (Fir has no classic log drains). */
  readonly logDrains?: EndpointResult<Heroku.LogDrain[]>;
  /** Fir only. */
  readonly telemetryDrains?: EndpointResult<TelemetryDrain[]>;
  /** Needs a read-protected or global token. VALUES ARE SECRETS. */
  readonly configVars?: EndpointResult<Readonly<Record<string, string | null>>>;
  /** `/teams/apps/{app}/collaborators` for team apps, `/apps/{app}/collaborators` otherwise. */
  readonly collaborators?: EndpointResult<Heroku.TeamAppCollaborator[]>;
  readonly pipelineCoupling?: EndpointResult<Heroku.PipelineCoupling>;
  readonly reviewAppConfig?: EndpointResult<Heroku.ReviewAppConfiguration>;
  readonly stacks?: EndpointResult<Heroku.Stack[]>;

  // The space, when the app is in one
  readonly space?: EndpointResult<Heroku.Space>;
  readonly inboundRuleset?: EndpointResult<Heroku.InboundRuleset>;
  readonly nat?: EndpointResult<Heroku.SpaceNetworkAddressTranslation>;
  readonly peerings?: EndpointResult<Heroku.Peering[]>;
  /** Tunnels carry `pre_shared_key`: SECRET. */
  readonly vpnConnections?: EndpointResult<Heroku.PrivateSpacesVPN[]>;
  /** Private Space Logging (Shield); 404 when the space has none. */
  readonly spaceLogDrain?: EndpointResult<Heroku.LogDrain>;
  readonly spaceTelemetryDrains?: EndpointResult<TelemetryDrain[]>;
  readonly spaceMembers?: EndpointResult<SpaceMember[]>;

  // The account, its team and enterprise
  readonly account?: EndpointResult<Heroku.Account>;
  readonly accountKeys?: EndpointResult<Heroku.Key[]>;
  readonly oauthAuthorizations?: EndpointResult<Heroku.OAuthAuthorization[]>;
  readonly team?: EndpointResult<Heroku.Team>;
  readonly teamMembers?: EndpointResult<Heroku.TeamMember[]>;
  readonly teamPreferences?: EndpointResult<Heroku.TeamPreferences>;
  readonly allowedAddonServices?: EndpointResult<Heroku.AllowedAddOnService[]>;
  readonly teamAddons?: EndpointResult<Heroku.AddOn[]>;
  readonly enterpriseArchives?: EndpointResult<readonly { readonly year?: number; readonly month?: string; readonly created_at?: string }[]>;
}
