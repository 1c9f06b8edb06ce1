import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesGlob } from '../../../src/engine';

describe('matchesGlob', () => {
  const cases: [string, string, boolean][] = [
    ['legacy/app.json', 'legacy/**', true],
    ['legacy/a/b/Procfile', 'legacy/**', true],
    ['apps/legacy/app.json', 'legacy/**', false],
    ['apps/legacy/app.json', '**/legacy/**', true],
    ['apps/legacy/app.json', 'legacy', true],
    ['vendor/x.tf', '*.tf', true],
    ['main.tf', '/main.tf', true],
    ['mod/main.tf', '/main.tf', false],
    ['a/b/c.tf', 'a/*.tf', false],
    ['a/b.tf', 'a/?.tf', true],
    ['a/b.tf', 'a/[bc].tf', true],
    ['a/d.tf', 'a/[!bc].tf', true],
    ['examples/shield-app/app.json', 'examples/*/app.json', true],
  ];
  for (const [path, pattern, expected] of cases) {
    it(`${pattern} ${expected ? 'matches' : 'does not match'} ${path}`, () => assert.equal(matchesGlob(path, pattern), expected));
  }
});
