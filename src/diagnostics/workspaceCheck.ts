/**
 * "Heroku Compliance: Run Compliance Check": lints every workspace folder (honouring .gitignore, config ignores,
 * `files.exclude` and `herokuCompliance.exclude`), with a cancellable progress notification, puts the findings of
 * every file in the Problems panel, and ends with a summary and a log.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type Finding, lint, type LintResult, type Severity, SEVERITIES } from '../engine';
import { filesExclude, readSettings } from '../settings';
import { findingKey, folderScope, type LintScope, splitByDirectory } from '../workspace/lintScope';
import { baseOf, EDITOR_SIZE_LIMIT, openDocument, openTexts } from './documents';
import type { FindingStore } from './findingStore';
import { publish } from './publish';
import type { TerraformDocuments } from './terraformDocuments';

/** Files linted between two progress reports (and cancellation checks). */
const FILES_PER_STEP = 200;

export interface CheckSummary {
  readonly folders: number;
  readonly files: number;
  readonly filesWithFindings: number;
  readonly counts: Readonly<Record<Severity, number>>;
  readonly cancelled: boolean;
}

const SEVERITY_NAMES: Record<Severity, string> = { crit: 'critical', high: 'high', med: 'medium', low: 'low', info: 'info' };

export class WorkspaceCheck implements vscode.Disposable {
  /** Files whose findings the last check published; they keep diagnostics while closed. */
  private readonly covered = new Set<string>();

  constructor(
    private readonly store: FindingStore,
    private readonly terraform: TerraformDocuments,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  covers(uri: vscode.Uri): boolean {
    return this.covered.has(uri.toString());
  }

  run(): Thenable<CheckSummary> {
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Heroku Compliance', cancellable: true },
      async (progress, token) => {
        const summary = await this.check(progress, token);
        this.report(summary);
        return summary;
      },
    );
  }

  private async check(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<CheckSummary> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const counts: Record<Severity, number> = { crit: 0, high: 0, med: 0, low: 0, info: 0 };
    let files = 0;
    let filesWithFindings = 0;
    this.log.info(`Compliance check of ${folders.length} workspace folder(s) started.`);
    progress.report({ message: 'Finding files…' });
    await yieldToEditor();
    if (folders.length > 0) await this.terraform.ready();
    const scopes: { folder: string; scope: LintScope }[] = [];
    for (const folder of folders) {
      if (token.isCancellationRequested) break;
      const folderPath = folder.uri.fsPath;
      const settings = readSettings(folder.uri);
      const overrides = { ...settings, exclude: [...settings.exclude, ...filesExclude(folder.uri)] };
      const options = { overrides, openText: openTexts(this.terraform), sizeLimit: EDITOR_SIZE_LIMIT, warn: (m: string) => this.log.warn(m) };
      scopes.push({ folder: folderPath, scope: folderScope(folderPath, baseOf(folderPath), options) });
    }
    const total = scopes.reduce((n, { scope }) => n + scope.request.files.filter((f) => f.kind !== 'dockerfile').length, 0);
    for (const { folder, scope } of scopes) {
      const findings = new Map<string, Finding>();
      const merged: LintResult = { findings: [], suppressed: 0, apps: [], failures: [], notices: [] };
      for (const part of splitByDirectory(scope.request, FILES_PER_STEP)) {
        if (token.isCancellationRequested) break;
        const result = lint(part);
        for (const f of result.findings) findings.set(findingKey(f), f);
        merged.failures.push(...result.failures);
        merged.notices.push(...result.notices);
        const checked = part.files.filter((f) => f.kind !== 'dockerfile').length;
        files += checked;
        progress.report({ message: `Checked ${files} of ${total} files, ${findings.size} findings so far`, increment: (checked / Math.max(total, 1)) * 100 });
        await yieldToEditor();
      }
      merged.findings.push(...findings.values());
      for (const failure of merged.failures) this.log.error(`rule ${failure.ruleId} failed on ${failure.path}: ${failure.error}`);
      for (const f of merged.findings) counts[f.severity]++;
      filesWithFindings += new Set(merged.findings.map((f) => f.path)).size;
      this.publishScope(folder, scope, merged);
    }
    return { folders: folders.length, files, filesWithFindings, counts, cancelled: token.isCancellationRequested };
  }

  private publishScope(folder: string, scope: LintScope, result: LintResult): void {
    // Files that had findings and are gone from the scope (deleted, ignored since) lose them.
    const inScope = new Set(scope.absolute.values());
    for (const uri of this.store.uris()) {
      if (uri.scheme === 'file' && uri.fsPath.startsWith(folder + path.sep) && !inScope.has(uri.fsPath) && !openDocument(uri)) this.store.delete(uri);
    }
    publish(this.store, scope, result, {
      targetOf: (path) => {
        const absolute = scope.absolute.get(path);
        if (!absolute) return undefined;
        const uri = vscode.Uri.file(absolute);
        this.covered.add(uri.toString());
        return { uri, version: openDocument(uri)?.version };
      },
      ownsConfig: (uri) => openDocument(uri) !== undefined,
    });
    for (const f of result.findings) {
      this.log.info(`${scope.absolute.get(f.path) ?? f.path}:${f.range.start.line}:${f.range.start.column} ${f.severity} ${f.ruleId} ${f.message}`);
    }
  }

  private report(summary: CheckSummary): void {
    const total = SEVERITIES.reduce((n, s) => n + summary.counts[s], 0);
    const bySeverity = SEVERITIES.filter((s) => summary.counts[s] > 0).map((s) => `${summary.counts[s]} ${SEVERITY_NAMES[s]}`);
    const head = summary.cancelled ? 'Compliance check cancelled' : 'Compliance check finished';
    const message =
      total === 0
        ? `${head}: no findings in ${plural(summary.files, 'file')}.`
        : `${head}: ${plural(total, 'finding')} in ${summary.filesWithFindings} of ${plural(summary.files, 'file')}: ${bySeverity.join(', ')}.`;
    this.log.info(message);
    void vscode.window.showInformationMessage(message, 'Show Problems').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
  }

  dispose(): void {
    this.covered.clear();
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Lets the editor handle input and repaint between steps of a long scan. */
function yieldToEditor(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
