/**
 * Which rules run on a file, worked out once per config and file kind instead of once per file × rule: a
 * workspace lints thousands of small apps under the same config, and each pair used to filter the registry again.
 */
import type { ComplianceConfig, RuleSetting } from './config';
import { RULES } from './registry';
import type { AnyRule } from './rule';
import { type FileKind, type Profile, PROFILES, type Severity } from './types';

/** A rule that runs on a kind of file under a config, with what its findings need from that config. */
export interface DispatchedRule {
  readonly rule: AnyRule;
  /** The config's setting for the rule. */
  readonly setting: RuleSetting | undefined;
  /** The severity for a profile where the rule's metadata has none: the setting when it is a severity, else null. */
  readonly fallback: Severity | null;
}

/**
 * The base severity of a rule's finding under a profile, or null when the rule is off there. A detection may
 * carry its own profile (a Terraform resource in a Shield space), so this is asked per detection.
 */
export function baseSeverity(entry: DispatchedRule, profile: Profile): Severity | null {
  return entry.rule.meta.severity[profile] ?? entry.fallback;
}

/**
 * The rules to run on a file of `kind`, in registry order: those active under the config (or named by `only`),
 * meant for the kind, and on for at least one profile. Cached by config object (configs are never changed in place).
 */
export function dispatchedRules(config: ComplianceConfig, only: readonly string[] | undefined, kind: FileKind): readonly DispatchedRule[] {
  if (only && only.length > 0) return dispatchFor(config, only, kind);
  let byKind = cache.get(config);
  if (!byKind) cache.set(config, (byKind = new Map<FileKind, readonly DispatchedRule[]>()));
  let rules = byKind.get(kind);
  if (!rules) byKind.set(kind, (rules = dispatchFor(config, undefined, kind)));
  return rules;
}

const cache = new WeakMap<ComplianceConfig, Map<FileKind, readonly DispatchedRule[]>>();

/** dispatchedRules() without the cache: the general way, one filter over the registry. */
export function dispatchFor(config: ComplianceConfig, only: readonly string[] | undefined, kind: FileKind): DispatchedRule[] {
  const out: DispatchedRule[] = [];
  for (const rule of activeRules(config, only)) {
    if (!rule.meta.fileKinds.includes(kind)) continue;
    const setting = config.rules[rule.meta.id];
    const entry: DispatchedRule = { rule, setting, fallback: isSeveritySetting(setting) ? setting : null };
    if (PROFILES.every((profile) => baseSeverity(entry, profile) === null)) continue;
    out.push(entry);
  }
  return out;
}

function activeRules(config: ComplianceConfig, only: readonly string[] | undefined): readonly AnyRule[] {
  if (only && only.length > 0) return RULES.filter((rule) => only.includes(rule.meta.id));
  return RULES.filter((rule) => {
    const setting = config.rules[rule.meta.id];
    if (setting === 'off') return false;
    return !rule.meta.preview || setting !== undefined;
  });
}

export function isSeveritySetting(setting: RuleSetting | undefined): setting is Severity {
  return setting !== undefined && setting !== 'on' && setting !== 'off';
}
