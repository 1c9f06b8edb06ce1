import { type ComplianceConfig, EMPTY_CONFIG, type RuleSetting } from './config';
import { Document } from './document';
import { matchesAnyGlob } from './glob';
import { dirOf, relativeTo } from './paths';
import { chooseGeneration, chooseProfile, type ProfileChoice } from './profile';
import { RULE_IDS } from './registry';
import type { AnyRule, AppFiles, RuleContext } from './rule';
import { baseSeverity, dispatchedRules, isSeveritySetting } from './ruleDispatch';
import { shiftSeverity } from './severity';
import { analyzeModule, moduleProfileOf } from './terraform/index';
import { dockerfileProcesses } from './sites';
import { applySuppressions, type SuppressionNotice, suppressionNotices } from './suppressions';
import type { Detection, Finding, Generation, ProfileSetting, Severity, SourceFile } from './types';

export interface LintRequest {
  readonly files: readonly SourceFile[];
  /** The config for every file, e.g. from `--config`; `configs` entries take precedence where they apply. */
  readonly config?: ComplianceConfig;
  /**
   * `.heroku-compliance.yml` files by the directory that holds them (`''` for the scan root). Each file uses
   * the nearest one at or above its directory, whole (no merging); its globs are relative to that directory.
   */
  readonly configs?: ReadonlyMap<string, ComplianceConfig>;
  /** `--profile` or the editor setting; `auto` or absent lets the engine infer. */
  readonly profile?: ProfileSetting;
  /** Run only these rules (preview rules included). */
  readonly only?: readonly string[];
  /**
   * Whether a path relative to the scan root exists; used by rules that look at the repo layout.
   * Without it only the linted files are known, and rules stay silent about any other path.
   */
  readonly fileExists?: (path: string) => boolean | undefined;
}

export interface AppSummary {
  readonly dir: string;
  readonly profile: ProfileChoice;
  readonly generation: Generation;
}

export interface RuleFailure {
  readonly ruleId: string;
  readonly path: string;
  readonly error: string;
}

export interface LintResult {
  readonly findings: Finding[];
  readonly suppressed: number;
  readonly apps: AppSummary[];
  /** Rules that threw; their other files were still checked. */
  readonly failures: RuleFailure[];
  /** Suppression directives that were not applied (no reason, unknown rule). */
  readonly notices: SuppressionNotice[];
}

export function lint(request: LintRequest): LintResult {
  const scopeOf = configResolver(request);
  const documents = new Map<string, Document>();
  for (const file of request.files) {
    const scope = scopeOf(dirOf(file.path));
    if (scope.config.ignore.length > 0 && matchesAnyGlob(relativeTo(scope.base, file.path), scope.config.ignore)) continue;
    const document = Document.parse(file);
    if (document.isHerokuFile) documents.set(file.path, document);
  }
  const appDirOf = attachDockerfiles(documents);
  const apps = groupApps(documents.values(), appDirOf);
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const summaries: AppSummary[] = [];
  const fileExists = request.fileExists ?? ((path: string) => (documents.has(path) ? true : undefined));

  for (const app of apps.values()) {
    const { config } = scopeOf(app.files.dir);
    const profile = chooseProfile(request.profile, config.profile, app.files);
    const generation = chooseGeneration(config.generation, app.files);
    // All `.tf` and `.tfvars` files of the directory form one module, built once and evaluated lazily.
    const tfDocuments = app.documents.filter(isTerraformDocument);
    const terraform =
      tfDocuments.length > 0
        ? analyzeModule(tfDocuments, { profile: request.profile, configProfile: config.profile, configGeneration: config.generation })
        : undefined;
    const moduleProfile = terraform ? moduleProfileOf(terraform.graph) : undefined;
    const hasAppFiles = app.files.appJson !== undefined || app.files.procfile !== undefined || app.files.herokuYml !== undefined;
    summaries.push({
      dir: app.files.dir,
      profile: moduleProfile && !hasAppFiles ? { profile: moduleProfile.profile, reason: moduleProfile.reason } : profile,
      generation,
    });
    for (const document of app.documents) {
      // Terraform files are checked under the module's profile; each resource's own profile rides on its detections.
      const context: RuleContext =
        terraform && moduleProfile && isTerraformDocument(document)
          ? { document, app: app.files, profile: moduleProfile.profile, generation, terraform, fileExists }
          : { document, app: app.files, profile: profile.profile, generation, fileExists };
      // A detection may carry its own profile (a Terraform resource in a Shield space), so a rule that is off
      // for the file's profile still runs when it is on for another one.
      for (const entry of dispatchedRules(config, request.only, document.kind)) {
        const rule = entry.rule;
        try {
          for (const detection of rule.check(context)) {
            const base = baseSeverity(entry, detection.profile ?? context.profile);
            if (base !== null) findings.push(toFinding(rule, detection, context, base, entry.setting, documents));
          }
        } catch (error) {
          failures.push({ ruleId: rule.meta.id, path: document.path, error: error instanceof Error ? error.message : String(error) });
        }
      }
    }
  }
  const { kept, suppressed } = applySuppressions(findings, documents, (path) => scopeOf(dirOf(path)));
  kept.sort(compareFindings);
  const notices = [...documents.values()].flatMap((document) => suppressionNotices(document, RULE_IDS));
  return { findings: dedupeSorted(kept), suppressed, apps: summaries, failures, notices };
}

export interface ConfigScope {
  readonly config: ComplianceConfig;
  /** The directory the config's globs are relative to. */
  readonly base: string;
}

function configResolver(request: LintRequest): (dir: string) => ConfigScope {
  const fallback: ConfigScope = { config: request.config ?? EMPTY_CONFIG, base: '' };
  const configs = request.configs;
  if (!configs || configs.size === 0) return () => fallback;
  const cache = new Map<string, ConfigScope>();
  const resolve = (dir: string): ConfigScope => {
    const cached = cache.get(dir);
    if (cached) return cached;
    const own = configs.get(dir);
    const scope = own ? { config: own, base: dir } : dir === '' ? fallback : resolve(dirOf(dir));
    cache.set(dir, scope);
    return scope;
  };
  return resolve;
}

function isTerraformDocument(document: Document): boolean {
  return document.kind === 'terraform' || document.kind === 'tfvars';
}

function toFinding(
  rule: AnyRule,
  detection: Detection<any>, // eslint-disable-line @typescript-eslint/no-explicit-any
  context: RuleContext,
  base: Severity,
  setting: RuleSetting | undefined,
  documents: ReadonlyMap<string, Document>,
): Finding {
  const path = detection.path ?? context.document.path;
  const lines = (documents.get(path) ?? context.document).lines;
  let severity = detection.severity ?? base;
  if (detection.shift) severity = shiftSeverity(severity, detection.shift);
  if (isSeveritySetting(setting)) severity = setting;
  const fix = rule.fix?.(detection, context);
  const ruleId = rule.meta.id;
  const message = rule.message(detection.data, context);
  const range = lines.range(detection.start, detection.end);
  const related = detection.related
    ? detection.related.map((r) => ({ path: r.path, message: r.message, range: (documents.get(r.path) ?? context.document).lines.range(r.start, r.end) }))
    : [];
  const profile = detection.profile ?? context.profile;
  // Two literals rather than a spread: the same property order (and JSON) either way, one object shape each.
  return fix && fix.edits.length > 0
    ? { ruleId, severity, message, path, range, related, fix, profile }
    : { ruleId, severity, message, path, range, related, profile };
}

interface AppGroup {
  readonly files: AppFiles;
  readonly documents: Document[];
}

/**
 * Keeps the Dockerfiles that a heroku.yml runs without a `run` command, tells each which processes it serves,
 * and drops the others. Returns the app directory of every document: a Dockerfile belongs to its heroku.yml's app.
 */
function attachDockerfiles(documents: Map<string, Document>): (document: Document) => string {
  const servedBy = new Map<string, { processes: string[]; appDir: string }>();
  for (const document of documents.values()) {
    const parsed = document.herokuYml;
    if (!parsed || parsed.errors.length > 0) continue;
    for (const [path, processes] of dockerfileProcesses(parsed, document.dir)) {
      const use = servedBy.get(path);
      servedBy.set(path, { processes: [...(use?.processes ?? []), ...processes], appDir: use?.appDir ?? document.dir });
    }
  }
  for (const document of [...documents.values()]) {
    if (document.kind !== 'dockerfile') continue;
    const use = servedBy.get(document.path);
    if (use) document.serveProcesses(use.processes);
    else documents.delete(document.path);
  }
  return (document) => (document.kind === 'dockerfile' ? servedBy.get(document.path)?.appDir ?? document.dir : document.dir);
}

/** Files in one directory form an app (with the Dockerfiles it runs); Terraform modules are grouped the same way. */
function groupApps(documents: Iterable<Document>, appDirOf: (document: Document) => string): Map<string, AppGroup> {
  const groups = new Map<string, { dir: string; documents: Document[] }>();
  for (const document of documents) {
    const dir = appDirOf(document);
    const group = groups.get(dir) ?? { dir, documents: [] };
    group.documents.push(document);
    groups.set(dir, group);
  }
  const apps = new Map<string, AppGroup>();
  for (const [dir, group] of groups) {
    const pick = (kind: Document['kind'], exactName?: string) =>
      group.documents.find((d) => d.kind === kind && (!exactName || d.basename === exactName)) ?? group.documents.find((d) => d.kind === kind);
    apps.set(dir, {
      files: { dir, appJson: pick('app.json'), procfile: pick('procfile', 'Procfile'), herokuYml: pick('heroku.yml') },
      documents: group.documents,
    });
  }
  return apps;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.range.start.offset - b.range.start.offset ||
    a.range.end.offset - b.range.end.offset ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}

/**
 * Drops repeated findings (same rule, file, range and message), keeping the first. `findings` must be sorted by
 * compareFindings (a stable sort), so that repeats sit in one run of equal sort keys and only that run is compared.
 */
export function dedupeSorted(findings: readonly Finding[]): Finding[] {
  // NaN offsets do not sort into runs: the general way then.
  if (findings.some((f) => Number.isNaN(f.range.start.offset) || Number.isNaN(f.range.end.offset))) return dedupeByKey(findings);
  const kept: Finding[] = [];
  let runStart = 0;
  for (const finding of findings) {
    const previous = kept[kept.length - 1] as Finding | undefined;
    if (!previous || compareFindings(previous, finding) !== 0) runStart = kept.length;
    let repeated = false;
    for (let i = runStart; i < kept.length && !repeated; i++) repeated = kept[i].message === finding.message;
    if (!repeated) kept.push(finding);
  }
  return kept;
}

/** dedupeSorted() for findings in any order: by a key of every compared field. */
export function dedupeByKey(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.ruleId}\u0000${f.path}\u0000${f.range.start.offset}\u0000${f.range.end.offset}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
