import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_CONFIG, type Finding, type SourceFile } from '../../../src/engine';
import { Document } from '../../../src/engine/document';
import { applySuppressions, inlineSuppressions, suppressionNotices } from '../../../src/engine/suppressions';

function findingAt(document: Document, ruleId: string, offset: number): Finding {
  return { ruleId, severity: 'high', message: 'm', path: document.path, range: document.lines.range(offset, offset + 1), related: [], profile: 'common' };
}

function doc(source: SourceFile): Document {
  return Document.parse(source);
}

describe('inline suppressions', () => {
  const procfile = doc({
    path: 'Procfile',
    kind: 'procfile',
    text: ['# heroku-compliance-ignore HRK-CMD-001: debugging staging only', 'web: node --inspect=0.0.0.0 server.js', 'worker: node worker.js # heroku-compliance-ignore HRK-CMD-005, HRK-SEC-002: vendor quirk', 'clock: node clock.js'].join('\n'),
  });

  it('parses rule ids and reasons', () => {
    assert.deepEqual(inlineSuppressions(procfile), [
      { line: 1, standalone: true, firstLine: 2, lastLine: 2, ruleIds: ['HRK-CMD-001'], reason: 'debugging staging only' },
      { line: 3, standalone: false, firstLine: 3, lastLine: 3, ruleIds: ['HRK-CMD-005', 'HRK-SEC-002'], reason: 'vendor quirk' },
    ]);
  });

  it('covers the next line from a comment line, its own line from a trailing comment, and only the named rules', () => {
    const offsetOfLine = (line: number) => procfile.lines.lineStart(line) + 2;
    const findings = [
      findingAt(procfile, 'HRK-CMD-001', offsetOfLine(2)),
      findingAt(procfile, 'HRK-CMD-002', offsetOfLine(2)),
      findingAt(procfile, 'HRK-CMD-005', offsetOfLine(3)),
      findingAt(procfile, 'HRK-SEC-002', offsetOfLine(4)),
    ];
    const { kept, suppressed } = applySuppressions(findings, new Map([[procfile.path, procfile]]), () => ({ config: EMPTY_CONFIG, base: '' }));
    assert.equal(suppressed, 2);
    assert.deepEqual(kept.map((f) => `${f.ruleId}@${f.range.start.line}`), ['HRK-CMD-002@2', 'HRK-SEC-002@4']);
  });

  it('covers a whole YAML block scalar opened on the covered line', () => {
    const yml = doc({
      path: 'heroku.yml',
      kind: 'heroku.yml',
      text: ['setup:', '  config:', '    # heroku-compliance-ignore HRK-HYML-007: review-only key', '    JWT_SIGNING_KEY: >-', '      9d8f7a6b5c4d3e2f', '      1a0b9c8d7e6f5a4b', '    OTHER: x'].join('\n'),
    });
    assert.deepEqual(inlineSuppressions(yml).map((s) => [s.firstLine, s.lastLine]), [[4, 6]]);
    const findings = [findingAt(yml, 'HRK-HYML-007', yml.lines.lineStart(5) + 6), findingAt(yml, 'HRK-HYML-007', yml.lines.lineStart(7) + 4)];
    const { kept } = applySuppressions(findings, new Map([[yml.path, yml]]), () => ({ config: EMPTY_CONFIG, base: '' }));
    assert.deepEqual(kept.map((f) => f.range.start.line), [7]);
  });

  it('does not apply a directive without a reason, and says so', () => {
    const bare = doc({ path: 'Procfile', kind: 'procfile', text: '# heroku-compliance-ignore HRK-CMD-001\nweb: node --inspect=0.0.0.0 s.js\n# heroku-compliance-ignore HRK-NOPE-001: x\n' });
    const finding = findingAt(bare, 'HRK-CMD-001', bare.lines.lineStart(2) + 1);
    assert.equal(applySuppressions([finding], new Map([[bare.path, bare]]), () => ({ config: EMPTY_CONFIG, base: '' })).kept.length, 1);
    assert.deepEqual(
      suppressionNotices(bare, new Set(['HRK-CMD-001'])).map((n) => [n.line, /needs a reason/.test(n.message) ? 'reason' : 'unknown']),
      [[1, 'reason'], [3, 'unknown']],
    );
  });

  it('ignores the directive in formats without comments', () => {
    const appJson = doc({ path: 'app.json', kind: 'app.json', text: '{"name": "# heroku-compliance-ignore HRK-APPJSON-025: x"}' });
    assert.deepEqual(inlineSuppressions(appJson), []);
  });

  it('accepts // comments in Terraform', () => {
    const tf = doc({ path: 'main.tf', kind: 'terraform', text: '// heroku-compliance-ignore HRK-TF-011: public marketing site\nresource "x" "y" {}\n' });
    assert.deepEqual(inlineSuppressions(tf).map((s) => s.ruleIds), [['HRK-TF-011']]);
  });
});

describe('app.json suppressions from the config file', () => {
  const appJson = doc({ path: 'svc/app.json', kind: 'app.json', text: '{\n  "env": {\n    "SECRET_KEY": "abc",\n    "OTHER": "x"\n  }\n}\n' });
  const at = (needle: string) => appJson.text.indexOf(needle) + 1;
  const findings = [findingAt(appJson, 'HRK-APPJSON-005', at('abc')), findingAt(appJson, 'HRK-APPJSON-005', at('"x"'))];

  it('suppresses by rule and JSON pointer, including everything below the pointer', () => {
    const config = { ...EMPTY_CONFIG, suppressions: [{ rule: 'HRK-APPJSON-005', pointer: '/env/SECRET_KEY', reason: 'r' }] };
    const { kept } = applySuppressions(findings, new Map([[appJson.path, appJson]]), () => ({ config: config, base: '' }));
    assert.deepEqual(kept.map((f) => f.range.start.line), [4]);
    const all = { ...EMPTY_CONFIG, suppressions: [{ rule: 'HRK-APPJSON-005', pointer: '/env', reason: 'r' }] };
    assert.equal(applySuppressions(findings, new Map([[appJson.path, appJson]]), () => ({ config: all, base: '' })).kept.length, 0);
  });

  it('respects the rule id and the path glob', () => {
    const otherRule = { ...EMPTY_CONFIG, suppressions: [{ rule: 'HRK-APPJSON-006', pointer: '/env', reason: 'r' }] };
    assert.equal(applySuppressions(findings, new Map([[appJson.path, appJson]]), () => ({ config: otherRule, base: '' })).kept.length, 2);
    const otherPath = { ...EMPTY_CONFIG, suppressions: [{ rule: 'HRK-APPJSON-005', pointer: '/env', path: 'api/app.json', reason: 'r' }] };
    assert.equal(applySuppressions(findings, new Map([[appJson.path, appJson]]), () => ({ config: otherPath, base: '' })).kept.length, 2);
  });
});
