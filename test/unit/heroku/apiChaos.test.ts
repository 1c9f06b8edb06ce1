/**
 * API faults (issue 7 item 3), in-process: the fake Platform API answers with random faults drawn from a seed
 * (delays, resets, bodies cut part way, HTML or plain text with 200, empty bodies, JSON of the wrong shape or with
 * corrupted content, error statuses), mixed per endpoint and per page. Properties: `readSnapshot` + `securityState`
 * never throw, end within the read's deadline, and reach a defined state (test/helpers/liveChaos.ts).
 * One test per fault kind shows what each one becomes. CHAOS_RUNS changes the number of random cases, CHAOS_SEED
 * replays a run (fast-check prints the seed and path of a counterexample).
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { createColors } from '../../../src/cli/colors';
import { formatLiveJson } from '../../../src/cli/formatters/liveJson';
import { formatLiveSarif } from '../../../src/cli/formatters/liveSarif';
import { formatLiveText } from '../../../src/cli/formatters/liveText';
import type { ProfileSetting } from '../../../src/engine';
import { HerokuApi } from '../../../src/heroku/api';
import { readSnapshot, teamOf } from '../../../src/heroku/readSnapshot';
import { reportJson, reportMarkdown } from '../../../src/heroku/report';
import { securityState } from '../../../src/heroku/securityState';
import type { ApiErrorKind, LiveSnapshot } from '../../../src/heroku/snapshot';
import { SCENARIO_NAMES, type ScenarioName, scenario } from '../../fake-heroku/scenarios';
import { CHAOS_KINDS, type Chaos, type FakeHeroku, type FaultKind, corrupt, seededRandom, startFakeHeroku } from '../../fake-heroku/server';
import { assertDefinedSnapshot, assertDefinedState, describeChaos } from '../../helpers/liveChaos';

const TOKEN = 'chaos-token-5d1e9a7c';
const RUNS = Number(process.env.CHAOS_RUNS ?? 60);
const SEED = process.env.CHAOS_SEED !== undefined ? Number(process.env.CHAOS_SEED) : undefined;
/** Time a read may take past its deadline: timers, the second-level reads' last socket teardown, a busy machine. */
const SLACK_MS = 500;

const fakes = new Map<string, FakeHeroku>();
async function fakeFor(scenario: ScenarioName, pageSize: number): Promise<FakeHeroku> {
  const key = `${scenario}:${pageSize}`;
  let fake = fakes.get(key);
  if (!fake) {
    fake = await startFakeHeroku({ scenario, token: TOKEN, pageSize });
    fakes.set(key, fake);
  }
  return fake;
}

after(async () => {
  await Promise.all([...fakes.values()].map((fake) => fake.stop()));
});

const DEADLINE_MS = 600;

/** What each fault kind becomes on one endpoint: its own error kind (or data, for a corrupted body), quickly. */
const EXPECTED: Readonly<Record<FaultKind, ApiErrorKind | 'data'>> = {
  '401': 'unauthorized',
  '403': 'forbidden',
  'two-factor': 'two-factor',
  '404': 'not-found',
  '429': 'rate-limited',
  '500': 'server',
  '503-html': 'server',
  malformed: 'malformed',
  reset: 'network',
  '304': 'malformed',
  partial: 'network',
  stall: 'timeout',
  html: 'malformed',
  text: 'malformed',
  empty: 'malformed',
  'wrong-json': 'malformed',
  garbage: 'data',
  slow: 'timeout',
};

describe('API faults: each kind on one endpoint', () => {
  for (const kind of Object.keys(EXPECTED) as FaultKind[]) {
    it(`${kind} → ${EXPECTED[kind]}${EXPECTED[kind] === 'timeout' ? ' at the deadline' : ', at once'}, for an object and a list`, async () => {
      const fake = await fakeFor('shield', 1000);
      const api = new HerokuApi({ apiUrl: fake.url, token: TOKEN });
      for (const [path, expect] of [
        ['/apps/globex-claims', 'object'],
        ['/account/keys', 'array'],
      ] as const) {
        // Bodies cut near the start, in the middle and near the end (one cut for the kinds that wait for the deadline).
        const waits = EXPECTED[kind] === 'timeout';
        for (const cutAt of waits ? [0.5] : [0.01, 0.5, 0.99]) {
          fake.setFaults([{ path, fault: kind, cutAt, seed: Math.round(cutAt * 100), ...(kind === 'slow' ? { delayMs: 5_000 } : {}) }]);
          const started = Date.now();
          const result = await api.get(path, { expect, deadlineMs: DEADLINE_MS });
          const ms = Date.now() - started;
          const got = result.ok ? 'data' : result.error.kind;
          assert.equal(got, EXPECTED[kind], `${kind} on ${path} cut at ${cutAt}: ${JSON.stringify(result).slice(0, 200)}`);
          if (!result.ok) assert.ok(result.error.message.length > 0 && !result.error.message.includes(TOKEN));
          if (waits) assert.ok(ms >= DEADLINE_MS - 20 && ms < DEADLINE_MS + SLACK_MS, `${ms} ms`);
          else assert.ok(ms < 500, `${kind}: ${ms} ms, not at once`);
        }
      }
      fake.setFaults([]);
    });
  }

  it('a body cut part way (connection lost) says so, rather than waiting for the deadline', async () => {
    const fake = await fakeFor('shield', 1000);
    fake.setFaults([{ path: '/account/keys', fault: 'partial', cutAt: 0.5 }]);
    const result = await new HerokuApi({ apiUrl: fake.url, token: TOKEN }).get('/account/keys', { expect: 'array', deadlineMs: 10_000 });
    fake.setFaults([]);
    assert.ok(!result.ok);
    assert.equal(result.error.kind, 'network');
    assert.match(result.error.message, /^The connection to 127\.0\.0\.1:\d+ was lost before the answer was complete \(connection reset\)\.$/);
  });

  it('an empty 200 body is malformed, not an empty object', async () => {
    const fake = await fakeFor('shield', 1000);
    fake.setFaults([{ path: '/apps/globex-claims', fault: 'empty' }]);
    const snapshot = await readSnapshot(new HerokuApi({ apiUrl: fake.url, token: TOKEN }), 'globex-claims');
    fake.setFaults([]);
    const state = securityState(snapshot, 'auto');
    assert.equal(state.appError?.kind, 'malformed');
    assert.equal(state.appError?.message, 'The Heroku API answered 200 with an empty body.');
  });

  it('corrupt() keeps the container, changes the content, and replays from its seed', () => {
    const body = { name: 'a', space: { name: 's', shield: true }, list: [1, 2, 3] };
    for (let seed = 0; seed < 50; seed++) {
      const once = corrupt(body, seededRandom(`s${seed}`));
      assert.deepEqual(corrupt(body, seededRandom(`s${seed}`)), once);
      assert.ok(typeof once === 'object' && once !== null && !Array.isArray(once));
      assert.ok(Array.isArray(corrupt([body, body], seededRandom(`s${seed}`))));
    }
    const differs = Array.from({ length: 50 }, (_, seed) => JSON.stringify(corrupt(body, seededRandom(`s${seed}`))) !== JSON.stringify(body));
    assert.ok(differs.filter(Boolean).length > 40);
  });
});

interface ChaosCase {
  readonly scenario: ScenarioName;
  readonly chaos: Chaos;
  readonly deadlineMs: number;
  readonly pageSize: number;
  readonly profile: ProfileSetting;
}

const chaosCase: fc.Arbitrary<ChaosCase> = fc.record({
  scenario: fc.constantFrom(...SCENARIO_NAMES),
  chaos: fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    // Percent steps: fc.double favours the extremes (0, 1e-300…), which would leave most cases without a fault.
    rate: fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
    kinds: fc.subarray([...CHAOS_KINDS], { minLength: 1 }),
    maxDelayMs: fc.constantFrom(0, 50, 300, 1500),
  }),
  deadlineMs: fc.integer({ min: 150, max: 1000 }),
  // Small pages make every list several requests, each with its own draw.
  pageSize: fc.constantFrom(1, 2, 1000),
  profile: fc.constantFrom<ProfileSetting>('auto', 'common', 'private', 'shield'),
});

describe('API faults: random faults per endpoint (property)', () => {
  it(`readSnapshot + securityState reach a defined state within the deadline (${RUNS} cases)`, async () => {
    let cases = 0;
    const faults = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(chaosCase, async ({ scenario, chaos, deadlineMs, pageSize, profile }) => {
        cases++;
        const fake = await fakeFor(scenario, pageSize);
        fake.setChaos(chaos);
        fake.chaosDraws.length = 0;
        const context = describeChaos(chaos, { scenario, deadlineMs, pageSize, profile });
        try {
          const api = new HerokuApi({ apiUrl: fake.url, token: TOKEN });
          const started = Date.now();
          const snapshot = await readSnapshot(api, fake.scenario().app, { deadlineMs });
          const ms = Date.now() - started;
          assert.ok(ms < deadlineMs + SLACK_MS, `${context}: ${ms} ms for a ${deadlineMs} ms deadline`);
          assertDefinedSnapshot(snapshot, TOKEN, context);
          assertDefinedState(securityState(snapshot, profile), TOKEN, context);
          for (const draw of fake.chaosDraws) if (draw.fault) faults.set(draw.fault, (faults.get(draw.fault) ?? 0) + 1);
        } finally {
          fake.setChaos(undefined);
        }
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
    assert.equal(cases, RUNS);
    // The campaign did exercise every kind.
    assert.deepEqual(CHAOS_KINDS.filter((kind) => !faults.has(kind)), [], `kinds drawn: ${JSON.stringify(Object.fromEntries(faults))}`);
  });

  it('the same seed draws the same faults, whatever order the requests arrive in', async () => {
    const fake = await fakeFor('private', 2);
    const api = new HerokuApi({ apiUrl: fake.url, token: TOKEN });
    const draws = async () => {
      fake.setChaos({ seed: 1234, rate: 0.5, maxDelayMs: 40, kinds: CHAOS_KINDS.filter((k) => k !== 'stall') });
      fake.chaosDraws.length = 0;
      await readSnapshot(api, 'acme-api', { deadlineMs: 2000 });
      fake.setChaos(undefined);
      return fake.chaosDraws.map((d) => `${d.path} ${d.fault ?? '-'} ${d.delayMs}`).sort();
    };
    const first = await draws();
    assert.ok(first.some((d) => !d.includes(' - ')), 'some faults drawn');
    assert.deepEqual(await draws(), first);
  });
});

describe('API faults: corrupted answers, without the network (property)', () => {
  const STATE_RUNS = Number(process.env.CHAOS_STATE_RUNS ?? 1000);

  it(`securityState and its outputs never throw, and the state stays defined, on randomly corrupted endpoint data (${STATE_RUNS} cases)`, async () => {
    // One real snapshot per scenario, then damage: each endpoint that answered gets corrupted data with some probability.
    const snapshots = await Promise.all(
      SCENARIO_NAMES.map(async (name) => {
        const fake = await fakeFor(name, 1000);
        return readSnapshot(new HerokuApi({ apiUrl: fake.url, token: TOKEN }), fake.scenario().app);
      }),
    );
    fc.assert(
      fc.property(
        fc.nat({ max: snapshots.length - 1 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom<ProfileSetting>('auto', 'common', 'private', 'shield'),
        (index, seed, percent, profile) => {
          const random = seededRandom(`state:${seed}`);
          const damaged: Record<string, unknown> = { ...snapshots[index] };
          for (const [key, value] of Object.entries(damaged)) {
            const result = value as { ok?: boolean; data?: unknown } | undefined;
            if (result?.ok === true && random() * 100 < percent) damaged[key] = { ok: true, data: corrupt(result.data, random) };
          }
          const context = JSON.stringify({ scenario: SCENARIO_NAMES[index], seed, percent, profile });
          const state = securityState(damaged as unknown as LiveSnapshot, profile);
          assertDefinedState(state, TOKEN, context);
          // And every output made from a state: the CLI's three formats and the exported report.
          assert.ok(formatLiveText(state, createColors(false)).startsWith(state.app.name), context);
          JSON.parse(formatLiveJson(state, '0.0.0'));
          JSON.parse(formatLiveSarif(state, { version: '0.0.0', informationUri: 'https://example.com' }));
          const report = { generatedAt: state.fetchedAt, toolVersion: '0.0.0', apps: [state], unreadable: [], findings: [], controlsOf: () => [] };
          assert.ok(reportMarkdown(report).length > 0 && JSON.parse(reportJson(report)), context);
        },
      ),
      { numRuns: STATE_RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) },
    );
  });
});

describe('API faults: regressions found by the chaos tests', () => {
  it('reads the CA files of SSL_CERT_FILE and SSL_CERT_DIR once per client, not in every request (they blocked the event loop past the deadline)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hc-ca-'));
    for (let i = 0; i < 20; i++) fs.writeFileSync(path.join(dir, `ca-${i}.pem`), `-----BEGIN CERTIFICATE-----\n${i}\n-----END CERTIFICATE-----\n`);
    const saved = { dir: process.env.SSL_CERT_DIR, file: process.env.SSL_CERT_FILE };
    // The module object itself (the compiled `import * as fs` is a read-only view of it), as heroku-client requires it.
    const nodeFs = createRequire(__filename)('node:fs') as typeof fs;
    const realRead = nodeFs.readFileSync;
    let reads = 0;
    const spy = function (this: unknown, ...args: Parameters<typeof fs.readFileSync>) {
      if (typeof args[0] === 'string' && args[0].startsWith(dir)) reads++;
      return realRead.apply(this, args);
    } as typeof fs.readFileSync;
    process.env.SSL_CERT_DIR = dir;
    delete process.env.SSL_CERT_FILE;
    nodeFs.readFileSync = spy;
    try {
      const fake = await fakeFor('shield', 2);
      fake.requests.length = 0;
      const api = new HerokuApi({ apiUrl: fake.url, token: TOKEN });
      assertDefinedState(securityState(await readSnapshot(api, 'globex-claims'), 'auto'), TOKEN, 'with a CA directory');
      assert.ok(fake.requests.length > 30, `${fake.requests.length} requests`);
      assert.equal(reads, 20, 'each CA file once');
    } finally {
      nodeFs.readFileSync = realRead;
      if (saved.dir === undefined) delete process.env.SSL_CERT_DIR;
      else process.env.SSL_CERT_DIR = saved.dir;
      if (saved.file !== undefined) process.env.SSL_CERT_FILE = saved.file;
      fs.rmSync(dir, { recursive: true, force: true });
    }
    assert.equal(process.env.SSL_CERT_DIR, saved.dir, 'the environment is restored');
  });

  it('readSnapshot resolves when the app has fields of the wrong type (an owner e-mail that is a number threw)', async () => {
    const base = scenario('common');
    const [entry, ...rest] = base.apps;
    const odd = { ...entry, app: { ...entry.app, name: 42, owner: { email: 42 }, team: { name: {} }, space: 'x' } } as unknown as typeof entry;
    const fake = await startFakeHeroku({ scenario: { ...base, apps: [odd, ...rest] }, token: TOKEN });
    try {
      assert.equal(teamOf(odd.app), undefined);
      const snapshot = await readSnapshot(new HerokuApi({ apiUrl: fake.url, token: TOKEN }), base.app);
      const state = securityState(snapshot, 'auto');
      assertDefinedState(state, TOKEN, 'odd app');
      assert.equal(state.app.name, base.app, 'the linked name when the answer has none');
      assert.ok(!fake.requests.some((r) => r.path.includes('[object') || r.path.startsWith('/apps/42')), 'no request built from a non-string');
    } finally {
      await fake.stop();
    }
  });

  it('securityState stays defined when a list holds null or its fields have the wrong type (add-ons [null] threw)', async () => {
    const fake = await fakeFor('shield', 1000);
    const snapshot = await readSnapshot(new HerokuApi({ apiUrl: fake.url, token: TOKEN }), 'globex-claims');
    const odd = { ...snapshot, addons: { ok: true, data: [null, 7] }, app: snapshot.app.ok ? { ok: true, data: { ...snapshot.app.data, stack: { name: { nested: true } } } } : snapshot.app } as unknown as LiveSnapshot;
    const state = securityState(odd, 'auto');
    assertDefinedState(state, TOKEN, 'odd lists');
    const items = state.groups.flatMap((g) => g.items);
    assert.equal(typeof items.find((i) => i.id === 'stack')?.description, 'string', 'a description is a string');
    assert.equal(typeof items.find((i) => i.id === 'postgres')?.state, 'string');
  });
});
