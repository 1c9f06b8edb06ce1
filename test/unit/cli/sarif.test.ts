/**
 * SARIF output: its structure, and Microsoft's validator (`Sarif.Multitool validate --rule-kind "Gh;Sarif"`,
 * run as the binary, not through the npx wrapper) reports no error and no warning on the CLI's output for
 * examples/, for fixtures with many findings and unicode paths, and for a report with related locations,
 * multi-edit fixes, insertions, empty ranges, rule failures and warnings.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatSarif, SARIF_SCHEMA } from '../../../src/cli/formatters/sarif';
import type { Report } from '../../../src/cli/report';
import { fingerprintFindings, type Finding, LineIndex } from '../../../src/engine';
import { cleanWorkspaces, cliFixtures, makeWorkspace, registeredRuleIds, runCli } from '../../helpers/cli';
import { REPO_ROOT } from '../../helpers/paths';
import { validateSarif } from '../../helpers/sarifValidator';

const IMAGE = 'HRK-APPJSON-025';
const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string; homepage: string };

/** Validator rules that may report notes: they ask for things this tool leaves out on purpose. */
const ACCEPTED_NOTES = new Set([
  'SARIF2002', // message arguments: messages are complete sentences from the engine
  'SARIF2003', // version control provenance: the CLI does not query git
  'SARIF2006', // URIs reachable: the validator's network access, not the log
  'SARIF2009', // conventional rule ids: ours are HRK-<AREA>-<NNN> by design
  'SARIF2010', // code snippets: never, they may contain secrets
  'SARIF2011', // context regions: same
]);

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: SarifRule[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications?: { level: string; message: { text: string } }[] }[];
    originalUriBaseIds: Record<string, { uri: string }>;
    columnKind: string;
    results: SarifResult[];
  }[];
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  helpUri: string;
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; precision: string; 'security-severity': string; 'problem.severity': string; profileSeverities: Record<string, string> };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
  relatedLocations?: { id: number; message: { text: string } }[];
  partialFingerprints: Record<string, string>;
  properties: { 'security-severity': string; profile: string };
  fixes?: { description: { text: string }; artifactChanges: { artifactLocation: { uri: string }; replacements: { deletedRegion: { charOffset: number; charLength: number }; insertedContent?: { text: string } }[] }[] }[];
}

/** The validator binary for this platform, as the package resolves it. */

function cliSarif(cwd: string, args: string[], file: string): SarifLog {
  const result = runCli(['check', ...args, '--format', 'sarif', '--output', file, '--fail-on', 'none'], { cwd });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, '');
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SarifLog;
}

/** A report no single rule set produces today: related locations, multi-edit fixes, insertions, empty ranges. */
function syntheticReport(base: string): Report {
  const texts = new Map<string, string>([
    ['apps/café #1/app.json', '{\n  "name": "café",\n  "image": "heroku/ruby",\n  "stack": "heroku-24"\n}\n'],
    ['apps/café #1/Procfile', 'web: bundle exec puma -p $PORT\nweb: bin/start\n'],
    ['../elsewhere/heroku.yml', 'build:\n  docker:\n    web: Dockerfile\n'],
  ]);
  const range = (p: string, start: number, end: number) => new LineIndex(texts.get(p)!).range(start, end);
  const app = 'apps/café #1/app.json';
  const appText = texts.get(app)!;
  const procfile = 'apps/café #1/Procfile';
  const image = appText.indexOf('"image"');
  const findings: Finding[] = [
    {
      ruleId: IMAGE,
      severity: 'crit',
      message: 'The `image` key is deprecated; Heroku ignores it.',
      path: app,
      range: range(app, image, image + 7),
      related: [
        { path: procfile, range: range(procfile, 0, 3), message: 'The web process is declared here' },
        { path: procfile, range: range(procfile, 31, 34), message: 'and declared again here.' },
      ],
      fix: {
        title: 'Delete the `image` member and pin the stack',
        safety: 'suggestion',
        edits: [
          { path: app, start: image - 4, end: image + 22, newText: '' },
          { path: app, start: appText.length - 2, end: appText.length - 2, newText: ',\n  "buildpacks": []' },
          { path: procfile, start: 31, end: 46, newText: '' },
        ],
      },
      profile: 'shield',
    },
    { ruleId: IMAGE, severity: 'med', message: 'An empty range at the end of the file', path: procfile, range: range(procfile, 46, 46), related: [], profile: 'private' },
    { ruleId: IMAGE, severity: 'low', message: 'A finding outside the current directory.', path: '../elsewhere/heroku.yml', range: range('../elsewhere/heroku.yml', 0, 5), related: [], profile: 'common' },
  ];
  const textOf = (p: string) => texts.get(p);
  return {
    findings,
    fingerprints: fingerprintFindings(findings, textOf),
    apps: [],
    profileSetting: 'auto',
    filesChecked: 3,
    suppressed: 1,
    baselined: 0,
    fixed: [],
    failures: [{ ruleId: IMAGE, path: app, error: 'Cannot read properties of undefined' }],
    warnings: ['cannot read broken/app.json: it does not exist (removed during the scan, or a broken symbolic link)'],
    failOn: 'high',
    base,
    display: (p) => p,
    textOf,
  };
}

describe('SARIF', () => {
  let dir: string;
  const files: Record<string, string> = {};
  const logs: Record<string, SarifLog> = {};

  before(() => {
    dir = makeWorkspace();
    files.multi = path.join(dir, 'multi.sarif');
    logs.multi = cliSarif(cliFixtures(), ['multi', 'syntax', 'fixable'], files.multi);
    files.clean = path.join(dir, 'clean.sarif');
    const clean = makeWorkspace({ 'app.json': '{ "name": "clean" }\n' });
    logs.clean = cliSarif(clean, ['--rule', IMAGE], files.clean);
    files.synthetic = path.join(dir, 'synthetic.sarif');
    fs.writeFileSync(files.synthetic, formatSarif(syntheticReport(dir), { version: pkg.version, informationUri: pkg.homepage.replace(/#.*$/, '') }));
    logs.synthetic = JSON.parse(fs.readFileSync(files.synthetic, 'utf8')) as SarifLog;
    files.examples = path.join(dir, 'examples.sarif');
    logs.examples = cliSarif(REPO_ROOT, ['examples'], files.examples);
  });
  after(cleanWorkspaces);

  it('passes the validator with no error and no warning (Gh;Sarif rules)', async () => {
    for (const [name, file] of Object.entries(files)) {
      const problems = (await validateSarif(file)).filter((r) => r.level !== 'note' || !ACCEPTED_NOTES.has(r.ruleId));
      assert.deepEqual(problems, [], `${name}.sarif`);
    }
  });

  it('describes the tool and every registered rule', () => {
    const run = logs.multi.runs[0];
    assert.equal(logs.multi.$schema, SARIF_SCHEMA);
    assert.equal(logs.multi.version, '2.1.0');
    assert.equal(run.tool.driver.name, 'heroku-compliance');
    assert.equal(run.tool.driver.version, pkg.version);
    assert.equal(run.tool.driver.semanticVersion, pkg.version);
    assert.match(run.tool.driver.informationUri, /^https:\/\/github\.com\//);
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id), [...registeredRuleIds()]);
    for (const rule of run.tool.driver.rules) {
      assert.match(rule.name, /^[A-Z][A-Za-z0-9]*$/, rule.id);
      assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text && rule.help.markdown, rule.id);
      assert.match(rule.helpUri, new RegExp(`/docs/rules/${rule.id}\\.md$`));
      assert.match(rule.properties['security-severity'], /^\d+\.\d$/);
      assert.ok(rule.properties.tags.includes('security'));
      assert.deepEqual(Object.keys(rule.properties.profileSeverities), ['common', 'private', 'shield']);
    }
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/\/.*\/$/);
    assert.deepEqual(run.invocations, [{ executionSuccessful: true }]);
  });

  it('maps results to rules, levels, relative URIs, fingerprints and fixes', () => {
    const run = logs.multi.runs[0];
    const rules = run.tool.driver.rules;
    const levels: Record<string, string> = { '9.5': 'error', '8.0': 'error', '5.5': 'warning', '3.0': 'note', '1.0': 'note' };
    assert.ok(run.results.length >= 4);
    for (const result of run.results) {
      assert.equal(rules[result.ruleIndex].id, result.ruleId);
      assert.equal(result.level, levels[result.properties['security-severity']]);
      const location = result.locations[0].physicalLocation;
      assert.equal(location.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.match(location.artifactLocation.uri, /^(multi|syntax|fixable)\/[^\\ ]+$/);
      assert.ok(location.region.startLine >= 1 && location.region.startColumn >= 1);
      assert.match(result.partialFingerprints['herokuCompliance/v1'], /^[0-9a-f]{32}:\d+$/);
    }
    const unicode = run.results.find((r) => r.ruleId === IMAGE && r.locations[0].physicalLocation.artifactLocation.uri.startsWith('multi/caf%C3%A9%20app/'));
    assert.ok(unicode, 'the café app finding has a percent-encoded URI');
    assert.equal(unicode.level, 'note');
    const change = unicode.fixes![0].artifactChanges[0];
    const text = fs.readFileSync(path.join(cliFixtures(), 'multi', 'café app', 'app.json'), 'utf8');
    let fixed = text;
    for (const r of [...change.replacements].reverse()) {
      fixed = fixed.slice(0, r.deletedRegion.charOffset) + (r.insertedContent?.text ?? '') + fixed.slice(r.deletedRegion.charOffset + r.deletedRegion.charLength);
    }
    assert.ok(!fixed.includes('"image"'));
    assert.doesNotThrow(() => JSON.parse(fixed));
  });

  it('carries related locations, all fix edits, failures and warnings', () => {
    const run = logs.synthetic.runs[0];
    const [first, empty, outside] = run.results;
    assert.deepEqual(first.relatedLocations?.map((r) => [r.id, r.message.text]), [
      [1, 'The web process is declared here.'],
      [2, 'and declared again here.'],
    ]);
    assert.equal(first.level, 'error');
    assert.equal(first.properties['security-severity'], '9.5');
    assert.equal(first.fixes?.[0].artifactChanges.length, 2);
    assert.equal(first.locations[0].physicalLocation.artifactLocation.uri, 'apps/caf%C3%A9%20%231/app.json');
    assert.equal(empty.level, 'warning');
    assert.equal(empty.locations[0].physicalLocation.region.charLength, 0);
    assert.equal(outside.locations[0].physicalLocation.artifactLocation.uri, '../elsewhere/heroku.yml');
    assert.equal(run.invocations[0].executionSuccessful, false);
    assert.deepEqual(run.invocations[0].toolExecutionNotifications?.map((n) => n.level), ['error', 'warning']);
  });

  it('has an empty result list when there is nothing to report', () => {
    assert.deepEqual(logs.clean.runs[0].results, []);
  });

  it('reports the deliberate gaps of examples/', () => {
    assert.ok(logs.examples.runs[0].results.length > 0);
    for (const result of logs.examples.runs[0].results) assert.match(result.locations[0].physicalLocation.artifactLocation.uri, /^examples\//);
  });
});
