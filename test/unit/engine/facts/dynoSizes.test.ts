import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ALL_DYNO_SIZES,
  dynoRuntimeOf,
  dynoSizeCompatibility,
  expectedDynoFamily,
  isKnownDynoSize,
  isLegacyDynoSize,
  suggestDynoSize,
} from '../../../../src/engine/facts/dynoSizes';

describe('dyno sizes', () => {
  it('knows every catalog size, case-insensitively', () => {
    for (const size of ['eco', 'Basic', 'Standard-1X', 'performance-l-ram', 'Private-M', 'shield-l-ram', 'dyno-1c-0.5gb', 'DYNO-32C-64GB', '1X', 'PX', 'hobby', 'free']) {
      assert.ok(isKnownDynoSize(size), size);
    }
    for (const size of ['standard1x', 'standard-3x', 'medium', '', ' basic', 'dyno-4c-2gb', 'private-xs', 'shield']) {
      assert.ok(!isKnownDynoSize(size), size);
    }
    assert.equal(new Set(ALL_DYNO_SIZES).size, ALL_DYNO_SIZES.length);
  });

  it('maps sizes to runtimes', () => {
    assert.equal(dynoRuntimeOf('performance-m'), 'common');
    assert.equal(dynoRuntimeOf('2X'), 'common');
    assert.equal(dynoRuntimeOf('private-2xl'), 'private');
    assert.equal(dynoRuntimeOf('Shield-S'), 'shield');
    assert.equal(dynoRuntimeOf('dyno-2c-4gb'), 'fir');
    assert.equal(dynoRuntimeOf('nope'), undefined);
    assert.ok(isLegacyDynoSize('Hobby'));
    assert.ok(!isLegacyDynoSize('basic'));
  });

  it('decides compatibility by profile and generation', () => {
    assert.equal(dynoSizeCompatibility('standard-1x', 'common', 'cedar'), 'ok');
    assert.equal(dynoSizeCompatibility('private-m', 'common', 'cedar'), 'incompatible');
    assert.equal(dynoSizeCompatibility('private-m', 'private', 'cedar'), 'ok');
    assert.equal(dynoSizeCompatibility('standard-2x', 'private', 'cedar'), 'incompatible');
    assert.equal(dynoSizeCompatibility('shield-m', 'private', 'cedar'), 'incompatible');
    assert.equal(dynoSizeCompatibility('dyno-2c-4gb', 'private', 'cedar'), 'incompatible');
    assert.equal(dynoSizeCompatibility('dyno-2c-4gb', 'private', 'fir'), 'ok');
    assert.equal(dynoSizeCompatibility('private-m', 'private', 'fir'), 'incompatible');
    assert.equal(dynoSizeCompatibility('standard-1x', 'common', 'fir'), 'incompatible');
    assert.equal(dynoSizeCompatibility('Shield-L', 'shield', 'cedar'), 'ok');
    assert.equal(dynoSizeCompatibility('private-l', 'shield', 'cedar'), 'private-in-shield');
    assert.equal(dynoSizeCompatibility('performance-m', 'shield', 'cedar'), 'incompatible');
    assert.equal(dynoSizeCompatibility('dyno-2c-4gb', 'shield', 'fir'), 'incompatible');
    assert.equal(dynoSizeCompatibility('standard1x', 'shield', 'cedar'), 'unknown');
    assert.equal(expectedDynoFamily('shield', 'fir'), '`shield-*`');
    assert.equal(expectedDynoFamily('private', 'fir'), '`dyno-*`');
    assert.equal(expectedDynoFamily('private', 'cedar'), '`private-*`');
  });

  it('suggests only obvious typos', () => {
    assert.equal(suggestDynoSize('standard1x'), 'standard-1x');
    assert.equal(suggestDynoSize('Standard_2X'), 'standard-2x');
    assert.equal(suggestDynoSize(' basic'), 'basic');
    assert.equal(suggestDynoSize('perfomance-m'), 'performance-m');
    assert.equal(suggestDynoSize('private-l ram'), 'private-l-ram');
    assert.equal(suggestDynoSize('dyno-2c-4g'), 'dyno-2c-4gb');
    assert.equal(suggestDynoSize('basci'), 'basic');
    assert.equal(suggestDynoSize('standard-3x'), undefined, 'as close to -1x as to -2x');
    assert.equal(suggestDynoSize('performance-s'), undefined);
    assert.equal(suggestDynoSize('big'), undefined);
    assert.equal(suggestDynoSize('medium'), undefined);
    assert.equal(suggestDynoSize(''), undefined);
  });
});
