/**
 * Fix safety for every rule with a fix: on its invalid fixtures with irrelevant parts changed (blank lines,
 * comments, trailing whitespace, indentation, unrelated keys, order, CRLF, file order), each fix applies in full,
 * leaves the files parsing, removes its finding without adding one as severe, is not offered again, converges,
 * and fix-all never takes overlapping edits. See test/fuzz/fixSafety.ts.
 */
import * as assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadTerraformParser, RULES } from '../../../src/engine';
import { fixableRules, fixSafetyProperty } from '../../fuzz/fixSafety';
import { fuzzTest } from '../../fuzz/unit';

before(() => loadTerraformParser());

describe('fuzz: fix safety', () => {
  it('covers every rule that declares a fix', () => {
    assert.deepEqual(
      fixableRules().map((r) => r.meta.id),
      RULES.filter((r) => r.meta.fix !== 'none').map((r) => r.meta.id),
    );
    assert.ok(fixableRules().length > 0);
  });

  for (const rule of fixableRules()) {
    // Built inside the test run (after the parser loads): the property lints the fixtures to pick its seeds.
    let property: ReturnType<typeof fixSafetyProperty> | undefined;
    const lazy = {
      name: `fix safety ${rule.meta.id}`,
      get arbitrary() {
        property ??= fixSafetyProperty(rule);
        return property.arbitrary;
      },
      check(input: unknown) {
        property ??= fixSafetyProperty(rule);
        property.check(input as Parameters<typeof property.check>[0]);
      },
    };
    fuzzTest(lazy, 15, () => `the rule fired with a fix in ${property?.fired() ?? 0} of them`);
  }
});
