/** `--help`, `--version`, `rules` and `explain` through the built CLI. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cleanWorkspaces, makeWorkspace, runCli } from '../../helpers/cli';
import { CLI_PATH, REPO_ROOT } from '../../helpers/paths';

const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

after(cleanWorkspaces);

describe('help and version', () => {
  it('prints the usage on stdout with --help and -h, exit 0', () => {
    for (const args of [['--help'], ['-h'], ['check', '--help']]) {
      const result = runCli(args);
      assert.equal(result.status, 0);
      assert.match(result.stdout, /^Usage: heroku-compliance <command> \[options\]/);
      for (const option of ['--profile', '--format', '--output', '--fail-on', '--config', '--baseline', '--write-baseline', '--fix', '--rule', '--max-file-size']) {
        assert.ok(result.stdout.includes(option), option);
      }
      assert.equal(result.stderr, '');
    }
  });

  it('prints the package version', () => {
    const result = runCli(['--version']);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, `${pkg.version}\n`);
  });

  it('exits 2 with the short usage when no command is given', () => {
    const result = runCli([]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /missing command\nUsage: heroku-compliance check \[paths\.\.\.\]/);
  });
});

describe('rules', () => {
  it('lists every rule with severities per profile, fix, preview and title', () => {
    const result = runCli(['rules']);
    assert.equal(result.status, 0);
    const lines = result.stdout.split('\n');
    assert.match(lines[0], /^RULE +C\/P\/S +FIX +PREVIEW +TITLE$/);
    assert.ok(lines.some((l) => /^HRK-APPJSON-025 +info\/info\/info +safe +- +Deprecated `image` key$/.test(l)), result.stdout);
  });

  it('lists them as JSON', () => {
    const result = runCli(['rules', '--format', 'json']);
    assert.equal(result.status, 0);
    const json = JSON.parse(result.stdout) as { tool: { name: string }; rules: { id: string; severity: Record<string, string | null>; fix: string; preview: boolean; docUrl: string }[] };
    assert.equal(json.tool.name, 'heroku-compliance');
    const rule = json.rules.find((r) => r.id === 'HRK-APPJSON-025');
    assert.deepEqual(rule?.severity, { common: 'info', private: 'info', shield: 'info' });
    assert.equal(rule?.fix, 'safe');
    assert.equal(rule?.preview, false);
    assert.match(rule?.docUrl ?? '', /docs\/rules\/HRK-APPJSON-025\.md$/);
    assert.equal(new Set(json.rules.map((r) => r.id)).size, json.rules.length);
  });
});

describe('explain', () => {
  it('prints the rule documentation, case-insensitively', () => {
    const result = runCli(['explain', 'hrk-appjson-025']);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^# HRK-APPJSON-025: Deprecated `image` key\n/);
    assert.match(result.stdout, /## How to fix/);
    assert.doesNotMatch(result.stdout, /end of generated header/);
  });

  it('falls back to the generated header when the docs are not next to the bundle', () => {
    const dir = makeWorkspace();
    fs.mkdirSync(path.join(dir, 'dist'));
    const copy = path.join(dir, 'dist', 'cli.js');
    fs.copyFileSync(CLI_PATH, copy);
    const result = spawnSync(process.execPath, [copy, 'explain', 'HRK-APPJSON-025'], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^# HRK-APPJSON-025: Deprecated `image` key\n/);
    assert.match(result.stdout, /\*\*Recommendation\.\*\*/);
    assert.match(result.stdout, /Online documentation: https:\/\/.*HRK-APPJSON-025\.md/);
  });

  it('exits 2 for an unknown rule, with a suggestion', () => {
    const result = runCli(['explain', 'HRK-APPJSON-25']);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /unknown rule id 'HRK-APPJSON-25' \(did you mean HRK-APPJSON-025\?\)/);
  });
});
