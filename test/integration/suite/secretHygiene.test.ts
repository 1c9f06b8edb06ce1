/// <reference types="mocha" />
// Secret hygiene (issue 7 item 4), editor side, in the real VS Code: files full of fresh secrets in every documented
// credential format (test/helpers/secretInventory.ts) are opened and checked, and the fake Platform API serves an app
// whose config vars hold the same secrets besides its VPN keys and drain credentials, with the token in
// HEROKU_API_KEY. Swept for the full values and any 12 characters of their random parts: diagnostic messages and
// related information, code action titles (and any edit an action would make to another file), every log file of
// the window (the output channel included, after a workspace check that logs every finding), the Live Security
// tree's labels, descriptions, tooltips and accessible labels, and the exported report.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { scenario } from '../../fake-heroku/scenarios';
import { type FakeHeroku, startFakeHeroku } from '../../fake-heroku/server';
import { credentialSecrets, scenarioWithSecrets, type Secret, SecretInventory, secretWorkspace } from '../../helpers/secretInventory';
import { activate, type Api, codeActions, folderUri, ours, waitFor } from '../helpers';

type LiveApi = Api & { live: { refresh(): Promise<void>; state: string }; tree: vscode.TreeDataProvider<unknown>; logUri: vscode.Uri };

const TOKEN = `hygiene-token-${Date.now().toString(36)}-e4d1c0`;
const DIR = 'hygiene';

function tooltipText(tooltip: vscode.TreeItem['tooltip']): string {
  return tooltip === undefined ? '' : typeof tooltip === 'string' ? tooltip : tooltip.value;
}

function labelText(label: vscode.TreeItem['label']): string {
  return label === undefined ? '' : typeof label === 'string' ? label : label.label;
}

describe('secret hygiene in the editor', function () {
  this.timeout(90000);
  const secrets: Secret[] = credentialSecrets();
  const files = secretWorkspace(secrets);
  let api: LiveApi;
  let fake: FakeHeroku;
  let inventory: SecretInventory;
  let home: string;
  const saved = { key: process.env.HEROKU_API_KEY, home: process.env.HOME };
  const root = (): string => path.join(folderUri('alpha').fsPath, DIR);

  before(async () => {
    api = (await activate()) as LiveApi;
    for (const [rel, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root(), rel)), { recursive: true });
      fs.writeFileSync(path.join(root(), rel), text);
    }
    fake = await startFakeHeroku({ scenario: scenarioWithSecrets(scenario('shield'), secrets), token: TOKEN });
    inventory = SecretInventory.of({ files: secrets, scenario: fake.scenario(), token: TOKEN });
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-hygiene-home-'));
    process.env.HOME = home;
    process.env.HEROKU_API_KEY = TOKEN;
    await vscode.workspace.getConfiguration('herokuCompliance').update('apiUrl', fake.url, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('herokuCompliance', folderUri('alpha')).update('app', fake.scenario().app, vscode.ConfigurationTarget.WorkspaceFolder);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('herokuCompliance', folderUri('alpha')).update('app', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await vscode.workspace.getConfiguration('herokuCompliance').update('apiUrl', undefined, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(root(), { recursive: true, force: true });
    process.env.HOME = saved.home;
    if (saved.key === undefined) delete process.env.HEROKU_API_KEY;
    else process.env.HEROKU_API_KEY = saved.key;
    fs.rmSync(home, { recursive: true, force: true });
    await fake.stop();
  });

  it('diagnostics, their related information and the code actions talk about every secret without showing one', async () => {
    const outputs: Record<string, string> = {};
    const covered = new Set<string>();
    for (const rel of Object.keys(files)) {
      const uri = vscode.Uri.file(path.join(root(), rel));
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const diagnostics = await waitFor(() => (ours(uri).length > 0 ? ours(uri) : undefined), `diagnostics on ${rel}`, 20000);
      outputs[`${rel} diagnostics`] = diagnostics
        .map((d) => [d.message, String(typeof d.code === 'object' ? d.code.value : d.code), ...(d.relatedInformation ?? []).map((r) => r.message)].join('\n'))
        .join('\n');
      const text = document.getText();
      for (const s of secrets) {
        for (const form of [s.value, JSON.stringify(s.value).slice(1, -1)]) {
          const at = text.indexOf(form);
          if (at >= 0 && diagnostics.some((d) => document.offsetAt(d.range.start) < at + form.length && document.offsetAt(d.range.end) > at)) covered.add(s.label);
        }
      }
      const titles: string[] = [];
      // Up to three diagnostics of each rule per file: every rule's actions, without hundreds of provider calls.
      const perRule = new Map<string, number>();
      const sample = diagnostics.filter((d) => {
        const key = String(typeof d.code === 'object' ? d.code.value : d.code);
        perRule.set(key, (perRule.get(key) ?? 0) + 1);
        return (perRule.get(key) ?? 0) <= 3;
      });
      for (const diagnostic of sample) {
        for (const action of await codeActions(uri, diagnostic.range)) {
          titles.push(action.title, action.command?.title ?? '');
          // An edit to another file (the config file's suppressions) must not copy a secret there.
          for (const [target, edits] of action.edit?.entries() ?? []) if (target.toString() !== uri.toString()) titles.push(...edits.map((e) => e.newText));
        }
      }
      outputs[`${rel} code actions`] = titles.join('\n');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
    assert.deepStrictEqual(secrets.filter((s) => !covered.has(s.label)).map((s) => s.label), [], 'secrets no diagnostic covers');
    assert.deepStrictEqual(inventory.sweep(outputs), []);
  });

  it('the workspace check writes every finding to the log, and no log file of the window holds a secret or the token', async () => {
    await api.runCheck();
    await api.live.refresh();
    await new Promise((resolve) => setTimeout(resolve, 1000)); // log lines are flushed asynchronously
    const dir = path.dirname(path.dirname(api.logUri.fsPath));
    const logs = (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
    const outputs = Object.fromEntries(logs.map((file) => [path.relative(dir, file), fs.readFileSync(file, 'utf8')]));
    const ourLog = Object.entries(outputs).find(([name, text]) => /Heroku Compliance/.test(name) && text.includes(`${DIR}/app/Procfile`));
    assert.ok(ourLog, `our output channel's log is among ${logs.length} files and lists the findings`);
    assert.match(ourLog[1], /HRK-SEC-001/);
    assert.match(ourLog[1], /Read globex-claims from/);
    assert.deepStrictEqual(inventory.sweep(outputs), []);
  });

  it('the Live Security tree shows the config var findings with no value, VPN key or token in any label, description or tooltip', async () => {
    await api.live.refresh();
    assert.strictEqual(api.live.state, 'ready');
    const texts: string[] = [];
    const walk = async (element?: unknown): Promise<void> => {
      for (const child of (await api.tree.getChildren(element)) ?? []) {
        const item = await api.tree.getTreeItem(child);
        texts.push(labelText(item.label), String(item.description ?? ''), tooltipText(item.tooltip), item.accessibilityInformation?.label ?? '');
        await walk(child);
      }
    };
    await walk();
    const all = texts.join('\n');
    assert.match(all, /HRK-LIVE-007/, 'config var findings are in the tree');
    assert.deepStrictEqual(inventory.sweep({ tree: all }), []);
  });

  it('the exported report (Markdown and JSON) holds no secret', async () => {
    const target = vscode.Uri.file(path.join(root(), 'report.md'));
    await vscode.commands.executeCommand('herokuCompliance.exportReport', target);
    const markdown = fs.readFileSync(target.fsPath, 'utf8');
    const json = fs.readFileSync(target.fsPath.replace(/\.md$/, '.json'), 'utf8');
    assert.match(markdown, /HRK-SEC-001/);
    assert.match(markdown, /HRK-LIVE-007/);
    assert.deepStrictEqual(inventory.sweep({ 'report.md': markdown, 'report.json': json }), []);
  });
});
