/// <reference types="mocha" />
// Placeholder suite that proves the harness: the extension loads and activates in a real extension host,
// and the fixture opens as a multi-root workspace.
import * as assert from 'node:assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'heroku-compliance.heroku-compliance';

describe('smoke', () => {
  it('the extension is present and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.ok(ext.isActive);
  });

  it('the fixture is open as a multi-root workspace', () => {
    assert.deepStrictEqual(vscode.workspace.workspaceFolders?.map((f) => f.name), ['alpha', 'beta']);
  });
});
