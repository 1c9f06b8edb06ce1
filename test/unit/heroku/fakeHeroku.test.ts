/** The fake Platform API itself: auth, shapes, pagination, faults, scenarios and its command line. */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SCENARIO_NAMES, scenario } from '../../fake-heroku/scenarios';
import { type FakeHeroku, compilePattern, startFakeHeroku } from '../../fake-heroku/server';

const TOKEN = 'test-token-fake-77aa';

async function get(fake: FakeHeroku, urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(`${fake.url}${urlPath}`, { headers: { Authorization: `Bearer ${TOKEN}`, ...headers } });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body };
}

describe('fake Platform API', () => {
  let fake: FakeHeroku;
  before(async () => {
    fake = await startFakeHeroku({ scenario: 'private', token: TOKEN });
  });
  after(() => fake.stop());

  it('listens on 127.0.0.1 only', () => {
    assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('accepts Bearer and Basic (":token") auth, and answers 401 unauthorized otherwise', async () => {
    assert.equal((await get(fake, '/account')).status, 200);
    const basic = Buffer.from(`:${TOKEN}`).toString('base64');
    assert.equal((await get(fake, '/account', { Authorization: `Basic ${basic}` })).status, 200);
    const wrong = await get(fake, '/account', { Authorization: 'Bearer nope' });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, { id: 'unauthorized', message: 'Invalid credentials provided.' });
    const res = await fetch(`${fake.url}/account`);
    assert.equal(res.status, 401);
  });

  it('answers 404 not_found for an unknown app or path', async () => {
    assert.deepEqual((await get(fake, '/apps/nope')).body, { id: 'not_found', message: "Couldn't find that app.", resource: 'app' });
    assert.equal((await get(fake, '/apps/acme-api/nonsense')).status, 404);
    assert.equal((await get(fake, '/teams/apps/acme-marketing-nope')).status, 404);
  });

  it('finds an app by id as well as by name', async () => {
    const app = fake.scenario().apps[0].app;
    const byId = await get(fake, `/apps/${app.id}`);
    assert.equal((byId.body as { name: string }).name, 'acme-api');
  });

  it('answers generation as a string for 3.sdk and as {id, name} otherwise', async () => {
    const sdk = await get(fake, '/apps/acme-api', { Accept: 'application/vnd.heroku+json; version=3.sdk' });
    assert.equal((sdk.body as { generation: unknown }).generation, 'cedar');
    const v3 = await get(fake, '/apps/acme-api', { Accept: 'application/vnd.heroku+json; version=3' });
    assert.deepEqual(Object.keys((v3.body as { generation: object }).generation), ['id', 'name']);
  });

  it('pages lists with 206 + Next-Range and refuses an undeclared range field', async () => {
    const paged = await startFakeHeroku({ scenario: 'private', token: TOKEN, pageSize: 2 });
    try {
      const first = await get(paged, '/teams/acme/members', { Range: 'email ..; max=1000' });
      assert.equal(first.status, 206);
      assert.equal((first.body as unknown[]).length, 2);
      const next = first.headers.get('next-range') ?? '';
      assert.match(next, /^email \].+\.\.; max=2$/);
      const second = await get(paged, '/teams/acme/members', { Range: next });
      assert.equal(second.status, 206);
      const bad = await get(paged, '/teams/acme/members', { Range: 'id ..; max=1000' });
      assert.equal(bad.status, 416);
      assert.equal((bad.body as { id: string }).id, 'requested_range_not_satisfiable');
    } finally {
      await paged.stop();
    }
  });

  it('answers 304 only to a matching If-None-Match', async () => {
    const first = await get(fake, '/account');
    const etag = first.headers.get('etag') ?? '';
    assert.ok(etag);
    assert.equal((await get(fake, '/account', { 'If-None-Match': etag })).status, 304);
    assert.equal((await get(fake, '/account', { 'If-None-Match': '"other"' })).status, 200);
  });

  it('applies a fault to matching paths, `times` times', async () => {
    fake.setFaults([{ path: '/apps/*/config-vars', fault: '500', times: 1 }]);
    assert.equal((await get(fake, '/apps/acme-api/config-vars')).status, 500);
    assert.equal((await get(fake, '/apps/acme-api/config-vars')).status, 200);
    fake.setFaults([{ path: '/account', fault: '429', retryAfterSeconds: 9 }]);
    const limited = await get(fake, '/account');
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '9');
    fake.setFaults([{ path: '/account', fault: 'malformed' }]);
    const malformed = await get(fake, '/account');
    assert.equal(malformed.status, 200);
    assert.equal(typeof malformed.body, 'string');
    fake.setFaults([{ path: '/account', fault: 'reset' }]);
    await assert.rejects(fetch(`${fake.url}/account`, { headers: { Authorization: `Bearer ${TOKEN}` } }));
    fake.setFaults([]);
  });

  it('answers 403 forbidden on the restricted scenario\'s team paths only', async () => {
    fake.setScenario('restricted');
    try {
      assert.equal((await get(fake, '/teams/umbrella')).status, 403);
      assert.equal((await get(fake, '/teams/umbrella/members')).status, 403);
      assert.equal((await get(fake, '/teams/apps/umbrella-billing')).status, 200);
      assert.equal((await get(fake, '/apps/umbrella-billing')).status, 200);
    } finally {
      fake.setScenario('private');
    }
  });

  it('compiles path patterns: * is one segment, ** the rest', () => {
    assert.ok(compilePattern('/apps/*/config-vars')('/apps/x/config-vars'));
    assert.ok(!compilePattern('/apps/*/config-vars')('/apps/x/y/config-vars'));
    assert.ok(compilePattern('/teams/acme/**')('/teams/acme/members'));
    assert.ok(!compilePattern('/teams/acme/**')('/teams/acme-ops/members'));
    assert.ok(compilePattern('/account')('/account'));
    assert.ok(!compilePattern('/account')('/account/keys'));
  });

  describe('scenarios', () => {
    it('every built-in scenario serves its app, and one config var holds a live-format credential', () => {
      for (const name of SCENARIO_NAMES) {
        const s = scenario(name);
        assert.equal(s.name, name);
        assert.ok(s.apps.some((entry) => entry.app.name === s.app), name);
        // JSON round trip: a scenario is plain data, so it can come from a file.
        assert.deepEqual(JSON.parse(JSON.stringify(s)), JSON.parse(JSON.stringify(s)));
      }
      const common = scenario('common').apps[0].configVars ?? {};
      assert.match(common.STRIPE_SECRET_KEY ?? '', /^sk_live_[0-9A-Za-z]{24}$/);
    });

    it('shield: VPN tunnels carry pre-shared keys, the space has a log drain, strict TLS is on, the app is locked', () => {
      const s = scenario('shield');
      const space = s.spaces?.[0];
      assert.equal(space?.space.shield, true);
      assert.ok(space?.vpnConnections?.[0].tunnels?.every((t) => (t.pre_shared_key ?? '').length >= 16));
      assert.ok(space?.logDrain?.url?.startsWith('https://'));
      assert.ok(space?.inboundRuleset?.rules?.every((r) => r.source !== '0.0.0.0/0'));
      assert.ok(s.apps[0].features?.some((f) => f.name === 'spaces-strict-tls' && f.enabled));
      assert.equal(s.apps[0].teamApp?.locked, true);
      assert.ok((space?.peerings?.length ?? 0) > 0);
    });
  });

  describe('main.ts', () => {
    function run(args: string[]): Promise<{ url: string; token: string; stop: () => Promise<number | null> }> {
      const child = spawn(process.execPath, [path.join(__dirname, '..', '..', 'fake-heroku', 'main.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      return new Promise((resolve, reject) => {
        let out = '';
        let err = '';
        child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const url = /HEROKU_API_URL=(\S+)/.exec(out)?.[1];
          const token = /HEROKU_API_KEY=(\S+)/.exec(out)?.[1];
          if (url && token) {
            child.removeAllListeners('exit');
            resolve({
              url,
              token,
              stop: () =>
                new Promise((done) => {
                  child.once('exit', (code) => done(code));
                  child.kill('SIGTERM');
                }),
            });
          }
        });
      });
    }

    it('serves a built-in scenario and prints its URL and token', async () => {
      const server = await run(['--scenario', 'fir', '--token', 'demo-token']);
      try {
        assert.equal(server.token, 'demo-token');
        const res = await fetch(`${server.url}/apps/initech-portal`, { headers: { Authorization: 'Bearer demo-token' } });
        assert.equal(res.status, 200);
      } finally {
        assert.equal(await server.stop(), 0);
      }
    });

    it('serves a scenario from a JSON file, with a random token by default', async () => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hc-scenario-')), 'custom.json');
      const custom = { ...scenario('common'), name: 'custom', app: 'custom-app' };
      custom.apps = [{ ...custom.apps[0], app: { ...custom.apps[0].app, name: 'custom-app' } }];
      fs.writeFileSync(file, JSON.stringify(custom));
      const server = await run([`--scenario=${file}`]);
      try {
        assert.match(server.token, /^fake-[0-9a-f]{24}$/);
        const res = await fetch(`${server.url}/apps/custom-app`, { headers: { Authorization: `Bearer ${server.token}` } });
        assert.equal(res.status, 200);
      } finally {
        await server.stop();
        fs.rmSync(path.dirname(file), { recursive: true, force: true });
      }
    });

    it('exits 2 on an unknown option', async () => {
      await assert.rejects(run(['--nope']), /exited 2/);
    });
  });
});
