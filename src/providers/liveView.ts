/**
 * The live state of each workspace folder's linked app: reads a snapshot through the session's token, maps it to a
 * SecurityState, refreshes on demand or on an interval, and cancels a read that a newer refresh or dispose replaces.
 * Sets the `herokuCompliance.live` context key that picks the view's welcome text.
 */
import * as vscode from 'vscode';
import { HerokuApi } from '../heroku/api';
import { readSnapshot } from '../heroku/readSnapshot';
import { type SecurityState, securityState } from '../heroku/securityState';
import type { ApiError } from '../heroku/snapshot';
import type { RuleSetting } from '../engine';
import { readLiveSettings, readSettings, SECTION } from '../settings';
import { ConfigLoader, findConfigDir } from '../workspace/configLoader';
import { type AppLink, linkOf } from './appLinks';
import type { HerokuSession } from './herokuSession';

/** What the view shows for one folder. */
export type FolderLive =
  | { readonly kind: 'unlinked'; readonly folder: vscode.WorkspaceFolder; readonly candidates: readonly string[] }
  | { readonly kind: 'ready'; readonly link: AppLink; readonly state: SecurityState }
  /** GET /apps/{app} failed: a 404, a 403, an unreachable API… */
  | { readonly kind: 'failed'; readonly link: AppLink; readonly error: ApiError };

/** The view as a whole; the welcome text follows it when no app can be shown. */
export type LiveViewState = 'untrusted' | 'signed-out' | 'unauthorized' | 'unlinked' | 'unreachable' | 'loading' | 'ready';

export class LiveView implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private folders: FolderLive[] = [];
  private viewState: LiveViewState = 'loading';
  private inFlight: AbortController | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[];
  /** Changes refresh the view only once it has been read: activation touches neither the network nor ~/.netrc. */
  private started = false;

  constructor(
    private readonly session: HerokuSession,
    private readonly log: vscode.LogOutputChannel,
  ) {
    const again = () => this.started && void this.refresh();
    this.disposables = [
      session.onDidChange(again),
      vscode.workspace.onDidGrantWorkspaceTrust(again),
      vscode.workspace.onDidChangeWorkspaceFolders(again),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration(SECTION) && again()),
    ];
  }

  /** Whether anything asked for the live state yet (the view was shown, or a command ran). */
  get isStarted(): boolean {
    return this.started;
  }

  get state(): LiveViewState {
    return this.viewState;
  }

  get results(): readonly FolderLive[] {
    return this.folders;
  }

  /** An API client with the session's token, or undefined when signed out or untrusted. */
  async api(): Promise<HerokuApi | undefined> {
    const token = await this.session.token();
    return token && new HerokuApi({ apiUrl: readLiveSettings().apiUrl, token: token.token, log: (line) => this.log.debug(line) });
  }

  /** Reads every linked app again; a refresh already running is cancelled. */
  async refresh(): Promise<void> {
    this.started = true;
    this.inFlight?.abort();
    const controller = new AbortController();
    this.inFlight = controller;
    this.schedule();
    const api = vscode.workspace.isTrusted ? await this.api() : undefined;
    if (controller.signal.aborted) return;
    if (!api) {
      this.publish([], vscode.workspace.isTrusted ? 'signed-out' : 'untrusted');
      return;
    }
    const links = await Promise.all((vscode.workspace.workspaceFolders ?? []).map(linkOf));
    if (controller.signal.aborted) return;
    if (!links.some((l) => l.app)) {
      this.publish(links.map((l) => ({ kind: 'unlinked', folder: l.folder, candidates: l.candidates })), 'unlinked');
      return;
    }
    this.setState('loading');
    const folders = await Promise.all(links.map((link) => this.read(api, link, controller.signal)));
    if (controller.signal.aborted) return;
    this.publish(folders, overall(folders));
  }

  private async read(api: HerokuApi, link: AppLink, signal: AbortSignal): Promise<FolderLive> {
    if (!link.app) return { kind: 'unlinked', folder: link.folder, candidates: link.candidates };
    const started = Date.now();
    let state: SecurityState;
    try {
      const snapshot = await readSnapshot(api, link.app, { signal });
      this.log.info(`Read ${link.app} from ${api.apiUrl} in ${Date.now() - started} ms.`);
      const settings = readSettings(link.folder.uri);
      state = securityState(snapshot, settings.profile, { rules: { ...configRules(link.folder.uri.fsPath), ...settings.rules } });
    } catch (error) {
      // Neither is meant to throw; if one does, the view says so instead of an unhandled rejection.
      this.log.error(`Reading ${link.app} failed: ${error instanceof Error ? error.message : String(error)}`);
      return { kind: 'failed', link, error: { kind: 'malformed', message: 'The live state could not be built; see the Heroku Compliance output.' } };
    }
    if (state.appError) {
      this.log.warn(`Cannot read ${link.app}: ${state.appError.message}`);
      return { kind: 'failed', link, error: state.appError };
    }
    return { kind: 'ready', link, state };
  }

  private publish(folders: FolderLive[], state: LiveViewState): void {
    this.folders = folders;
    this.setState(state);
    this.changed.fire();
  }

  private setState(state: LiveViewState): void {
    this.viewState = state;
    void vscode.commands.executeCommand('setContext', 'herokuCompliance.live', state);
  }

  /** The next automatic refresh, if the setting asks for one. */
  private schedule(): void {
    clearTimeout(this.timer);
    const minutes = readLiveSettings().refreshMinutes;
    if (minutes > 0) this.timer = setTimeout(() => void this.refresh(), minutes * 60_000);
  }

  dispose(): void {
    this.inFlight?.abort();
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}

/** The `rules` of the folder's `.heroku-compliance.yml` (live rules can be tuned there like file rules). */
function configRules(folder: string): Readonly<Record<string, RuleSetting>> {
  const dir = findConfigDir(folder);
  return (dir === undefined ? undefined : new ConfigLoader().loadDir(dir)?.rules) ?? {};
}

/** The view's state from its folders: an app to show wins; otherwise the most telling failure. */
function overall(folders: readonly FolderLive[]): LiveViewState {
  if (folders.some((f) => f.kind === 'ready')) return 'ready';
  const errors = folders.flatMap((f) => (f.kind === 'failed' ? [f.error] : []));
  if (errors.some((e) => e.kind === 'unauthorized')) return 'unauthorized';
  if (errors.length > 0 && errors.every((e) => ['network', 'timeout', 'server', 'rate-limited', 'malformed'].includes(e.kind))) return 'unreachable';
  return errors.length > 0 ? 'ready' : 'unlinked';
}
