/** "Show documentation for HRK-…": the rule's page shipped with the extension, in the Markdown preview (offline). */
import * as vscode from 'vscode';
import { allRuleMeta, ruleById, ruleDocUrl } from '../engine';

export const SHOW_RULE_DOCS_COMMAND = 'herokuCompliance.showRuleDocumentation';

export class RuleDocs implements vscode.Disposable {
  private readonly command: vscode.Disposable;

  constructor(private readonly extensionUri: vscode.Uri) {
    this.command = vscode.commands.registerCommand(SHOW_RULE_DOCS_COMMAND, (ruleId?: string) => this.show(ruleId));
  }

  /** Opens the page of `ruleId`, or asks for a rule when none is given (from the command palette). */
  async show(ruleId?: string): Promise<void> {
    const id = ruleId ?? (await pickRule());
    if (!id || !ruleById(id)) return;
    const page = vscode.Uri.joinPath(this.extensionUri, 'docs', 'rules', `${id}.md`);
    try {
      await vscode.workspace.fs.stat(page);
      await vscode.commands.executeCommand('markdown.showPreview', page);
    } catch {
      await vscode.env.openExternal(vscode.Uri.parse(ruleDocUrl(id)));
    }
  }

  dispose(): void {
    this.command.dispose();
  }
}

async function pickRule(): Promise<string | undefined> {
  const items = allRuleMeta().map((rule) => ({ label: rule.id, description: rule.title, detail: rule.summary }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Heroku Compliance: rule documentation', matchOnDescription: true, matchOnDetail: true });
  return picked?.label;
}
