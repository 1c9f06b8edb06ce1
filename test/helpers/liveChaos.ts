/**
 * What "a defined state" means for the live view under random API faults, shared by the unit property tests, the
 * CLI's and the real VS Code's: every endpoint result is data or an error of a known kind with a message, every item
 * has a state of the defined set, and an app that could not be read says why. No token anywhere.
 */
import * as assert from 'node:assert/strict';
import type { ApiErrorKind, EndpointResult, LiveSnapshot } from '../../src/heroku/snapshot';
import type { ItemState, SecurityState } from '../../src/heroku/securityState';
import type { Chaos } from '../fake-heroku/server';

export const ITEM_STATES: ReadonlySet<ItemState> = new Set(['pass', 'warn', 'fail', 'unknown', 'not-applicable', 'not-on-fir', 'no-permission']);
export const ERROR_KINDS: ReadonlySet<ApiErrorKind> = new Set([
  'unauthorized', 'forbidden', 'two-factor', 'not-found', 'rate-limited', 'timeout', 'aborted', 'network', 'server', 'malformed',
]);
const SEVERITIES = new Set(['crit', 'high', 'med', 'low', 'info']);
const GROUPS = ['Runtime', 'Authentication & Access', 'Logging & Monitoring', 'App & Data Access', 'Encryption', 'Data Backups'];

/** A short description of a chaos setting, for assertion messages (replayable: the seed is there). */
export function describeChaos(chaos: Chaos, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...chaos, ...extra });
}

function assertError(error: { kind: string; message: string }, where: string, token: string): void {
  assert.ok(ERROR_KINDS.has(error.kind as ApiErrorKind), `${where}: error kind ${error.kind}`);
  assert.equal(typeof error.message, 'string', `${where}: message`);
  assert.ok(error.message.trim().length > 0, `${where}: an empty message`);
  assert.ok(!error.message.includes(token), `${where}: the message carries the token`);
}

/** Every endpoint of a snapshot answered data or an error of a known kind with a message. */
export function assertDefinedSnapshot(snapshot: LiveSnapshot, token: string, context: string): void {
  for (const [key, value] of Object.entries(snapshot)) {
    if (key === 'appName' || key === 'apiUrl' || key === 'fetchedAt' || value === undefined) continue;
    const result = value as EndpointResult<unknown>;
    assert.equal(typeof result.ok, 'boolean', `${context}: ${key} is a result`);
    if (!result.ok) assertError(result.error, `${context}: ${key}`, token);
  }
}

/**
 * The state is defined: the app could not be read (with a known error kind and a message, and no groups), or the
 * six groups hold items whose states are all of the defined set, each with a description, and findings of known
 * rules and severities.
 */
export function assertDefinedState(state: SecurityState, token: string, context: string): void {
  assert.ok(!JSON.stringify(state).includes(token), `${context}: the state carries the token`);
  if (state.appError) {
    assertError(state.appError, `${context}: appError`, token);
    assert.deepEqual(state.groups, [], `${context}: no groups without the app`);
    return;
  }
  assert.deepEqual(state.groups.map((g) => g.title), GROUPS, `${context}: groups`);
  for (const item of state.groups.flatMap((g) => g.items)) {
    assert.ok(ITEM_STATES.has(item.state), `${context}: ${item.id} has state ${item.state}`);
    assert.equal(typeof item.description, 'string', `${context}: ${item.id} description`);
    if (item.state === 'unknown' || item.state === 'no-permission') assert.ok(item.description.length > 0, `${context}: ${item.id} says why it is ${item.state}`);
    if (item.error) assertError(item.error, `${context}: ${item.id}`, token);
  }
  for (const finding of state.findings) {
    assert.match(finding.ruleId, /^HRK-LIVE-\d{3}$/, context);
    assert.ok(SEVERITIES.has(finding.severity), `${context}: ${finding.ruleId} severity ${finding.severity}`);
    assert.ok(finding.message.length > 0, `${context}: ${finding.ruleId} message`);
  }
}
