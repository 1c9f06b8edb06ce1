/**
 * Code actions for Heroku Compliance diagnostics: the rule's fix (safe ones preferred, suggestions titled as
 * such), ignore on this line or in the config file, rule documentation, and fix all (also as
 * `source.fixAll.herokuCompliance` for `editor.codeActionsOnSave`).
 */
import * as vscode from 'vscode';
import { type Finding, fixAll, minimalEdit } from '../engine';
import { ruleIdOf, toVscodeRange } from '../diagnostics/convert';
import { kindOf, scopeOfDocument } from '../diagnostics/documents';
import type { Analysis, FindingStore } from '../diagnostics/findingStore';
import type { TerraformDocuments } from '../diagnostics/terraformDocuments';
import { toWorkspaceEdit } from '../diagnostics/convert';
import { SHOW_RULE_DOCS_COMMAND } from './ruleDocs';
import { configSuppression, inlineSuppression } from './suppressionEdits';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('herokuCompliance');
export const SELECTOR: vscode.DocumentSelector = [
  { scheme: 'file', pattern: '**/{app.json,Procfile,heroku.yml,*.tf,*.tfvars,*.tfvars.json,Dockerfile,Dockerfile.*,*.Dockerfile}' },
  { scheme: 'file', language: 'procfile' },
  { scheme: 'untitled', language: 'procfile' },
  { scheme: 'untitled', language: 'terraform' },
];

export class CodeActions implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];
  private readonly registration: vscode.Disposable;

  constructor(
    private readonly store: FindingStore,
    private readonly terraform: TerraformDocuments,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.registration = vscode.languages.registerCodeActionsProvider(SELECTOR, this, { providedCodeActionKinds: CodeActions.providedCodeActionKinds });
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only?.contains(FIX_ALL_KIND)) return this.fixAllActions(document, FIX_ALL_KIND);
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(context.only)) return [];
    const analysis = this.store.analysisFor(document);
    if (!analysis) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const finding = findingOf(analysis, diagnostic);
      if (finding) actions.push(...this.actionsFor(document, analysis, finding, diagnostic));
    }
    if (actions.length > 0 && analysis.findings.some((f) => f.fix?.safety === 'safe')) actions.push(...this.fixAllActions(document, vscode.CodeActionKind.QuickFix));
    return actions;
  }

  private actionsFor(document: vscode.TextDocument, analysis: Analysis, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const texts = new Map(analysis.scope.request.files.map((f) => [f.path, f.text]));
    const uriOf = (p: string) => {
      const absolute = analysis.scope.absolute.get(p);
      return absolute ? vscode.Uri.file(absolute) : p === analysis.path ? document.uri : undefined;
    };
    const fix = finding.fix;
    const edit = fix && toWorkspaceEdit(fix.edits, (p) => texts.get(p), uriOf);
    if (fix && edit) {
      const action = new vscode.CodeAction(fix.safety === 'safe' ? fix.title : `Suggestion: ${fix.title}`, vscode.CodeActionKind.QuickFix);
      action.edit = edit;
      action.diagnostics = [diagnostic];
      action.isPreferred = fix.safety === 'safe';
      actions.push(action);
    }
    const suppression = kindOf(document) === 'app.json' ? configSuppression(analysis, finding, this.log) : inlineSuppression(analysis, finding, document.uri);
    if (suppression) {
      const where = kindOf(document) === 'app.json' ? 'in .heroku-compliance.yml' : 'on this line';
      const action = new vscode.CodeAction(`Ignore ${finding.ruleId} ${where}`, vscode.CodeActionKind.QuickFix);
      action.edit = suppression.edit;
      action.command = suppression.command;
      action.diagnostics = [diagnostic];
      actions.push(action);
    }
    const docs = new vscode.CodeAction(`Show documentation for ${finding.ruleId}`, vscode.CodeActionKind.QuickFix);
    docs.command = { title: docs.title, command: SHOW_RULE_DOCS_COMMAND, arguments: [finding.ruleId] };
    docs.diagnostics = [diagnostic];
    actions.push(docs);
    return actions;
  }

  /** One action that applies every safe fix whose edits stay in this document, re-linting between passes. */
  private fixAllActions(document: vscode.TextDocument, kind: vscode.CodeActionKind): vscode.CodeAction[] {
    const documentKind = kindOf(document);
    if (!documentKind || documentKind === 'config') return [];
    const scope = scopeOfDocument(document, documentKind, this.terraform, (m) => this.log.warn(m));
    const file = scope?.request.files.find((f) => (scope.absolute.get(f.path) ?? f.path) === (document.isUntitled ? f.path : document.uri.fsPath));
    if (!scope || !file) return [];
    const onlyHere = (f: Finding) => f.path === file.path && !!f.fix && f.fix.edits.every((e) => e.path === file.path);
    const fixed = fixAll(scope.request, ['safe'], 10, onlyHere).files.find((f) => f.path === file.path);
    const change = fixed && minimalEdit(file.path, file.text, fixed.text);
    if (!change) return [];
    const action = new vscode.CodeAction('Fix all safe Heroku Compliance problems in this file', kind);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.newText);
    return [action];
  }

  dispose(): void {
    this.registration.dispose();
  }
}

function findingOf(analysis: Analysis, diagnostic: vscode.Diagnostic): Finding | undefined {
  const ruleId = ruleIdOf(diagnostic);
  return ruleId ? analysis.findings.find((f) => f.ruleId === ruleId && toVscodeRange(f.range).isEqual(diagnostic.range)) : undefined;
}
