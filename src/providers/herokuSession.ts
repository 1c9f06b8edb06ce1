/**
 * The Heroku API token: "Sign In with API Key" keeps it in SecretStorage; otherwise `HEROKU_API_KEY`, then
 * `~/.netrc` (`machine api.heroku.com`). In an untrusted workspace no token is read at all, so nothing reaches the
 * network and `~/.netrc` stays closed. The token is never logged or shown.
 */
import * as os from 'node:os';
import * as vscode from 'vscode';
import { HerokuApi } from '../heroku/api';
import { discoverToken, type FoundToken, homeDirectory } from '../heroku/token';
import { readLiveSettings } from '../settings';

const SECRET_KEY = 'herokuCompliance.apiToken';

export interface SessionToken {
  readonly token: string;
  readonly source: 'Sign In with API Key' | FoundToken['source'];
}

export class HerokuSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = secrets.onDidChange((e) => e.key === SECRET_KEY && this.changed.fire());
  }

  /** The token to use, in the design's order; undefined when signed out or the workspace is not trusted. */
  async token(): Promise<SessionToken | undefined> {
    if (!vscode.workspace.isTrusted) return undefined;
    const stored = await this.secrets.get(SECRET_KEY);
    if (stored) return { token: stored, source: 'Sign In with API Key' };
    return discoverToken({ env: process.env, home: homeDirectory(process.env, os.homedir()), apiUrl: readLiveSettings().apiUrl });
  }

  /** Asks for a key in a password box, checks it with GET /account, and stores it. */
  async signIn(): Promise<boolean> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Heroku Compliance reads the Heroku API only in a trusted workspace.');
      return false;
    }
    const apiUrl = readLiveSettings().apiUrl;
    const key = await vscode.window.showInputBox({
      title: 'Heroku Compliance: Sign In with API Key',
      prompt: 'Your Heroku API key (heroku auth:token, or Account settings in the Dashboard). It is kept in VS Code\'s secret storage.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? 'Enter an API key.' : undefined),
    });
    if (!key) return false;
    const account = await new HerokuApi({ apiUrl, token: key.trim(), log: (line) => this.log.debug(line) }).get<{ email?: string }>('/account', { expect: 'object' });
    if (!account.ok) {
      void vscode.window.showErrorMessage(`Heroku Compliance: the key was not accepted: ${account.error.message}`);
      return false;
    }
    await this.secrets.store(SECRET_KEY, key.trim());
    this.log.info(`Signed in to ${apiUrl}${account.data.email ? ` as ${account.data.email}` : ''}.`);
    void vscode.window.showInformationMessage(`Heroku Compliance: signed in${account.data.email ? ` as ${account.data.email}` : ''}.`);
    return true;
  }

  async signOut(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    const remaining = await this.token();
    const note = remaining ? ` A token from ${remaining.source} is still used; remove it there to sign out completely.` : '';
    this.log.info(`Signed out.${note}`);
    void vscode.window.showInformationMessage(`Heroku Compliance: signed out.${note}`);
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
