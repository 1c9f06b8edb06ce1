/**
 * Loaded by the VS Code extension host as extensionTestsPath (bench/activation/run.ts starts it). The window has
 * no folder open, so nothing has activated the extension yet (its activation events are `workspaceContains:` and
 * `onLanguage:`). It opens a Terraform file of examples/shield-app, which activates the extension
 * (onLanguage:terraform), and measures inside the extension host, with performance.now():
 *   - openedMs: openTextDocument resolved (the document exists in the extension host);
 *   - activatedMs: extension.activate() resolved (it joins the activation the open started: the bundle loaded and
 *     activate() returned);
 *   - firstDiagnosticsMs: the first onDidChangeDiagnostics event that names the document (the live linter loaded
 *     the Terraform parser, linted the module and published).
 * All from t0, taken just before openTextDocument. Writes the figures as JSON to BENCH_ACTIVATION_OUT.
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

const EXTENSION_ID = 'heroku-compliance.heroku-compliance';
const TIMEOUT_MS = 30_000;

export async function run(): Promise<void> {
  const out = process.env.BENCH_ACTIVATION_OUT;
  const file = process.env.BENCH_ACTIVATION_FILE;
  if (!out || !file) throw new Error('BENCH_ACTIVATION_OUT and BENCH_ACTIVATION_FILE must be set');
  try {
    fs.writeFileSync(out, JSON.stringify(await measure(file)));
  } catch (error) {
    fs.writeFileSync(out, JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
    throw error;
  }
}

async function measure(file: string): Promise<Record<string, unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  if (extension.isActive) throw new Error('the extension was already active before the document was opened');
  const uri = vscode.Uri.file(file);
  const key = uri.toString();
  let subscription: vscode.Disposable | undefined;
  let timer: NodeJS.Timeout | undefined;
  const diagnostics = new Promise<{ at: number; count: number }>((resolve, reject) => {
    subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === key)) return;
      resolve({ at: performance.now(), count: vscode.languages.getDiagnostics(uri).length });
    });
    timer = setTimeout(() => reject(new Error(`no diagnostics for ${file} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  const t0 = performance.now();
  const document = await vscode.workspace.openTextDocument(uri);
  const opened = performance.now();
  await extension.activate();
  const activated = performance.now();
  const first = await diagnostics.finally(() => {
    subscription?.dispose();
    clearTimeout(timer);
  });
  await vscode.window.showTextDocument(document);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    document: vscode.workspace.asRelativePath(uri),
    languageId: document.languageId,
    openedMs: round(opened - t0),
    activatedMs: round(activated - t0),
    firstDiagnosticsMs: round(first.at - t0),
    diagnostics: first.count,
  };
}
