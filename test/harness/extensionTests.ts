import * as path from 'node:path';
import * as util from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { NetworkGuard } from './network';
import { startServer } from './server';

// Recipe (A): the web workbench reads extensionDevelopmentPath/extensionTestsPath from the URL's `payload`,
// the Node remote extension host runs the tests module's run(), and the workbench reports the result
// through window.codeAutomationExit(code), which we expose from here. (server-main ignores the CLI flags.)

export interface ExtensionTestOptions {
  /** Fresh temp dir for the server's dirs and log. */
  root: string;
  extensionDevelopmentPaths: string[];
  /** A CommonJS module exporting run(): Promise<void>. */
  extensionTestsPath: string;
  /** A folder or a .code-workspace file, opened in place (callers copy it when tests may edit it). */
  workspace?: string;
  /** Extra environment for the extension host (it inherits the server's). */
  env?: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Echo the extension host's console (test-cli's runner reports only there). */
  printConsole?: boolean;
  /** Open the workspace with workspace trust on, untrusted (Restricted Mode). */
  workspaceTrust?: boolean;
}

export interface ExtensionTestResult {
  /** 0 passed, 1 failed, 2 timeout or infrastructure error. */
  exitCode: number;
  network: NetworkGuard;
}

/** `folder=` for a folder, `workspace=` for a .code-workspace file (multi-root), `ew=true` for none. */
function workspaceQuery(workspace: string | undefined): string {
  if (!workspace) return 'ew=true';
  const abs = path.resolve(workspace);
  return `${abs.endsWith('.code-workspace') ? 'workspace' : 'folder'}=${encodeURIComponent(abs)}`;
}

// Extension-host console lines reach the page as workbench log calls: ('%c INFO', 'color: #33f', fmt, ...args).
// All lines are kept (the last ones are printed when a run fails without a result); echo prints them live too.
function collectConsole(page: Page, lines: string[], echo: boolean): void {
  page.on('console', (msg) => {
    void Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '?'))).then((vals: unknown[]) => {
      if (typeof vals[0] !== 'string') return;
      const styles = (vals[0].match(/%c/g) ?? []).length;
      const head = vals[0].replace(/%c/g, '').trim();
      const rest = vals.slice(1 + styles);
      const line = /^(INFO|WARN|ERR|TRACE|DEBUG)$/.test(head) ? util.format(...rest) : util.format(head, ...rest);
      if (/^(Failed to load resource|A bad HTTP response|An iframe which has both|The web worker extension host|\[Service Worker\])/.test(line)) return;
      lines.push(line);
      if (echo) console.log(line);
    });
  });
}

export async function runExtensionTests(opts: ExtensionTestOptions): Promise<ExtensionTestResult> {
  const network = new NetworkGuard();
  await network.start();
  const server = await startServer({ root: opts.root, settings: network.settings(), env: { ...network.env(), ...opts.env }, workspaceTrust: opts.workspaceTrust });
  let exitCode = 2;
  let timer: NodeJS.Timeout | undefined;
  const consoleLines: string[] = [];
  let page: Page | undefined;
  const browser = await launchChromium(network.browserProxy);
  try {
    const context = await browser.newContext();
    await network.guardContext(context);
    const workbench = await context.newPage();
    page = workbench;
    const finished = new Promise<number>((resolve, reject) => {
      workbench.exposeFunction('codeAutomationExit', (code: number) => resolve(code)).catch(reject);
      workbench.on('crash', () => reject(new Error('the workbench page crashed')));
      timer = setTimeout(() => reject(new Error(`no result after ${opts.timeoutMs / 1000}s`)), opts.timeoutMs);
    });
    finished.catch(() => undefined); // it may reject during goto, before the race below listens
    collectConsole(workbench, consoleLines, opts.printConsole === true);
    const remote = (p: string): string => `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
    const payload = [
      ...opts.extensionDevelopmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
      ['extensionTestsPath', remote(opts.extensionTestsPath)],
      ['skipWelcome', 'true'],
    ];
    await workbench.goto(`${server.base}/?${workspaceQuery(opts.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    exitCode = await Promise.race([finished, server.exited.then((msg) => { throw new Error(msg); })]);
  } catch (e) {
    console.log(`harness error: ${e instanceof Error ? e.message : String(e)}`);
    if (!opts.printConsole && consoleLines.length > 0) console.log(`last workbench console lines:\n  ${consoleLines.slice(-40).join('\n  ')}`);
    await page?.screenshot({ path: path.join(opts.root, 'workbench.png') }).catch(() => undefined);
    exitCode = 2;
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => undefined);
    server.stop();
    network.close();
  }
  return { exitCode, network };
}
