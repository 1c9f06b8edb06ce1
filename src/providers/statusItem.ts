/**
 * The status bar item: the active file's profile and how it was chosen, and the finding counts of the workspace.
 * Clicking it runs the compliance check.
 */
import * as vscode from 'vscode';
import { type Severity } from '../engine';
import type { FindingStore } from '../diagnostics/findingStore';
import { readSettings } from '../settings';

export const RUN_CHECK_COMMAND = 'herokuCompliance.runCheck';

const PROFILE_NAMES: Record<string, string> = { common: 'Common Runtime', private: 'Private Space', shield: 'Shield' };

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('herokuCompliance.status', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly store: FindingStore) {
    this.item.name = 'Heroku Compliance';
    this.item.command = RUN_CHECK_COMMAND;
    this.disposables = [
      store.onDidChange(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('herokuCompliance.profile') && this.update()),
    ];
    this.update();
    this.item.show();
  }

  private update(): void {
    const document = vscode.window.activeTextEditor?.document;
    const choice = document ? this.store.analysisFor(document)?.profile : undefined;
    const setting = readSettings(document?.uri).profile;
    const profile = choice?.profile ?? (setting === 'auto' ? undefined : setting);
    const how = choice?.reason ?? (setting === 'auto' ? 'inferred from each app when it is checked' : 'set in the settings');
    const counts = this.store.counts();
    const errors = counts.crit + counts.high;
    this.item.text = `$(shield) Heroku: ${profile ? PROFILE_NAMES[profile] : 'auto'}  $(error) ${errors}  $(warning) ${counts.med}  $(info) ${counts.low + counts.info}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Heroku Compliance**\n\nProfile: **${profile ? PROFILE_NAMES[profile] : 'auto'}** (${how}).\n\n`);
    tooltip.appendMarkdown(`Findings: ${describe(counts)}.\n\nClick to run the compliance check of the workspace.`);
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: `Heroku Compliance profile ${profile ?? 'auto'}, ${describe(counts)}. Run the compliance check.` };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.item.dispose();
  }
}

function describe(counts: Record<Severity, number>): string {
  const parts = (['crit', 'high', 'med', 'low', 'info'] as const).filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}
