/// <reference types="mocha" />
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, fileUri, ours, type Api, withRule } from '../helpers';

describe('Run Compliance Check', () => {
  let api: Api;

  before(async () => {
    api = await activate();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('checks both folders of the multi-root workspace and fills in findings of files that are not open', async () => {
    const summary = await vscode.commands.executeCommand<Awaited<ReturnType<Api['runCheck']>>>('herokuCompliance.runCheck');
    assert.strictEqual(summary.folders, 2);
    assert.ok(!summary.cancelled);
    assert.ok(withRule(fileUri('beta', 'services', 'worker', 'Procfile'), 'HRK-CMD-001').length > 0, 'beta/services/worker/Procfile');
    assert.ok(withRule(fileUri('alpha', 'infra', 'space.tf'), 'HRK-TF-010').length > 0, 'alpha/infra/space.tf');
    assert.ok(withRule(fileUri('alpha', 'app.json'), 'HRK-APPJSON-005').length > 0, 'alpha/app.json');
  });

  it('honours config ignores, files.exclude and .gitignore', async () => {
    await api.runCheck();
    assert.deepStrictEqual(ours(fileUri('beta', 'ignored', 'Procfile')), [], 'ignored by .heroku-compliance.yml');
    assert.deepStrictEqual(ours(fileUri('beta', 'excluded', 'Procfile')), [], 'excluded by files.exclude');
    assert.deepStrictEqual(ours(fileUri('beta', 'generated', 'Procfile')), [], 'ignored by .gitignore');
  });

  it('keeps the findings of a checked file after it is opened and closed', async () => {
    const uri = fileUri('beta', 'services', 'worker', 'Procfile');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.ok(withRule(uri, 'HRK-CMD-001').length > 0);
  });
});
