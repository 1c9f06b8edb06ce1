/**
 * One work unit of a parallel check, wherever it runs (a worker thread or the main thread): read its files,
 * lint them, fingerprint the findings, and keep only what the report needs, so that the texts of the unit can
 * be freed.
 */
import { fingerprintFindings, lint, type LintResult } from '../../engine';
import { isTerraformParserLoaded, loadTerraformParser } from '../../engine/parsers/terraform';
import type { Candidate } from '../../workspace/discover';
import { loadFiles } from '../../workspace/files';
import { describeError } from '../../workspace/fsutil';
import { displayFrom, type LintSettings, lintRequester } from '../lintSettings';

export interface UnitOptions {
  /**
   * Return the texts of every file with a finding, not only of those that fixes edit: a baseline is read or
   * written from them.
   */
  readonly keepFindingTexts: boolean;
}

export interface UnitResult {
  /** Warnings about files that could not be read, in file order. */
  readonly warnings: string[];
  /** Set when the Terraform parser could not be loaded: the check stops with this message. */
  readonly parserError?: string;
  /** Files read that are not context files (see Candidate.context). */
  readonly filesChecked: number;
  readonly lint?: LintResult;
  /**
   * The fingerprints of the findings that are not in context files, in order. A fingerprint counts identical
   * keys, and a key holds the file's path: all of a file's findings are in its unit, so the unit's fingerprints
   * are those of the whole list.
   */
  readonly fingerprints: string[];
  /** The texts the report reads: of the files that fixes edit (and with a baseline, of every file with a finding). */
  readonly texts: [string, string][];
  /**
   * A finding or fix points at a file outside the unit: the units were not independent after all, and the
   * caller must lint everything at once instead.
   */
  readonly escapes: boolean;
}

export async function lintUnit(candidates: readonly Candidate[], settings: LintSettings, options: UnitOptions): Promise<UnitResult> {
  const warnings: string[] = [];
  const files = loadFiles(candidates, { bytes: settings.maxFileSize, name: '--max-file-size' }, (message) => warnings.push(message), displayFrom(settings.cwd));
  const contextPaths = new Set(candidates.filter((c) => c.context).map((c) => c.path));
  const filesChecked = files.filter((f) => !contextPaths.has(f.path)).length;
  if (!isTerraformParserLoaded() && files.some((f) => f.kind === 'terraform' || f.kind === 'tfvars')) {
    try {
      await loadTerraformParser();
    } catch (e) {
      return { warnings, parserError: describeError(e), filesChecked, fingerprints: [], texts: [], escapes: false };
    }
  }
  const result = lint(lintRequester(settings)(files));
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const named = contextPaths.size > 0 ? result.findings.filter((f) => !contextPaths.has(f.path)) : result.findings;
  const fingerprints = fingerprintFindings(named, (p) => texts.get(p));
  const kept = new Map<string, string>();
  let escapes = false;
  const keep = (path: string) => {
    const text = texts.get(path);
    if (text === undefined) escapes = true;
    else kept.set(path, text);
  };
  for (const finding of result.findings) {
    if (options.keepFindingTexts) keep(finding.path);
    else if (!texts.has(finding.path)) escapes = true;
    for (const edit of finding.fix?.edits ?? []) keep(edit.path);
  }
  return { warnings, filesChecked, lint: result, fingerprints, texts: [...kept], escapes };
}
