/**
 * The compliance report (`reportMarkdown`, `reportJson`): the live state of the shield, Fir and restricted scenarios,
 * read with readSnapshot from the fake Platform API, plus workspace findings from the real engine. Checks the
 * timestamps, the apps, every group and item with its rule ids and the control ids from the rules' metadata, the
 * live findings, the workspace findings with path:line and controls, Markdown table cells with `|`, and that no
 * secret (token, config var value, VPN key, drain or telemetry credential, a secret in a linted file) appears.
 */
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Finding, lint, ruleById } from '../../../src/engine';
import { HerokuApi } from '../../../src/heroku/api';
import { liveRuleById } from '../../../src/heroku/liveRegistry';
import { readSnapshot } from '../../../src/heroku/readSnapshot';
import { type ReportInput, reportJson, reportMarkdown } from '../../../src/heroku/report';
import { GROUP_TITLES, type SecurityItem, type SecurityState, securityState } from '../../../src/heroku/securityState';
import type { ScenarioName } from '../../fake-heroku/scenarios';
import { type FakeHeroku, startFakeHeroku } from '../../fake-heroku/server';
import { leakedSecrets, scenarioSecrets } from '../../helpers/liveSecrets';
import { DATABASE_PASSWORD, DRAIN_PASSWORD, OAUTH_TOKEN, ok, shieldSnapshot, STRIPE_KEY, VPN_PSK } from '../../helpers/liveSnapshots';

const TOKEN = 'hc-report-test-token-5d1f0c9a7e';
const GENERATED_AT = '2026-06-01T12:34:56.789Z';
const TOOL_VERSION = '9.8.7';
/** A Stripe key in a linted Procfile: the engine masks it in its messages, and the report must not have it. */
const PROCFILE_SECRET = 'sk_live_4f9K2mXq8ZrT1bN7vC3pL6sD';

/** As the extension's Export Compliance Report gives it (src/providers/complianceReport.ts). */
const controlsOf = (ruleId: string): readonly string[] => (ruleById(ruleId) ?? liveRuleById(ruleId))?.meta.controls ?? [];

function expectedControls(item: SecurityItem): string[] {
  return [...new Set(item.ruleIds.flatMap((id) => controlsOf(id)))].sort();
}

/** The cells of a Markdown table row, split at unescaped `|` and unescaped. */
function cells(row: string): string[] {
  assert.ok(row.startsWith('| ') && row.endsWith(' |'), row);
  return row
    .slice(2, -2)
    .split(/ (?<!\\)\| /)
    .map((cell) => cell.replace(/\\\|/g, '|'));
}

/** The lines of the section that starts at `heading`, up to the next heading of the same or a higher level. */
function section(lines: readonly string[], heading: string, from = 0): string[] {
  const start = lines.indexOf(heading, from);
  assert.ok(start >= 0, `no heading ${heading}`);
  const level = /^#+/.exec(heading)?.[0].length ?? 1;
  const end = lines.findIndex((line, i) => i > start && new RegExp(`^#{1,${level}} `).test(line));
  return lines.slice(start, end < 0 ? lines.length : end);
}

function workspaceFindings(): Finding[] {
  const { findings } = lint({
    files: [
      { path: 'api|v2/Procfile', kind: 'procfile', text: `web: STRIPE_SECRET_KEY=${PROCFILE_SECRET} node server.js\nworker: node worker.js\n` },
      { path: 'api|v2/app.json', kind: 'app.json', text: `${JSON.stringify({ name: 'api', env: { NODE_TLS_REJECT_UNAUTHORIZED: { value: '0' } } }, null, 2)}\n` },
    ],
    profile: 'shield',
  });
  assert.ok(findings.length >= 2, 'the engine reports the workspace files');
  const template = findings[0];
  // A message with a pipe and a line break, as a future rule might write one.
  return [...findings, { ...template, ruleId: 'HRK-PROC-009', severity: 'low', message: 'Splits `a | b`\nover two lines', path: 'web|worker/Procfile', range: { ...template.range, start: { ...template.range.start, line: 7 } } }];
}

describe('compliance report', () => {
  const fakes: FakeHeroku[] = [];
  const states = new Map<ScenarioName, SecurityState>();
  const secrets: string[] = [TOKEN, PROCFILE_SECRET, DATABASE_PASSWORD, VPN_PSK, STRIPE_KEY, DRAIN_PASSWORD, OAUTH_TOKEN, 'otel-header-secret'];
  let findings: Finding[];
  let helperShield: SecurityState;
  let input: ReportInput;
  let markdown: string;
  let json: ReportJson;

  before(async () => {
    for (const name of ['shield', 'fir', 'restricted'] as const) {
      const fake = await startFakeHeroku({ scenario: name, token: TOKEN });
      fakes.push(fake);
      secrets.push(...scenarioSecrets(fake.scenario()));
      const snapshot = await readSnapshot(new HerokuApi({ apiUrl: fake.url, token: TOKEN }), fake.scenario().app);
      states.set(name, securityState(snapshot, 'auto'));
    }
    // The hand-built Shield snapshot carries a drain URL with a password and a VPN named with a pipe.
    const snapshot = shieldSnapshot();
    const vpns = snapshot.vpnConnections?.ok ? snapshot.vpnConnections.data : [];
    helperShield = securityState({ ...snapshot, vpnConnections: ok(vpns.map((v) => ({ ...v, name: 'office|dc' }))) }, 'auto');
    findings = workspaceFindings();
    input = {
      generatedAt: GENERATED_AT,
      toolVersion: TOOL_VERSION,
      apps: [...states.values(), helperShield],
      unreadable: [{ app: 'gone-app', reason: "Couldn't find that app." }],
      findings,
      controlsOf,
    };
    markdown = reportMarkdown(input);
    json = JSON.parse(reportJson(input)) as ReportJson;
  });
  after(() => Promise.all(fakes.map((fake) => fake.stop())));

  describe('Markdown', () => {
    it('carries the timestamp and the tool', () => {
      const lines = markdown.split('\n');
      assert.equal(lines[0], '# Heroku compliance report');
      assert.ok(lines.includes(`Generated ${GENERATED_AT} by heroku-compliance ${TOOL_VERSION}.`));
    });

    it('has a section per app with its runtime, profile, and where and when it was read', () => {
      const lines = markdown.split('\n');
      for (const state of input.apps) {
        const app = section(lines, `## App \`${state.app.name}\``);
        assert.ok(app.some((l) => l.startsWith(`- Runtime: ${state.app.runtime}`) && (!state.app.region || l.includes(`region ${state.app.region}`))), state.app.name);
        assert.ok(app.includes(`- Profile: ${state.profile.profile} (${state.profile.reason})`), state.app.name);
        assert.ok(app.includes(`- Read from ${state.app.apiUrl} at ${state.fetchedAt}`), state.app.name);
      }
      assert.deepEqual(section(lines, '## App `gone-app`').filter((l) => l !== ''), ['## App `gone-app`', "Not read: Couldn't find that app."]);
    });

    it('lists every group title and every item with its state, rule ids and control ids from the rule metadata', () => {
      const lines = markdown.split('\n');
      let withControls = 0;
      for (const state of input.apps) {
        const app = section(lines, `## App \`${state.app.name}\``);
        assert.deepEqual(
          app.filter((l) => l.startsWith('### ')),
          Object.values(GROUP_TITLES).map((t) => `### ${t}`),
        );
        for (const group of state.groups) {
          const rows = section(app, `### ${group.title}`).filter((l) => l.startsWith('| '));
          assert.deepEqual(cells(rows[0]), ['Feature', 'State', 'Detail', 'Rules', 'Controls']);
          assert.deepEqual(
            rows.slice(1).map(cells),
            group.items.map((item) => [item.title, item.state, item.description.replace(/\r?\n/g, ' '), item.ruleIds.join(', '), expectedControls(item).join(', ')]),
            `${state.app.name} / ${group.title}`,
          );
          withControls += group.items.filter((item) => expectedControls(item).length > 0).length;
        }
      }
      assert.ok(withControls > 0, 'some items have control ids');
      // One concrete case: strict TLS (HRK-LIVE-011) maps to PCI DSS 4.2.1.
      const strictTls = section(markdown.split('\n'), '## App `globex-claims`').find((l) => l.startsWith('| Strict TLS'));
      assert.ok(strictTls && cells(strictTls)[4].split(', ').includes('PCI 4.2.1'), strictTls);
    });

    it("lists each live finding under its item's group, worst first", () => {
      const lines = markdown.split('\n');
      const order = ['crit', 'high', 'med', 'low', 'info'];
      let total = 0;
      for (const state of input.apps) {
        const app = section(lines, `## App \`${state.app.name}\``);
        for (const group of state.groups) {
          const bullets = section(app, `### ${group.title}`).filter((l) => l.startsWith('- **'));
          const expected = state.findings.filter((f) => group.items.some((i) => i.id === f.itemId));
          assert.deepEqual(
            [...bullets].sort(),
            expected.map((f) => `- **${f.severity}** ${f.ruleId}: ${f.message}`).sort(),
            `${state.app.name} / ${group.title}`,
          );
          const severities = bullets.map((b) => order.indexOf(/^- \*\*(\w+)\*\*/.exec(b)?.[1] ?? ''));
          assert.deepEqual(severities, [...severities].sort((a, b) => a - b));
          total += expected.length;
        }
      }
      assert.ok(total > 0);
    });

    it('lists the workspace findings with path:line and controls, escaping | in cells', () => {
      const rows = section(markdown.split('\n'), '## Workspace findings').filter((l) => l.startsWith('| '));
      assert.deepEqual(cells(rows[0]), ['Severity', 'Rule', 'File', 'Message', 'Controls']);
      const body = rows.slice(1).map(cells);
      assert.equal(body.length, findings.length);
      for (const row of body) assert.equal(row.length, 5, 'a | in a cell does not add a column');
      const order = ['crit', 'high', 'med', 'low', 'info'];
      const sorted = [...findings].sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
      assert.deepEqual(
        body,
        sorted.map((f) => [f.severity, f.ruleId, `${f.path}:${f.range.start.line}`, f.message.replace(/\n/g, ' '), controlsOf(f.ruleId).join(', ')]),
      );
      assert.ok(body.some((row) => row[2] === 'api|v2/Procfile:1' && row[4].includes('PCI 8.6.2')));
      assert.ok(body.some((row) => row[2] === 'web|worker/Procfile:7' && row[3] === 'Splits `a | b` over two lines'));
    });

    it('escapes | in an item detail that comes from the API (a VPN named office|dc)', () => {
      const app = section(markdown.split('\n'), `## App \`${helperShield.app.name}\``);
      const row = app.find((l) => l.startsWith('| Private Space VPN '));
      assert.ok(row !== undefined && row.includes('office\\|dc'), row);
      assert.equal(cells(row).length, 5);
      assert.match(cells(row)[2], /^office\|dc \(/);
    });

    it('says so when the workspace has no findings', () => {
      const empty = reportMarkdown({ ...input, findings: [] });
      assert.deepEqual(section(empty.split('\n'), '## Workspace findings').filter((l) => l !== ''), ['## Workspace findings', 'No findings in the workspace files.']);
    });
  });

  describe('JSON', () => {
    it('parses, with the timestamp, the tool and each app as read', () => {
      assert.equal(json.generatedAt, GENERATED_AT);
      assert.deepEqual(json.tool, { name: 'heroku-compliance', version: TOOL_VERSION });
      assert.deepEqual(json.apps.map((a) => a.app), input.apps.map((s) => s.app));
      assert.deepEqual(json.apps.map((a) => a.readAt), input.apps.map((s) => s.fetchedAt));
      assert.deepEqual(json.apps.map((a) => a.profile), input.apps.map((s) => s.profile));
      assert.deepEqual(json.unreadable, input.unreadable);
    });

    it('has every group and item with its state, rules, controls and findings (each with its controls)', () => {
      for (const [i, state] of input.apps.entries()) {
        const app = json.apps[i];
        assert.deepEqual(app.groups.map((g) => [g.id, g.title]), Object.entries(GROUP_TITLES));
        for (const [g, group] of state.groups.entries()) {
          assert.deepEqual(
            app.groups[g].items,
            group.items.map((item) => ({
              id: item.id,
              title: item.title,
              state: item.state,
              description: item.description,
              rules: item.ruleIds,
              controls: expectedControls(item),
              findings: state.findings
                .filter((f) => f.itemId === item.id)
                .map((f) => ({ ruleId: f.ruleId, severity: f.severity, profile: f.profile, message: f.message, controls: controlsOf(f.ruleId) })),
            })),
          );
        }
      }
      const restricted = json.apps[[...states.keys()].indexOf('restricted')];
      assert.ok(restricted.groups.flatMap((g) => g.items).some((item) => item.state === 'no-permission'), 'a 403 shows as no-permission');
    });

    it('has the workspace findings with path, line, column and controls', () => {
      assert.deepEqual(
        json.workspace.findings,
        findings.map((f) => ({ ruleId: f.ruleId, severity: f.severity, profile: f.profile, message: f.message, path: f.path, line: f.range.start.line, column: f.range.start.column, controls: controlsOf(f.ruleId) })),
      );
      assert.ok(json.workspace.findings.some((f) => f.path === 'api|v2/app.json' && f.controls.includes('PCI 4.2.1')));
    });
  });

  it('holds no secret: token, config var values, VPN keys, drain and telemetry credentials, secrets in linted files', () => {
    assert.ok(secrets.length > 10);
    assert.deepEqual(leakedSecrets(markdown, secrets), []);
    assert.deepEqual(leakedSecrets(reportJson(input), secrets), []);
  });
});

interface ReportJson {
  generatedAt: string;
  tool: { name: string; version: string };
  apps: {
    app: SecurityState['app'];
    profile: SecurityState['profile'];
    readAt: string;
    groups: {
      id: string;
      title: string;
      items: { id: string; title: string; state: string; description: string; rules: string[]; controls: string[]; findings: { ruleId: string; controls: string[] }[] }[];
    }[];
  }[];
  unreadable: { app: string; reason: string }[];
  workspace: { findings: { ruleId: string; severity: string; profile: string; message: string; path: string; line: number; column: number; controls: string[] }[] };
}
