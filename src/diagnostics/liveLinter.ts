/**
 * Diagnostics as you type: open documents are linted (debounced) with their app or module, on type or on save as
 * `herokuCompliance.run` says. A lint that finishes after its document changed again is dropped.
 */
import * as vscode from 'vscode';
import { lint, parseConfig } from '../engine';
import { KNOWN_RULE_IDS } from '../workspace/configLoader';
import { affectsSettings, readSettings } from '../settings';
import { kindOf, openDocument, scopeOfDocument } from './documents';
import type { FindingStore } from './findingStore';
import { publish, publishConfigProblems, type Target } from './publish';
import type { TerraformDocuments } from './terraformDocuments';

const TYPING_DELAY_MS = 150;
/** Files that change what an open document's lint sees when they change on disk. */
const WATCHED = '**/{app.json,Procfile,heroku.yml,*.tf,*.tfvars,*.tfvars.json,.heroku-compliance.yml,Dockerfile,*.Dockerfile,Dockerfile.*}';

export class LiveLinter implements vscode.Disposable {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The latest lint ticket per document; an older lint that finishes late is dropped. */
  private readonly tickets = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];
  private relintTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: FindingStore,
    private readonly terraform: TerraformDocuments,
    private readonly log: vscode.LogOutputChannel,
    /** Whether the workspace check published this closed file's findings, which then stay after it closes. */
    private readonly checked: (uri: vscode.Uri) => boolean,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(WATCHED);
    this.disposables.push(
      watcher,
      watcher.onDidChange(() => this.relintOpenSoon()),
      watcher.onDidCreate(() => this.relintOpenSoon()),
      watcher.onDidDelete(() => this.relintOpenSoon()),
      vscode.workspace.onDidOpenTextDocument((d) => this.onOpen(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.onChange(e)),
      vscode.workspace.onDidSaveTextDocument((d) => this.onSave(d)),
      vscode.workspace.onDidCloseTextDocument((d) => this.onClose(d)),
      vscode.workspace.onDidChangeConfiguration((e) => affectsSettings(e) && this.relintOpen()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.relintOpen()),
    );
    for (const document of vscode.workspace.textDocuments) this.onOpen(document);
  }

  /** Lints every open document now (after a settings, profile or file change), unless linting is off for it. */
  relintOpen(): void {
    for (const document of vscode.workspace.textDocuments) {
      if (kindOf(document) && readSettings(document.uri).run !== 'off') this.schedule(document, 0);
    }
  }

  /** Lints a document now and waits for it; used by commands and tests. */
  async lintNow(document: vscode.TextDocument): Promise<void> {
    this.cancelTimer(document);
    await this.lintDocument(document);
  }

  private onOpen(document: vscode.TextDocument): void {
    if (kindOf(document) && readSettings(document.uri).run !== 'off') this.schedule(document, 0);
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    if (!kindOf(event.document)) return;
    this.terraform.update(event);
    if (event.contentChanges.length > 0 && readSettings(event.document.uri).run === 'onType') this.schedule(event.document, TYPING_DELAY_MS);
  }

  private onSave(document: vscode.TextDocument): void {
    if (kindOf(document) && readSettings(document.uri).run !== 'off') this.schedule(document, 0);
  }

  private onClose(document: vscode.TextDocument): void {
    if (!kindOf(document)) return;
    this.cancelTimer(document);
    this.terraform.close(document);
    // A file the workspace check covered keeps its findings, from its text on disk.
    if (document.uri.scheme === 'file' && this.checked(document.uri)) void this.lintDocument(document, true);
    else this.store.delete(document.uri);
  }

  private relintOpenSoon(): void {
    if (this.relintTimer) clearTimeout(this.relintTimer);
    this.relintTimer = setTimeout(() => this.relintOpen(), TYPING_DELAY_MS);
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    this.cancelTimer(document);
    const key = document.uri.toString();
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.lintDocument(document);
    }, delay));
  }

  private cancelTimer(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  private async lintDocument(document: vscode.TextDocument, closed = false): Promise<void> {
    const kind = kindOf(document);
    if (!kind) return;
    if (kind === 'config') {
      publishConfigProblems(this.store, document.uri, parseConfig(document.getText(), KNOWN_RULE_IDS).problems);
      return;
    }
    const key = document.uri.toString();
    const ticket = (this.tickets.get(key) ?? 0) + 1;
    this.tickets.set(key, ticket);
    const version = document.version;
    try {
      if (kind === 'terraform' || kind === 'tfvars') await this.terraform.ready();
      // A newer edit or lint came in while the parser loaded: that one publishes.
      if (this.tickets.get(key) !== ticket || (!closed && (document.isClosed || document.version !== version))) return;
      const scope = scopeOfDocument(document, kind, this.terraform, (m) => this.log.warn(m));
      if (!scope) {
        this.store.delete(document.uri);
        return;
      }
      const started = Date.now();
      const result = lint(scope.request);
      for (const failure of result.failures) this.log.error(`rule ${failure.ruleId} failed on ${failure.path}: ${failure.error}`);
      const targetOf = (path: string): Target | undefined => {
        const absolute = scope.absolute.get(path);
        if (!absolute) return document.isUntitled ? { uri: document.uri, version } : undefined;
        const uri = vscode.Uri.file(absolute);
        if (uri.toString() === key) return closed ? { uri, version: undefined } : { uri, version };
        const open = openDocument(uri);
        if (open) return { uri, version: open.version };
        return this.store.has(uri) ? { uri, version: undefined } : undefined;
      };
      publish(this.store, scope, result, { targetOf, ownsConfig: (uri) => openDocument(uri) !== undefined });
      this.log.trace(`linted ${document.uri.fsPath} with ${scope.request.files.length} file(s) in ${Date.now() - started} ms`);
    } catch (error) {
      this.log.error(`could not lint ${document.uri.fsPath}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    if (this.relintTimer) clearTimeout(this.relintTimer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}
