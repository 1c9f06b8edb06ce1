/**
 * `heroku-compliance check` end to end: the built CLI (CLI_PATH, or HC_CLI_PATH) is spawned on workspaces.
 * Exact assertions use HRK-APPJSON-025 (deprecated `image` key, info everywhere, safe fix), the one rule
 * these tests can rely on; other rules may add findings, so counts are taken with `--rule`.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cleanWorkspaces, cliFixtures, copyFixture, makeWorkspace, parseJsonOutput, registeredRuleIds, runCli } from '../../helpers/cli';

const IMAGE = 'HRK-APPJSON-025';
const IMAGE_APP = `{
  "name": "billing",
  "description": "Invoices and receipts.",
  "image": "heroku/ruby",
  "stack": "heroku-24",
  "formation": { "web": { "quantity": 1, "size": "standard-1x" } }
}
`;
const CLEAN_APP = `{
  "name": "billing",
  "description": "Invoices and receipts.",
  "stack": "heroku-24",
  "formation": { "web": { "quantity": 1, "size": "standard-1x" } }
}
`;
const ESC = '\u001b[';

after(cleanWorkspaces);

describe('check: exit status', () => {
  it('is 0 when nothing reaches --fail-on (default high) and 1 when something does', () => {
    const dir = makeWorkspace({ 'app.json': IMAGE_APP });
    assert.equal(runCli(['check', '--rule', IMAGE], { cwd: dir }).status, 0);
    assert.equal(runCli(['check', '--rule', IMAGE, '--fail-on', 'info'], { cwd: dir }).status, 1);
    assert.equal(runCli(['check', '--rule', IMAGE, '--fail-on', 'low'], { cwd: dir }).status, 0);
    assert.equal(runCli(['check', '--rule', IMAGE, '--fail-on', 'none'], { cwd: dir }).status, 0);
  });

  it('is 0 on a clean app', () => {
    const dir = makeWorkspace({ 'app.json': CLEAN_APP });
    const result = runCli(['check', '--rule', IMAGE, '--fail-on', 'info'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^0 findings in 0 files; 0 suppressed; 1 file checked$/m);
  });

  it('is 2 with the short usage for unknown options, commands, values and rules', () => {
    for (const args of [['check', '--frobnicate'], ['frobnicate'], ['check', '--format', 'xml'], ['check', '--fail-on', 'error'], ['check', '--rule', 'HRK-APPJSON-999'], ['check', '--profile']]) {
      const result = runCli(args);
      assert.equal(result.status, 2, args.join(' '));
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /^heroku-compliance: .+\nUsage: heroku-compliance check/, args.join(' '));
    }
  });

  it('is 2 for a path that does not exist', () => {
    const dir = makeWorkspace({});
    const result = runCli(['check', 'nowhere'], { cwd: dir });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /path not found: nowhere/);
  });
});

describe('check: text report', () => {
  it('groups findings by file with line:col, severity, message and rule id, then a summary', () => {
    const result = runCli(['check', 'multi', '--rule', IMAGE], { cwd: cliFixtures() });
    assert.equal(result.status, 0, result.stderr);
    const lines = result.stdout.split('\n');
    const header = lines.indexOf('multi/web/app.json');
    assert.ok(header >= 0, result.stdout);
    assert.match(lines[header + 1], /^ {2}4:3 {2}info {2}The `image` key is deprecated; Heroku ignores it\. {2}HRK-APPJSON-025$/);
    assert.ok(lines.includes('multi/café app/app.json'), 'unicode and spaces in paths are printed as they are');
    assert.match(result.stdout, /^3 findings \(3 info\) in 3 files; 0 suppressed; 7 files checked$/m);
    assert.match(result.stdout, /^3 findings can be fixed with --fix\.$/m);
    assert.ok(!result.stdout.includes(ESC), 'no colour when stdout is not a terminal');
  });

  it('prints the profile chosen for each app unless --profile sets it', () => {
    const auto = runCli(['check', 'multi', '--rule', IMAGE], { cwd: cliFixtures() });
    assert.match(auto.stdout, /^profile for multi\/shield: shield, inferred from shield-m dynos/m);
    assert.match(auto.stdout, /^profile for multi\/web: common, default/m);
    const explicit = runCli(['check', 'multi', '--rule', IMAGE, '--profile', 'private'], { cwd: cliFixtures() });
    assert.doesNotMatch(explicit.stdout, /^profile for/m);
  });

  it('shows paths relative to the current directory', () => {
    const inside = runCli(['check', '--rule', IMAGE], { cwd: path.join(cliFixtures(), 'multi') });
    assert.match(inside.stdout, /^web\/app\.json$/m);
    const outside = runCli(['check', path.join(cliFixtures(), 'multi', 'web'), '--rule', IMAGE], { cwd: cliFixtures() });
    assert.match(outside.stdout, /^multi\/web\/app\.json$/m);
  });

  it('colours only when asked: FORCE_COLOR, --color; never with NO_COLOR or --no-color', () => {
    const dir = makeWorkspace({ 'app.json': IMAGE_APP });
    assert.ok(runCli(['check', '--rule', IMAGE], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout.includes(ESC));
    assert.ok(runCli(['check', '--rule', IMAGE, '--color'], { cwd: dir }).stdout.includes(ESC));
    assert.ok(!runCli(['check', '--rule', IMAGE, '--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout.includes(ESC));
    assert.ok(!runCli(['check', '--rule', IMAGE], { cwd: dir, env: { NO_COLOR: '1' } }).stdout.includes(ESC));
  });

  it('writes the report to --output instead of stdout, without colour', () => {
    const dir = makeWorkspace({ 'app.json': IMAGE_APP });
    const result = runCli(['check', '--rule', IMAGE, '--output', 'report.txt', '--color'], { cwd: dir });
    assert.equal(result.status, 0);
    assert.equal(result.stdout, '');
    const report = fs.readFileSync(path.join(dir, 'report.txt'), 'utf8');
    assert.match(report, /^app\.json$/m);
    assert.ok(!report.includes(ESC));
  });
});

describe('check: JSON report', () => {
  it('has the documented shape', () => {
    const result = runCli(['check', 'multi', '--rule', IMAGE, '--format', 'json'], { cwd: cliFixtures() });
    assert.equal(result.status, 0, result.stderr);
    const report = parseJsonOutput(result);
    assert.equal(report.version, 1);
    assert.equal(report.tool.name, 'heroku-compliance');
    assert.match(report.tool.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(
      report.apps.map((a) => [a.dir, a.profile]),
      [
        ['multi/café app', 'common'],
        ['multi/shield', 'shield'],
        ['multi/web', 'common'],
        ['multi/worker', 'common'],
      ],
    );
    assert.equal(report.findings.length, 3);
    const web = report.findings.find((f) => f.path === 'multi/web/app.json')!;
    assert.equal(web.ruleId, IMAGE);
    assert.equal(web.severity, 'info');
    assert.equal(web.profile, 'common');
    assert.deepEqual(web.range.start, { line: 4, column: 3, offset: 80 });
    assert.deepEqual(web.range.end, { line: 4, column: 10, offset: 87 });
    assert.deepEqual(web.related, []);
    assert.equal(web.fix?.safety, 'safe');
    // Edits are narrowed to what changes: applying them removes the member and nothing else.
    const text = fs.readFileSync(path.join(cliFixtures(), 'multi', 'web', 'app.json'), 'utf8');
    const edits = (web.fix?.edits ?? []) as { path: string; start: number; end: number; newText: string }[];
    assert.equal(edits.length, 1);
    assert.equal(edits[0].path, 'multi/web/app.json');
    assert.match(text.slice(edits[0].start, edits[0].end), /^,?\s*"image": "heroku\/nodejs",?$/);
    const fixed = text.slice(0, edits[0].start) + edits[0].newText + text.slice(edits[0].end);
    const { image, ...rest } = JSON.parse(text) as Record<string, unknown>;
    assert.equal(image, 'heroku/nodejs');
    assert.deepEqual(JSON.parse(fixed), rest);
    assert.match(web.fingerprint, /^[0-9a-f]{32}:\d+$/);
    assert.match(web.docUrl, /HRK-APPJSON-025\.md$/);
    assert.deepEqual(report.summary, {
      findings: 3,
      bySeverity: { crit: 0, high: 0, med: 0, low: 0, info: 3 },
      files: 3,
      filesChecked: 7,
      suppressed: 0,
      baselined: 0,
      fixable: 3,
      failOn: 'high',
      failed: false,
    });
  });
});

describe('check: config', () => {
  it('reports config problems as file:line: message and exits 2', () => {
    const result = runCli(['check', 'config-invalid'], { cwd: cliFixtures() });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    const lines = result.stderr.split('\n');
    assert.ok(lines.includes('config-invalid/.heroku-compliance.yml:1: profile must be one of auto, common, private, shield.'), result.stderr);
    assert.ok(lines.some((l) => l.startsWith('config-invalid/.heroku-compliance.yml:3: HRK-APPJSON-025 must be')), result.stderr);
    assert.ok(lines.includes('config-invalid/.heroku-compliance.yml:4: Unknown rule id HRK-NOPE-999.'), result.stderr);
    assert.ok(lines.some((l) => l.startsWith('config-invalid/.heroku-compliance.yml:5: Unknown setting "colour"')), result.stderr);
  });

  it('honours config ignore globs', () => {
    const result = runCli(['check', 'config-ignore', '--rule', IMAGE, '--format', 'json'], { cwd: cliFixtures() });
    assert.equal(result.status, 0, result.stderr);
    const report = parseJsonOutput(result);
    assert.deepEqual(report.findings.map((f) => f.path), ['config-ignore/app.json']);
    assert.equal(report.summary.filesChecked, 1);
  });

  it('reads --config instead of the scan root config, and fails on a missing one', () => {
    const dir = makeWorkspace({ 'app.json': IMAGE_APP, 'conf/strict.yml': `rules:\n  ${IMAGE}: high\n` });
    const result = runCli(['check', '--config', 'conf/strict.yml', '--rule', IMAGE], { cwd: dir });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, / high {2}The `image` key/);
    const missing = runCli(['check', '--config', 'conf/none.yml'], { cwd: dir });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^conf\/none\.yml: cannot read the config file: it does not exist/m);
  });

  it('turns rules off from the config', () => {
    const dir = makeWorkspace({ 'app.json': IMAGE_APP, '.heroku-compliance.yml': `rules:\n  ${IMAGE}: off\n` });
    const report = parseJsonOutput(runCli(['check', '--format', 'json'], { cwd: dir }));
    assert.ok(!report.findings.some((f) => f.ruleId === IMAGE));
  });
});

describe('check: nested config files', () => {
  const files = {
    '.heroku-compliance.yml': `rules:\n  ${IMAGE}: high\n`,
    'app.json': IMAGE_APP,
    'svc/.heroku-compliance.yml': 'profile: shield\nignore:\n  - legacy/**\n',
    'svc/app.json': IMAGE_APP,
    'svc/legacy/app.json': IMAGE_APP,
    'svc/deeper/app.json': IMAGE_APP,
  };

  it('gives each app the nearest config at or above it, whole, with globs relative to it', () => {
    const dir = makeWorkspace(files);
    const report = parseJsonOutput(runCli(['check', '--rule', IMAGE, '--format', 'json'], { cwd: dir }));
    assert.deepEqual(
      report.findings.map((f) => [f.path, f.severity]),
      [
        ['app.json', 'high'],
        ['svc/app.json', 'info'],
        ['svc/deeper/app.json', 'info'],
      ],
    );
    assert.deepEqual(
      report.apps.map((a) => [a.dir, a.profile, a.profileReason]),
      [
        ['.', 'common', 'default (no Private or Shield Space evidence)'],
        ['svc', 'shield', 'set in .heroku-compliance.yml'],
        ['svc/deeper', 'shield', 'set in .heroku-compliance.yml'],
      ],
    );
  });

  it('uses --config alone for every path', () => {
    const dir = makeWorkspace(files);
    const report = parseJsonOutput(runCli(['check', '--rule', IMAGE, '--format', 'json', '--config', '.heroku-compliance.yml'], { cwd: dir }));
    assert.deepEqual(
      report.findings.map((f) => [f.path, f.severity]),
      [
        ['app.json', 'high'],
        ['svc/app.json', 'high'],
        ['svc/deeper/app.json', 'high'],
        ['svc/legacy/app.json', 'high'],
      ],
    );
  });

  it('finds the config above the first path inside a git work tree, and bases baseline paths on it', () => {
    const dir = makeWorkspace({ '.heroku-compliance.yml': `rules:\n  ${IMAGE}: high\n`, 'apps/web/app.json': IMAGE_APP });
    fs.mkdirSync(path.join(dir, '.git'));
    const web = path.join(dir, 'apps', 'web');
    const result = runCli(['check', '--rule', IMAGE], { cwd: web });
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^app\.json$/m);
    assert.match(result.stdout, / high {2}The `image` key/);
    assert.equal(runCli(['check', '--rule', IMAGE, '--write-baseline', 'b.json'], { cwd: web }).status, 0);
    const baseline = JSON.parse(fs.readFileSync(path.join(web, 'b.json'), 'utf8')) as { findings: { path: string }[] };
    assert.deepEqual(baseline.findings.map((f) => f.path), ['apps/web/app.json']);
    assert.equal(runCli(['check', 'apps', '--rule', IMAGE, '--baseline', 'apps/web/b.json', '--fail-on', 'info'], { cwd: dir }).status, 0);
  });

  it('does not look above the first path outside a git work tree', () => {
    const dir = makeWorkspace({ '.heroku-compliance.yml': `rules:\n  ${IMAGE}: high\n`, 'web/app.json': IMAGE_APP });
    const result = runCli(['check', 'web', '--rule', IMAGE], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, / info {2}The `image` key/);
  });

  it('reports problems in a nested config and exits 2', () => {
    const dir = makeWorkspace({ ...files, 'svc/deeper/.heroku-compliance.yml': 'rules: [1, 2]\n' });
    const result = runCli(['check'], { cwd: dir });
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^svc\/deeper\/\.heroku-compliance\.yml:1: rules must map rule ids/m);
  });
});

describe('check: baseline', () => {
  it('round-trips: write, then apply hides every finding; a new finding still shows', () => {
    const dir = makeWorkspace({ 'a/app.json': IMAGE_APP, 'b/app.json': IMAGE_APP });
    const written = runCli(['check', '--rule', IMAGE, '--fail-on', 'info', '--write-baseline', 'baseline.json'], { cwd: dir });
    assert.equal(written.status, 0, written.stderr);
    assert.match(written.stderr, /Wrote 2 findings to the baseline baseline\.json/);
    const baseline = JSON.parse(fs.readFileSync(path.join(dir, 'baseline.json'), 'utf8')) as { version: number; findings: { path: string }[] };
    assert.equal(baseline.version, 1);
    assert.deepEqual(baseline.findings.map((f) => f.path).sort(), ['a/app.json', 'b/app.json']);

    const applied = runCli(['check', '--rule', IMAGE, '--fail-on', 'info', '--baseline', 'baseline.json', '--format', 'json'], { cwd: dir });
    assert.equal(applied.status, 0, applied.stderr);
    const report = parseJsonOutput(applied);
    assert.equal(report.findings.length, 0);
    assert.equal(report.summary.baselined, 2);
  });

  it('reports only new findings against a baseline, and survives unrelated edits', () => {
    const dir = makeWorkspace({ 'a/app.json': IMAGE_APP });
    assert.equal(runCli(['check', '--rule', IMAGE, '--write-baseline', 'b.json'], { cwd: dir }).status, 0);
    fs.mkdirSync(path.join(dir, 'c'));
    fs.writeFileSync(path.join(dir, 'c', 'app.json'), IMAGE_APP);
    fs.writeFileSync(path.join(dir, 'a', 'app.json'), IMAGE_APP.replace('"description": "Invoices and receipts.",', '"description": "Invoices.",\n  "keywords": ["billing"],'));
    const result = runCli(['check', '--rule', IMAGE, '--fail-on', 'info', '--baseline', 'b.json', '--format', 'json'], { cwd: dir });
    assert.equal(result.status, 1, result.stderr);
    const report = parseJsonOutput(result);
    assert.deepEqual(report.findings.map((f) => f.path), ['c/app.json']);
    assert.equal(report.summary.baselined, 1);
  });

  it('exits 2 for a missing or invalid baseline', () => {
    const dir = makeWorkspace({ 'app.json': IMAGE_APP, 'bad.json': '{"findings": 3}', 'broken.json': '{' });
    for (const [file, pattern] of [
      ['none.json', /cannot read the baseline none\.json/],
      ['bad.json', /invalid baseline bad\.json: not a heroku-compliance baseline/],
      ['broken.json', /invalid baseline broken\.json/],
    ] as const) {
      const result = runCli(['check', '--baseline', file], { cwd: dir });
      assert.equal(result.status, 2, file);
      assert.match(result.stderr, pattern);
      assert.equal(result.stdout, '');
    }
  });
});

describe('check: --fix', () => {
  it('applies safe fixes only, writes them back, reports them, and the result re-lints clean of them', () => {
    const dir = copyFixture('multi');
    const before = parseJsonOutput(runCli(['check', '--format', 'json', '--fail-on', 'none'], { cwd: dir }));
    const suggestions = before.findings.filter((f) => f.fix?.safety === 'suggestion');
    const untouched = fs.readFileSync(path.join(dir, 'worker', 'app.json'), 'utf8');

    const result = runCli(['check', '--fix', '--fail-on', 'none'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    for (const file of ['café app/app.json', 'shield/app.json', 'web/app.json']) {
      assert.match(result.stdout, new RegExp(`^fixed: ${file.replace('.', '\\.')}: \\d+ fix(es)? \\(.*HRK-APPJSON-025.*\\)$`, 'm'));
      const text = fs.readFileSync(path.join(dir, ...file.split('/')), 'utf8');
      assert.ok(!text.includes('"image"'), `${file} still has image`);
      assert.doesNotThrow(() => JSON.parse(text), `${file} is still JSON`);
    }
    assert.equal(fs.readFileSync(path.join(dir, 'worker', 'app.json'), 'utf8'), untouched, 'files without safe fixes are not rewritten');

    const after = parseJsonOutput(runCli(['check', '--format', 'json', '--fail-on', 'none'], { cwd: dir }));
    assert.equal(after.summary.fixable, 0, 'no safe fix is left');
    assert.ok(!after.findings.some((f) => f.ruleId === IMAGE));
    for (const s of suggestions) {
      assert.ok(after.findings.some((f) => f.ruleId === s.ruleId && f.path === s.path), `suggestion ${s.ruleId} in ${s.path} was not applied`);
    }
  });

  it('reports fixes in JSON and on stderr for machine formats', () => {
    const dir = makeWorkspace({ 'app.json': IMAGE_APP });
    const result = runCli(['check', '--fix', '--rule', IMAGE, '--format', 'json'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const report = parseJsonOutput(result);
    assert.deepEqual(report.fixed, [{ path: 'app.json', fixes: 1, ruleIds: [IMAGE] }]);
    assert.equal(report.findings.length, 0);
    assert.match(result.stderr, /^fixed: app\.json: 1 fix \(HRK-APPJSON-025\)$/m);
    assert.equal(fs.readFileSync(path.join(dir, 'app.json'), 'utf8'), CLEAN_APP);
  });

  it('does not rewrite a file that is not valid UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from(IMAGE_APP.replace('Invoices', 'Invoices \u0000')), Buffer.from([0xff, 0xfe, 0x0a])]);
    const dir = makeWorkspace({ 'app.json': bytes });
    const result = runCli(['check', '--fix', '--rule', IMAGE], { cwd: dir });
    assert.ok(result.status === 0 || result.status === 1, result.stderr);
    assert.ok(fs.readFileSync(path.join(dir, 'app.json')).equals(bytes));
  });
});

describe('check: secrets', () => {
  it('never prints a literal secret, in any format', () => {
    const secret = `sk_live_${'4eC39HqLyjWDarjtT1zdp7dc'}`;
    const dbUrl = 'postgres://admin:Sup3rS3cretPassw0rd@db.example.net:5432/app';
    const dir = makeWorkspace({
      'app.json': `{\n  "name": "leaky",\n  "image": "heroku/ruby",\n  "env": {\n    "STRIPE_SECRET_KEY": { "value": "${secret}" },\n    "DATABASE_URL": "${dbUrl}"\n  }\n}\n`,
      Procfile: `web: STRIPE_SECRET_KEY=${secret} bundle exec puma\n`,
    });
    for (const format of ['text', 'json', 'sarif']) {
      for (const fix of [[], ['--fix']]) {
        const result = runCli(['check', '--format', format, ...fix], { cwd: copyInto(dir) });
        assert.ok(result.status !== null && result.status <= 1, result.stderr);
        for (const output of [result.stdout, result.stderr]) {
          assert.ok(!output.includes(secret), `${format} ${fix.join('')} printed the Stripe key`);
          assert.ok(!output.includes('Sup3rS3cretPassw0rd'), `${format} ${fix.join('')} printed the password`);
        }
      }
    }
  });
});

describe('check: syntax errors', () => {
  it('reports invalid app.json and heroku.yml as findings, never a crash', () => {
    const ids = registeredRuleIds();
    const result = runCli(['check', 'syntax', '--format', 'json', '--fail-on', 'none'], { cwd: cliFixtures() });
    assert.equal(result.status, 0, result.stderr);
    assert.doesNotMatch(result.stderr, /internal error/);
    const report = parseJsonOutput(result);
    assert.equal(report.summary.filesChecked, 2);
    if (ids.has('HRK-APPJSON-001')) {
      const finding = report.findings.find((f) => f.ruleId === 'HRK-APPJSON-001');
      assert.ok(finding, 'invalid app.json gives an HRK-APPJSON-001 finding');
      assert.equal(finding.path, 'syntax/app.json');
      assert.equal(finding.range.start.line, 4);
    }
    if (ids.has('HRK-HYML-001')) {
      assert.ok(report.findings.some((f) => f.ruleId === 'HRK-HYML-001' && f.path === 'syntax/heroku.yml'), 'YAML syntax error gives an HRK-HYML-001 finding');
    }
    assert.ok(runCli(['check', 'syntax'], { cwd: cliFixtures() }).status! <= 1);
  });
});

/** A fresh copy of a workspace, so that --fix runs do not affect each other. */
function copyInto(dir: string): string {
  const copy = makeWorkspace();
  fs.cpSync(dir, copy, { recursive: true });
  return copy;
}

describe('check: a file named alone', () => {
  it('is linted with the rest of its app, and only its own findings are reported or fixed', () => {
    const appJson = '{\n  "name": "pay",\n  "image": "x",\n  "formation": { "web": { "quantity": 2, "size": "shield-m" } }\n}\n';
    const dir = makeWorkspace({ 'app.json': appJson, Procfile: 'web: node --inspect=0.0.0.0:9229 server.js\n' });
    const result = runCli(['check', 'Procfile', '--format', 'json', '--fail-on', 'none', '--rule', 'HRK-CMD-001', '--rule', IMAGE], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    const report = parseJsonOutput(result);
    // The sibling app.json makes the app Shield, so the inspector finding is critical; its own finding is not shown.
    assert.deepEqual(report.findings.map((f) => [f.ruleId, f.path, f.severity]), [['HRK-CMD-001', 'Procfile', 'crit']]);
    const fixed = runCli(['check', 'Procfile', '--fix', '--fail-on', 'none', '--rule', 'HRK-CMD-001', '--rule', IMAGE], { cwd: dir });
    assert.equal(fixed.status, 0, fixed.stderr);
    assert.equal(fs.readFileSync(path.join(dir, 'app.json'), 'utf8'), appJson, 'a context file is never fixed');
    assert.equal(fs.readFileSync(path.join(dir, 'Procfile'), 'utf8'), 'web: node server.js\n');
  });
});

describe('check: a named file that the config ignores', () => {
  it('is skipped with a warning instead of being counted as checked', () => {
    const dir = makeWorkspace({ '.heroku-compliance.yml': 'ignore:\n  - "sub/**"\n', 'sub/Procfile': 'web: node --inspect=0.0.0.0 x.js\n' });
    // Config files are looked up to the top of the git work tree.
    fs.mkdirSync(path.join(dir, '.git'));
    const result = runCli(['check', 'sub/Procfile'], { cwd: dir });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /skipped sub\/Procfile: it matches an `ignore` pattern of \.heroku-compliance\.yml/);
    assert.match(result.stdout, /0 files checked/);
  });
});
