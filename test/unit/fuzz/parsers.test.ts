/**
 * Fuzzing every parser (app.json, Procfile, heroku.yml, Dockerfile, Terraform .tf and .tfvars, .tfvars.json,
 * .heroku-compliance.yml) and the editor's incremental Terraform re-parse on mutations of the fixtures and
 * examples: never throws, stays within the time bound, keeps every offset inside the text, answers the same twice.
 * test/fuzz/ has the generators and properties; `npm run fuzz` runs the long campaign.
 */
import { before, describe } from 'node:test';
import { loadTerraformParser } from '../../../src/engine';
import { UNIT_LIMITS } from '../../fuzz/mutations';
import { fuzzProperties } from '../../fuzz/properties';
import { fuzzTest } from '../../fuzz/unit';

const RUNS: Record<string, number> = { 'Terraform incremental re-parse': 100 };

before(() => loadTerraformParser());

describe('fuzz: parsers', () => {
  for (const property of fuzzProperties(UNIT_LIMITS).filter((p) => p.name !== 'engine lint')) fuzzTest(property, RUNS[property.name] ?? 200);
});
