/** The HRK-LIVE rules, in id order, and their evaluation at a profile. */
import type { RuleSetting } from '../engine/config';
import { isSeverity, shiftSeverity } from '../engine/severity';
import type { Profile, RuleMeta } from '../engine/types';
import { type AnyLiveRule, DEFAULT_LIVE_POLICY, type LiveFinding, type LivePolicy } from './liveRule';
import live001 from './rules/HRK-LIVE-001-runtime-placement';
import live002 from './rules/HRK-LIVE-002-mfa-sso-coverage';
import live003 from './rules/HRK-LIVE-003-enterprise-permissions';
import live004 from './rules/HRK-LIVE-004-lock-apps';
import live005 from './rules/HRK-LIVE-005-addon-allowlist';
import live006 from './rules/HRK-LIVE-006-oauth-authorizations';
import live007 from './rules/HRK-LIVE-007-config-var-hygiene';
import live008 from './rules/HRK-LIVE-008-stack-status';
import live009 from './rules/HRK-LIVE-009-formation';
import live010 from './rules/HRK-LIVE-010-acm-certificates';
import live011 from './rules/HRK-LIVE-011-strict-tls';
import live012 from './rules/HRK-LIVE-012-heroku-exec';
import live013 from './rules/HRK-LIVE-013-trusted-ip-ranges';
import live014 from './rules/HRK-LIVE-014-stable-outbound-ips';
import live015 from './rules/HRK-LIVE-015-vpn-connections';
import live016 from './rules/HRK-LIVE-016-vpc-peerings';
import live017 from './rules/HRK-LIVE-017-internal-routing';
import live018 from './rules/HRK-LIVE-018-logging-coverage';
import live019 from './rules/HRK-LIVE-019-audit-trail';
import live020 from './rules/HRK-LIVE-020-postgres-posture';
import live021 from './rules/HRK-LIVE-021-key-value-store-posture';
import live022 from './rules/HRK-LIVE-022-kafka-posture';
import live023 from './rules/HRK-LIVE-023-heroku-connect-plan';
import live024 from './rules/HRK-LIVE-024-heroku-flow';
import live025 from './rules/HRK-LIVE-025-space-app-access';
import live026 from './rules/HRK-LIVE-026-third-party-addons';
import live027 from './rules/HRK-LIVE-027-ssh-keys';
import type { LiveSnapshot } from './snapshot';

export const LIVE_RULES: readonly AnyLiveRule[] = [
  live001, live002, live003, live004, live005, live006, live007, live008, live009, live010, live011, live012, live013, live014,
  live015, live016, live017, live018, live019, live020, live021, live022, live023, live024, live025, live026, live027,
];

const BY_ID = new Map<string, AnyLiveRule>(LIVE_RULES.map((rule) => [rule.meta.id, rule]));

export function liveRuleById(id: string): AnyLiveRule | undefined {
  return BY_ID.get(id);
}

export function allLiveRuleMeta(): RuleMeta[] {
  return LIVE_RULES.map((rule) => rule.meta);
}

export const LIVE_RULE_IDS: ReadonlySet<string> = new Set(BY_ID.keys());

export interface LiveEvaluationOptions {
  /** Per-rule settings as in `.heroku-compliance.yml`: `off`, `on` (also enables a preview rule) or a fixed severity. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly policy?: Partial<LivePolicy>;
}

/** A rule that threw on data it did not expect: its items are `unknown`, the other rules still run. */
export interface LiveRuleFailure {
  readonly ruleId: string;
  readonly message: string;
}

export interface LiveEvaluation {
  readonly findings: LiveFinding[];
  readonly failures: LiveRuleFailure[];
}

/**
 * Runs every enabled live rule at `profile`. Nothing runs when GET /apps failed: every other endpoint hangs off it.
 * A rule that is off for the profile (`—` in the catalog) reports nothing, unless a fixed severity is set for it.
 */
export function evaluateLiveRules(snapshot: LiveSnapshot, profile: Profile, options: LiveEvaluationOptions = {}): LiveEvaluation {
  const findings: LiveFinding[] = [];
  const failures: LiveRuleFailure[] = [];
  if (!snapshot.app.ok) return { findings, failures };
  const policy: LivePolicy = { ...DEFAULT_LIVE_POLICY, ...options.policy };
  for (const rule of LIVE_RULES) {
    const setting = options.rules?.[rule.meta.id];
    if (setting === 'off' || (rule.meta.preview && setting === undefined)) continue;
    const base = rule.meta.severity[profile] ?? (setting !== undefined && isSeverity(setting) ? setting : null);
    if (base === null) continue;
    try {
      for (const detection of rule.check(snapshot, { profile, policy })) {
        let severity = detection.severity ?? base;
        if (detection.shift) severity = shiftSeverity(severity, detection.shift);
        if (setting !== undefined && isSeverity(setting)) severity = setting;
        findings.push({ ruleId: rule.meta.id, severity, message: rule.message(detection), itemId: detection.itemId, profile });
      }
    } catch (error) {
      failures.push({ ruleId: rule.meta.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { findings, failures };
}
