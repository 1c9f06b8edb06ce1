/**
 * A small Platform API client over heroku-client. `get` never rejects: every failure becomes an `ApiError` kind,
 * each request has its own deadline and can be aborted, and the token appears in no log line or message.
 *
 * heroku-client 3.1.4 defects worked around here (reference parsers.md §4):
 * 1. Hard-coded retries: socket errors (ECONNREFUSED, ECONNRESET…) are retried 4 times with 1+2+4+8 s back-off, so
 *    a refused connection rejects only after ~15 s. We turn retries off per call (`isRetryAllowed`).
 * 2. Its `timeout` option aborts the socket, whose error then triggers a stray retry. We never pass it: our own
 *    deadline destroys the call's sockets, and with retries off nothing is re-sent.
 * 3. A 304 crashes the process (it reads `this.cachedResponse.body`, which does not exist, inside a callback). We send
 *    no conditional headers, and the middleware stops a 304 before heroku-client sees it.
 * 4. A host without a scheme silently becomes `https://…`. We require an explicit http(s) URL.
 * 5. heroku-client reads the response with no 'error' listener on it, and waits for its 'end' only; the middleware
 *    adds one so that a reset in the middle of a body can neither become an uncaught exception nor hang the call until
 *    its deadline (it is reported as `network` at once).
 * 6. An empty body is parsed as `{}`, which would pass for an object answer; a 2xx with an empty body is `malformed`.
 * 7. Every Request reads SSL_CERT_FILE and each file of SSL_CERT_DIR synchronously in its constructor: with a system
 *    CA directory (hundreds of files) a snapshot's ~30 calls block the event loop for hundreds of milliseconds, which
 *    also delays every deadline. We read them once per HerokuApi and hand them to each Request (not with
 *    HEROKU_HTTP_PROXY_HOST, whose tunnel agent takes them in the constructor).
 * Not fixable here: when the `debug` package is resolvable and DEBUG enables `http`, heroku-client prints every
 * response body (config var values included) to stderr; the bundle must stub `debug` out.
 * To reach the socket and the retry switch we build heroku-client's own `Request` (lib/request.js) instead of going
 * through `Heroku#get`, which creates one and hides it; the HTTP exchange, headers, parsing and Next-Range
 * pagination stay heroku-client's.
 */
import type * as Heroku from '@heroku-cli/schema';
import Request from 'heroku-client/lib/request';
import * as fs from 'node:fs';
import type { ClientRequest, IncomingMessage } from 'node:http';
import * as path from 'node:path';
import type { ApiError, ApiErrorKind, EndpointResult } from './snapshot';

export const DEFAULT_API_URL = 'https://api.heroku.com';
export const DEFAULT_DEADLINE_MS = 10_000;

export type ApiVersion = '3' | '3.sdk' | '3.dogwood';

export interface HerokuApiOptions {
  /** Base URL with its scheme; default `https://api.heroku.com`. */
  readonly apiUrl?: string;
  readonly token: string;
  readonly userAgent?: string;
  /** Receives one line per call: `GET /apps/x → 200 in 12 ms`. Never the token, never a body. */
  readonly log?: (line: string) => void;
}

export interface GetOptions {
  /** Accept header variant; default `3`. */
  readonly accept?: ApiVersion;
  /** The JSON container the endpoint documents; anything else is `malformed`. */
  readonly expect?: 'object' | 'array';
  /** Milliseconds for the whole call, pages included; default 10 000. */
  readonly deadlineMs?: number;
  readonly signal?: AbortSignal;
  /** A first `Range` header, for lists whose range field is not `id` (e.g. `email ..; max=1000`). */
  readonly range?: string;
}

/** One entry of the "Link Heroku App" picker. */
export interface AppChoice {
  readonly name: string;
  readonly id?: string;
  readonly team?: string;
  readonly space?: string;
  readonly region?: string;
}

export class HerokuApi {
  readonly apiUrl: string;
  private readonly token: string;
  private readonly userAgent: string;
  private readonly log?: (line: string) => void;
  /** The CA certificates of SSL_CERT_FILE / SSL_CERT_DIR, read at the first call (workaround 7). */
  private certs?: Buffer[];

  constructor(options: HerokuApiOptions) {
    this.apiUrl = checkApiUrl(options.apiUrl ?? DEFAULT_API_URL);
    this.token = options.token;
    this.userAgent = options.userAgent ?? 'heroku-compliance';
    this.log = options.log;
  }

  async get<T>(path: string, options: GetOptions = {}): Promise<EndpointResult<T>> {
    const started = Date.now();
    const { result, status } = await this.send<T>(path, options);
    try {
      this.log?.(`GET ${path} → ${outcome(result, status)} in ${Date.now() - started} ms`);
    } catch {
      // A failing log sink must not turn a result into a rejection.
    }
    return result;
  }

  /** The apps the token can see, for the link picker. */
  async listApps(options: Pick<GetOptions, 'signal' | 'deadlineMs'> = {}): Promise<EndpointResult<AppChoice[]>> {
    const result = await this.get<Heroku.App[]>('/apps', { ...options, expect: 'array' });
    if (!result.ok) return result;
    const choices = result.data
      .filter((app) => typeof app.name === 'string')
      .map((app): AppChoice => ({
        name: app.name as string,
        id: app.id,
        team: app.team?.name ?? app.organization?.name ?? undefined,
        space: app.space?.name ?? undefined,
        region: app.region?.name,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return { ok: true, data: choices };
  }

  /** The result, and the status of the last response when there was one (for the log line). */
  private send<T>(path: string, options: GetOptions): Promise<{ result: EndpointResult<T>; status?: number }> {
    const { signal } = options;
    if (signal?.aborted) return Promise.resolve({ result: failure('aborted', 'The request was cancelled.') });
    const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;

    return new Promise((resolve) => {
      let settled = false;
      let last: IncomingMessage | undefined;
      const sockets = new Set<ClientRequest>();
      const settle = (result: EndpointResult<T>, giveUp = false): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        // Workaround 2: destroy what is still open of a call we give up on (deadline, abort, 304).
        if (giveUp) for (const req of sockets) req.destroy();
        resolve({ result, status: last?.statusCode });
      };
      const onAbort = (): void => settle(failure('aborted', 'The request was cancelled.'), true);
      const timer = setTimeout(
        () => settle(failure('timeout', `The Heroku API did not answer within ${seconds(deadlineMs)}.`), true),
        deadlineMs,
      );
      signal?.addEventListener('abort', onAbort, { once: true });

      const headers: Record<string, string> = {
        Accept: `application/vnd.heroku+json; version=${options.accept ?? '3'}`,
        Authorization: `Bearer ${this.token}`,
        // No If-None-Match / If-Modified-Since, ever: a 304 is what crashes heroku-client (workaround 3).
      };
      if (options.range) headers.Range = options.range;

      try {
        const request = this.newRequest({
          host: this.apiUrl,
          path,
          method: 'GET',
          headers,
          userAgent: this.userAgent,
          middleware: (res, next) => {
            last = res;
            // Workaround 5: a stream error with no listener would be thrown; heroku-client listens to none. And since
            // heroku-client waits for 'end' only, a connection lost part way through a body would otherwise leave the
            // call hanging until the deadline: report it at once.
            res.on('error', (error: NodeJS.ErrnoException) => {
              const code = typeof error.code === 'string' ? ` (${describeCode(error.code)})` : '';
              settle(failure('network', `The connection to ${hostOf(this.apiUrl)} was lost before the answer was complete${code}.`, res.statusCode), true);
            });
            // heroku-client reads an empty body as `{}`; a 2xx without a body is no answer (workaround 6).
            let bytes = 0;
            res.on('data', (chunk: Buffer | string) => (bytes += chunk.length));
            res.once('end', () => {
              if (bytes === 0 && res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300) {
                settle(failure('malformed', `The Heroku API answered ${res.statusCode} with an empty body.`, res.statusCode));
              }
            });
            if (res.statusCode === 304) {
              // Workaround 3: never let heroku-client handle a 304.
              res.resume();
              settle(failure('malformed', 'The Heroku API answered 304 Not Modified to a request that was not conditional.', 304), true);
              return;
            }
            next();
          },
        });
        // Workaround 1 (and 2): no retries. A refused or reset connection is reported at once; the caller refreshes.
        request.isRetryAllowed = () => false;
        // Workaround 2: track the ClientRequests (one per page) so the deadline and abort can destroy them. Wrapping
        // the instance's addRequest keeps heroku-client's agent, so its proxy (HEROKU_HTTP_PROXY_*) and CA settings hold.
        const agent = request.agent as typeof request.agent & { addRequest(req: ClientRequest, ...rest: unknown[]): void };
        const addRequest = agent.addRequest.bind(agent);
        agent.addRequest = (req: ClientRequest, connectOptions?: unknown, ...rest: unknown[]) => {
          if (settled) {
            req.destroy();
            return;
          }
          sockets.add(req);
          req.once('close', () => sockets.delete(req));
          addRequest(req, withoutAuthorization(connectOptions), ...rest);
        };

        request.request().then(
          (body) => settle(checkBody<T>(body, options.expect)),
          (error: unknown) => settle(this.failureOf(error, last)),
        );
      } catch (error) {
        // Thrown before anything is sent: a token with characters a header cannot carry, an unreadable SSL_CERT_DIR…
        settle(this.failureOf(error, undefined), true);
      }
    });
  }

  /** heroku-client's Request, without its per-call reading of the CA files (workaround 7). */
  private newRequest(options: ConstructorParameters<typeof Request>[0]): Request {
    if (process.env.HEROKU_HTTP_PROXY_HOST) return new Request(options);
    this.certs ??= readCaFiles(process.env);
    const saved = { file: process.env.SSL_CERT_FILE, dir: process.env.SSL_CERT_DIR };
    // Synchronous: nothing else runs while the variables are away.
    delete process.env.SSL_CERT_FILE;
    delete process.env.SSL_CERT_DIR;
    let request: Request;
    try {
      request = new Request(options);
    } finally {
      if (saved.file !== undefined) process.env.SSL_CERT_FILE = saved.file;
      if (saved.dir !== undefined) process.env.SSL_CERT_DIR = saved.dir;
    }
    request.certs = this.certs;
    return request;
  }

  /** Maps a heroku-client rejection to an error kind. */
  private failureOf(error: unknown, last: IncomingMessage | undefined): EndpointResult<never> {
    const e = (error ?? {}) as { statusCode?: unknown; body?: unknown; code?: unknown; name?: unknown };
    if (typeof e.statusCode === 'number') {
      const body = (typeof e.body === 'object' && e.body !== null ? e.body : {}) as { id?: unknown; message?: unknown };
      const id = typeof body.id === 'string' ? body.id : undefined;
      const apiMessage = typeof body.message === 'string' ? this.scrub(body.message) : undefined;
      const kind = kindOfStatus(e.statusCode, id);
      const retryAfterSeconds = kind === 'rate-limited' ? parseRetryAfter(last?.headers['retry-after']) : undefined;
      const message = apiMessage ?? defaultMessage(kind, e.statusCode);
      return { ok: false, error: withoutUndefined({ kind, status: e.statusCode, id, message, retryAfterSeconds }) };
    }
    if (e.name === 'SyntaxError' && last && last.statusCode !== undefined && last.statusCode < 300) {
      return failure('malformed', `The Heroku API answered ${last.statusCode} with a body that is not JSON.`, last.statusCode);
    }
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code === 'ERR_INVALID_CHAR') return failure('unauthorized', 'The Heroku API token contains characters that cannot be sent (a line break?).');
    return failure('network', `Could not reach ${hostOf(this.apiUrl)}${code ? ` (${describeCode(code)})` : ''}.`);
  }

  /** Defence in depth: an error text from elsewhere (a proxy echoing headers) must not carry the token. */
  private scrub(text: string): string {
    return this.token.length >= 4 ? text.split(this.token).join('[token]') : text;
  }
}

/**
 * The options an Agent opens a connection with, without the request's Authorization header: the request already
 * carries its headers, and Node prints these options to stderr when NODE_DEBUG names http or net (the token with
 * them). Connection settings (host, port, CA, servername) stay.
 */
function withoutAuthorization(options: unknown): unknown {
  const headers = (options as { headers?: unknown } | undefined)?.headers;
  if (typeof headers !== 'object' || headers === null) return options;
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'authorization'));
  return { ...(options as object), headers: kept };
}

/** What heroku-client's getCerts reads: SSL_CERT_FILE, then every regular file of SSL_CERT_DIR. Throws as it does. */
export function readCaFiles(env: NodeJS.ProcessEnv): Buffer[] {
  const files = env.SSL_CERT_FILE ? [env.SSL_CERT_FILE] : [];
  const dir = env.SSL_CERT_DIR;
  if (dir) for (const name of fs.readdirSync(dir)) if (fs.statSync(path.join(dir, name)).isFile()) files.push(path.join(dir, name));
  return files.map((file) => fs.readFileSync(file));
}

/** The URL with its scheme checked and its trailing slash removed; throws a message meant for the user. */
export function checkApiUrl(apiUrl: string): string {
  const trimmed = apiUrl.trim();
  // Shown in messages without any user:password@ part.
  const shown = trimmed.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^@/]*@/i, '$1…@');
  if (!/^https?:\/\//i.test(trimmed)) {
    // Workaround 4: heroku-client would turn `127.0.0.1:5000` into https://127.0.0.1:5000 and speak TLS to it.
    throw new Error(`The Heroku API URL "${shown}" must start with https:// (or http:// for a local server).`);
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error(`The Heroku API URL "${shown}" is not a valid URL.`);
  }
  if (url.username || url.password) throw new Error('The Heroku API URL must not contain a user name or password.');
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`The Heroku API URL must be the host only (heroku-client ignores a path): ${url.origin}`);
  }
  return url.origin;
}

function kindOfStatus(status: number, id: string | undefined): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return id === 'two_factor' ? 'two-factor' : 'forbidden';
  if (status === 402) return 'forbidden'; // delinquent account
  if (status === 404 || status === 410) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status < 400) return 'malformed'; // a redirect the client does not follow
  // 5xx, and the 4xx the contract has no kind for (400, 406, 416, 422): the API refused; status and id tell which.
  return 'server';
}

function defaultMessage(kind: ApiErrorKind, status: number): string {
  switch (kind) {
    case 'unauthorized':
      return 'The Heroku API token is missing, wrong or expired.';
    case 'forbidden':
      return 'This account may not read this.';
    case 'two-factor':
      return 'This needs a second factor (two-factor authentication).';
    case 'not-found':
      return 'Not found.';
    case 'rate-limited':
      return 'The Heroku API rate limit was reached.';
    default:
      return `The Heroku API answered ${status}.`;
  }
}

function checkBody<T>(body: unknown, expect: GetOptions['expect']): EndpointResult<T> {
  const isArray = Array.isArray(body);
  const isObject = typeof body === 'object' && body !== null && !isArray;
  if ((expect === 'array' && !isArray) || (expect === 'object' && !isObject)) {
    const got = isArray ? 'an array' : body === null ? 'null' : `a ${typeof body}`;
    return failure('malformed', `The Heroku API answered ${got} where ${expect === 'array' ? 'an array' : 'an object'} was expected.`);
  }
  return { ok: true, data: body as T };
}

/** Retry-After: delta seconds or an HTTP date. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\s*\d+\s*$/.test(text)) return Number(text);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

function failure(kind: ApiErrorKind, message: string, status?: number): EndpointResult<never> {
  return { ok: false, error: withoutUndefined({ kind, message, status }) };
}

function withoutUndefined(error: ApiError): ApiError {
  return Object.fromEntries(Object.entries(error).filter(([, value]) => value !== undefined)) as unknown as ApiError;
}

/** `200`, `404 not-found`, `200 malformed`, `network`, `timeout`. */
function outcome(result: EndpointResult<unknown>, status: number | undefined): string {
  if (result.ok) return String(status ?? 200);
  const { kind } = result.error;
  const code = result.error.status ?? (kind === 'timeout' || kind === 'aborted' ? undefined : status);
  return code === undefined ? kind : `${code} ${kind}`;
}

function hostOf(apiUrl: string): string {
  return new URL(apiUrl).host;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function describeCode(code: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host not found';
    case 'ETIMEDOUT':
      return 'connection timed out';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'host unreachable';
    case 'EPROTO':
      return 'TLS handshake failed';
    default:
      return /CERT|SSL|TLS|SELF_SIGNED/.test(code) ? `certificate error ${code}` : code;
  }
}
