import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig } from '../../../src/engine';
import { parseJsonPointer, toJsonPointer } from '../../../src/engine/config';

const KNOWN = new Set(['HRK-APPJSON-025', 'HRK-SEC-005']);

describe('parseConfig', () => {
  it('reads every setting', () => {
    const { config, problems } = parseConfig(
      [
        'profile: shield',
        'generation: cedar',
        'rules:',
        '  HRK-APPJSON-025: off',
        '  HRK-SEC-005: med',
        'ignore:',
        '  - "legacy/**"',
        'suppressions:',
        '  - rule: HRK-APPJSON-025',
        '    pointer: /image',
        '    reason: kept for an old review-app tool',
      ].join('\n'),
      KNOWN,
    );
    assert.deepEqual(problems, []);
    assert.equal(config.profile, 'shield');
    assert.equal(config.generation, 'cedar');
    assert.deepEqual(config.rules, { 'HRK-APPJSON-025': 'off', 'HRK-SEC-005': 'med' });
    assert.deepEqual(config.ignore, ['legacy/**']);
    assert.deepEqual(config.suppressions, [{ rule: 'HRK-APPJSON-025', pointer: '/image', path: undefined, reason: 'kept for an old review-app tool' }]);
  });

  it('treats an empty file as the default config', () => {
    assert.deepEqual(parseConfig('').problems, []);
    assert.deepEqual(parseConfig('# only a comment\n').config.rules, {});
  });

  it('reports each problem with its line', () => {
    const { problems } = parseConfig(
      ['profile: strict', 'rules:', '  HRK-NOPE-001: off', '  HRK-SEC-005: loud', 'suppressions:', '  - rule: HRK-APPJSON-025', '    pointer: /image', 'colour: red'].join('\n'),
      KNOWN,
    );
    assert.deepEqual(
      problems.map((p) => p.line),
      [1, 3, 4, 6, 8],
    );
    assert.match(problems[0].message, /profile must be one of/);
    assert.match(problems[3].message, /needs a reason/);
    assert.match(problems[4].message, /Unknown setting "colour"/);
  });

  it('reports YAML syntax errors instead of throwing', () => {
    const { problems } = parseConfig('rules: [\n');
    assert.ok(problems.length > 0);
  });

  it('round-trips JSON pointers with escapes', () => {
    assert.deepEqual(parseJsonPointer('/env/A~1B/c~0d'), ['env', 'A/B', 'c~d']);
    assert.equal(toJsonPointer(['env', 'A/B', 'c~d', 0]), '/env/A~1B/c~0d/0');
  });
});
