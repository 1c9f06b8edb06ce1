/**
 * The shortcuts that cut lint()'s per-file cost, each checked against the general way it replaces: the line
 * index's indexOf scan, the secret detectors' prefilters, the rule dispatch cached per config and file kind.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ComplianceConfig, RuleSetting } from '../../../src/engine/config';
import { findPrivateKeys, findUrlCredentials, scanPrivateKeys, scanUrlCredentials } from '../../../src/engine/detectors/secrets';
import { RULES } from '../../../src/engine/registry';
import { dispatchedRules, dispatchFor } from '../../../src/engine/ruleDispatch';
import { LineIndex } from '../../../src/engine/text';
import { SHAPE_WITNESS } from '../../../src/engine/terraform/module';
import { type FileKind, PROFILES } from '../../../src/engine/types';
import { rng } from '../../../bench/gen';

function randomText(random: () => number, alphabet: readonly string[], length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
  return text;
}

/** The line starts as the index used to find them: one loop over every character. */
function referenceLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) starts.push(i + 1);
    else if (ch === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

describe('LineIndex line starts', () => {
  it('match a scan of every character on random texts with LF, CRLF and lone CR', () => {
    const random = rng(61);
    const alphabets = [['a', 'b', '\n'], ['a', '\r\n', '\n'], ['a', '\r', '\n', ' '], ['x', '\r'], ['\n', '\r'], ['é', '😀', '\n', '\r\n']];
    for (let run = 0; run < 600; run++) {
      const text = randomText(random, alphabets[run % alphabets.length], Math.floor(random() * 60));
      const index = new LineIndex(text);
      const expected = referenceLineStarts(text);
      assert.equal(index.lineCount, expected.length, JSON.stringify(text));
      for (let line = 1; line <= expected.length; line++) assert.equal(index.lineStart(line), expected[line - 1], JSON.stringify(text));
    }
  });

  it('finds the breaks before and after the first CR', () => {
    assert.deepEqual(linesOf('a\nb\rc\r\nd\ne'), ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(linesOf('\r'), ['', '']);
    assert.deepEqual(linesOf('\n\n'), ['', '', '']);
    assert.deepEqual(linesOf('x\r\n'), ['x', '']);
  });
});

function linesOf(text: string): string[] {
  const index = new LineIndex(text);
  return Array.from({ length: index.lineCount }, (_, i) => index.lineText(i + 1));
}

describe('secret detector prefilters', () => {
  it('findUrlCredentials gives what the full regex scan gives, on random strings', () => {
    const random = rng(7);
    const pick = (options: readonly string[]) => options[Math.floor(random() * options.length)];
    let matched = 0;
    for (let run = 0; run < 4000; run++) {
      const url = `${pick(['postgres', 'https', 'redis', '1x', ''])}${pick(['://', ':/', '//', ''])}${pick(['user', '', 'a b'])}${pick([':', ''])}${pick(['p4ssw0rd', '${var.p}', 'changeme', '%zz', ''])}${pick(['@', '@@', ''])}${pick(['host.example.com:5432', '[::1]', ''])}`;
      const value = mutate(random, `${pick(['', 'x ', 'DATABASE_URL='])}${url}${pick(['', '/db', ' tail'])}`, ['@', ':', '/', ' ', 'a', '"']);
      const found = findUrlCredentials(value);
      assert.deepEqual(found, scanUrlCredentials(value), value);
      if (found.length > 0) matched++;
    }
    assert.ok(matched > 20, 'the random strings exercise matches too');
  });

  it('findPrivateKeys gives what the full regex scan gives, on random strings', () => {
    const random = rng(11);
    const pick = (options: readonly string[]) => options[Math.floor(random() * options.length)];
    const body = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7';
    let matched = 0;
    for (let run = 0; run < 3000; run++) {
      const type = pick(['RSA ', 'OPENSSH ', 'EC ', '']);
      const pem = `${pick(['-----BEGIN ', '-----BEGIN', '----BEGIN '])}${type}PRIVATE KEY${pick(['-----', '----', ' BLOCK-----'])}\n${pick([body, '...', ''])}\n${pick([`-----END ${type}PRIVATE KEY-----`, ''])}`;
      const value = mutate(random, `${pick(['', 'key = '])}${pem}`, ['-', ' ', '\n', 'K']);
      const found = findPrivateKeys(value);
      assert.deepEqual(found, scanPrivateKeys(value), value);
      if (found.length > 0) matched++;
    }
    assert.ok(matched > 20, 'the random strings exercise matches too');
  });
});

/** `text` with a few characters deleted or inserted at random places (or unchanged). */
function mutate(random: () => number, text: string, inserts: readonly string[]): string {
  let out = text;
  const edits = Math.floor(random() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (out.length + 1));
    out = random() < 0.5 ? out.slice(0, at) + out.slice(at + 1) : out.slice(0, at) + inserts[Math.floor(random() * inserts.length)] + out.slice(at);
  }
  return out;
}

/** The rules lint() ran on a file before dispatch was cached: a filter of the registry for every file and rule. */
function referenceDispatch(config: ComplianceConfig, only: readonly string[] | undefined, kind: FileKind) {
  const active =
    only && only.length > 0
      ? RULES.filter((rule) => only.includes(rule.meta.id))
      : RULES.filter((rule) => {
          const setting = config.rules[rule.meta.id];
          if (setting === 'off') return false;
          return !rule.meta.preview || setting !== undefined;
        });
  return active.flatMap((rule) => {
    if (!rule.meta.fileKinds.includes(kind)) return [];
    const setting = config.rules[rule.meta.id];
    const severity = setting !== undefined && setting !== 'on' && setting !== 'off' ? setting : null;
    if (PROFILES.every((p) => (rule.meta.severity[p] ?? severity) === null)) return [];
    return [{ id: rule.meta.id, setting, bases: PROFILES.map((p) => rule.meta.severity[p] ?? severity) }];
  });
}

describe('rule dispatch', () => {
  const kinds: FileKind[] = ['app.json', 'procfile', 'heroku.yml', 'dockerfile', 'terraform', 'tfvars'];
  const settings: RuleSetting[] = ['off', 'on', 'crit', 'high', 'med', 'low', 'info'];

  it('runs the rules the per-file filter ran, in registry order, with the same settings and severities', () => {
    const random = rng(3);
    for (let run = 0; run < 60; run++) {
      const rules: Record<string, RuleSetting> = {};
      for (const rule of RULES) if (random() < 0.3) rules[rule.meta.id] = settings[Math.floor(random() * settings.length)];
      const config: ComplianceConfig = { rules, ignore: [], suppressions: [] };
      const only = run % 5 === 0 ? RULES.filter(() => random() < 0.2).map((rule) => rule.meta.id) : undefined;
      for (const kind of kinds) {
        const expected = referenceDispatch(config, only, kind);
        for (const entries of [dispatchedRules(config, only, kind), dispatchedRules(config, only, kind), dispatchFor(config, only, kind)]) {
          const actual = entries.map((e) => ({ id: e.rule.meta.id, setting: e.setting, bases: PROFILES.map((p) => e.rule.meta.severity[p] ?? e.fallback) }));
          assert.deepEqual(actual, expected);
        }
      }
    }
  });

  it('keeps one list per config object and file kind', () => {
    const config: ComplianceConfig = { rules: {}, ignore: [], suppressions: [] };
    assert.equal(dispatchedRules(config, undefined, 'terraform'), dispatchedRules(config, undefined, 'terraform'));
    assert.notEqual(dispatchedRules(config, undefined, 'terraform'), dispatchedRules({ ...config }, undefined, 'terraform'));
  });
});

describe('shape witness', () => {
  it('is a small module of its own, evaluated', () => {
    const resources = SHAPE_WITNESS.module.resources;
    assert.deepEqual(resources.map((r) => r.address), ['heroku_app.a']);
    assert.equal(resources[0].instances.length, 1);
    assert.deepEqual(SHAPE_WITNESS.module.variables[0].value, { kind: 'string', value: 'x' });
  });
});
