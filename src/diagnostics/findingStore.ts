/**
 * The one diagnostic collection, and what code actions need behind it: for each file, the findings and the lint
 * scope they came from, valid while the file's text is the one that was linted.
 */
import * as vscode from 'vscode';
import type { Finding, ProfileChoice, Severity } from '../engine';
import type { LintScope } from '../workspace/lintScope';

/** The lint that produced a file's findings. */
export interface Analysis {
  readonly scope: LintScope;
  /** The file's engine path in the scope. */
  readonly path: string;
  readonly findings: readonly Finding[];
  /** The document version linted; undefined for a file that was not open. */
  readonly version: number | undefined;
  /** The profile of the file's app or module, and how it was chosen. */
  readonly profile: ProfileChoice | undefined;
}

export class FindingStore implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('herokuCompliance');
  private readonly analyses = new Map<string, Analysis>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires once after a burst of changes (a workspace check sets thousands of files). */
  readonly onDidChange = this.changed.event;
  private changeTimer: NodeJS.Timeout | undefined;

  set(uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[], analysis?: Analysis): void {
    this.collection.set(uri, diagnostics);
    if (analysis) this.analyses.set(uri.toString(), analysis);
    else this.analyses.delete(uri.toString());
    this.fireSoon();
  }

  delete(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.analyses.delete(uri.toString());
    this.fireSoon();
  }

  private fireSoon(): void {
    this.changeTimer ??= setTimeout(() => {
      this.changeTimer = undefined;
      this.changed.fire();
    }, 50);
  }

  has(uri: vscode.Uri): boolean {
    return this.collection.has(uri);
  }

  /** The analysis of a document, when it describes the document's current text. */
  analysisFor(document: vscode.TextDocument): Analysis | undefined {
    const analysis = this.analyses.get(document.uri.toString());
    return analysis && analysis.version === document.version ? analysis : undefined;
  }

  /** Every file that has diagnostics. */
  uris(): vscode.Uri[] {
    const uris: vscode.Uri[] = [];
    this.collection.forEach((uri) => uris.push(uri));
    return uris;
  }

  /** Every finding known, with the absolute path of its file (the findings' own paths are relative to their scope). */
  allFindings(): { readonly finding: Finding; readonly absolute: string | undefined }[] {
    return [...this.analyses.values()].flatMap((a) => a.findings.map((finding) => ({ finding, absolute: a.scope.absolute.get(finding.path) })));
  }

  /** Findings per severity over all files (from the analyses, which hold the engine's severities). */
  counts(): Record<Severity, number> {
    const counts: Record<Severity, number> = { crit: 0, high: 0, med: 0, low: 0, info: 0 };
    for (const analysis of this.analyses.values()) for (const f of analysis.findings) counts[f.severity]++;
    return counts;
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
    this.collection.dispose();
    this.changed.dispose();
  }
}
