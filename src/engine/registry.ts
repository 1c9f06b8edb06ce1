/** The one ordered list of rules. */
import type { AnyRule } from './rule';
import { appjsonRules } from './rules/appjson';
import { cmdRules } from './rules/cmd';
import { hymlRules } from './rules/hyml';
import { procRules } from './rules/proc';
import { secRules } from './rules/sec';
import { tfRules } from './rules/tf';
import type { RuleMeta } from './types';

export const RULES: readonly AnyRule[] = [...appjsonRules, ...procRules, ...cmdRules, ...secRules, ...hymlRules, ...tfRules];

const BY_ID = new Map<string, AnyRule>(RULES.map((rule) => [rule.meta.id, rule]));

export function ruleById(id: string): AnyRule | undefined {
  return BY_ID.get(id);
}

export function allRuleMeta(): RuleMeta[] {
  return RULES.map((rule) => rule.meta);
}

export const RULE_IDS: ReadonlySet<string> = new Set(BY_ID.keys());

/** Where each rule's documentation lives. */
export const DOCS_BASE_URL = 'https://github.com/heroku-compliance/heroku-compliance/blob/main/docs/rules';

export function ruleDocUrl(id: string): string {
  return `${DOCS_BASE_URL}/${id}.md`;
}
