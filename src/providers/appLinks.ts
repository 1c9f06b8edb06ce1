/**
 * Which Heroku app each workspace folder is linked to: the `herokuCompliance.app` setting of the folder, else a git
 * remote on git.heroku.com. "Link Heroku App" picks one from GET /apps and writes it to the folder's setting.
 */
import * as vscode from 'vscode';
import type { HerokuApi } from '../heroku/api';
import { herokuAppsInFolder } from '../heroku/link';
import { readLiveSettings, SECTION } from '../settings';

export interface AppLink {
  readonly folder: vscode.WorkspaceFolder;
  /** Undefined when nothing links the folder, or when several git remotes disagree (see `candidates`). */
  readonly app: string | undefined;
  readonly source?: 'setting' | 'git remote';
  /** Apps of the folder's git remotes when there are several. */
  readonly candidates: readonly string[];
}

export async function linkOf(folder: vscode.WorkspaceFolder): Promise<AppLink> {
  const setting = readLiveSettings(folder.uri).app;
  if (setting) return { folder, app: setting, source: 'setting', candidates: [] };
  const remotes = (await herokuAppsInFolder(folder.uri.fsPath)).map((r) => r.app);
  if (remotes.length === 1) return { folder, app: remotes[0], source: 'git remote', candidates: [] };
  return { folder, app: undefined, candidates: remotes };
}

/** Asks for a folder (when there are several), then an app, and links them. */
export async function pickAndLink(api: HerokuApi): Promise<AppLink | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = folders.length > 1 ? await vscode.window.showWorkspaceFolderPick({ placeHolder: 'The folder to link to a Heroku app' }) : folders[0];
  if (!folder) {
    if (folders.length === 0) void vscode.window.showWarningMessage('Heroku Compliance: open a folder to link it to a Heroku app.');
    return undefined;
  }
  const apps = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Heroku Compliance: listing your apps…' }, () => api.listApps());
  if (!apps.ok) {
    void vscode.window.showErrorMessage(`Heroku Compliance: cannot list your apps: ${apps.error.message}`);
    return undefined;
  }
  const current = await linkOf(folder);
  const items = apps.data.map((app) => ({
    label: app.name,
    description: [app.team ? `team ${app.team}` : 'personal', app.space ? `space ${app.space}` : 'Common Runtime', app.region].filter(Boolean).join(' · '),
    picked: app.name === current.app,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: `Heroku Compliance: link ${folder.name} to an app`, matchOnDescription: true, placeHolder: 'Search by app, team, space or region' });
  if (!picked) return undefined;
  await vscode.workspace.getConfiguration(SECTION, folder.uri).update('app', picked.label, vscode.ConfigurationTarget.WorkspaceFolder);
  return linkOf(folder);
}
