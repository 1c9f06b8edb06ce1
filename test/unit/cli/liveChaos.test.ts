/**
 * `heroku-compliance live` (the built CLI) against the fake Platform API with random faults (issue 7 item 3): for
 * each seeded case, in every format, the CLI exits 0 or 1 with a complete report whose items all have a defined
 * state, or 2 with one `error: cannot read the app …` line; never an internal error, never a hang (the API deadline
 * is 10 s), never the token. Cases come from fast-check with a fixed seed (CHAOS_SEED replays another run,
 * CHAOS_CLI_RUNS changes how many) and run four at a time.
 */
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { after, describe, it } from 'node:test';
import type { SecurityState } from '../../../src/heroku/securityState';
import { SCENARIO_NAMES, type ScenarioName } from '../../fake-heroku/scenarios';
import { CHAOS_KINDS, type Chaos, type FakeHeroku, startFakeHeroku } from '../../fake-heroku/server';
import { cleanWorkspaces, spawnCli } from '../../helpers/cli';
import { assertDefinedState, describeChaos } from '../../helpers/liveChaos';

const TOKEN = 'cli-chaos-token-0b7d3e11';
const RUNS = Number(process.env.CHAOS_CLI_RUNS ?? 16);
const SEED = Number(process.env.CHAOS_SEED ?? 20_240_607);
/** The CLI's whole read has a 10 s deadline; process start and a busy machine get the rest. */
const MAX_MS = 14_000;
/** Without stalls and with short delays: nothing waits for the deadline. */
const FAST_MS = 6_000;
const CONCURRENCY = 4;

interface CliCase {
  readonly scenario: ScenarioName;
  readonly chaos: Chaos;
  readonly format: 'text' | 'json' | 'sarif';
}

const cliCase: fc.Arbitrary<CliCase> = fc.record({
  scenario: fc.constantFrom(...SCENARIO_NAMES),
  chaos: fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    rate: fc.integer({ min: 0, max: 100 }).map((n) => n / 100),
    kinds: fc.subarray([...CHAOS_KINDS], { minLength: 1 }),
    maxDelayMs: fc.constantFrom(0, 200, 1500),
  }),
  format: fc.constantFrom('text', 'json', 'sarif'),
});

const fakes: FakeHeroku[] = [];
after(async () => {
  await Promise.all(fakes.map((fake) => fake.stop()));
  cleanWorkspaces();
});

async function runCase({ scenario, chaos, format }: CliCase): Promise<void> {
  const fake = await startFakeHeroku({ scenario, token: TOKEN, chaos, pageSize: 2 });
  fakes.push(fake);
  const app = fake.scenario().app;
  const context = describeChaos(chaos, { scenario, format });
  const run = await spawnCli(['live', '--app', app, '--format', format], { env: { HEROKU_API_KEY: TOKEN, HEROKU_API_URL: fake.url }, timeoutMs: 30_000 });
  const draws = `${context} drew ${JSON.stringify(fake.chaosDraws.filter((d) => d.fault).map((d) => `${d.path} ${d.fault}`))}`;
  assert.equal(run.signal, null, `${draws}: killed after ${run.ms} ms`);
  assert.ok(run.ms < MAX_MS, `${draws}: ${run.ms} ms`);
  // Only a stalled body waits for the deadline: a reset, even part way through a body, is reported at once.
  // (Long delays add up over the pages of a list: two items a page here.)
  if (!(chaos.kinds ?? CHAOS_KINDS).includes('stall') && (chaos.maxDelayMs ?? 0) <= 200) assert.ok(run.ms < FAST_MS, `${draws}: ${run.ms} ms without a stall`);
  assert.ok(!(run.stdout + run.stderr).includes(TOKEN), `${draws}: the token was printed`);
  assert.doesNotMatch(run.stderr, /internal error/, draws);
  if (run.status === 2) {
    assert.equal(run.stdout, '', draws);
    assert.match(run.stderr, new RegExp(`^heroku-compliance: error: cannot read the app ${app}: \\S.*\\n$`), draws);
    return;
  }
  assert.ok(run.status === 0 || run.status === 1, `${draws}: exit ${run.status}: ${run.stderr}`);
  assert.equal(run.stderr, '', draws);
  if (format === 'json') {
    const state = JSON.parse(run.stdout) as SecurityState;
    assertDefinedState(state, TOKEN, draws);
    const failing = state.findings.some((f) => f.severity === 'crit' || f.severity === 'high');
    assert.equal(run.status, failing ? 1 : 0, draws);
  } else if (format === 'sarif') {
    const sarif = JSON.parse(run.stdout) as { runs: { results: { ruleId: string }[] }[] };
    assert.ok(sarif.runs[0].results.every((r) => /^HRK-LIVE-\d{3}$/.test(r.ruleId)), draws);
  } else {
    assert.ok(run.stdout.startsWith(app), draws);
    assert.match(run.stdout, /(no findings|\d+ findings?)/, draws);
  }
}

describe('live: random API faults', () => {
  it(`exits 0/1 with a defined report, or 2 with a message, within the deadline (${RUNS} + 1 cases, seed ${SEED})`, async () => {
    // And one case where every account, team and space endpoint stalls part way through its body: the run still
    // ends at the 10 s deadline, with a report.
    const stalled: CliCase = { scenario: 'shield', chaos: { seed: 7, rate: 1, kinds: ['stall'], path: /^\/(account|spaces|teams)(\/|$)/ }, format: 'json' };
    const cases = [stalled, ...fc.sample(cliCase, { numRuns: RUNS, seed: SEED })];
    const pending = [...cases.entries()];
    const failures: string[] = [];
    const worker = async (): Promise<void> => {
      for (let next = pending.shift(); next; next = pending.shift()) {
        const [index, c] = next;
        try {
          await runCase(c);
        } catch (error) {
          failures.push(`case ${index}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    assert.deepEqual(failures, []);
  });
});
