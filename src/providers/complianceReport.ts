/** "Heroku Compliance: Export Compliance Report": the live state plus the workspace's findings, as Markdown and JSON. */
import * as vscode from 'vscode';
import type { FindingStore } from '../diagnostics/findingStore';
import { ruleById } from '../engine';
import { liveRuleById } from '../heroku/liveRegistry';
import { reportJson, reportMarkdown } from '../heroku/report';
import type { LiveView } from './liveView';

/** Writes `<target>.md` and `<target>.json`; asks where when no target is given (the command palette). */
export async function exportComplianceReport(
  live: LiveView,
  store: FindingStore,
  runCheck: () => Thenable<unknown>,
  version: string,
  given?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const stamp = new Date().toISOString();
  const target = given ?? await vscode.window.showSaveDialog({
    title: 'Heroku Compliance: export the compliance report',
    defaultUri: folder && vscode.Uri.joinPath(folder, `heroku-compliance-report-${stamp.slice(0, 10)}.md`),
    filters: { Markdown: ['md'] },
  });
  if (!target) return undefined;
  // The report stands for the whole workspace and the app as it is now, so both are read again.
  await runCheck();
  await live.refresh();
  const input = {
    generatedAt: stamp,
    toolVersion: version,
    apps: live.results.flatMap((f) => (f.kind === 'ready' ? [f.state] : [])),
    unreadable: live.results.flatMap((f) => (f.kind === 'failed' ? [{ app: f.link.app ?? f.link.folder.name, reason: f.error.message }] : [])),
    findings: store.allFindings().map(({ finding, absolute }) => ({ ...finding, path: absolute ? vscode.workspace.asRelativePath(absolute) : finding.path })),
    controlsOf: (ruleId: string) => (ruleById(ruleId) ?? liveRuleById(ruleId))?.meta.controls ?? [],
  };
  const jsonUri = target.with({ path: target.path.replace(/\.md$/i, '') + '.json' });
  await vscode.workspace.fs.writeFile(target, Buffer.from(reportMarkdown(input), 'utf8'));
  await vscode.workspace.fs.writeFile(jsonUri, Buffer.from(reportJson(input), 'utf8'));
  void vscode.window.showInformationMessage(`Heroku Compliance: report written to ${vscode.workspace.asRelativePath(target)} and ${vscode.workspace.asRelativePath(jsonUri)}.`);
  return target;
}
