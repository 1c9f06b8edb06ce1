/**
 * Fuzzing the whole engine: lint() on every fixture case and example app with some of its files and its config
 * mutated, under every profile, with and without the preview rules. It never throws (no rule fails), finishes
 * within the time bound, reports every finding, related location and fix edit inside its document with the
 * line and column of its offset, and answers the same twice.
 */
import { before, describe } from 'node:test';
import { loadTerraformParser } from '../../../src/engine';
import { UNIT_LIMITS } from '../../fuzz/mutations';
import { fuzzProperties } from '../../fuzz/properties';
import { fuzzTest } from '../../fuzz/unit';

before(() => loadTerraformParser());

describe('fuzz: engine', () => {
  for (const property of fuzzProperties(UNIT_LIMITS).filter((p) => p.name === 'engine lint')) fuzzTest(property, 300);
});
