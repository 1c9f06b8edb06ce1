/**
 * A fake Heroku Platform API on 127.0.0.1: the read endpoints the product calls, served from a scenario, with the
 * API's auth check, JSON error bodies, Range pagination (206 + Next-Range) and injectable faults: fixed ones per path
 * pattern (`faults`), and random ones drawn from a seed (`chaos`).
 */
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { type FakeApp, type Scenario, fakeId } from './scenario';
import { type ScenarioName, scenario as builtIn } from './scenarios';

export type FaultKind =
  | '401' // the token expired
  | '403' // forbidden
  | 'two-factor' // 403 two_factor
  | '404'
  | '429' // rate limited, with Retry-After
  | '500'
  | 'slow' // answers normally after delayMs
  | 'malformed' // 200 with a truncated JSON body (a complete HTTP message: Content-Length fits the cut body)
  | 'reset' // destroys the connection without an answer
  | '304' // Not Modified, unasked
  | 'partial' // 200 announcing the whole body's Content-Length, then the connection is destroyed part way through it
  | 'stall' // 200 and part of the body, then nothing: the connection stays open until the client gives up
  | 'html' // 200 with an HTML page (a proxy's sign-in page), Content-Type text/html
  | 'text' // 200 with a plain text body, Content-Type text/plain
  | 'empty' // 200 with an empty body
  | 'wrong-json' // 200 with JSON of the wrong shape: an object for a list, a list for an object, or null
  | 'garbage' // 200 with the right container whose content is randomly corrupted (wrong types, missing fields)
  | '503-html'; // 503 with a load balancer's HTML page

/** The kinds that chaos draws from by default: every fault but `slow` (chaos has its own delays). */
export const CHAOS_KINDS: readonly FaultKind[] = [
  '401', '403', 'two-factor', '404', '429', '500', '503-html', 'malformed', 'reset', '304',
  'partial', 'stall', 'html', 'text', 'empty', 'wrong-json', 'garbage',
];

export interface Fault {
  /** Exact path, or a pattern where `*` is one segment and `**` the rest; or a RegExp on the path. */
  readonly path: string | RegExp;
  readonly fault: FaultKind;
  /** Milliseconds before answering (any kind); for `slow` the default is 15 000, for the others 0. */
  readonly delayMs?: number;
  /** `malformed`, `partial`, `stall`: where the body is cut, as a fraction of its length; default 0.5. */
  readonly cutAt?: number;
  /** `garbage`: the seed of the corruption; default 1. */
  readonly seed?: number;
  /** `429`: the Retry-After header in seconds; default 30. */
  readonly retryAfterSeconds?: number;
  /** How many matching requests it affects; default all. */
  readonly times?: number;
}

/**
 * Random faults: each request draws a delay and, with probability `rate`, one of `kinds`. The draws of a request
 * depend only on the seed, its path and how many requests for that path came before it, so a seed replays the same
 * faults whatever order concurrent requests arrive in. Fixed `faults` take precedence over chaos.
 */
export interface Chaos {
  readonly seed: number;
  /** Probability that a request gets a fault; default 0.3. */
  readonly rate?: number;
  /** Default CHAOS_KINDS. */
  readonly kinds?: readonly FaultKind[];
  /** Each request waits a random 0..maxDelayMs before its answer; default 0. */
  readonly maxDelayMs?: number;
  /** Only requests whose path matches (a pattern as in Fault.path); default all. */
  readonly path?: string | RegExp;
}

/** What chaos drew for one request (for a failing test's message). */
export interface ChaosDraw {
  readonly path: string;
  readonly delayMs: number;
  readonly fault?: FaultKind;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly accept?: string;
  readonly range?: string;
  readonly authorization?: string;
  readonly ifNoneMatch?: string;
}

export interface FakeHerokuOptions {
  readonly scenario: ScenarioName | Scenario;
  readonly token: string;
  readonly faults?: readonly Fault[];
  readonly chaos?: Chaos;
  /** Items per page of a list (the API's default and cap is 1000). */
  readonly pageSize?: number;
  readonly port?: number;
}

export interface FakeHeroku {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Every request received, oldest first (tests may clear it with `requests.length = 0`). */
  readonly requests: RecordedRequest[];
  scenario(): Scenario;
  setScenario(scenario: ScenarioName | Scenario): void;
  setFaults(faults: readonly Fault[]): void;
  /** Random faults from now on (the per-path counts restart); undefined turns them off. */
  setChaos(chaos: Chaos | undefined): void;
  /** What chaos drew, oldest first. */
  readonly chaosDraws: ChaosDraw[];
  stop(): Promise<void>;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
  /** For lists: the fields a Range header may name. */
  readonly rangeFields?: readonly string[];
}

interface ActiveFault {
  readonly fault: Fault;
  readonly matches: (path: string) => boolean;
  remaining: number;
}

export async function startFakeHeroku(options: FakeHerokuOptions): Promise<FakeHeroku> {
  let current = resolveScenario(options.scenario);
  let faults = activate(options.faults ?? []);
  let chaos = options.chaos;
  let chaosMatches = chaosFilter(chaos);
  const asked = new Map<string, number>();
  const chaosDraws: ChaosDraw[] = [];
  const pageSize = options.pageSize ?? 1000;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    requests.push(clean({
      method: req.method ?? 'GET',
      path,
      accept: req.headers.accept,
      range: req.headers.range,
      authorization: req.headers.authorization,
      ifNoneMatch: req.headers['if-none-match'],
    }));
    const fault = takeFault(faults, path)?.fault ?? drawChaos(path);
    const answerNow = (): void => respond(req, res, path, fault);
    const delayMs = fault?.delayMs ?? (fault?.fault === 'slow' ? 15_000 : 0);
    if (delayMs > 0) {
      later(delayMs, () => {
        if (!res.destroyed) answerNow();
      });
      return;
    }
    answerNow();
  });

  function later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  }

  /** The chaos fault of this request, as a Fault (a delay alone is a `slow` one), or undefined. */
  function drawChaos(path: string): Fault | undefined {
    if (!chaos || !chaosMatches(path)) return undefined;
    const nth = asked.get(path) ?? 0;
    asked.set(path, nth + 1);
    const random = seededRandom(`${chaos.seed}:${path}:${nth}`);
    const delayMs = Math.floor(random() * (chaos.maxDelayMs ?? 0));
    const kinds = chaos.kinds ?? CHAOS_KINDS;
    const faulty = kinds.length > 0 && random() < (chaos.rate ?? 0.3);
    const kind = faulty ? kinds[Math.floor(random() * kinds.length)] : undefined;
    const cutAt = random();
    const seed = Math.floor(random() * 2 ** 31);
    chaosDraws.push({ path, delayMs, ...(kind ? { fault: kind } : {}) });
    if (!kind) return delayMs > 0 ? { path, fault: 'slow', delayMs } : undefined;
    return { path, fault: kind, delayMs, cutAt, seed, retryAfterSeconds: 1 + (seed % 120) };
  }

  function respond(req: http.IncomingMessage, res: http.ServerResponse, path: string, fault: Fault | undefined): void {
    switch (fault?.fault) {
      case 'reset':
        req.socket.destroy();
        return;
      case '304':
        res.writeHead(304, { ETag: '"fake"' }).end();
        return;
      case '401':
        return send(res, { status: 401, body: apiError('unauthorized', 'Invalid credentials provided.') });
      case '403':
        return send(res, { status: 403, body: apiError('forbidden', 'You do not have access to this resource.') });
      case 'two-factor':
        return send(res, { status: 403, body: apiError('two_factor', 'A second authentication factor or pre-authorization is required for this request. Your account has either two-factor or a Heroku-managed SSO enabled.') });
      case '404':
        return send(res, { status: 404, body: apiError('not_found', 'Not found.') });
      case '429':
        return send(res, {
          status: 429,
          body: apiError('rate_limit', 'Your account reached the API rate limit. Please wait a few minutes before making new requests.'),
          headers: { 'Retry-After': String(fault.retryAfterSeconds ?? 30), 'RateLimit-Remaining': '0' },
        });
      case '500':
        return send(res, { status: 500, body: apiError('internal_server_error', 'Internal server error.') });
      case '503-html':
        return sendRaw(res, 503, 'text/html; charset=utf-8', HTML_503);
      case 'html':
        return sendRaw(res, 200, 'text/html; charset=utf-8', HTML_SIGN_IN);
      case 'text':
        return sendRaw(res, 200, 'text/plain; charset=utf-8', 'OK');
      case 'empty':
        return sendRaw(res, 200, 'application/json; charset=utf-8', '');
      default:
        break;
    }
    if (req.method !== 'GET') return send(res, { status: 405, body: apiError('method_not_allowed', 'The fake Platform API serves GET only.') });
    if (tokenOf(req.headers.authorization) !== options.token) {
      return send(res, { status: 401, body: apiError('unauthorized', 'Invalid credentials provided.') });
    }
    const forbidden = (current.forbidden ?? []).some((pattern) => compilePattern(pattern)(path));
    let answer = forbidden
      ? { status: 403, body: apiError('forbidden', 'You do not have access to this resource.') }
      : route(current, path.split('/').slice(1).map(decodeURIComponent), /version=3\.sdk\b/.test(req.headers.accept ?? ''));
    if (answer.rangeFields && Array.isArray(answer.body)) {
      answer = paginate(answer.body, answer.rangeFields, req.headers.range, pageSize);
    }
    const text = JSON.stringify(answer.body);
    const etag = `"${createHash('sha1').update(text).digest('hex')}"`;
    if (answer.status === 200 && req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag }).end();
      return;
    }
    if (answer.status < 300 && fault) {
      const bytes = Buffer.from(text, 'utf8');
      // At least one byte, and never the whole body.
      const cut = Math.min(bytes.length - 1, Math.max(1, Math.floor(bytes.length * (fault.cutAt ?? 0.5))));
      switch (fault.fault) {
        case 'malformed':
          return sendRaw(res, 200, 'application/json; charset=utf-8', bytes.subarray(0, cut));
        case 'partial':
        case 'stall':
          res.writeHead(answer.status, { ...answer.headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': bytes.length });
          res.write(bytes.subarray(0, cut), () => {
            if (fault.fault === 'partial') later(10, () => req.socket.destroy());
          });
          return;
        case 'wrong-json': {
          const wrong = fault.cutAt !== undefined && fault.cutAt < 0.2 ? null : Array.isArray(answer.body) ? { id: 'not-a-list' } : [];
          return send(res, { status: 200, body: wrong });
        }
        case 'garbage':
          return send(res, { ...answer, body: corrupt(answer.body, seededRandom(`garbage:${fault.seed ?? 1}`)) });
        default:
          break;
      }
    }
    send(res, { ...answer, headers: { ...answer.headers, ...(answer.status < 300 ? { ETag: etag } : {}) } });
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token: options.token,
    requests,
    scenario: () => current,
    setScenario: (next) => {
      current = resolveScenario(next);
    },
    setFaults: (next) => {
      faults = activate(next);
    },
    setChaos: (next) => {
      chaos = next;
      chaosMatches = chaosFilter(next);
      asked.clear();
    },
    chaosDraws,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function chaosFilter(chaos: Chaos | undefined): (path: string) => boolean {
  const pattern = chaos?.path;
  if (pattern === undefined) return () => true;
  return typeof pattern === 'string' ? compilePattern(pattern) : (path) => pattern.test(path);
}

/** A PRNG (sfc32) seeded from a string's SHA-256: the same string gives the same sequence in [0, 1). */
export function seededRandom(seed: string): () => number {
  const digest = createHash('sha256').update(seed).digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 2 ** 32;
  };
}

const ODD_VALUES: readonly unknown[] = [null, 0, -1, 1e308, '', 'x', '\u0000', '💥', true, false, [], {}, [null], { name: null }, { id: 7 }, '2024-13-45T99:99:99Z'];

/**
 * A copy of a JSON value with random damage that keeps the top-level container (a list stays a list): fields get
 * values of the wrong type, go missing or appear, list items are replaced. What a broken proxy or API bug might send.
 */
export function corrupt(value: unknown, random: () => number, depth = 0): unknown {
  const odd = (): unknown => structuredClone(ODD_VALUES[Math.floor(random() * ODD_VALUES.length)]);
  if (depth > 0 && random() < 0.25) return odd();
  if (Array.isArray(value)) {
    const out = (value as unknown[]).map((item) => (random() < 0.5 ? corrupt(item, random, depth + 1) : item));
    if (random() < 0.4) out.splice(Math.floor(random() * (out.length + 1)), 0, odd());
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const roll = random();
      if (roll < 0.1) continue; // missing
      out[key] = roll < 0.5 ? corrupt(item, random, depth + 1) : item;
    }
    if (random() < 0.3) out[`unexpected_${depth}`] = odd();
    return out;
  }
  return depth === 0 ? value : odd();
}

function resolveScenario(value: ScenarioName | Scenario): Scenario {
  return typeof value === 'string' ? builtIn(value) : value;
}

function activate(faults: readonly Fault[]): ActiveFault[] {
  return faults.map((fault) => ({
    fault,
    matches: typeof fault.path === 'string' ? compilePattern(fault.path) : (path: string) => (fault.path as RegExp).test(path),
    remaining: fault.times ?? Number.POSITIVE_INFINITY,
  }));
}

function takeFault(faults: ActiveFault[], path: string): ActiveFault | undefined {
  const active = faults.find((f) => f.remaining > 0 && f.matches(path));
  if (active) active.remaining--;
  return active;
}

/** `/apps/*\/config-vars`, `/teams/acme/**`. */
export function compilePattern(pattern: string): (path: string) => boolean {
  const source = pattern
    .split(/(\*\*|\*)/)
    .map((part) => (part === '**' ? '.*' : part === '*' ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${source}$`);
  return (path) => regex.test(path);
}

function tokenOf(header: string | undefined): string | undefined {
  const match = /^(\w+)\s+(.+)$/.exec(header?.trim() ?? '');
  if (!match) return undefined;
  if (/^bearer$/i.test(match[1])) return match[2];
  if (/^basic$/i.test(match[1])) {
    const decoded = Buffer.from(match[2], 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1);
  }
  return undefined;
}

function apiError(id: string, message: string, resource?: string): Record<string, string> {
  return resource ? { id, message, resource } : { id, message };
}

function notFound(resource: string): Answer {
  return { status: 404, body: apiError('not_found', `Couldn't find that ${resource}.`, resource) };
}

function ok(body: unknown): Answer {
  return body === undefined ? notFound('resource') : { status: 200, body };
}

function list(body: readonly unknown[] | undefined, resource: string, rangeFields: readonly string[] = ['id']): Answer {
  return body === undefined ? notFound(resource) : { status: 200, body, rangeFields };
}

const byNameOrId = (key: string) => (item: { name?: unknown; id?: unknown } | undefined) => item?.name === key || item?.id === key;

/** The Platform API's routes over a scenario. `sdk`: the request asked for version 3.sdk. */
function route(s: Scenario, seg: readonly string[], sdk: boolean): Answer {
  const [head, a, b, c] = seg;
  const n = seg.length;
  if (head === 'account') {
    if (n === 1) return ok(s.account);
    if (n === 2 && a === 'keys') return list(s.accountKeys, 'key');
    if (n === 2 && a === 'rate-limits') return ok({ remaining: 4500 });
  }
  if (head === 'oauth' && a === 'authorizations' && n === 2) return list(s.oauthAuthorizations, 'authorization');
  if (head === 'stacks' && n === 1) return list(s.stacks, 'stack');
  if (head === 'apps') {
    if (n === 1) return list(s.apps.map((entry) => withGeneration(entry.app, sdk)), 'app', ['id', 'name', 'updated_at']);
    const entry = s.apps.find((e) => byNameOrId(a)(e.app));
    if (!entry) return notFound('app');
    if (n === 2) return ok(withGeneration(entry.app, sdk));
    if (n === 3) return appPart(entry, b);
  }
  if (head === 'teams' && a === 'apps' && n >= 3) {
    const entry = s.apps.find((e) => byNameOrId(b)(e.app));
    if (!entry?.teamApp) return notFound('app');
    if (n === 3) return ok(entry.teamApp);
    if (n === 4 && c === 'collaborators') return list(entry.collaborators, 'collaborator');
  }
  if (head === 'teams' && n >= 2) {
    const team = s.teams?.find((t) => byNameOrId(a)(t.team));
    if (!team) return notFound('team');
    if (n === 2) return ok(team.team);
    if (n === 3 && b === 'members') return list(team.members, 'member', ['email']);
    if (n === 3 && b === 'preferences') return ok(team.preferences);
    if (n === 3 && b === 'allowed-addon-services') return list(team.allowedAddonServices, 'allowed_addon_service');
    if (n === 3 && b === 'addons') return list(team.addons, 'add-on');
  }
  if (head === 'spaces' && n >= 2) {
    const space = s.spaces?.find((e) => byNameOrId(a)(e.space));
    if (!space) return notFound('space');
    if (n === 2) return ok(withGeneration(space.space, sdk));
    if (n === 3) {
      switch (b) {
        case 'members':
          return list(space.members, 'space_app_access');
        case 'inbound-ruleset':
          return space.inboundRuleset ? ok(space.inboundRuleset) : notFound('inbound_ruleset');
        case 'nat':
          return space.nat ? ok(space.nat) : notFound('space_nat');
        case 'peerings':
          return list(space.peerings, 'peering');
        case 'vpn-connections':
          return list(space.vpnConnections, 'vpn_connection');
        case 'log-drain':
          return space.logDrain ? ok(space.logDrain) : notFound('log_drain');
        case 'telemetry-drains':
          return list(space.telemetryDrains, 'telemetry_drain');
      }
    }
  }
  if (head === 'pipelines' && n >= 2) {
    const pipeline = s.pipelines?.find((p) => byNameOrId(a)(p.pipeline));
    if (!pipeline) return notFound('pipeline');
    if (n === 2) return ok(pipeline.pipeline);
    if (n === 3 && b === 'review-app-config') return pipeline.reviewAppConfig ? ok(pipeline.reviewAppConfig) : notFound('review_app_config');
  }
  if (head === 'enterprise-accounts' && n >= 2) {
    const enterprise = s.enterpriseAccounts?.find((e) => byNameOrId(a)(e.account));
    if (!enterprise) return notFound('enterprise_account');
    if (n === 2) return ok(enterprise.account);
    if (n === 3 && b === 'archives') return list(enterprise.archives, 'archive');
  }
  return notFound('resource');
}

function appPart(entry: FakeApp, part: string): Answer {
  switch (part) {
    case 'features':
      return list(entry.features, 'feature');
    case 'buildpack-installations':
      return list(entry.buildpackInstallations, 'buildpack_installation');
    case 'formation':
      return list(entry.formation, 'formation');
    case 'addons':
      return list(entry.addons, 'add-on');
    case 'domains':
      return list(entry.domains, 'domain');
    case 'sni-endpoints':
      return list(entry.sniEndpoints, 'sni_endpoint');
    case 'log-drains':
      return list(entry.logDrains, 'log_drain');
    case 'telemetry-drains':
      return list(entry.telemetryDrains, 'telemetry_drain');
    case 'config-vars':
      return ok(entry.configVars);
    case 'collaborators':
      return list(entry.collaborators, 'collaborator');
    case 'pipeline-couplings':
      return entry.pipelineCoupling ? ok(entry.pipelineCoupling) : notFound('pipeline_coupling');
    default:
      return notFound('resource');
  }
}

/**
 * `generation` is a string in the 3.sdk variant and an object `{id, name}` in the go-v6 schema (reference §12.1);
 * the fake answers the object unless asked for 3.sdk, so clients must ask or cope.
 */
function withGeneration<T extends object>(resource: T, sdk: boolean): T {
  const { generation } = resource as { generation?: unknown };
  if (sdk || typeof generation !== 'string') return resource;
  return { ...resource, generation: { id: fakeId('generation', generation), name: generation } };
}

/** `Range: <field> [\]]<start>..[<end>][; max=N]`: one page, 206 + Next-Range when more remain. */
function paginate(items: readonly unknown[], fields: readonly string[], range: string | undefined, pageSize: number): Answer {
  const match = /^\s*([\w-]+)\s+(\]?)([^;]*?)\.\.([^;]*)(?:;\s*(.*))?$/.exec(range ?? `${fields[0]} ..`);
  if (!match || !fields.includes(match[1])) {
    return {
      status: 416,
      body: apiError('requested_range_not_satisfiable', `Range "${range}" is not valid here; the range field must be one of: ${fields.join(', ')}.`),
    };
  }
  const [, field, exclusive, start] = match;
  const max = Math.min(pageSize, Number(/max=(\d+)/.exec(match[5] ?? '')?.[1] ?? pageSize));
  const value = (item: unknown): string => String((item as Record<string, unknown>)[field]);
  let from = 0;
  if (start !== '') {
    const index = items.findIndex((item) => value(item) === start);
    from = index < 0 ? items.length : index + (exclusive ? 1 : 0);
  }
  // Items without the range field (audit trail archives have no id) cannot name a next page: all of them at once.
  const pageable = items.every((item) => (item as Record<string, unknown>)[field] !== undefined);
  const page = pageable ? items.slice(from, from + max) : items.slice(from);
  const more = pageable && from + max < items.length;
  return {
    status: more ? 206 : 200,
    body: page,
    headers: more ? { 'Next-Range': `${field} ]${value(page[page.length - 1])}..; max=${max}` } : undefined,
  };
}

function send(res: http.ServerResponse, answer: Answer): void {
  if (res.destroyed) return;
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Request-Id': createHash('sha1').update(`${Date.now()}${Math.random()}`).digest('hex').slice(0, 32),
    'RateLimit-Remaining': '4499',
    ...answer.headers,
  });
  res.end(text);
}

const HTML_SIGN_IN = '<!DOCTYPE html>\n<html><head><title>Sign in to continue</title></head><body><form action="/login" method="post"><input name="user"></form></body></html>\n';
const HTML_503 = '<html><head><title>503 Service Unavailable</title></head><body><h1>503 Service Unavailable</h1>No server is available to handle this request.</body></html>\n';

function sendRaw(res: http.ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) }).end(body);
}

function clean(request: RecordedRequest): RecordedRequest {
  return Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined)) as unknown as RecordedRequest;
}
