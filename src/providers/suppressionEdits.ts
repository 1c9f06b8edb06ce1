/**
 * The edits behind "Ignore HRK-… on this line" and "Ignore HRK-… in .heroku-compliance.yml", and the command that
 * runs after either: it selects the reason placeholder so that the user types the reason over it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, configWithSuppression, type Finding, inlineIgnoreEdit, jsonPointerAt } from '../engine';
import { toWorkspaceEdit } from '../diagnostics/convert';
import { openDocument } from '../diagnostics/documents';
import type { Analysis } from '../diagnostics/findingStore';
import { relativePath } from '../workspace/fsutil';

export const REASON_PLACEHOLDER = 'why this is acceptable';
export const SELECT_REASON_COMMAND = 'herokuCompliance.selectSuppressionReason';

export interface SuppressionEdit {
  readonly edit: vscode.WorkspaceEdit;
  /** Runs after the edit: selects the placeholder (and saves a config file that had no unsaved changes). */
  readonly command: vscode.Command;
}

export function inlineSuppression(analysis: Analysis, finding: Finding, uri: vscode.Uri): SuppressionEdit | undefined {
  const textEdit = inlineIgnoreEdit(analysis.scope.request, finding, REASON_PLACEHOLDER);
  if (!textEdit) return undefined;
  const texts = new Map(analysis.scope.request.files.map((f) => [f.path, f.text]));
  const edit = toWorkspaceEdit([textEdit], (p) => texts.get(p), (p) => (p === analysis.path ? uri : undefined));
  if (!edit) return undefined;
  return { edit, command: selectReason(uri, false) };
}

/** Undefined when the config file cannot take the entry (it does not parse); the reason goes to the log. */
export function configSuppression(analysis: Analysis, finding: Finding, log: vscode.LogOutputChannel): SuppressionEdit | undefined {
  const appJson = analysis.scope.absolute.get(analysis.path);
  const text = analysis.scope.request.files.find((f) => f.path === analysis.path)?.text;
  if (!appJson || text === undefined) return undefined;
  const configFile = governingConfig(appJson, analysis.scope.configFiles) ?? path.join(analysis.scope.base, CONFIG_FILE_NAME);
  const configUri = vscode.Uri.file(configFile);
  const open = openDocument(configUri);
  const exists = open !== undefined || fs.existsSync(configFile);
  let before = '';
  try {
    before = open?.getText() ?? (exists ? fs.readFileSync(configFile, 'utf8') : '');
  } catch (error) {
    log.warn(`cannot read ${configFile}: ${String(error)}`);
    return undefined;
  }
  const suppression = {
    rule: finding.ruleId,
    pointer: jsonPointerAt(text, finding.range.start.offset),
    path: relativePath(path.dirname(configFile), appJson),
    reason: REASON_PLACEHOLDER,
  };
  let after: string;
  try {
    after = configWithSuppression(before, suppression);
  } catch (error) {
    log.warn(`cannot add a suppression to ${configFile}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  const edit = new vscode.WorkspaceEdit();
  if (!exists) edit.createFile(configUri, { ignoreIfExists: true });
  const end = open ? open.positionAt(before.length) : endOf(before);
  edit.replace(configUri, new vscode.Range(new vscode.Position(0, 0), end), after);
  return { edit, command: selectReason(configUri, !open?.isDirty) };
}

/** The config file that governs a file: the deepest one at or above its directory. */
function governingConfig(file: string, configFiles: readonly string[]): string | undefined {
  const dir = path.dirname(file);
  return configFiles
    .filter((c) => dir === path.dirname(c) || dir.startsWith(path.dirname(c) + path.sep))
    .sort((a, b) => b.length - a.length)[0];
}

function endOf(text: string): vscode.Position {
  const lines = text.split(/\r\n|\r|\n/);
  return new vscode.Position(lines.length - 1, lines[lines.length - 1].length);
}

function selectReason(uri: vscode.Uri, save: boolean): vscode.Command {
  return { title: 'Select the reason', command: SELECT_REASON_COMMAND, arguments: [uri.toString(), save] };
}

/** Shows the document and selects the last reason placeholder in it; saves it first when asked. */
export async function selectSuppressionReason(uriText: string, save: boolean): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uriText));
  if (save) await document.save();
  const offset = document.getText().lastIndexOf(REASON_PLACEHOLDER);
  const editor = await vscode.window.showTextDocument(document);
  if (offset < 0) return;
  const start = document.positionAt(offset);
  editor.selection = new vscode.Selection(start, document.positionAt(offset + REASON_PLACEHOLDER.length));
  editor.revealRange(editor.selection);
}
