/** `heroku-compliance check [paths...]`: discover, (fix), lint, filter by baseline, report, exit status. */
import * as fs from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import {
  applyBaseline,
  type Baseline,
  type ComplianceConfig,
  createBaseline,
  EMPTY_CONFIG,
  fingerprintFindings,
  fixAll,
  lint,
  type LintRequest,
  type LintResult,
  parseBaseline,
} from '../../engine';
import { isTerraformParserLoaded, loadTerraformParser } from '../../engine/parsers/terraform';
import type { CheckOptions } from '../args';
import { createColors, useColor } from '../colors';
import { ConfigLoader, findConfigDir } from '../../workspace/configLoader';
import { type Candidate, discover } from '../../workspace/discover';
import { describeError, relativePath } from '../../workspace/fsutil';
import { type LoadedFile, loadFiles, writeFileText } from '../../workspace/files';
import { formatJson } from '../formatters/json';
import { formatSarif } from '../formatters/sarif';
import { formatText } from '../formatters/text';
import { error, type Io, warning } from '../io';
import { displayFrom, type LintSettings, lintRequester } from '../lintSettings';
import { lintUnitsInParallel } from '../parallel/lintPool';
import { mergeUnitResults } from '../parallel/mergeUnits';
import { parallelPlan } from '../parallel/parallelPlan';
import { failsThreshold, type FixedFile, plural, type Report } from '../report';
import { TOOL_URL, TOOL_VERSION } from '../version';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;

/** A problem that stops the check with exit status 2 (bad path, config, baseline, output file). */
class CheckError extends Error {
  /** Lines printed as they are instead of the message (config problems as `file:line: message`). */
  constructor(
    message: string,
    readonly lines?: readonly string[],
  ) {
    super(message);
  }
}

export async function runCheck(options: CheckOptions, io: Io): Promise<number> {
  try {
    return await check(options, io);
  } catch (e) {
    if (e instanceof CheckError) {
      if (e.lines) io.err(e.lines.map((line) => `${line}\n`).join(''));
      error(io, e.message);
      return EXIT_ERROR;
    }
    throw e;
  }
}

async function check(options: CheckOptions, io: Io): Promise<number> {
  const display = displayFrom(io.cwd);
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    warning(io, message);
  };

  const inputs = options.paths.map((p) => path.resolve(io.cwd, p));
  for (const input of inputs) {
    if (!fs.existsSync(input) && !isSymlink(input)) throw new CheckError(`path not found: ${display(input)}`);
  }
  const start = statOrUndefined(inputs[0])?.isDirectory() ? inputs[0] : path.dirname(inputs[0]);

  // The base of the engine's paths: the directory of the config that governs the first path.
  const configs = new ConfigLoader(display);
  let base: string;
  let rootConfig: ComplianceConfig;
  if (options.config) {
    base = start;
    rootConfig = configs.load(path.resolve(io.cwd, options.config));
  } else {
    base = findConfigDir(start) ?? start;
    rootConfig = configs.loadDir(base) ?? EMPTY_CONFIG;
  }
  failOnConfigProblems(configs);
  const fromBase = (enginePath: string) => display(path.resolve(base, enginePath));
  const baseline = options.baseline ? loadBaseline(path.resolve(io.cwd, options.baseline), display) : undefined;

  const candidates = discover({ base, inputs, config: rootConfig, nestedConfigs: options.config ? undefined : configs, warn, display });
  // Siblings of named files are read for context only (see Candidate.context).
  const contextPaths = new Set(candidates.filter((c) => c.context).map((c) => c.path));
  failOnConfigProblems(configs);
  const settings: LintSettings = {
    cwd: io.cwd,
    base,
    maxFileSize: options.maxFileSize,
    config: rootConfig,
    configs: options.config ? undefined : new Map([...configs.byDir].map(([dir, config]) => [relativePath(base, dir), config])),
    profile: options.profile,
    only: options.rules.length > 0 ? options.rules : undefined,
  };

  const fixed: FixedFile[] = [];
  if (candidates.length === 0) warn(`no app.json, Procfile, heroku.yml or Terraform files found in ${inputs.map(display).join(', ')}`);
  const linted = (await lintInParallel(candidates, settings, options, warn)) ?? (await lintInProcess(candidates, settings, options.fix, fixed, warn, display, contextPaths));
  const { result, textOf, filesChecked } = linted;
  const named = contextPaths.size > 0 ? result.findings.filter((f) => !contextPaths.has(f.path)) : result.findings;
  for (const failure of result.failures) {
    error(io, `rule ${failure.ruleId} failed on ${fromBase(failure.path)}: ${failure.error}`);
  }
  for (const notice of result.notices) warn(`${fromBase(notice.path)}:${notice.line}: ${notice.message}`);

  if (options.writeBaseline) {
    const target = path.resolve(io.cwd, options.writeBaseline);
    writeOrFail(target, `${JSON.stringify(createBaseline(named, textOf), null, 2)}\n`, display);
    io.err(`Wrote ${plural(named.length, 'finding')} to the baseline ${display(target)}.\n`);
    return result.failures.length > 0 ? EXIT_ERROR : EXIT_OK;
  }

  // Fingerprints of the whole list, so that a finding keeps its fingerprint whatever the baseline hides.
  const allFingerprints = linted.fingerprints ?? fingerprintFindings(named, textOf);
  const fingerprintOf = new Map(named.map((f, i) => [f, allFingerprints[i]]));
  let findings = named;
  let baselined = 0;
  if (baseline) {
    const applied = applyBaseline(findings, baseline, textOf);
    findings = applied.kept;
    baselined = applied.matched;
  }

  const report: Report = {
    findings,
    fingerprints: findings.map((f) => fingerprintOf.get(f)!),
    apps: result.apps,
    profileSetting: options.profile,
    filesChecked,
    suppressed: result.suppressed,
    baselined,
    fixed,
    failures: result.failures,
    warnings,
    failOn: options.failOn,
    base: io.cwd,
    display: fromBase,
    textOf,
  };

  let output: string;
  if (options.format === 'json') {
    output = formatJson(report, TOOL_VERSION);
  } else if (options.format === 'sarif') {
    output = formatSarif(report, { version: TOOL_VERSION, informationUri: TOOL_URL });
  } else {
    const colors = createColors(options.output ? false : useColor(options.color, io.env, io.stdoutIsTTY));
    output = formatText(report, colors);
  }
  if (options.output) writeOrFail(path.resolve(io.cwd, options.output), output, display);
  else io.out(output);
  // The text report lists the fixes itself; with other formats, people still see them.
  if (options.format !== 'text') {
    for (const f of fixed) io.err(`fixed: ${fromBase(f.path)}: ${plural(f.fixes, 'fix', 'fixes')} (${f.ruleIds.join(', ')})\n`);
  }

  if (result.failures.length > 0) return EXIT_ERROR;
  return failsThreshold(findings, options.failOn) ? EXIT_FINDINGS : EXIT_OK;
}

/** What the report is made from, however the files were linted. */
interface Linted {
  readonly result: LintResult;
  /**
   * The linted text of a file, by engine path: at least of the files that fixes edit and, unless `fingerprints`
   * is given, of every file with a finding.
   */
  readonly textOf: (enginePath: string) => string | undefined;
  /** The fingerprints of the findings outside context files, when they were made while linting. */
  readonly fingerprints?: readonly string[];
  /** Files read, context files (siblings of named files) not counted. */
  readonly filesChecked: number;
}

/** Reads every file, applies `--fix`, and lints everything in one call of the engine. */
async function lintInProcess(
  candidates: readonly Candidate[],
  settings: LintSettings,
  fix: boolean,
  fixed: FixedFile[],
  warn: (message: string) => void,
  display: (absolute: string) => string,
  contextPaths: ReadonlySet<string>,
): Promise<Linted> {
  let files: LoadedFile[] = loadFiles(candidates, { bytes: settings.maxFileSize, name: '--max-file-size' }, warn, display);
  if (!isTerraformParserLoaded() && files.some((f) => f.kind === 'terraform' || f.kind === 'tfvars')) {
    try {
      await loadTerraformParser();
    } catch (e) {
      throw new CheckError(describeError(e));
    }
  }
  const request = lintRequester(settings);
  if (fix) files = applySafeFixes(files, request, fixed, warn, display, (p) => !contextPaths.has(p));
  const result = lint(request(files));
  const texts = new Map(files.map((f) => [f.path, f.text]));
  return { result, textOf: (p) => texts.get(p), filesChecked: files.filter((f) => !contextPaths.has(f.path)).length };
}

/**
 * Lints independent groups of apps and modules on worker threads (see parallel/workUnits.ts), when `--jobs`
 * allows it and the scan is large enough to gain from it. Undefined when the files are linted in process
 * instead: `--jobs 1`, `--fix` (it rewrites files between lints), a small scan, or units found not to be
 * independent after all. The result is the same as in process: same findings in the same order, same
 * warnings, failures and notices.
 */
async function lintInParallel(candidates: readonly Candidate[], settings: LintSettings, options: CheckOptions, warn: (message: string) => void): Promise<Linted | undefined> {
  const plan = options.fix ? undefined : parallelPlan(candidates, options.jobs, availableParallelism());
  if (!plan) return undefined;
  const keepFindingTexts = options.baseline !== undefined || options.writeBaseline !== undefined;
  const merged = mergeUnitResults(await lintUnitsInParallel(plan.units, settings, { keepFindingTexts }, plan.workers));
  if (merged.escapes) return undefined;
  for (const message of merged.warnings) warn(message);
  if (merged.parserError !== undefined) throw new CheckError(merged.parserError);
  return {
    result: merged.lint,
    textOf: (p) => merged.texts.get(p),
    filesChecked: merged.filesChecked,
    fingerprints: merged.fingerprints,
  };
}

/** Applies safe fixes until stable and writes the changed files back. Returns the files with their new text. */
function applySafeFixes(
  files: LoadedFile[],
  request: (sources: readonly LoadedFile[]) => LintRequest,
  fixed: FixedFile[],
  warn: (message: string) => void,
  display: (absolute: string) => string,
  writable: (path: string) => boolean,
): LoadedFile[] {
  const result = fixAll(request(files), ['safe']);
  const fixedFiles = new Map(result.files.map((f) => [f.path, f.text]));
  // Count the applied fixes per file they edit (a fix may edit another file than its finding's).
  const counts = new Map<string, { fixes: number; ruleIds: Set<string> }>();
  for (const finding of result.applied) {
    for (const p of new Set(finding.fix?.edits.map((e) => e.path) ?? [])) {
      const entry = counts.get(p) ?? { fixes: 0, ruleIds: new Set<string>() };
      entry.fixes++;
      entry.ruleIds.add(finding.ruleId);
      counts.set(p, entry);
    }
  }
  return files.map((file) => {
    const text = fixedFiles.get(file.path);
    if (text === undefined || text === file.text || !writable(file.path)) return file;
    if (!file.roundTrips) {
      // Writing the decoded text back would replace the invalid bytes.
      warn(`not fixing ${display(file.absolute)}: it is not valid UTF-8`);
      return file;
    }
    // The fix was made from the text read at the start: if an editor or a tool wrote the file since, writing it
    // would throw their change away.
    const now = currentText(file.absolute);
    if (now !== file.text) {
      warn(`not fixing ${display(file.absolute)}: ${now instanceof Error ? describeError(now) : 'it changed during the check'}`);
      return file;
    }
    try {
      writeFileText(file.absolute, text);
    } catch (e) {
      warn(`cannot write the fixes to ${display(file.absolute)}: ${describeError(e)}`);
      return file;
    }
    const entry = counts.get(file.path);
    fixed.push({ path: file.path, fixes: entry?.fixes ?? 1, ruleIds: [...(entry?.ruleIds ?? [])].sort() });
    return { ...file, text };
  });
}

/** The file's text now, or the error that reading it gives. */
function currentText(absolute: string): string | Error {
  try {
    return fs.readFileSync(absolute, 'utf8');
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

function failOnConfigProblems(configs: ConfigLoader): void {
  if (configs.problems.length > 0) {
    throw new CheckError(plural(configs.problems.length, 'config problem'), configs.problems);
  }
}

function loadBaseline(file: string, display: (absolute: string) => string): Baseline {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CheckError(`cannot read the baseline ${display(file)}: ${describeError(e)}`);
  }
  try {
    return parseBaseline(text);
  } catch (e) {
    throw new CheckError(`invalid baseline ${display(file)}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function writeOrFail(file: string, text: string, display: (absolute: string) => string): void {
  try {
    fs.writeFileSync(file, text, 'utf8');
  } catch (e) {
    throw new CheckError(`cannot write ${display(file)}: ${describeError(e)}`);
  }
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

function isSymlink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}
