/**
 * Every rule against its fixtures: test/fixtures/<ID>/{valid,invalid}/<case>/.
 * Valid cases produce no finding of the rule; invalid cases match .golden/findings.json, and for fixable
 * rules applying the fixes gives .golden/fixed/<file>, removes the findings and adds no other.
 * Run with UPDATE_GOLDEN=1 to rewrite goldens, then review the diff.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { applyFixes, type Finding, lint, type LintRequest, PROFILES, RULES } from '../../../src/engine';
import { loadTerraformParser } from '../../../src/engine/parsers/terraform';
import type { AnyRule } from '../../../src/engine/rule';
import { type FixtureCase, GOLDEN_DIR, goldenOf, listCases, loadCase } from '../../helpers/fixtures';
import { FIXTURES_DIR, UPDATE_GOLDEN } from '../../helpers/paths';

function requestFor(rule: AnyRule, fixture: FixtureCase, only: string[] | undefined): LintRequest {
  const defaultProfile = PROFILES.find((p) => rule.meta.severity[p] !== null) ?? 'common';
  return {
    files: fixture.files,
    config: fixture.config,
    profile: fixture.options.profile ?? defaultProfile,
    only,
    fileExists: fixture.fileExists,
  };
}

/** Every enabled rule plus the one under test, so that "adds no other finding" is checked broadly. */
function everyRuleIds(rule: AnyRule): string[] {
  return RULES.filter((r) => !r.meta.preview || r === rule).map((r) => r.meta.id);
}

/** Findings are counted per rule and file: a fix may move a finding or reword it (a renamed key), not add one. */
function keyOf(f: Finding): string {
  return `${f.ruleId} ${f.path}`;
}

function compareOrWrite(file: string, actual: string): void {
  if (UPDATE_GOLDEN) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `missing golden ${path.relative(FIXTURES_DIR, file)} (run with UPDATE_GOLDEN=1 and review it)`);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `golden differs: ${path.relative(FIXTURES_DIR, file)}`);
}

/** Applies the fixes (in passes, as --fix does) and checks the result against the goldens and a re-lint. */
function checkFixes(rule: AnyRule, fixture: FixtureCase, dir: string, fixable: readonly Finding[]): void {
  const id = rule.meta.id;
  const where = path.relative(FIXTURES_DIR, dir);
  assert.ok(fixable.every((f) => rule.meta.fix === 'suggestion' || f.fix!.safety === rule.meta.fix || f.fix!.safety === 'suggestion'), where);
  const texts = new Map(fixture.files.map((f) => [f.path, f.text]));
  let current = texts;
  let pending = fixable;
  // Overlapping fixes wait for the next pass, as in the CLI's --fix.
  for (let pass = 0; pass < 5 && pending.length > 0; pass++) {
    current = applyFixes(current, pending, ['safe', 'suggestion']).texts;
    const files = fixture.files.map((f) => ({ ...f, text: current.get(f.path)! }));
    pending = lint({ ...requestFor(rule, fixture, [id]), files }).findings.filter((f) => f.fix);
  }
  for (const [filePath, text] of current) {
    if (text !== texts.get(filePath)) compareOrWrite(path.join(dir, GOLDEN_DIR, 'fixed', filePath), text);
  }
  const original = lint(requestFor(rule, fixture, everyRuleIds(rule))).findings;
  const after = lint({ ...requestFor(rule, fixture, everyRuleIds(rule)), files: fixture.files.map((f) => ({ ...f, text: current.get(f.path)! })) }).findings;
  const remaining = new Map<string, number>();
  for (const f of original) remaining.set(keyOf(f), (remaining.get(keyOf(f)) ?? 0) + 1);
  for (const f of after) {
    const left = remaining.get(keyOf(f)) ?? 0;
    assert.ok(left > 0, `${where}: the fix added a finding: ${f.ruleId} ${f.path}:${f.range.start.line} ${f.message}`);
    remaining.set(keyOf(f), left - 1);
  }
  assert.equal(after.filter((f) => f.ruleId === id && f.fix).length, 0, `${where}: every fixable finding of the rule is gone after its fix`);
}

before(() => loadTerraformParser());

for (const rule of RULES) {
  const id = rule.meta.id;
  const root = path.join(FIXTURES_DIR, id);
  describe(id, () => {
    const validCases = listCases(path.join(root, 'valid'));
    const invalidCases = listCases(path.join(root, 'invalid'));

    it('has valid and invalid fixtures', () => {
      assert.ok(validCases.length > 0, `${id} needs test/fixtures/${id}/valid/<case>/`);
      assert.ok(invalidCases.length > 0, `${id} needs test/fixtures/${id}/invalid/<case>/`);
    });

    for (const name of validCases) {
      it(`valid/${name} produces no finding`, () => {
        const fixture = loadCase(path.join(root, 'valid', name));
        const { findings, failures } = lint(requestFor(rule, fixture, [id]));
        assert.deepEqual(failures, []);
        assert.deepEqual(findings.map(goldenOf), []);
      });
    }

    for (const name of invalidCases) {
      const dir = path.join(root, 'invalid', name);
      it(`invalid/${name} matches its golden findings`, () => {
        const fixture = loadCase(dir);
        const { findings, failures } = lint(requestFor(rule, fixture, [id]));
        assert.deepEqual(failures, []);
        assert.ok(findings.length > 0, 'an invalid fixture must produce at least one finding');
        compareOrWrite(path.join(dir, GOLDEN_DIR, 'findings.json'), `${JSON.stringify(findings.map(goldenOf), null, 2)}\n`);
      });
    }

    if (rule.meta.fix === 'none') return;
    // Linting happens inside the tests, after the Terraform parser has loaded.
    it('fixes give the golden files, remove the findings and add none', () => {
      let fixedCases = 0;
      for (const name of invalidCases) {
        const dir = path.join(root, 'invalid', name);
        const fixture = loadCase(dir);
        const fixable = lint(requestFor(rule, fixture, [id])).findings.filter((f) => f.fix);
        if (fixable.length === 0) continue;
        fixedCases++;
        checkFixes(rule, fixture, dir, fixable);
      }
      assert.ok(fixedCases > 0, `${id} declares a ${rule.meta.fix} fix but no invalid fixture produces one`);
    });
  });
}
