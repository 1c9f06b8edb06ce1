/**
 * The shape of a live rule (HRK-LIVE-*): metadata as data (the same `RuleMeta` as the file rules), detection in
 * check() over a `LiveSnapshot`, prose in message(). Pure: no vscode, no network.
 *
 * A live rule never reports on an endpoint that is `undefined` (not read, or not applicable) or failed: that is an
 * `unknown` or `no-permission` state of the SecurityState item, not a finding.
 */
import type { Profile, RuleMeta, Severity } from '../engine/types';
import type { LiveSnapshot } from './snapshot';

/** The SecurityState items, one per feature of the Security & Compliance article (see securityState.ts). */
export const LIVE_ITEM_IDS = [
  // Runtime
  'runtime',
  'generation',
  'stack',
  'dynos',
  // Authentication & Access
  'sso',
  'mfa',
  'permissions',
  'lock-apps',
  'addon-controls',
  'oauth',
  'config-vars',
  'heroku-exec',
  // Logging & Monitoring
  'log-drains',
  'telemetry',
  'private-space-logging',
  'audit-trail',
  'keystroke-logging',
  // App & Data Access
  'trusted-ips',
  'internal-routing',
  'outbound-ips',
  'peering',
  'vpn',
  'postgres',
  'key-value-store',
  'kafka',
  'heroku-connect',
  'pipeline',
  // Encryption
  'acm',
  'strict-tls',
  // Data Backups
  'backups',
] as const;
export type LiveItemId = (typeof LIVE_ITEM_IDS)[number];

/**
 * Organisation policy that some catalog conditions leave open ("too many admins", "age over a policy limit",
 * "peerings not on the expected list", "apps the user tags as internal"). The defaults are documented in each
 * rule's doc; `.heroku-compliance.yml` could set them (not wired yet).
 */
export interface LivePolicy {
  /** HRK-LIVE-003: more team admins (role admin or owner) than this is reported. */
  readonly maxTeamAdmins: number;
  /** HRK-LIVE-006: OAuth authorizations older than this many days are reported. */
  readonly oauthMaxAgeDays: number;
  /** HRK-LIVE-010: SNI certificates that expire within this many days are reported. */
  readonly certificateExpiryDays: number;
  /** HRK-LIVE-015: VPN routable CIDRs with a prefix shorter than this (e.g. `/7`) are reported as too broad. */
  readonly vpnMinCidrPrefix: number;
  /** HRK-LIVE-016: expected peerings, by `pcx_id` or AWS account id. Undefined: every live peering is reported for review. */
  readonly expectedPeerings?: readonly string[];
  /** HRK-LIVE-017: names of apps that must not be reachable from the internet (internal routing). */
  readonly internalApps: readonly string[];
  /** HRK-LIVE-019: the newest audit-trail archive must be younger than this many days. */
  readonly auditArchiveMaxAgeDays: number;
  /** HRK-LIVE-025: e-mail addresses of non-admins allowed to create apps in the space. */
  readonly allowedSpaceAppCreators: readonly string[];
  /** HRK-LIVE-027: SSH keys older than this many days are reported. */
  readonly sshKeyMaxAgeDays: number;
  /** HRK-LIVE-027: known SSH key fingerprints. Undefined: keys are judged by age only. */
  readonly knownSshKeys?: readonly string[];
}

export const DEFAULT_LIVE_POLICY: LivePolicy = {
  maxTeamAdmins: 3,
  oauthMaxAgeDays: 365,
  certificateExpiryDays: 30,
  vpnMinCidrPrefix: 8,
  internalApps: [],
  auditArchiveMaxAgeDays: 62,
  allowedSpaceAppCreators: [],
  sshKeyMaxAgeDays: 365,
};

export interface LiveContext {
  /** The active profile: its column of the catalog gives the severities. */
  readonly profile: Profile;
  readonly policy: LivePolicy;
}

/** What check() returns: small facts, no prose, and the SecurityState item they belong to. */
export interface LiveDetection<D = unknown> {
  readonly itemId: LiveItemId;
  readonly data: D;
  /** An absolute severity where the catalog prescribes a special level (e.g. `info` for an approaching end of life). */
  readonly severity?: Severity;
  /** Raise (+1) or lower (-1) the profile severity by this many levels. Applied after `severity`. */
  readonly shift?: number;
}

export interface LiveRule<D = unknown> {
  /** `area: 'LIVE'`, `fileKinds: []`, `fix: 'none'`. */
  readonly meta: RuleMeta;
  check(snapshot: LiveSnapshot, context: LiveContext): Iterable<LiveDetection<D>>;
  /** One sentence. Never a secret value: config var findings name the key and the kind of credential only. */
  message(detection: LiveDetection<D>): string;
}

/** A live finding at the active profile. */
export interface LiveFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** The SecurityState item it belongs to. */
  readonly itemId: LiveItemId;
  readonly profile: Profile;
}

/** Identity helper that keeps the data type of a rule's detections. */
export function defineLiveRule<D>(rule: LiveRule<D>): LiveRule<D> {
  return rule;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLiveRule = LiveRule<any>;
