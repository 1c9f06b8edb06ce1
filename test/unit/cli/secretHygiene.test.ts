/**
 * Secret hygiene (issue 7 item 4), CLI side: the built CLI runs on a workspace full of fresh secrets (every credential
 * format the detectors document, URL passwords, a private key, generic random secrets; test/helpers/secretInventory.ts)
 * and against a fake Platform API whose app holds the same secrets as config vars besides its VPN keys and drain
 * credentials, with the token in HEROKU_API_KEY and every debug variable set. Every output is swept for the full
 * values and for any 12 characters of their random parts: `check` in text, JSON and SARIF (fixes included), with and
 * without `--fix`, written with `--output`, the baseline file, stderr; `live` in the three formats and `--output`;
 * and the compliance report made from both. The findings must also talk about every secret (each one lies inside a
 * finding's range), so that the sweep proves masking rather than silence.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Finding, ruleById } from '../../../src/engine';
import { HerokuApi } from '../../../src/heroku/api';
import { liveRuleById } from '../../../src/heroku/liveRegistry';
import { readSnapshot } from '../../../src/heroku/readSnapshot';
import { reportJson, reportMarkdown } from '../../../src/heroku/report';
import { securityState } from '../../../src/heroku/securityState';
import { scenario } from '../../fake-heroku/scenarios';
import { type FakeHeroku, startFakeHeroku } from '../../fake-heroku/server';
import { cleanWorkspaces, type JsonReport, makeWorkspace, spawnCli, writeFiles } from '../../helpers/cli';
import { credentialSecrets, scenarioWithSecrets, type Secret, SecretInventory, secretWorkspace } from '../../helpers/secretInventory';

const TOKEN = `hc-hygiene-${Date.now().toString(36)}-7c0ffee1d2`;
const DEBUG_ENV = { DEBUG: '*', NODE_DEBUG: 'http,net', HEROKU_DEBUG: '1', HEROKU_DEBUG_HEADERS: '1', HEROKU_COMPLIANCE_DEBUG: '1' };

const secrets: Secret[] = credentialSecrets();
const files = secretWorkspace(secrets);
let fake: FakeHeroku;
let inventory: SecretInventory;

before(async () => {
  fake = await startFakeHeroku({ scenario: scenarioWithSecrets(scenario('shield'), secrets), token: TOKEN });
  inventory = SecretInventory.of({ files: secrets, scenario: fake.scenario(), token: TOKEN });
});

after(async () => {
  await fake.stop();
  cleanWorkspaces();
});

function workspace(): string {
  const dir = makeWorkspace();
  writeFiles(dir, files);
  return dir;
}

/** Every file under `dir` that the CLI wrote (not the inputs), by relative path. */
function written(dir: string, inputs: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of fs.readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, rel);
    if (fs.statSync(file).isFile() && !inputs.has(rel.split(path.sep).join('/'))) out[rel] = fs.readFileSync(file, 'utf8');
  }
  return out;
}

describe('secret hygiene: the inventory', () => {
  it(`has ${secrets.length} fresh secrets, and the sweep finds a whole one, a cut one, but not a masked one`, () => {
    assert.ok(secrets.length >= 35);
    const stripe = secrets.find((s) => s.label === 'stripe-secret-key');
    assert.ok(stripe);
    assert.deepEqual(inventory.leaks(`key: ${stripe.value}.`), ['stripe-secret-key', 'stripe-secret-key (part)']);
    assert.deepEqual(inventory.leaks(`…${stripe.value.slice(10, 24)}…`), ['stripe-secret-key (part)']);
    assert.deepEqual(inventory.leaks(`${stripe.value.slice(0, 4)}…${stripe.value.slice(-2)}`), []);
    assert.deepEqual(inventory.leaks(`Bearer ${TOKEN}`), ['API token', 'API token (part)']);
  });
});

describe('secret hygiene: heroku-compliance check', () => {
  it('reports every secret, masked, in text, JSON and SARIF (with fixes), with and without --fix, on stdout and stderr', async () => {
    const outputs: Record<string, string> = {};
    let report: JsonReport | undefined;
    let sarifFixes = 0;
    await Promise.all(
      (['text', 'json', 'sarif'] as const).flatMap((format) =>
        [[], ['--fix']].map(async (fix) => {
          const name = `check ${format}${fix.length ? ' --fix' : ''}`;
          const run = await spawnCli(['check', '--format', format, '--fail-on', 'none', ...fix], { cwd: workspace(), env: DEBUG_ENV });
          assert.equal(run.status, 0, `${name}: ${run.stderr.slice(0, 500)}`);
          outputs[`${name} stdout`] = run.stdout;
          outputs[`${name} stderr`] = run.stderr;
          if (fix.length > 0) assert.ok(/^(\x1b\[\d+m)?fixed: /m.test(run.stdout + run.stderr), `${name} fixed something`);
          if (format === 'json' && fix.length === 0) report = JSON.parse(run.stdout) as JsonReport;
          if (format === 'sarif') {
            const sarif = JSON.parse(run.stdout) as { runs: { results: { fixes?: unknown[] }[] }[] };
            sarifFixes += sarif.runs[0].results.filter((r) => r.fixes && r.fixes.length > 0).length;
          }
        }),
      ),
    );
    assert.ok(report, 'the JSON report');
    assert.ok(sarifFixes > 0, 'SARIF results carry fixes');
    assert.ok(report.findings.some((f) => f.fix?.edits), 'JSON findings carry fix edits');
    assertCovered(report.findings);
    assert.deepEqual(inventory.sweep(outputs), []);
  });

  it('writes no secret into --output files or the baseline', async () => {
    const dir = workspace();
    fs.mkdirSync(path.join(dir, 'out'));
    const runs = await Promise.all([
      ...(['text', 'json', 'sarif'] as const).map((format) => spawnCli(['check', '--format', format, '--fail-on', 'none', '--output', `out/report.${format}`], { cwd: dir, env: DEBUG_ENV })),
      spawnCli(['check', '--write-baseline', 'out/baseline.json'], { cwd: dir, env: DEBUG_ENV }),
    ]);
    const outputs: Record<string, string> = {};
    for (const [i, run] of runs.entries()) {
      assert.equal(run.status, 0, run.stderr.slice(0, 500));
      outputs[`run ${i} stdout`] = run.stdout;
      outputs[`run ${i} stderr`] = run.stderr;
    }
    const out = written(dir, new Set(Object.keys(files)));
    assert.deepEqual(Object.keys(out).map((p) => p.split(path.sep).join('/')).sort(), ['out/baseline.json', 'out/report.json', 'out/report.sarif', 'out/report.text']);
    assert.ok(Object.values(out).every((text) => text.length > 1000));
    assert.deepEqual(inventory.sweep({ ...outputs, ...out }), []);
  });
});

describe('secret hygiene: heroku-compliance live and the report', () => {
  it('prints no token, config var value, VPN key or drain credential in any format, even with every debug variable set (NODE_DEBUG=http printed the token)', async () => {
    const dir = makeWorkspace();
    const app = fake.scenario().app;
    const env = { ...DEBUG_ENV, HEROKU_API_KEY: TOKEN, HEROKU_API_URL: fake.url };
    const outputs: Record<string, string> = {};
    await Promise.all(
      (['text', 'json', 'sarif'] as const).flatMap((format) => [
        spawnCli(['live', '--app', app, '--format', format], { env }).then((run) => {
          assert.ok(run.status === 0 || run.status === 1, run.stderr);
          outputs[`live ${format} stdout`] = run.stdout;
          outputs[`live ${format} stderr`] = run.stderr;
        }),
        spawnCli(['live', '--app', app, '--format', format, '--output', path.join(dir, `live.${format}`)], { env }).then((run) => {
          outputs[`live ${format} --output stderr`] = run.stderr;
          outputs[`live.${format}`] = fs.readFileSync(path.join(dir, `live.${format}`), 'utf8');
        }),
      ]),
    );
    // HRK-LIVE-007 read the config vars and reported them (by name): the values were there to leak.
    const state = JSON.parse(outputs['live json stdout']) as { findings: { ruleId: string; message: string }[] };
    const configFindings = state.findings.filter((f) => f.ruleId === 'HRK-LIVE-007');
    assert.ok(configFindings.length > 0, 'config var findings');
    assert.ok(secrets.some((s) => configFindings.some((f) => f.message.includes(secretNameIn(f.message, s)))), 'they name the config vars');
    assert.deepEqual(inventory.sweep(outputs), []);
  });

  it('the compliance report (Markdown and JSON) of the live state and the workspace findings holds no secret', async () => {
    const dir = workspace();
    const run = await spawnCli(['check', '--format', 'json', '--fail-on', 'none'], { cwd: dir });
    const findings = (JSON.parse(run.stdout) as { findings: Finding[] }).findings;
    const snapshot = await readSnapshot(new HerokuApi({ apiUrl: fake.url, token: TOKEN }), fake.scenario().app);
    const input = {
      generatedAt: new Date().toISOString(),
      toolVersion: '0.0.0',
      apps: [securityState(snapshot, 'auto')],
      unreadable: [{ app: 'other-app', reason: 'Not found.' }],
      findings,
      controlsOf: (ruleId: string) => (ruleById(ruleId) ?? liveRuleById(ruleId))?.meta.controls ?? [],
    };
    const markdown = reportMarkdown(input);
    assert.ok(markdown.includes('HRK-SEC-001') && markdown.includes('HRK-LIVE-007'), 'the report lists the secret findings');
    assert.deepEqual(inventory.sweep({ 'report.md': markdown, 'report.json': reportJson(input) }), []);
  });
});

/** Each secret lies inside the range of some finding: the outputs did talk about it. */
function assertCovered(findings: readonly JsonReport['findings'][number][]): void {
  const uncovered = secrets.filter(
    (s) =>
      !findings.some((f) => {
        const text = files[f.path] ?? '';
        // As written, or escaped inside a quoted string (a private key's line breaks).
        return [s.value, JSON.stringify(s.value).slice(1, -1)].some((form) => {
          for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
            if (f.range.start.offset < at + form.length && f.range.end.offset > at) return true;
          }
          return false;
        });
      }),
  );
  assert.deepEqual(uncovered.map((s) => s.label), [], 'secrets without a finding');
}

/** The config var name of a secret when the message names it (messages name keys, never values). */
function secretNameIn(message: string, secret: Secret): string {
  const name = Object.entries(scenarioWithSecrets(scenario('shield'), [secret]).apps[0].configVars ?? {}).find(([, v]) => v?.includes(secret.value))?.[0];
  return name && message.includes(name) ? name : '\u0000';
}
