/**
 * Types for heroku-client 3.1.4's `lib/request.js`, the class that performs one call (the package's own types
 * declare it but do not export it). Only what `api.ts` uses; `test/unit/heroku/api.test.ts` checks that these
 * members still exist, so an upgrade that moves them fails a test instead of misbehaving.
 */
declare module 'heroku-client/lib/request' {
  import type { Agent, IncomingMessage } from 'node:http';

  interface RequestOptions {
    host: string;
    path: string;
    method: 'GET';
    headers: Record<string, string>;
    userAgent?: string;
    middleware?: (res: IncomingMessage, next: () => void) => void;
  }

  class Request {
    constructor(options: RequestOptions);
    /** One Agent per call, made by the constructor (tunnel-agent when HEROKU_HTTP_PROXY_HOST is set). */
    agent: Agent;
    /** The CA certificates read by the constructor from SSL_CERT_FILE and every file of SSL_CERT_DIR; sent as `ca`. */
    certs: Buffer[];
    /** Decides whether a socket error is retried (1+2+4+8 s back-off). */
    isRetryAllowed(error: unknown): boolean;
    /** Sends the call, following Next-Range; resolves to the parsed (and concatenated) body. */
    request(): Promise<unknown>;
  }

  export = Request;
}
