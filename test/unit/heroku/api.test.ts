/** HerokuApi against the fake Platform API: error kinds, faults, deadlines, abort, pagination, 304, token hygiene. */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import Request from 'heroku-client/lib/request';
import { DEFAULT_DEADLINE_MS, HerokuApi, checkApiUrl, parseRetryAfter } from '../../../src/heroku/api';
import type { EndpointResult } from '../../../src/heroku/snapshot';
import type { FakeApp } from '../../fake-heroku/scenario';
import { scenario } from '../../fake-heroku/scenarios';
import { type FakeHeroku, type Fault, startFakeHeroku } from '../../fake-heroku/server';
import { REPO_ROOT } from '../../helpers/paths';

const TOKEN = 'test-token-api-4f1c';

function errorOf(result: EndpointResult<unknown>) {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
  return result.error;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('HerokuApi', () => {
  let fake: FakeHeroku;
  let api: HerokuApi;
  const lines: string[] = [];

  before(async () => {
    fake = await startFakeHeroku({ scenario: 'shield', token: TOKEN });
    api = new HerokuApi({ apiUrl: fake.url, token: TOKEN, userAgent: 'heroku-compliance/test', log: (line) => lines.push(line) });
  });
  after(() => fake.stop());

  function withFaults(faults: Fault[]): void {
    fake.setFaults(faults);
    fake.requests.length = 0;
  }

  describe('requests', () => {
    it('sends Bearer auth, the Accept variant and the user agent, and no conditional header', async () => {
      withFaults([]);
      for (const accept of ['3', '3.sdk', '3.dogwood'] as const) {
        const result = await api.get('/apps/globex-claims', { accept, expect: 'object' });
        assert.equal(result.ok, true);
      }
      assert.deepEqual(
        fake.requests.map((r) => r.accept),
        ['application/vnd.heroku+json; version=3', 'application/vnd.heroku+json; version=3.sdk', 'application/vnd.heroku+json; version=3.dogwood'],
      );
      for (const request of fake.requests) {
        assert.equal(request.authorization, `Bearer ${TOKEN}`);
        assert.equal(request.ifNoneMatch, undefined, 'the fake sends an ETag; the client must not send it back');
      }
    });

    it('sends the user agent it was given', async () => {
      let userAgent: string | undefined;
      const server = http.createServer((req, res) => {
        userAgent = req.headers['user-agent'];
        res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const result = await new HerokuApi({ apiUrl: `http://127.0.0.1:${port}`, token: TOKEN, userAgent: 'heroku-compliance/9.9.9' }).get('/account');
      await new Promise((resolve) => server.close(resolve));
      assert.equal(result.ok, true);
      assert.equal(userAgent, 'heroku-compliance/9.9.9');
    });

    it('returns the parsed body, and checks the container type', async () => {
      withFaults([]);
      const app = await api.get<{ name: string }>('/apps/globex-claims', { expect: 'object' });
      assert.ok(app.ok);
      assert.equal(app.data.name, 'globex-claims');
      const list = await api.get<unknown[]>('/apps/globex-claims/domains', { expect: 'array' });
      assert.ok(list.ok && Array.isArray(list.data));
      assert.equal(errorOf(await api.get('/apps/globex-claims', { expect: 'array' })).kind, 'malformed');
      assert.equal(errorOf(await api.get('/apps/globex-claims/domains', { expect: 'object' })).kind, 'malformed');
    });

    it('logs one line per call: method, path, status, time; never a body', async () => {
      withFaults([{ path: '/apps/*/addons', fault: '500' }]);
      lines.length = 0;
      await api.get('/apps/globex-claims', { expect: 'object' });
      await api.get('/apps/globex-claims/addons', { expect: 'array' });
      await api.get('/apps/nope', { expect: 'object' });
      assert.equal(lines.length, 3);
      assert.match(lines[0], /^GET \/apps\/globex-claims → 200 in \d+ ms$/);
      assert.match(lines[1], /^GET \/apps\/globex-claims\/addons → 500 server in \d+ ms$/);
      assert.match(lines[2], /^GET \/apps\/nope → 404 not-found in \d+ ms$/);
    });
  });

  describe('error kinds', () => {
    const cases: { fault: Fault['fault']; kind: string; status?: number; id?: string }[] = [
      { fault: '401', kind: 'unauthorized', status: 401, id: 'unauthorized' },
      { fault: '403', kind: 'forbidden', status: 403, id: 'forbidden' },
      { fault: 'two-factor', kind: 'two-factor', status: 403, id: 'two_factor' },
      { fault: '404', kind: 'not-found', status: 404, id: 'not_found' },
      { fault: '429', kind: 'rate-limited', status: 429, id: 'rate_limit' },
      { fault: '500', kind: 'server', status: 500, id: 'internal_server_error' },
      { fault: 'malformed', kind: 'malformed', status: 200 },
      { fault: '304', kind: 'malformed', status: 304 },
      { fault: 'reset', kind: 'network' },
    ];
    for (const c of cases) {
      it(`maps the ${c.fault} fault to ${c.kind}, with one request and no retry`, async () => {
        withFaults([{ path: '/apps/globex-claims', fault: c.fault }]);
        const error = errorOf(await api.get('/apps/globex-claims', { expect: 'object' }));
        assert.equal(error.kind, c.kind);
        assert.equal(error.status, c.status);
        assert.equal(error.id, c.id);
        assert.ok(error.message.length > 0);
        assert.equal(fake.requests.length, 1);
      });
    }

    it('reports Retry-After seconds on a 429', async () => {
      withFaults([{ path: '/account', fault: '429', retryAfterSeconds: 17 }]);
      const error = errorOf(await api.get('/account', { expect: 'object' }));
      assert.equal(error.retryAfterSeconds, 17);
      assert.match(error.message, /rate limit/);
    });

    it('uses the API message of an error body', async () => {
      withFaults([]);
      const error = errorOf(await api.get('/apps/no-such-app', { expect: 'object' }));
      assert.deepEqual(error, { kind: 'not-found', status: 404, id: 'not_found', message: "Couldn't find that app." });
    });

    it('maps a wrong token to unauthorized', async () => {
      withFaults([]);
      const wrong = new HerokuApi({ apiUrl: fake.url, token: 'not-the-token' });
      assert.equal(errorOf(await wrong.get('/account')).kind, 'unauthorized');
    });

    it('maps other 4xx answers to server, keeping status and id', async () => {
      withFaults([]);
      // The fake refuses a range field the endpoint does not declare, as the API does (416).
      const error = errorOf(await api.get('/teams/globex-health/members', { range: 'id ..; max=1000' }));
      assert.equal(error.kind, 'server');
      assert.equal(error.status, 416);
      assert.equal(error.id, 'requested_range_not_satisfiable');
    });

    it('reports a refused connection as network at once, not after heroku-client\'s 15 s of retries', async (t) => {
      const dead = await startFakeHeroku({ scenario: 'common', token: TOKEN });
      const url = dead.url;
      await dead.stop();
      const started = Date.now();
      const error = errorOf(await new HerokuApi({ apiUrl: url, token: TOKEN }).get('/account'));
      const ms = Date.now() - started;
      t.diagnostic(`refused connection reported in ${ms} ms`);
      assert.equal(error.kind, 'network');
      assert.match(error.message, /connection refused/);
      assert.ok(ms < 1000, `took ${ms} ms`);
    });

    it('reports a reset connection as network at once', async () => {
      withFaults([{ path: '/account', fault: 'reset' }]);
      const started = Date.now();
      const error = errorOf(await api.get('/account'));
      assert.equal(error.kind, 'network');
      assert.ok(Date.now() - started < 1000);
      await sleep(1200); // heroku-client's first retry would come after ~1 s
      assert.equal(fake.requests.length, 1);
    });
  });

  describe('deadline and abort', () => {
    it('times out at its own deadline, destroys the call and sends no stray retry', async (t) => {
      withFaults([{ path: '/account', fault: 'slow', delayMs: 5000 }]);
      const started = Date.now();
      const error = errorOf(await api.get('/account', { deadlineMs: 250 }));
      const ms = Date.now() - started;
      t.diagnostic(`timeout reported after ${ms} ms`);
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /250 ms/);
      assert.ok(ms >= 240 && ms < 1000, `took ${ms} ms`);
      await sleep(1500); // heroku-client's `timeout` option would re-send after ~1 s
      assert.equal(fake.requests.length, 1);
    });

    it('defaults to a 10 s deadline', async () => {
      assert.equal(DEFAULT_DEADLINE_MS, 10_000);
      withFaults([{ path: '/account', fault: 'slow', delayMs: 60_000 }]);
      const controller = new AbortController();
      const pending = api.get('/account', { signal: controller.signal });
      const timer = setTimeout(() => controller.abort(), 300);
      const error = errorOf(await pending);
      clearTimeout(timer);
      assert.equal(error.kind, 'aborted'); // still waiting at 300 ms: the deadline is longer than that
    });

    it('aborts on the signal', async () => {
      withFaults([{ path: '/account', fault: 'slow', delayMs: 5000 }]);
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const started = Date.now();
      const error = errorOf(await api.get('/account', { signal: controller.signal }));
      assert.equal(error.kind, 'aborted');
      assert.ok(Date.now() - started < 1000);
    });

    it('sends nothing when the signal is already aborted', async () => {
      withFaults([]);
      const controller = new AbortController();
      controller.abort();
      assert.equal(errorOf(await api.get('/account', { signal: controller.signal })).kind, 'aborted');
      assert.equal(fake.requests.length, 0);
    });

    it('a slow body counts against the deadline as well', async () => {
      const server = http.createServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('[{"id":"1"},');
        // never ends
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const error = errorOf(await new HerokuApi({ apiUrl: `http://127.0.0.1:${port}`, token: TOKEN }).get('/apps', { deadlineMs: 200 }));
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      assert.equal(error.kind, 'timeout');
    });
  });

  describe('304 Not Modified', () => {
    it('does not crash the process', async () => {
      withFaults([{ path: '/account', fault: '304' }]);
      const crashes: unknown[] = [];
      const onCrash = (error: unknown): void => {
        crashes.push(error);
      };
      process.on('uncaughtException', onCrash);
      try {
        const error = errorOf(await api.get('/account'));
        assert.equal(error.kind, 'malformed');
        assert.equal(error.status, 304);
        await sleep(100);
      } finally {
        process.off('uncaughtException', onCrash);
      }
      assert.deepEqual(crashes, []);
    });

    it('in a child process: plain heroku-client crashes on a 304, HerokuApi does not', () => {
      const out = path.join(__dirname, '..', '..', '..');
      const script = (body: string): string => `
        const { startFakeHeroku } = require(${JSON.stringify(path.join(out, 'test', 'fake-heroku', 'server.js'))});
        const { HerokuApi } = require(${JSON.stringify(path.join(out, 'src', 'heroku', 'api.js'))});
        const Heroku = require('heroku-client');
        (async () => {
          const fake = await startFakeHeroku({ scenario: 'common', token: 't', faults: [{ path: '/account', fault: '304' }] });
          setTimeout(() => { console.log('still running'); fake.stop(); }, 500);
          ${body}
        })();`;
      const run = (body: string) => spawnSync(process.execPath, ['-e', script(body)], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 20_000 });

      const raw = run(`new Heroku({ token: 't', host: fake.url }).get('/account').then((b) => console.log('resolved', b), (e) => console.log('rejected', e.message));`);
      assert.notEqual(raw.status, 0, 'the heroku-client defect is gone: the 304 workaround may be dropped');
      assert.match(raw.stderr, /TypeError: Cannot read properties of undefined \(reading 'body'\)/);

      const ours = run(`new HerokuApi({ apiUrl: fake.url, token: 't' }).get('/account').then((r) => console.log(JSON.stringify(r)));`);
      assert.equal(ours.status, 0, ours.stderr);
      assert.match(ours.stdout, /"kind":"malformed".*"status":304/);
      assert.match(ours.stdout, /still running/);
    });
  });

  describe('pagination', () => {
    it('follows 206 + Next-Range and concatenates the pages', async () => {
      const base = scenario('common');
      const extra: FakeApp[] = ['alpha', 'bravo', 'charlie', 'delta'].map((name) => ({ app: { ...base.apps[0].app, id: `id-${name}`, name: `northwind-${name}` } }));
      const paged = await startFakeHeroku({ scenario: { ...base, apps: [...base.apps, ...extra] }, token: TOKEN, pageSize: 2 });
      try {
        const result = await new HerokuApi({ apiUrl: paged.url, token: TOKEN }).get<{ name: string }[]>('/apps', { expect: 'array' });
        assert.ok(result.ok);
        assert.equal(result.data.length, 6);
        assert.equal(new Set(result.data.map((a) => a.name)).size, 6);
        assert.equal(paged.requests.length, 3);
        assert.equal(paged.requests[0].range, 'id ..; max=1000');
        assert.match(paged.requests[1].range ?? '', /^id \][^.]+\.\.; max=2$/);
      } finally {
        await paged.stop();
      }
    });

    it('starts from a given range field (team members page by email)', async () => {
      const base = scenario('private');
      const paged = await startFakeHeroku({ scenario: base, token: TOKEN, pageSize: 2 });
      try {
        const result = await new HerokuApi({ apiUrl: paged.url, token: TOKEN }).get<unknown[]>('/teams/acme/members', { expect: 'array', range: 'email ..; max=1000' });
        assert.ok(result.ok);
        assert.equal(result.data.length, base.teams?.[0].members?.length);
        assert.match(paged.requests[1].range ?? '', /^email \]/);
      } finally {
        await paged.stop();
      }
    });
  });

  describe('listApps', () => {
    it('lists name, team, space and region, sorted by name', async () => {
      withFaults([]);
      const result = await api.listApps();
      assert.ok(result.ok);
      assert.deepEqual(
        result.data.map(({ name, team, space, region }) => ({ name, team, space, region })),
        [
          { name: 'globex-claims', team: 'globex-health', space: 'globex-shield-virginia', region: 'virginia' },
          { name: 'globex-claims-staging', team: 'globex-health', space: 'globex-shield-virginia', region: 'virginia' },
        ],
      );
    });

    it('leaves team and space out for a personal Common Runtime app', async () => {
      const common = await startFakeHeroku({ scenario: 'common', token: TOKEN });
      try {
        const result = await new HerokuApi({ apiUrl: common.url, token: TOKEN }).listApps();
        assert.ok(result.ok);
        assert.deepEqual(
          result.data.map(({ name, team, space, region }) => ({ name, team, space, region })),
          [
            { name: 'northwind-blog', team: undefined, space: undefined, region: 'us' },
            { name: 'northwind-blog-staging', team: undefined, space: undefined, region: 'us' },
          ],
        );
      } finally {
        await common.stop();
      }
    });

    it('passes errors through', async () => {
      withFaults([{ path: '/apps', fault: '401' }]);
      assert.equal(errorOf(await api.listApps()).kind, 'unauthorized');
    });
  });

  describe('the token', () => {
    it('appears in no log line, error or result, whatever fails', async () => {
      const token = `HRKU-${randomBytes(24).toString('hex')}`;
      const seen: string[] = [];
      const local = await startFakeHeroku({ scenario: 'shield', token });
      const client = new HerokuApi({ apiUrl: local.url, token, log: (line) => seen.push(line) });
      try {
        for (const fault of ['401', '403', 'two-factor', '404', '429', '500', 'malformed', 'reset', '304'] as const) {
          local.setFaults([{ path: '/apps/globex-claims', fault }]);
          seen.push(JSON.stringify(await client.get('/apps/globex-claims', { expect: 'object' })));
        }
        local.setFaults([{ path: '/account', fault: 'slow', delayMs: 2000 }]);
        seen.push(JSON.stringify(await client.get('/account', { deadlineMs: 100 })));
        local.setFaults([]);
        seen.push(JSON.stringify(await client.get('/apps/unknown')));
        seen.push(JSON.stringify(await client.listApps()));
        seen.push(JSON.stringify(await new HerokuApi({ apiUrl: local.url, token: `${token}x`, log: (line) => seen.push(line) }).get('/account')));
      } finally {
        await local.stop();
      }
      seen.push(JSON.stringify(await client.get('/account'))); // refused
      assert.ok(seen.length > 20);
      for (const text of seen) assert.ok(!text.includes(token), text);
      assert.ok(local.requests.every((r) => r.authorization?.startsWith('Bearer ')));
    });

    it('with characters a header cannot carry, it is reported, not thrown', async () => {
      const bad = new HerokuApi({ apiUrl: fake.url, token: 'HRKU-abc\ndef' });
      const error = errorOf(await bad.get('/account'));
      assert.equal(error.kind, 'unauthorized');
      assert.ok(!error.message.includes('HRKU-abc'));
    });

    it('is scrubbed from an error message that echoes it', async () => {
      const token = `HRKU-${randomBytes(16).toString('hex')}`;
      const server = http.createServer((req, res) => {
        res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ id: 'proxy_error', message: `bad header: ${req.headers.authorization}` }));
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const error = errorOf(await new HerokuApi({ apiUrl: `http://127.0.0.1:${port}`, token }).get('/account'));
      await new Promise((resolve) => server.close(resolve));
      assert.equal(error.message, 'bad header: Bearer [token]');
    });
  });

  describe('the API URL', () => {
    it('defaults to https://api.heroku.com and drops a trailing slash', () => {
      assert.equal(new HerokuApi({ token: TOKEN }).apiUrl, 'https://api.heroku.com');
      assert.equal(checkApiUrl('https://api.heroku.com/'), 'https://api.heroku.com');
      assert.equal(checkApiUrl(' http://127.0.0.1:5000 '), 'http://127.0.0.1:5000');
    });

    it('refuses a URL without a scheme instead of letting heroku-client speak TLS to it', () => {
      assert.throws(() => new HerokuApi({ apiUrl: '127.0.0.1:5000', token: TOKEN }), /must start with https:\/\//);
      assert.throws(() => checkApiUrl('localhost:5000'), /must start with https:\/\//);
      assert.throws(() => checkApiUrl('api.heroku.com'), /is not a URL|must start with/);
      assert.throws(() => checkApiUrl('ftp://api.heroku.com'), /must start with https:\/\//);
    });

    it('refuses credentials and paths, which heroku-client would ignore', () => {
      assert.throws(() => checkApiUrl('https://user:secret@api.heroku.com'), /user name or password/);
      assert.throws(() => checkApiUrl(`:${TOKEN}@api.heroku.com`), (error: Error) => !error.message.includes(TOKEN) && /must start with/.test(error.message));
      assert.throws(() => checkApiUrl('https://proxy.example.com/heroku'), /host only/);
    });
  });

  describe('heroku-client internals the workarounds rely on', () => {
    it('lib/request still has isRetryAllowed, an agent with addRequest, and request()', () => {
      const request = new Request({ host: 'http://127.0.0.1:1', path: '/', method: 'GET', headers: {} });
      assert.equal(typeof request.isRetryAllowed, 'function');
      assert.equal(typeof (request.agent as unknown as { addRequest?: unknown }).addRequest, 'function');
      assert.equal(typeof request.request, 'function');
      // Workaround 7 hands each Request the CA files read once: the constructor must still keep them in `certs`.
      assert.ok(Array.isArray(request.certs));
    });
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    assert.equal(parseRetryAfter('120'), 120);
    assert.equal(parseRetryAfter(['7']), 7);
    assert.equal(parseRetryAfter(new Date(Date.UTC(2030, 0, 1, 0, 1, 0)).toUTCString(), Date.UTC(2030, 0, 1)), 60);
    assert.equal(parseRetryAfter(undefined), undefined);
    assert.equal(parseRetryAfter('soon'), undefined);
  });
});
