/**
 * The "Live Security" tree: for each linked app a header (runtime, generation, region, space), then the article's
 * groups with one item per feature (state icon, short description, a tooltip saying why it matters, where it is
 * offered and its rules), and the item's findings below it. The view's badge counts failing items.
 */
import * as vscode from 'vscode';
import type { LiveFinding } from '../heroku/liveRule';
import type { ItemState, SecurityGroup, SecurityItem } from '../heroku/securityState';
import type { FolderLive, LiveView } from './liveView';

export const SECURITY_VIEW_ID = 'herokuCompliance.security';

type Node =
  | { readonly kind: 'app'; readonly folder: FolderLive }
  | { readonly kind: 'group'; readonly group: SecurityGroup; readonly findings: readonly LiveFinding[] }
  | { readonly kind: 'item'; readonly item: SecurityItem; readonly findings: readonly LiveFinding[] }
  | { readonly kind: 'finding'; readonly finding: LiveFinding };

const STATE_ICONS: Record<ItemState, vscode.ThemeIcon> = {
  pass: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  warn: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  fail: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  unknown: new vscode.ThemeIcon('question'),
  'not-applicable': new vscode.ThemeIcon('circle-slash'),
  'not-on-fir': new vscode.ThemeIcon('circle-slash'),
  'no-permission': new vscode.ThemeIcon('lock'),
};

const STATE_NAMES: Record<ItemState, string> = {
  pass: 'pass',
  warn: 'warning',
  fail: 'fail',
  unknown: 'unknown',
  'not-applicable': 'not applicable',
  'not-on-fir': 'not available on Fir',
  'no-permission': 'needs a permission you lack',
};

const RUNTIME_NAMES = { common: 'Common Runtime', private: 'Private Space', shield: 'Shield Private Space' } as const;

export class SecurityTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<Node>;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly live: LiveView) {
    this.view = vscode.window.createTreeView(SECURITY_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions = [
      live.onDidChange(() => {
        this.changed.fire(undefined);
        this.updateBadge();
      }),
      // The first read happens when the view is first shown.
      this.view.onDidChangeVisibility((e) => e.visible && !live.isStarted && void live.refresh()),
    ];
    if (this.view.visible) void live.refresh();
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.live.state === 'ready' ? this.live.results.filter((f) => f.kind !== 'unlinked').map((folder) => ({ kind: 'app', folder })) : [];
    if (node.kind === 'app') {
      if (node.folder.kind !== 'ready') return [];
      const findings = node.folder.state.findings;
      return node.folder.state.groups.map((group) => ({ kind: 'group', group, findings }));
    }
    if (node.kind === 'group') return node.group.items.map((item) => ({ kind: 'item', item, findings: node.findings.filter((f) => f.itemId === item.id) }));
    if (node.kind === 'item') return node.findings.map((finding) => ({ kind: 'finding', finding }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'app':
        return appItem(node.folder);
      case 'group':
        return groupItem(node.group);
      case 'item':
        return securityItem(node.item, node.findings);
      case 'finding':
        return findingItem(node.finding);
    }
  }

  private updateBadge(): void {
    const failing = this.live.results.flatMap((f) => (f.kind === 'ready' ? f.state.groups.flatMap((g) => g.items) : [])).filter((i) => i.state === 'fail').length;
    this.view.badge = failing > 0 ? { value: failing, tooltip: `${failing} failing security feature${failing === 1 ? '' : 's'}` } : undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.view.dispose();
    this.changed.dispose();
  }
}

function appItem(folder: FolderLive): vscode.TreeItem {
  if (folder.kind === 'unlinked') return new vscode.TreeItem(folder.folder.name);
  const name = folder.link.app ?? folder.link.folder.name;
  if (folder.kind === 'failed') {
    const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);
    item.description = folder.error.message;
    item.iconPath = new vscode.ThemeIcon(folder.error.kind === 'forbidden' ? 'lock' : 'error');
    item.tooltip = `${name}: ${folder.error.message}`;
    item.contextValue = 'liveAppFailed';
    return item;
  }
  const app = folder.state.app;
  const item = new vscode.TreeItem(app.name, vscode.TreeItemCollapsibleState.Expanded);
  const runtime = app.runtime ? RUNTIME_NAMES[app.runtime] : 'runtime unknown';
  item.description = [runtime, app.generation === 'fir' ? 'Fir' : app.generation === 'cedar' ? 'Cedar' : undefined, app.region, app.space ? `space ${app.space}` : undefined]
    .filter(Boolean)
    .join(' · ');
  item.iconPath = new vscode.ThemeIcon(app.runtime === 'shield' ? 'shield' : 'cloud');
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${app.name}** (${folder.link.source === 'setting' ? 'linked by the herokuCompliance.app setting' : 'linked by a git remote'})\n\n`);
  tooltip.appendMarkdown(`${item.description}\n\nProfile **${folder.state.profile.profile}**: ${folder.state.profile.reason}.\n\nRead at ${folder.state.fetchedAt}.`);
  item.tooltip = tooltip;
  item.contextValue = 'liveApp';
  return item;
}

function groupItem(group: SecurityGroup): vscode.TreeItem {
  const item = new vscode.TreeItem(group.title, vscode.TreeItemCollapsibleState.Expanded);
  const fail = group.items.filter((i) => i.state === 'fail').length;
  const warn = group.items.filter((i) => i.state === 'warn').length;
  item.description = [fail ? `${fail} failing` : '', warn ? `${warn} to review` : ''].filter(Boolean).join(', ') || 'no gaps found';
  item.contextValue = 'liveGroup';
  return item;
}

function securityItem(security: SecurityItem, findings: readonly LiveFinding[]): vscode.TreeItem {
  const item = new vscode.TreeItem(security.title, findings.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.description = security.description;
  item.iconPath = STATE_ICONS[security.state];
  const tooltip = new vscode.MarkdownString(undefined, true);
  tooltip.appendMarkdown(`**${security.title}** — ${STATE_NAMES[security.state]}\n\n${security.description}\n\n`);
  tooltip.appendMarkdown(`**Why it matters:** ${security.why}\n\n**Offered on:** ${security.runtimes}\n\n`);
  if (security.ruleIds.length > 0) tooltip.appendMarkdown(`**Rules:** ${security.ruleIds.join(', ')}\n\n`);
  tooltip.appendMarkdown(`[Learn more](${security.learnMoreUrl}) · [Open in Dashboard](${security.dashboardUrl})`);
  item.tooltip = tooltip;
  item.accessibilityInformation = { label: `${security.title}: ${STATE_NAMES[security.state]}. ${security.description}` };
  item.contextValue = 'liveItem';
  return item;
}

function findingItem(finding: LiveFinding): vscode.TreeItem {
  const item = new vscode.TreeItem(finding.message, vscode.TreeItemCollapsibleState.None);
  item.description = `${finding.ruleId} · ${finding.severity}`;
  item.iconPath = new vscode.ThemeIcon(finding.severity === 'crit' || finding.severity === 'high' ? 'error' : finding.severity === 'med' ? 'warning' : 'info');
  item.tooltip = `${finding.ruleId} (${finding.severity} under the ${finding.profile} profile): ${finding.message}`;
  item.contextValue = 'liveFinding';
  return item;
}

/** The item a context-menu command was invoked on, for "Learn More" and "Open in Dashboard". */
export function securityItemOf(node: unknown): SecurityItem | undefined {
  const candidate = node as Node | undefined;
  return candidate?.kind === 'item' ? candidate.item : undefined;
}

export function dashboardUrlOf(node: unknown): string | undefined {
  const candidate = node as Node | undefined;
  if (candidate?.kind === 'item') return candidate.item.dashboardUrl;
  if (candidate?.kind === 'app' && candidate.folder.kind === 'ready') return candidate.folder.state.app.dashboardUrl;
  return undefined;
}
