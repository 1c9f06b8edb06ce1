/// <reference types="mocha" />
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { activate, apply, codeActions, fileUri, open, revertAndClose, waitFor, waitForNoRule, waitForRule, withRule } from '../helpers';

describe('code actions', () => {
  before(async () => {
    await activate();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('offers the safe fix as the preferred action, and applying it clears the finding', async () => {
    const editor = await open('alpha', 'Procfile');
    const uri = editor.document.uri;
    const diagnostic = await waitForRule(uri, 'HRK-CMD-001');
    const actions = await codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, `a preferred fix among ${actions.map((a) => a.title).join(' | ')}`);
    await apply(fix);
    assert.strictEqual(editor.document.lineAt(0).text, 'web: node server.js');
    await waitForNoRule(uri, 'HRK-CMD-001');
    await revertAndClose();
  });

  it('titles a suggestion fix as a suggestion and does not prefer it', async () => {
    const uri = (await open('alpha', 'app.json')).document.uri;
    const diagnostic = await waitForRule(uri, 'HRK-APPJSON-005');
    const actions = await codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const suggestion = actions.find((a) => a.title.startsWith('Suggestion: '));
    assert.ok(suggestion, `a suggestion among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(!suggestion.isPreferred);
  });

  it('"Ignore … on this line" inserts a suppression comment with a reason to fill in, and the finding goes away', async () => {
    const editor = await open('alpha', 'Procfile');
    const uri = editor.document.uri;
    const diagnostic = await waitForRule(uri, 'HRK-CMD-001');
    const actions = await codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const ignore = actions.find((a) => a.title === 'Ignore HRK-CMD-001 on this line');
    assert.ok(ignore, `an ignore action among ${actions.map((a) => a.title).join(' | ')}`);
    await apply(ignore);
    assert.strictEqual(editor.document.lineAt(0).text, '# heroku-compliance-ignore HRK-CMD-001: why this is acceptable');
    const active = vscode.window.activeTextEditor;
    assert.strictEqual(active?.document.getText(active.selection), 'why this is acceptable', 'the reason is selected for typing');
    await waitForNoRule(uri, 'HRK-CMD-001');
    await revertAndClose();
  });

  it('"Ignore … in .heroku-compliance.yml" writes an app.json suppression there, and the finding goes away', async () => {
    const config = fileUri('alpha', '.heroku-compliance.yml');
    const uri = (await open('alpha', 'app.json')).document.uri;
    try {
      const diagnostic = await waitForRule(uri, 'HRK-APPJSON-005');
      const actions = await codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const ignore = actions.find((a) => a.title === 'Ignore HRK-APPJSON-005 in .heroku-compliance.yml');
      assert.ok(ignore, `an ignore action among ${actions.map((a) => a.title).join(' | ')}`);
      await apply(ignore);
      const written = fs.readFileSync(config.fsPath, 'utf8');
      assert.match(written, /rule: HRK-APPJSON-005/);
      assert.match(written, /pointer: \/env\/STRIPE_SECRET_KEY\/value/);
      assert.match(written, /path: app\.json/);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await waitForNoRule(uri, 'HRK-APPJSON-005');
      assert.ok(withRule(uri, 'HRK-SEC-001').length > 0, 'other rules still report the secret');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(config.fsPath, { force: true });
    }
  });

  it('"Show documentation" opens the rule page', async () => {
    const uri = (await open('alpha', 'Procfile')).document.uri;
    const diagnostic = await waitForRule(uri, 'HRK-CMD-001');
    const actions = await codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const docs = actions.find((a) => a.title === 'Show documentation for HRK-CMD-001');
    assert.ok(docs?.command, 'a documentation action');
    await apply(docs);
    await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label.includes('HRK-CMD-001')), 'a tab with the rule page');
  });

  it('source.fixAll.herokuCompliance applies every safe fix of the file', async () => {
    const editor = await open('alpha', 'infra', 'variables.tf');
    const uri = editor.document.uri;
    await waitForRule(uri, 'HRK-TF-002');
    const actions = await codeActions(uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.herokuCompliance');
    assert.strictEqual(actions.length, 1, actions.map((a) => a.title).join(' | '));
    await apply(actions[0]);
    assert.match(editor.document.getText(), /sensitive\s*=\s*true/);
    await waitForNoRule(uri, 'HRK-TF-002');
    await revertAndClose();
  });

  it('lists "Fix all" in the quick-fix menu of a file with safe fixes, and it leaves a file that still parses', async () => {
    const editor = await open('alpha', 'Procfile');
    const uri = editor.document.uri;
    const diagnostic = await waitForRule(uri, 'HRK-CMD-001');
    const actions = await codeActions(uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fixAll = actions.find((a) => a.title.startsWith('Fix all'));
    assert.ok(fixAll, `fix all among ${actions.map((a) => a.title).join(' | ')}`);
    await apply(fixAll);
    await waitForNoRule(uri, 'HRK-CMD-001');
    assert.deepStrictEqual(withRule(uri, 'HRK-PROC-002'), [], 'no unparseable line');
    await revertAndClose();
  });
});
