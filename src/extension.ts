import type * as vscode from 'vscode';

/** Composition root. The editor features are built in their own issue; for now activation does nothing. */
export function activate(_context: vscode.ExtensionContext): void {}

export function deactivate(): void {}
