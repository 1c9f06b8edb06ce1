import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lint, minimalEdit } from '../../../src/engine';
import { type EditorOverrides, fileScope, findingKey, folderScope, type OpenText, type ScopeOptions, splitByDirectory } from '../../../src/workspace/lintScope';
import { makeWorkspace } from '../../helpers/cli';

const INSPECT = 'web: node --inspect=0.0.0.0:9229 server.js\n';
const AUTO: EditorOverrides = { profile: 'auto', rules: {}, exclude: [] };

function options(overrides: Partial<EditorOverrides> = {}, open: Record<string, OpenText> = {}): ScopeOptions {
  return { overrides: { ...AUTO, ...overrides }, openText: (absolute) => open[absolute], sizeLimit: { bytes: 0, name: 'test' }, warn: () => {} };
}

const ruleIds = (findings: readonly { ruleId: string; path: string }[]) => findings.map((f) => `${f.path} ${f.ruleId}`).sort();

describe('fileScope', () => {
  it('lints a file with its siblings from disk, and prefers the open text of any of them', () => {
    const dir = makeWorkspace({ 'app/Procfile': INSPECT, 'app/app.json': '{"name": "x", "formation": {"web": {"size": "shield-m"}}}', 'other/Procfile': INSPECT });
    const procfile = path.join(dir, 'app', 'Procfile');
    const scope = fileScope(procfile, dir, options());
    assert.ok(scope);
    assert.deepEqual(scope.request.files.map((f) => f.path).sort(), ['app/Procfile', 'app/app.json']);
    // The sibling app.json makes the app Shield, so the inspector finding is crit rather than high.
    assert.equal(lint(scope.request).findings.find((f) => f.ruleId === 'HRK-CMD-001')?.severity, 'crit');
    const edited = fileScope(procfile, dir, options({}, { [procfile]: { text: 'web: node server.js\n' } }));
    assert.ok(edited);
    assert.deepEqual(lint(edited.request).findings.filter((f) => f.ruleId === 'HRK-CMD-001'), []);
  });

  it('lays the editor settings over the config file: rules merge, an explicit profile wins', () => {
    const dir = makeWorkspace({ '.heroku-compliance.yml': 'profile: shield\nrules:\n  HRK-PROC-001: off\n', 'Procfile': INSPECT });
    const procfile = path.join(dir, 'Procfile');
    const fromConfig = lint(fileScope(procfile, dir, options())!.request);
    assert.equal(fromConfig.findings.find((f) => f.ruleId === 'HRK-CMD-001')?.severity, 'crit');
    const overridden = lint(fileScope(procfile, dir, options({ profile: 'common', rules: { 'HRK-CMD-001': 'low' } }))!.request);
    assert.equal(overridden.apps[0].profile.profile, 'common');
    assert.equal(overridden.findings.find((f) => f.ruleId === 'HRK-CMD-001')?.severity, 'low');
  });

  it('is undefined for a file the config ignores or the exclude setting names', () => {
    const dir = makeWorkspace({ '.heroku-compliance.yml': 'ignore:\n  - vendor/\n', 'vendor/Procfile': INSPECT, 'tmp/Procfile': INSPECT });
    assert.equal(fileScope(path.join(dir, 'vendor', 'Procfile'), dir, options()), undefined);
    assert.equal(fileScope(path.join(dir, 'tmp', 'Procfile'), dir, options({ exclude: ['tmp/**'] })), undefined);
    assert.ok(fileScope(path.join(dir, 'tmp', 'Procfile'), dir, options()));
  });

  it('reports the problems of the config files it reads, and does not apply a broken one', () => {
    const dir = makeWorkspace({ '.heroku-compliance.yml': 'profile: shieldd\n', 'Procfile': INSPECT });
    const scope = fileScope(path.join(dir, 'Procfile'), dir, options());
    assert.ok(scope);
    assert.deepEqual(scope.configFiles, [path.join(dir, '.heroku-compliance.yml')]);
    assert.equal(scope.configProblems.length, 1);
    assert.equal(scope.configProblems[0].line, 1);
    assert.equal(lint(scope.request).apps[0].profile.profile, 'common');
  });
});

describe('folderScope and splitByDirectory', () => {
  it('finds every file, and the parts of a split give the same findings as one lint', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 7; i++) files[`apps/a${i}/Procfile`] = INSPECT;
    files['apps/a3/heroku.yml'] = 'build:\n  docker:\n    web: docker/web.Dockerfile\n';
    files['apps/a3/docker/web.Dockerfile'] = 'FROM node:20\nCMD node --inspect=0.0.0.0:9229 server.js\n';
    files['excluded/Procfile'] = INSPECT;
    const dir = makeWorkspace(files);
    const scope = folderScope(dir, dir, options({ exclude: ['excluded/'] }));
    assert.ok(!scope.request.files.some((f) => f.path.startsWith('excluded/')));
    const whole = ruleIds(lint(scope.request).findings);
    const parts = splitByDirectory(scope.request, 2);
    assert.ok(parts.length >= 4);
    const merged = new Map(parts.flatMap((part) => lint(part).findings).map((f) => [findingKey(f), f]));
    assert.deepEqual(ruleIds([...merged.values()]), whole);
    assert.ok(whole.includes('apps/a3/docker/web.Dockerfile HRK-CMD-001'), 'the Dockerfile that heroku.yml runs from another directory is linted');
  });
});

describe('minimalEdit', () => {
  it('replaces only what differs', () => {
    assert.deepEqual(minimalEdit('p', 'web: a b c', 'web: a X c'), { path: 'p', start: 7, end: 8, newText: 'X' });
    assert.deepEqual(minimalEdit('p', 'aaa', 'aaaa'), { path: 'p', start: 3, end: 3, newText: 'a' });
    assert.equal(minimalEdit('p', 'same', 'same'), undefined);
  });
});
