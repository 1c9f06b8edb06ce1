/** Which documents the extension lints, and the lint scope of each. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, type FileKind, fileKindOf } from '../engine';
import { readSettings } from '../settings';
import { findConfigDir } from '../workspace/configLoader';
import { toSlashes } from '../workspace/fsutil';
import { detachedScope, fileScope, type LintScope, type OpenText } from '../workspace/lintScope';
import type { TerraformDocuments } from './terraformDocuments';

/** Files over this size are not linted in the editor (the CLI's default limit). */
export const EDITOR_SIZE_LIMIT = { bytes: 10 * 1024 * 1024, name: 'editor' };

/** Untitled documents have no file name; their language says what they are. */
const UNTITLED_KINDS: Record<string, { kind: FileKind; name: string }> = {
  procfile: { kind: 'procfile', name: 'Procfile' },
  terraform: { kind: 'terraform', name: 'untitled.tf' },
};

/** The engine's kind for a document, `config` for `.heroku-compliance.yml`, or undefined when it is not linted. */
export function kindOf(document: vscode.TextDocument): FileKind | 'config' | undefined {
  if (document.uri.scheme === 'untitled') return UNTITLED_KINDS[document.languageId]?.kind;
  if (document.uri.scheme !== 'file') return undefined;
  if (path.basename(document.uri.fsPath) === CONFIG_FILE_NAME) return 'config';
  return fileKindOf(toSlashes(document.uri.fsPath));
}

/** The directory that engine paths are relative to: the nearest config file's directory, else the folder itself. */
export function baseOf(dir: string): string {
  return findConfigDir(dir) ?? dir;
}

/** The base for a file: from its workspace folder, or from its own directory when it is outside every folder. */
export function baseForFile(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return baseOf(folder ? folder.uri.fsPath : path.dirname(uri.fsPath));
}

/** Open `file:` documents by path, with their text and (for Terraform) their incrementally parsed model. */
export function openTexts(terraform: TerraformDocuments): (absolute: string) => OpenText | undefined {
  const open = new Map<string, vscode.TextDocument>();
  for (const document of vscode.workspace.textDocuments) if (document.uri.scheme === 'file') open.set(document.uri.fsPath, document);
  return (absolute) => {
    const document = open.get(absolute);
    if (!document) return undefined;
    const hcl = terraform.modelOf(document);
    return { text: document.getText(), ...(hcl ? { hcl } : {}) };
  };
}

export function openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
}

/** The scope a document is linted in: its app or module from disk and open documents; alone when untitled. */
export function scopeOfDocument(document: vscode.TextDocument, kind: FileKind, terraform: TerraformDocuments, warn: (message: string) => void): LintScope | undefined {
  const overrides = readSettings(document.uri);
  if (document.isUntitled) {
    const name = UNTITLED_KINDS[document.languageId]?.name ?? 'untitled';
    return detachedScope(name, kind, document.getText(), overrides, terraform.modelOf(document));
  }
  const options = { overrides, openText: openTexts(terraform), diskModel: (absolute: string, text: string) => terraform.diskModel(absolute, text), sizeLimit: EDITOR_SIZE_LIMIT, warn };
  return fileScope(document.uri.fsPath, baseForFile(document.uri), options);
}
