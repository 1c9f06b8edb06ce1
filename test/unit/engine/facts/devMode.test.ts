import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { devModeMessage, devModeSetting } from '../../../../src/engine/facts/devMode';

describe('devMode', () => {
  it('flags the catalog triggers (HRK-APPJSON-009)', () => {
    assert.deepEqual(devModeSetting('DEBUG', 'True'), { kind: 'debug', key: 'DEBUG', value: 'True', replacement: 'False' });
    assert.deepEqual(devModeSetting('DEBUG', 'true'), { kind: 'debug', key: 'DEBUG', value: 'true', replacement: 'false' });
    assert.deepEqual(devModeSetting('DJANGO_DEBUG', '1'), { kind: 'debug', key: 'DJANGO_DEBUG', value: '1', replacement: '0' });
    assert.deepEqual(devModeSetting('FLASK_DEBUG', '1'), { kind: 'flask-debug', key: 'FLASK_DEBUG', value: '1', replacement: '0' });
    assert.deepEqual(devModeSetting('FLASK_ENV', 'development'), { kind: 'flask-env', key: 'FLASK_ENV', value: 'development', replacement: 'production' });
    assert.deepEqual(devModeSetting('RAILS_ENV', 'development'), { kind: 'rails-env', key: 'RAILS_ENV', value: 'development', replacement: 'production' });
    assert.deepEqual(devModeSetting('RAILS_ENV', 'test'), { kind: 'rails-env', key: 'RAILS_ENV', value: 'test', replacement: 'production' });
    assert.deepEqual(devModeSetting('RACK_ENV', ' Development '), { kind: 'rails-env', key: 'RACK_ENV', value: 'Development', replacement: 'Production' });
    assert.deepEqual(devModeSetting('NODE_ENV', 'DEVELOPMENT'), { kind: 'node-env', key: 'NODE_ENV', value: 'DEVELOPMENT', replacement: 'PRODUCTION' });
  });

  it('stays silent on production values and near misses', () => {
    const silent: [string, string][] = [
      ['DEBUG', 'False'],
      ['DEBUG', '0'],
      ['DEBUG', 'express:*'],
      ['DEBUG', 'app:worker'],
      ['FLASK_DEBUG', '0'],
      ['FLASK_ENV', 'production'],
      ['RAILS_ENV', 'production'],
      ['RAILS_ENV', 'staging'],
      ['RACK_ENV', 'deployment'],
      ['NODE_ENV', 'production'],
      ['NODE_ENV', 'test'],
      ['debug', 'true'],
      ['RAILS_ENVIRONMENT', 'development'],
      ['constructor', 'true'],
    ];
    for (const [key, value] of silent) assert.equal(devModeSetting(key, value), undefined, `${key}=${value}`);
  });

  it('writes one sentence naming the location and value', () => {
    const message = devModeMessage('env.RAILS_ENV', devModeSetting('RAILS_ENV', 'development')!);
    assert.equal(message, '`env.RAILS_ENV` is `development`; Heroku recommends `production` for every app, staging and review apps included.');
    for (const [key, value] of [['DEBUG', '1'], ['FLASK_DEBUG', '1'], ['FLASK_ENV', 'development'], ['NODE_ENV', 'development']]) {
      assert.match(devModeMessage(`setup.config.${key}`, devModeSetting(key, value)!), /^`setup\.config\.[A-Z_]+` is `[^`]+`[,;] .+\.$/);
    }
  });
});
