/** The engine's behaviour around rules: config, profiles, baselines and fixes, using HRK-APPJSON-025. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyBaseline, createBaseline, EMPTY_CONFIG, fixAll, lint, type SourceFile } from '../../../src/engine';

const withImage: SourceFile = { path: 'app.json', kind: 'app.json', text: '{\n  "name": "a",\n  "image": "heroku/ruby"\n}\n' };
const only = ['HRK-APPJSON-025'];

describe('lint', () => {
  it('reports a finding with a range, severity and a safe fix', () => {
    const { findings } = lint({ files: [withImage], only });
    assert.equal(findings.length, 1);
    assert.equal(findings[0].range.start.line, 3);
    assert.equal(findings[0].range.start.column, 3);
    assert.equal(findings[0].fix?.safety, 'safe');
  });

  it('turns a rule off or changes its severity from the config file', () => {
    assert.equal(lint({ files: [withImage], config: { ...EMPTY_CONFIG, rules: { 'HRK-APPJSON-025': 'off' } } }).findings.filter((f) => f.ruleId === 'HRK-APPJSON-025').length, 0);
    const raised = lint({ files: [withImage], config: { ...EMPTY_CONFIG, rules: { 'HRK-APPJSON-025': 'high' } }, only });
    assert.equal(raised.findings[0].severity, 'high');
  });

  it('skips files matched by the config ignores', () => {
    const nested = { ...withImage, path: 'legacy/app.json' };
    assert.equal(lint({ files: [nested], config: { ...EMPTY_CONFIG, ignore: ['legacy/**'] }, only }).findings.length, 0);
  });

  it('uses the nearest config file at or above each app, with globs relative to it', () => {
    const root = { ...withImage, path: 'app.json' };
    const svc = { ...withImage, path: 'svc/app.json' };
    const legacy = { ...withImage, path: 'svc/legacy/app.json' };
    const configs = new Map([
      ['', { ...EMPTY_CONFIG, profile: 'shield' as const }],
      ['svc', { ...EMPTY_CONFIG, profile: 'private' as const, ignore: ['legacy/**'] }],
    ]);
    const result = lint({ files: [root, svc, legacy], configs, only });
    assert.deepEqual(result.findings.map((f) => `${f.path}:${f.profile}`), ['app.json:shield', 'svc/app.json:private']);
  });

  it('infers the shield profile from shield dynos and says why', () => {
    const shieldApp: SourceFile = { path: 'app.json', kind: 'app.json', text: '{"formation": {"web": {"quantity": 2, "size": "shield-m"}}}' };
    const { apps } = lint({ files: [shieldApp], only });
    assert.equal(apps[0].profile.profile, 'shield');
    assert.match(apps[0].profile.reason, /shield-m/);
    assert.equal(lint({ files: [shieldApp], profile: 'common', only }).apps[0].profile.profile, 'common');
    assert.equal(lint({ files: [withImage], config: { ...EMPTY_CONFIG, profile: 'private' }, only }).apps[0].profile.profile, 'private');
  });

  it('leaves the app.json of Expo and React Native projects alone', () => {
    const expo: SourceFile = { path: 'mobile/app.json', kind: 'app.json', text: '{"expo": {"name": "shop", "slug": "shop"}, "image": "x"}' };
    const reactNative: SourceFile = { path: 'rn/app.json', kind: 'app.json', text: '{"name": "Shop", "displayName": "Shop"}' };
    assert.deepEqual(lint({ files: [expo, reactNative] }).findings, []);
    const heroku: SourceFile = { path: 'app.json', kind: 'app.json', text: '{"displayName": "Shop", "env": {}, "image": "x"}' };
    assert.equal(lint({ files: [heroku], only }).findings.length, 1);
  });

  it('never throws on input that does not parse', () => {
    for (const text of ['', '{', '[1,2', '\u0000\u0001', '{"a":}', 'null', '{"image": 1, "image": 2}']) {
      const result = lint({ files: [{ path: 'app.json', kind: 'app.json', text }] });
      assert.deepEqual(result.failures, [], `rule failure on ${JSON.stringify(text)}`);
    }
  });
});

describe('baseline', () => {
  it('hides recorded findings and keeps new ones, even when lines move', () => {
    const first = lint({ files: [withImage], only }).findings;
    const baseline = createBaseline(first, () => withImage.text);
    const moved: SourceFile = { ...withImage, text: `\n\n${withImage.text}` };
    const again = lint({ files: [moved], only }).findings;
    assert.equal(applyBaseline(again, baseline, () => moved.text).kept.length, 0);
    const other: SourceFile = { ...withImage, path: 'svc/app.json' };
    const both = lint({ files: [moved, other], only }).findings;
    const texts = new Map([[moved.path, moved.text], [other.path, other.text]]);
    assert.deepEqual(applyBaseline(both, baseline, (p) => texts.get(p)).kept.map((f) => f.path), ['svc/app.json']);
  });
});

describe('fixAll', () => {
  it('applies safe fixes until none remain', () => {
    const { files, applied } = fixAll({ files: [withImage], only });
    assert.equal(applied.length, 1);
    assert.equal(files[0].text, '{\n  "name": "a"\n}\n');
    assert.equal(lint({ files, only }).findings.length, 0);
  });
});
