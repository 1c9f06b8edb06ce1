/**
 * The bounded fuzz tests that `npm test` runs: each property with a fixed number of cases from a fixed seed (so
 * that CI is reproducible; the long campaign, `npm run fuzz`, draws new seeds). Test names and a diagnostic line
 * give the number of cases. FUZZ_SEED (with FUZZ_PATH) replays a failure; FUZZ_RUNS changes the number of cases.
 */
import * as assert from 'node:assert/strict';
import { it } from 'node:test';
import type { AnyFuzzProperty } from './properties';
import { describeFailure, envOptions, runProperty } from './run';

export const UNIT_SEED = 0x5eed;

export function fuzzTest(property: AnyFuzzProperty, runs: number, after?: () => string): void {
  const options = { seed: UNIT_SEED, ...envOptions(runs) };
  it(`${property.name} — fuzz: ${options.numRuns} cases`, (t) => {
    const outcome = runProperty(property, options);
    t.diagnostic(`fuzz: ${outcome.cases} cases of ${property.name} in ${Math.round(outcome.ms)} ms (seed ${outcome.seed})${after ? `; ${after()}` : ''}`);
    assert.ok(!outcome.failed, describeFailure(outcome));
    assert.equal(outcome.cases, options.numRuns);
  });
}
