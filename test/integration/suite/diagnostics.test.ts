/// <reference types="mocha" />
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, fileUri, open, ours, replaceText, revertAndClose, ruleIdOf, setSetting, waitFor, waitForNoRule, waitForRule, withRule } from '../helpers';

describe('diagnostics as you type', () => {
  before(async () => {
    await activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const kinds: [string, string[], string][] = [
    ['Procfile', ['alpha', 'Procfile'], 'HRK-CMD-001'],
    ['app.json', ['alpha', 'app.json'], 'HRK-APPJSON-005'],
    ['heroku.yml', ['alpha', 'container', 'heroku.yml'], 'HRK-CMD-001'],
    ['Terraform', ['alpha', 'infra', 'main.tf'], 'HRK-TF-019'],
    ['tfvars', ['alpha', 'infra', 'terraform.tfvars'], 'HRK-SEC-002'],
  ];
  for (const [kind, [folder, ...segments], ruleId] of kinds) {
    it(`reports ${ruleId} in ${kind} once the file is opened, with source, linked code and a one-sentence message`, async () => {
      const editor = await open(folder, ...segments);
      const diagnostic = await waitForRule(editor.document.uri, ruleId);
      assert.strictEqual(diagnostic.source, 'Heroku Compliance');
      assert.ok(typeof diagnostic.code === 'object', 'code carries a target');
      assert.strictEqual(diagnostic.code.value, ruleId);
      assert.match(diagnostic.code.target.toString(), new RegExp(`/docs/rules/${ruleId}\\.md$`));
      assert.match(diagnostic.message, /^[^\n]+[.]$/);
    });
  }

  it('maps severities as the design says: crit and high are errors, med a warning, info a hint', async () => {
    const appJson = (await open('alpha', 'app.json')).document.uri;
    assert.strictEqual((await waitForRule(appJson, 'HRK-SEC-001')).severity, vscode.DiagnosticSeverity.Error); // crit
    const heroku = (await open('alpha', 'container', 'heroku.yml')).document.uri;
    assert.strictEqual((await waitForRule(heroku, 'HRK-CMD-001')).severity, vscode.DiagnosticSeverity.Error); // high
    assert.strictEqual((await waitForRule(heroku, 'HRK-HYML-010')).severity, vscode.DiagnosticSeverity.Hint); // info
    const worker = (await open('beta', 'suppressed', 'Procfile')).document.uri;
    assert.strictEqual((await waitForRule(worker, 'HRK-PROC-001')).severity, vscode.DiagnosticSeverity.Warning); // med
  });

  it('sees the module files that are not open (the Shield space in space.tf) and links to them', async () => {
    const main = (await open('alpha', 'infra', 'main.tf')).document.uri;
    const exec = await waitForRule(main, 'HRK-TF-019');
    // Heroku Exec is info on the Common Runtime and high in a Shield space, which only space.tf declares.
    assert.strictEqual(exec.severity, vscode.DiagnosticSeverity.Error);
    const related = exec.relatedInformation ?? [];
    assert.ok(related.some((r) => r.location.uri.toString() === fileUri('alpha', 'infra', 'space.tf').toString()), 'related information points at space.tf');
  });

  it('updates and clears diagnostics as a value is edited', async () => {
    const editor = await open('alpha', 'Procfile');
    const uri = editor.document.uri;
    await waitForRule(uri, 'HRK-CMD-001');
    await replaceText(editor, 'node --inspect=0.0.0.0:9229 server.js', 'node server.js');
    await waitForNoRule(uri, 'HRK-CMD-001');
    await replaceText(editor, 'node server.js', 'node --inspect=0.0.0.0:9229 server.js');
    await waitForRule(uri, 'HRK-CMD-001');
    await revertAndClose();
  });

  it('re-parses Terraform incrementally as blocks are removed and typed back', async () => {
    const editor = await open('alpha', 'infra', 'main.tf');
    const uri = editor.document.uri;
    await waitForRule(uri, 'HRK-TF-019');
    const block = editor.document.getText().slice(editor.document.getText().indexOf('resource "heroku_app_feature"'));
    await replaceText(editor, block, '');
    await waitForNoRule(uri, 'HRK-TF-019');
    // Typed back in pieces, as a user would: each keystroke is applied to the kept syntax tree.
    for (const piece of block.match(/[^\n]*\n?/g)!.filter(Boolean)) {
      const at = editor.document.positionAt(editor.document.getText().length);
      assert.ok(await editor.edit((edit) => edit.insert(at, piece)));
    }
    await waitForRule(uri, 'HRK-TF-019');
    await revertAndClose();
  });

  it('drops a finding that an inline suppression covers, and still reports the others', async () => {
    const uri = (await open('beta', 'suppressed', 'Procfile')).document.uri;
    await waitForRule(uri, 'HRK-PROC-001');
    assert.deepStrictEqual(withRule(uri, 'HRK-CMD-001'), []);
  });

  it('lints an untitled Procfile by its language', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'procfile', content: 'web: node --inspect=0.0.0.0:9229 server.js\n' });
    await vscode.window.showTextDocument(document);
    await waitForRule(document.uri, 'HRK-CMD-001');
    await revertAndClose();
  });

  it('lints a file outside every workspace folder with its own siblings', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-outside-'));
    try {
      fs.writeFileSync(path.join(dir, 'Procfile'), 'web: node --inspect=0.0.0.0:9229 server.js\n');
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(dir, 'Procfile')));
      await vscode.window.showTextDocument(document);
      assert.strictEqual(document.languageId, 'procfile');
      await waitForRule(document.uri, 'HRK-CMD-001');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a config file problem on the config file, as it is typed', async () => {
    const editor = await open('beta', '.heroku-compliance.yml');
    await replaceText(editor, 'profile: private', 'profile: privat');
    const problem = await waitFor(() => ours(editor.document.uri).find((d) => ruleIdOf(d) === 'config'), 'a config diagnostic');
    assert.strictEqual(problem.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(problem.range.start.line, 0);
    await revertAndClose();
  });

  it('lints nothing on open when herokuCompliance.run is off, and lints on type again when it is onType', async () => {
    await setSetting('run', 'off');
    try {
      const uri = fileUri('beta', 'services', 'worker', 'Procfile');
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      await new Promise((resolve) => setTimeout(resolve, 600));
      assert.deepStrictEqual(withRule(uri, 'HRK-CMD-001'), []);
      await setSetting('run', undefined);
      await waitForRule(uri, 'HRK-CMD-001');
    } finally {
      await setSetting('run', undefined);
    }
  });
});
