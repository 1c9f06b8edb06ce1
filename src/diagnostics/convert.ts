/** Engine results in VS Code's types: ranges, diagnostics and edits. */
import * as vscode from 'vscode';
import { type Finding, LineIndex, type Range, ruleDocUrl, type Severity, type TextEdit } from '../engine';

export const SOURCE = 'Heroku Compliance';

/** DESIGN.md: crit and high are errors, med a warning, low information, info a hint. */
const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  crit: vscode.DiagnosticSeverity.Error,
  high: vscode.DiagnosticSeverity.Error,
  med: vscode.DiagnosticSeverity.Warning,
  low: vscode.DiagnosticSeverity.Information,
  info: vscode.DiagnosticSeverity.Hint,
};

export function toVscodeRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line - 1, range.start.column - 1, range.end.line - 1, range.end.column - 1);
}

/** `uriOf` maps an engine path to its file; related locations in unknown files are left out. */
export function toDiagnostic(finding: Finding, uriOf: (path: string) => vscode.Uri | undefined): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVscodeRange(finding.range), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = SOURCE;
  diagnostic.code = { value: finding.ruleId, target: vscode.Uri.parse(ruleDocUrl(finding.ruleId)) };
  const related = finding.related.flatMap((r) => {
    const uri = uriOf(r.path);
    return uri ? [new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toVscodeRange(r.range)), r.message)] : [];
  });
  if (related.length > 0) diagnostic.relatedInformation = related;
  return diagnostic;
}

/** A diagnostic for something that is not a rule's finding (a config problem, an unapplied suppression). */
export function noticeDiagnostic(line: number, message: string, code: string, severity = vscode.DiagnosticSeverity.Warning): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(new vscode.Range(line - 1, 0, line - 1, Number.MAX_SAFE_INTEGER), message, severity);
  diagnostic.source = SOURCE;
  diagnostic.code = code;
  return diagnostic;
}

export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return typeof code === 'string' && code.startsWith('HRK-') ? code : undefined;
}

/** Engine edits (offsets into the texts they were computed on) as a WorkspaceEdit. */
export function toWorkspaceEdit(edits: readonly TextEdit[], textOf: (path: string) => string | undefined, uriOf: (path: string) => vscode.Uri | undefined): vscode.WorkspaceEdit | undefined {
  const workspaceEdit = new vscode.WorkspaceEdit();
  const indexes = new Map<string, LineIndex>();
  for (const edit of edits) {
    const text = textOf(edit.path);
    const uri = uriOf(edit.path);
    if (text === undefined || !uri) return undefined;
    let index = indexes.get(edit.path);
    if (!index) indexes.set(edit.path, (index = new LineIndex(text)));
    workspaceEdit.replace(uri, toVscodeRange(index.range(edit.start, edit.end)), edit.newText);
  }
  return workspaceEdit;
}
