/**
 * The data a fake Platform API serves: plain JSON (so a scenario can also come from a file), typed by
 * @heroku-cli/schema. A field left out answers 404, as the API does for something that is not there.
 */
import type * as Heroku from '@heroku-cli/schema';
import { createHash } from 'node:crypto';
import type { SpaceMember, TelemetryDrain } from '../../src/heroku/snapshot';

export interface FakeApp {
  /** `generation` is written as a string (`cedar`/`fir`); the server answers `{id, name}` unless asked for 3.sdk. */
  readonly app: Heroku.App;
  /** Team-owned apps only (`GET /teams/apps/{app}`, where `locked` lives). */
  readonly teamApp?: Heroku.TeamApp;
  readonly features?: Heroku.AppFeature[];
  readonly buildpackInstallations?: Heroku.BuildpackInstallations[];
  readonly formation?: Heroku.Formation[];
  readonly addons?: Heroku.AddOn[];
  readonly domains?: Heroku.Domain[];
  readonly sniEndpoints?: Heroku.SNIEndpoint[];
  /** Cedar only. */
  readonly logDrains?: Heroku.LogDrain[];
  /** Fir only. */
  readonly telemetryDrains?: TelemetryDrain[];
  readonly configVars?: Record<string, string | null>;
  /** Served on `/apps/{app}/collaborators`, and on `/teams/apps/{app}/collaborators` for team apps. */
  readonly collaborators?: Heroku.TeamAppCollaborator[];
  /** Absent: the app is in no pipeline (404). */
  readonly pipelineCoupling?: Heroku.PipelineCoupling;
}

export interface FakeSpace {
  readonly space: Heroku.Space;
  readonly members?: SpaceMember[];
  /** Cedar spaces only, like nat, peerings, vpnConnections and logDrain. */
  readonly inboundRuleset?: Heroku.InboundRuleset;
  readonly nat?: Heroku.SpaceNetworkAddressTranslation;
  readonly peerings?: Heroku.Peering[];
  readonly vpnConnections?: Heroku.PrivateSpacesVPN[];
  /** Private Space Logging (Shield); absent: 404. */
  readonly logDrain?: Heroku.LogDrain;
  /** Fir spaces only. */
  readonly telemetryDrains?: TelemetryDrain[];
}

export interface FakeTeam {
  readonly team: Heroku.Team;
  readonly members?: Heroku.TeamMember[];
  readonly preferences?: Heroku.TeamPreferences;
  readonly allowedAddonServices?: Heroku.AllowedAddOnService[];
  readonly addons?: Heroku.AddOn[];
}

export interface FakePipeline {
  readonly pipeline: Heroku.Pipeline;
  readonly reviewAppConfig?: Heroku.ReviewAppConfiguration;
}

export interface FakeEnterpriseAccount {
  readonly account: Heroku.EnterpriseAccount;
  readonly archives: Heroku.AuditTrailArchive[];
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  /** The app the scenario is about (the one a demo workspace links to). */
  readonly app: string;
  readonly account: Heroku.Account;
  readonly accountKeys: Heroku.Key[];
  readonly oauthAuthorizations: Heroku.OAuthAuthorization[];
  readonly stacks: Heroku.Stack[];
  /** Every app the account sees (`GET /apps`), the scenario's app among them. */
  readonly apps: FakeApp[];
  readonly spaces?: FakeSpace[];
  readonly teams?: FakeTeam[];
  readonly pipelines?: FakePipeline[];
  readonly enterpriseAccounts?: FakeEnterpriseAccount[];
  /** Path patterns (`*` = one segment, `**` = the rest) that answer 403 forbidden for this account. */
  readonly forbidden?: string[];
}

/** A stable UUID-shaped id for a name, so that scenarios are the same on every run. */
export function fakeId(kind: string, name: string): string {
  const hex = createHash('sha256').update(`${kind}:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
