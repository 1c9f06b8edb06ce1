/** Composition root: builds each feature, hands it to the extension's subscriptions, and returns a small API. */
import * as vscode from 'vscode';
import { FindingStore } from './diagnostics/findingStore';
import { LiveLinter } from './diagnostics/liveLinter';
import { TerraformDocuments } from './diagnostics/terraformDocuments';
import { type CheckSummary, WorkspaceCheck } from './diagnostics/workspaceCheck';
import { pickAndLink } from './providers/appLinks';
import { CodeActions } from './providers/codeActions';
import { exportComplianceReport } from './providers/complianceReport';
import { HerokuSession } from './providers/herokuSession';
import { LiveView } from './providers/liveView';
import { selectProfile } from './providers/profilePicker';
import { RuleDocs } from './providers/ruleDocs';
import { dashboardUrlOf, SecurityTree, securityItemOf } from './providers/securityTree';
import { RUN_CHECK_COMMAND, StatusItem } from './providers/statusItem';
import { SELECT_REASON_COMMAND, selectSuppressionReason } from './providers/suppressionEdits';

/** What the extension returns from activate(); the integration tests use it to wait for lints and live reads. */
export interface HerokuComplianceApi {
  lintNow(document: vscode.TextDocument): Promise<void>;
  runCheck(): Thenable<CheckSummary>;
  live: LiveView;
  tree: SecurityTree;
  /** Where this extension's logs are written (the tests check that no secret reaches them). */
  logUri: vscode.Uri;
}

export function activate(context: vscode.ExtensionContext): HerokuComplianceApi {
  const log = vscode.window.createOutputChannel('Heroku Compliance', { log: true });
  const store = new FindingStore();
  const terraform = new TerraformDocuments();
  const check = new WorkspaceCheck(store, terraform, log);
  const linter = new LiveLinter(store, terraform, log, (uri) => check.covers(uri));
  const session = new HerokuSession(context.secrets, log);
  const live = new LiveView(session, log);
  const tree = new SecurityTree(live);
  const version = (context.extension.packageJSON as { version?: string }).version ?? '';
  context.subscriptions.push(
    log,
    store,
    terraform,
    check,
    linter,
    session,
    live,
    tree,
    new StatusItem(store),
    new CodeActions(store, terraform, log),
    new RuleDocs(context.extensionUri),
    vscode.commands.registerCommand(RUN_CHECK_COMMAND, () => check.run()),
    vscode.commands.registerCommand('herokuCompliance.selectProfile', () => selectProfile()),
    vscode.commands.registerCommand('herokuCompliance.showOutput', () => log.show()),
    vscode.commands.registerCommand(SELECT_REASON_COMMAND, (uri: string, save: boolean) => selectSuppressionReason(uri, save)),
    vscode.commands.registerCommand('herokuCompliance.signIn', () => session.signIn()),
    vscode.commands.registerCommand('herokuCompliance.signOut', () => session.signOut()),
    vscode.commands.registerCommand('herokuCompliance.linkApp', async () => {
      const api = await live.api();
      if (!api) return void vscode.window.showWarningMessage('Heroku Compliance: sign in first (or trust the workspace) to list your apps.');
      if (await pickAndLink(api)) await live.refresh();
    }),
    vscode.commands.registerCommand('herokuCompliance.refreshLive', () => live.refresh()),
    vscode.commands.registerCommand('herokuCompliance.exportReport', (target?: vscode.Uri) => exportComplianceReport(live, store, () => check.run(), version, target)),
    vscode.commands.registerCommand('herokuCompliance.learnMore', (node: unknown) => openUrl(securityItemOf(node)?.learnMoreUrl)),
    vscode.commands.registerCommand('herokuCompliance.openInDashboard', (node: unknown) => openUrl(dashboardUrlOf(node))),
  );
  return { lintNow: (document) => linter.lintNow(document), runCheck: () => check.run(), live, tree, logUri: context.logUri };
}

function openUrl(url: string | undefined): void {
  if (url) void vscode.env.openExternal(vscode.Uri.parse(url));
}

export function deactivate(): void {}
