/// <reference types="mocha" />
/** Helpers for the integration suites: they use only the vscode API and node, whichever way VS Code is launched. */
import * as assert from 'node:assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'heroku-compliance.heroku-compliance';
export const SOURCE = 'Heroku Compliance';

/** The extension's API (src/extension.ts), as the tests use it. */
export interface Api {
  lintNow(document: vscode.TextDocument): Promise<void>;
  runCheck(): Thenable<{ folders: number; files: number; filesWithFindings: number; cancelled: boolean }>;
}

export async function activate(): Promise<Api> {
  const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  return extension.activate();
}

/** Polls until `probe` returns a truthy value; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 10000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function folderUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  assert.ok(folder, `workspace folder ${name}`);
  return folder.uri;
}

export function fileUri(folder: string, ...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(folderUri(folder), ...segments);
}

export async function open(folder: string, ...segments: string[]): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fileUri(folder, ...segments));
  return vscode.window.showTextDocument(document);
}

export function ruleIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

export function withRule(uri: vscode.Uri, ruleId: string): vscode.Diagnostic[] {
  return ours(uri).filter((d) => ruleIdOf(d) === ruleId);
}

export function waitForRule(uri: vscode.Uri, ruleId: string, timeoutMs?: number): Promise<vscode.Diagnostic> {
  return waitFor(() => withRule(uri, ruleId)[0], `${ruleId} on ${uri.path}`, timeoutMs);
}

export function waitForNoRule(uri: vscode.Uri, ruleId: string): Promise<true> {
  return waitFor(() => withRule(uri, ruleId).length === 0, `${ruleId} to leave ${uri.path}`);
}

/** Replaces the first occurrence of `from` in the editor's document (unsaved). */
export async function replaceText(editor: vscode.TextEditor, from: string, to: string): Promise<void> {
  const document = editor.document;
  const offset = document.getText().indexOf(from);
  assert.ok(offset >= 0, `"${from}" in ${document.uri.path}`);
  const range = new vscode.Range(document.positionAt(offset), document.positionAt(offset + from.length));
  assert.ok(await editor.edit((edit) => edit.replace(range, to)));
}

/** Throws away unsaved changes of the active editor and closes it. */
export async function revertAndClose(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
}

export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind)) ?? [];
}

/** Applies an action as the editor does: its edit, then its command. */
export async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `edit of "${action.title}" applies`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...((action.command.arguments ?? []) as unknown[]));
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('herokuCompliance').update(key, value, vscode.ConfigurationTarget.Workspace);
}
