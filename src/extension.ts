/** Composition root: builds each feature, hands it to the extension's subscriptions, and returns a small API. */
import * as vscode from 'vscode';
import { FindingStore } from './diagnostics/findingStore';
import { LiveLinter } from './diagnostics/liveLinter';
import { TerraformDocuments } from './diagnostics/terraformDocuments';
import { type CheckSummary, WorkspaceCheck } from './diagnostics/workspaceCheck';
import { CodeActions } from './providers/codeActions';
import { selectProfile } from './providers/profilePicker';
import { RuleDocs } from './providers/ruleDocs';
import { RUN_CHECK_COMMAND, StatusItem } from './providers/statusItem';
import { SELECT_REASON_COMMAND, selectSuppressionReason } from './providers/suppressionEdits';

/** What the extension returns from activate(); the integration tests use it to wait for lints. */
export interface HerokuComplianceApi {
  lintNow(document: vscode.TextDocument): Promise<void>;
  runCheck(): Thenable<CheckSummary>;
}

export function activate(context: vscode.ExtensionContext): HerokuComplianceApi {
  const log = vscode.window.createOutputChannel('Heroku Compliance', { log: true });
  const store = new FindingStore();
  const terraform = new TerraformDocuments();
  const check = new WorkspaceCheck(store, terraform, log);
  const live = new LiveLinter(store, terraform, log, (uri) => check.covers(uri));
  context.subscriptions.push(
    log,
    store,
    terraform,
    check,
    live,
    new StatusItem(store),
    new CodeActions(store, terraform, log),
    new RuleDocs(context.extensionUri),
    vscode.commands.registerCommand(RUN_CHECK_COMMAND, () => check.run()),
    vscode.commands.registerCommand('herokuCompliance.selectProfile', () => selectProfile()),
    vscode.commands.registerCommand('herokuCompliance.showOutput', () => log.show()),
    vscode.commands.registerCommand(SELECT_REASON_COMMAND, (uri: string, save: boolean) => selectSuppressionReason(uri, save)),
  );
  return { lintNow: (document) => live.lintNow(document), runCheck: () => check.run() };
}

export function deactivate(): void {}
