import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  applyEdits,
  configWithSuppression,
  type FileKind,
  inlineIgnoreEdit,
  jsonPointerAt,
  lint,
  type LintRequest,
  loadTerraformParser,
  parseConfig,
  RULE_IDS,
} from '../../../src/engine';

function request(path: string, kind: FileKind, text: string): LintRequest {
  return { files: [{ path, kind, text }], profile: 'common' };
}

/** Applies the ignore edit for the first finding of `ruleId` and returns the new text plus what lint says then. */
function ignoreFirst(req: LintRequest, ruleId: string) {
  const finding = lint(req).findings.find((f) => f.ruleId === ruleId);
  assert.ok(finding, `${ruleId} fires before the edit`);
  const edit = inlineIgnoreEdit(req, finding, 'reviewed by security');
  if (!edit) return undefined;
  const text = applyEdits(req.files[0].text, [edit]).text;
  const after = lint({ ...req, files: [{ ...req.files[0], text }] });
  return { text, after };
}

describe('inlineIgnoreEdit', () => {
  before(() => loadTerraformParser());

  it('puts the comment above a Procfile line, and the finding goes away', () => {
    const result = ignoreFirst(request('Procfile', 'procfile', 'web: node --inspect=0.0.0.0:9229 server.js\n'), 'HRK-CMD-001');
    assert.ok(result);
    assert.equal(result.text, '# heroku-compliance-ignore HRK-CMD-001: reviewed by security\nweb: node --inspect=0.0.0.0:9229 server.js\n');
    assert.ok(!result.after.findings.some((f) => f.ruleId === 'HRK-CMD-001'));
    assert.equal(result.after.suppressed, 1);
  });

  it('keeps the indentation and CRLF line endings of the file', () => {
    const text = 'build:\r\n  docker:\r\n    web: Dockerfile\r\nrun:\r\n  web: node --inspect=0.0.0.0:9229 server.js\r\n';
    const result = ignoreFirst(request('heroku.yml', 'heroku.yml', text), 'HRK-CMD-001');
    assert.ok(result);
    assert.match(result.text, /\r\n {2}# heroku-compliance-ignore HRK-CMD-001: reviewed by security\r\n {2}web: node/);
    assert.ok(!result.after.findings.some((f) => f.ruleId === 'HRK-CMD-001'));
  });

  it('goes above the key of a YAML block scalar instead of into its text', () => {
    const text = ['build:', '  docker:', '    web: Dockerfile', 'run:', '  web: |', '    node --inspect=0.0.0.0:9229 server.js', ''].join('\n');
    const result = ignoreFirst(request('heroku.yml', 'heroku.yml', text), 'HRK-CMD-001');
    assert.ok(result);
    assert.match(result.text, /run:\n {2}# heroku-compliance-ignore HRK-CMD-001: reviewed by security\n {2}web: \|\n/);
    assert.ok(!result.after.findings.some((f) => f.ruleId === 'HRK-CMD-001'));
    assert.ok(!result.after.findings.some((f) => f.ruleId === 'HRK-HYML-001'));
  });

  it('uses the Terraform comment marker', () => {
    const text = 'provider "heroku" {\n  api_key = "HRKU-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"\n}\n';
    const req = request('main.tf', 'terraform', text);
    const ruleId = lint(req).findings.find((f) => f.range.start.line === 2)?.ruleId;
    assert.ok(ruleId, 'a finding on the api_key line');
    const result = ignoreFirst(req, ruleId);
    assert.ok(result);
    assert.match(result.text, new RegExp(`\\n {2}# heroku-compliance-ignore ${ruleId}: reviewed by security\\n {2}api_key`));
  });

  it('offers nothing for app.json, which has no comments', () => {
    const req = request('app.json', 'app.json', '{"env": {"SECRET_KEY": {"value": "sk_live_4eC39HqLyjWDarjtT1zdp7dc"}}}');
    const finding = lint(req).findings[0];
    assert.ok(finding);
    assert.equal(inlineIgnoreEdit(req, finding, 'r'), undefined);
  });

  it('never puts the comment inside a heredoc, where it would change the value', () => {
    const text = [
      'resource "heroku_app" "web" {',
      '  name   = "web"',
      '  region = "us"',
      '  config_vars = {',
      '    NOTES = <<EOT',
      'first line',
      'postgres://admin:hunter2hunter2@db.example.com:5432/app',
      'EOT',
      '  }',
      '}',
      '',
    ].join('\n');
    const req = request('main.tf', 'terraform', text);
    const finding = lint(req).findings.find((f) => f.range.start.line === 7);
    assert.ok(finding, 'a finding inside the heredoc');
    assert.equal(inlineIgnoreEdit(req, finding, 'r'), undefined);
  });

  it('never puts the comment inside a YAML block scalar', () => {
    const text = ['build:', '  docker:', '    web: Dockerfile', 'run:', '  web: |', '    echo start', '    node --inspect=0.0.0.0:9229 server.js', ''].join('\n');
    const req = request('heroku.yml', 'heroku.yml', text);
    const finding = lint(req).findings.find((f) => f.ruleId === 'HRK-CMD-001');
    assert.ok(finding);
    const edit = inlineIgnoreEdit(req, finding, 'r');
    if (edit) assert.ok(edit.start <= text.indexOf('  web: |'), 'above the block scalar');
  });
});

describe('jsonPointerAt', () => {
  it('names the value under the offset, escaping / and ~', () => {
    const text = '{"env": {"A/B~C": {"value": "x"}}}';
    assert.equal(jsonPointerAt(text, text.indexOf('"x"') + 1), '/env/A~1B~0C/value');
  });
});

describe('configWithSuppression', () => {
  const suppression = { rule: 'HRK-APPJSON-005', pointer: '/env/SECRET_KEY', path: 'app.json', reason: 'rotated test key' };

  it('creates the list in an empty file, and the result is a valid config', () => {
    const text = configWithSuppression('', suppression);
    const { config, problems } = parseConfig(text, RULE_IDS);
    assert.deepEqual(problems, []);
    assert.deepEqual(config.suppressions, [suppression]);
  });

  it('appends to an existing list and keeps comments and other settings', () => {
    const original = '# team policy\nprofile: shield # always\nsuppressions:\n  - rule: HRK-APPJSON-006\n    pointer: /env/DATABASE_URL\n    reason: staging only\n';
    const text = configWithSuppression(original, suppression);
    assert.match(text, /# team policy/);
    assert.match(text, /profile: shield # always/);
    const { config, problems } = parseConfig(text, RULE_IDS);
    assert.deepEqual(problems, []);
    assert.equal(config.profile, 'shield');
    assert.deepEqual(config.suppressions.map((s) => s.rule), ['HRK-APPJSON-006', 'HRK-APPJSON-005']);
  });

  it('refuses a file that is not a mapping or does not parse', () => {
    assert.throws(() => configWithSuppression('- a\n- b\n', suppression), /not a mapping/);
    assert.throws(() => configWithSuppression('profile: [\n', suppression), /does not parse/);
    assert.throws(() => configWithSuppression('suppressions: yes\n', suppression), /not a list/);
  });
});
