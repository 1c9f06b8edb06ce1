import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CURRENT_STACK, isEolStack, stackStatus } from '../../../../src/engine/facts/stacks';

describe('stacks', () => {
  it('classifies the catalog stacks', () => {
    assert.deepEqual(stackStatus('heroku-20'), { kind: 'eol', stack: 'heroku-20', until: 'April 30, 2025', confirmed: true });
    assert.equal(stackStatus('Heroku-18').kind, 'eol');
    assert.equal(stackStatus('heroku-16').kind, 'eol');
    assert.deepEqual(stackStatus('cedar-14'), { kind: 'eol', stack: 'cedar-14', until: 'May 1, 2019', confirmed: false });
    assert.equal(stackStatus(' cedar ').kind, 'eol');
    assert.deepEqual(stackStatus('heroku-22'), { kind: 'approaching-eol', stack: 'heroku-22', until: 'April 2027' });
    assert.equal(stackStatus('heroku-24').kind, 'supported');
    assert.equal(stackStatus('cnb').kind, 'supported');
    assert.equal(stackStatus('container').kind, 'container');
    assert.equal(stackStatus('heroku-26').kind, 'unknown');
    assert.equal(stackStatus('constructor').kind, 'unknown');
    assert.equal(CURRENT_STACK, 'heroku-24');
  });

  it('answers isEolStack', () => {
    assert.ok(isEolStack('heroku-20'));
    assert.ok(isEolStack('cedar-14'));
    assert.ok(!isEolStack('heroku-22'));
    assert.ok(!isEolStack('heroku-24'));
    assert.ok(!isEolStack('container'));
  });
});
