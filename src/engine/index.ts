/** The engine's public API, shared by the CLI, the extension and the tests. */
export * from './types';
export { lint, type LintRequest, type LintResult, type AppSummary, type RuleFailure } from './lint';
export { applyFixes, fixAll } from './fixes';
export { RULES, RULE_IDS, ruleById, allRuleMeta, ruleDocUrl, DOCS_BASE_URL } from './registry';
export { parseConfig, CONFIG_FILE_NAME, EMPTY_CONFIG, type ComplianceConfig, type ConfigProblem, type RuleSetting } from './config';
export { createBaseline, parseBaseline, applyBaseline, type Baseline } from './baseline';
export { fingerprintFindings } from './fingerprint';
export { fileKindOf } from './fileKinds';
export { isTfvarsJson } from './parsers/tfvarsJson';
export { matchesAnyGlob, matchesGlob } from './glob';
export { atLeast, severityRank, isSeverity } from './severity';
export { applyEdits, LineIndex, maskSecret, minimalEdit } from './text';
export { SUPPRESSION_DIRECTIVE, commentPrefix } from './suppressions';
export type { ProfileChoice } from './profile';
export { loadTerraformParser, isTerraformParserLoaded, HclDocumentParser, parseHcl, type HclEdit } from './parsers/terraform';
export type { HclFile } from './terraform/hcl';
export { inlineIgnoreEdit, jsonPointerAt, configWithSuppression } from './ignores';
export type { ConfigSuppression } from './config';
