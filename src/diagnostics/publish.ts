/** Publishing a lint result: findings and suppression notices per file, config problems on the config files. */
import * as vscode from 'vscode';
import type { Finding, LintResult } from '../engine';
import { dirOf } from '../engine/paths';
import type { LintScope } from '../workspace/lintScope';
import { noticeDiagnostic, toDiagnostic } from './convert';
import type { FindingStore } from './findingStore';

/** A file to publish for: its document's URI and, when open, the version that was linted. */
export interface Target {
  readonly uri: vscode.Uri;
  readonly version: number | undefined;
}

export interface PublishOptions {
  /** Which files of the scope get diagnostics (by engine path); the others are left as they are. */
  readonly targetOf: (path: string) => Target | undefined;
  /** URIs of config files whose diagnostics someone else owns (open config documents, validated as typed). */
  readonly ownsConfig: (uri: vscode.Uri) => boolean;
}

export function publish(store: FindingStore, scope: LintScope, result: LintResult, options: PublishOptions): void {
  const uriOf = (path: string) => {
    const absolute = scope.absolute.get(path);
    return absolute ? vscode.Uri.file(absolute) : options.targetOf(path)?.uri;
  };
  const byPath = new Map<string, Finding[]>();
  for (const finding of result.findings) byPath.set(finding.path, [...(byPath.get(finding.path) ?? []), finding]);
  for (const file of scope.request.files) {
    const target = options.targetOf(file.path);
    if (!target) continue;
    const findings = byPath.get(file.path) ?? [];
    const notices = result.notices.filter((n) => n.path === file.path).map((n) => noticeDiagnostic(n.line, n.message, 'suppression'));
    const profile = result.apps.find((app) => app.dir === dirOf(file.path))?.profile;
    store.set(target.uri, [...findings.map((f) => toDiagnostic(f, uriOf)), ...notices], { scope, path: file.path, findings, version: target.version, profile });
  }
  for (const file of scope.configFiles) {
    const uri = vscode.Uri.file(file);
    if (!options.ownsConfig(uri)) publishConfigProblems(store, uri, scope.configProblems.filter((p) => p.file === file));
  }
}

export function publishConfigProblems(store: FindingStore, uri: vscode.Uri, problems: readonly { readonly line?: number; readonly message: string }[]): void {
  if (problems.length === 0) {
    if (store.has(uri)) store.delete(uri);
    return;
  }
  const diagnostics = problems.map((p) => noticeDiagnostic(p.line ?? 1, `${p.message} The config file is not applied until this is fixed.`, 'config', vscode.DiagnosticSeverity.Error));
  store.set(uri, diagnostics);
}
