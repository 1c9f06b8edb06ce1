/** Realistic, compliant apps for each profile must produce no finding at all, under every rule that is on. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { lint } from '../../../src/engine';
import { loadTerraformParser } from '../../../src/engine/parsers/terraform';
import { goldenOf, listCases, loadCase } from '../../helpers/fixtures';
import { FIXTURES_DIR } from '../../helpers/paths';

const CLEAN_DIR = path.join(FIXTURES_DIR, 'clean');

before(() => loadTerraformParser());

describe('clean realistic apps', () => {
  for (const name of listCases(CLEAN_DIR)) {
    it(`${name} is silent`, () => {
      const fixture = loadCase(path.join(CLEAN_DIR, name));
      const { findings, failures } = lint({ files: fixture.files, config: fixture.config, fileExists: fixture.fileExists });
      assert.deepEqual(failures, []);
      assert.deepEqual(findings.map(goldenOf), []);
    });
  }
});
