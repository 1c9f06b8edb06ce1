/// <reference types="mocha" />
import * as assert from 'node:assert';
import * as vscode from 'vscode';
import { activate, open, setSetting, waitFor, waitForRule, withRule } from '../helpers';

describe('profile', () => {
  before(async () => {
    await activate();
  });

  after(async () => {
    await setSetting('profile', undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const severityOf = (uri: vscode.Uri) => withRule(uri, 'HRK-APPJSON-009')[0]?.severity;

  it('switching herokuCompliance.profile changes the severities of open files', async () => {
    const uri = (await open('beta', 'app.json')).document.uri;
    // beta's .heroku-compliance.yml says private, where development mode is high.
    assert.strictEqual((await waitForRule(uri, 'HRK-APPJSON-009')).severity, vscode.DiagnosticSeverity.Error);
    await setSetting('profile', 'common'); // med on the Common Runtime
    await waitFor(() => severityOf(uri) === vscode.DiagnosticSeverity.Warning, 'a warning under common');
    await setSetting('profile', 'shield'); // high in Shield
    await waitFor(() => severityOf(uri) === vscode.DiagnosticSeverity.Error, 'an error under shield');
    await setSetting('profile', 'common');
    await waitFor(() => severityOf(uri) === vscode.DiagnosticSeverity.Warning, 'a warning under common again');
    await setSetting('profile', undefined); // auto: the config file's private again
    await waitFor(() => severityOf(uri) === vscode.DiagnosticSeverity.Error, 'an error under the config profile');
  });
});
