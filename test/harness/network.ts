import * as http from 'node:http';
import type * as net from 'node:net';
import type { BrowserContext } from 'playwright-core';

// "No request may leave loopback during tests." Nothing is ever forwarded. Three recorders:
//  - the browser context's routes abort and record every non-loopback http(s) request of the workbench page;
//  - a sink proxy for the VS Code server and the extension host (env + the http.proxy setting): any hit fails;
//  - a sink proxy for Chromium itself (it also catches the page's WebSockets), so that Chromium's own
//    background services (component updater, Google sign-in) never reach the network either. Hits to
//    Google's browser-service hosts are only noted (they are Chromium's, not the product's); any other
//    host there fails the run too.

const LOOPBACK = ['127.0.0.1', 'localhost', '::1'];
const CHROMIUM_SERVICE_HOST = /(^|\.)(google\.com|googleapis\.com|gvt1\.com)$/;

function isLoopback(url: URL): boolean {
  return LOOPBACK.includes(url.hostname.replace(/^\[|\]$/g, '')) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

/** A loopback HTTP proxy that answers 502 to everything and records "METHOD target". */
class SinkProxy {
  readonly hits: string[] = [];
  private server = http.createServer((req, res) => {
    this.hits.push(`${req.method ?? 'GET'} ${req.url ?? ''}`);
    res.writeHead(502, { 'content-type': 'text/plain' }).end('blocked by the test network guard\n');
  });
  url = '';

  async start(): Promise<void> {
    this.server.on('connect', (req: http.IncomingMessage, socket: net.Socket) => {
      this.hits.push(`CONNECT ${req.url ?? ''}`);
      socket.end('HTTP/1.1 502 Blocked by the test network guard\r\n\r\n');
    });
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.server.unref();
    this.url = `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  close(): void { this.server.close(); }
}

/** The host of "METHOD url" or "CONNECT host:port". */
function hostOf(hit: string): string {
  const target = hit.slice(hit.indexOf(' ') + 1);
  try { return new URL(target).hostname || target.replace(/:\d+$/, ''); } catch { return target.replace(/:\d+$/, ''); }
}

export class NetworkGuard {
  private readonly pageHits: string[] = [];
  private readonly serverSink = new SinkProxy();
  private readonly browserSink = new SinkProxy();

  async start(): Promise<void> {
    await this.serverSink.start();
    await this.browserSink.start();
  }

  /** Proxy for Chromium's own traffic (see chromium.ts); loopback bypasses it. */
  get browserProxy(): string { return this.browserSink.url; }

  /** Environment for the VS Code server (inherited by the extension host). */
  env(): NodeJS.ProcessEnv {
    const url = this.serverSink.url;
    const noProxy = LOOPBACK.join(',');
    return { HTTP_PROXY: url, HTTPS_PROXY: url, http_proxy: url, https_proxy: url, NO_PROXY: noProxy, no_proxy: noProxy };
  }

  /** User settings: VS Code's proxy agent sends extension requests (http, https, fetch) to http.proxy. */
  settings(): Record<string, unknown> {
    return { 'http.proxy': this.serverSink.url, 'http.proxySupport': 'override', 'http.noProxy': LOOPBACK };
  }

  /** Aborts and records every non-loopback http(s) request of the page (no DNS lookup happens). WebSockets are
   * left to the Chromium sink: Playwright's routeWebSocket wraps every page WebSocket, and with it the
   * workbench intermittently received corrupted extension-host messages (hangs in about 1 run in 5). */
  async guardContext(context: BrowserContext): Promise<void> {
    await context.route((url) => !isLoopback(url) && /^https?:$/.test(url.protocol), async (route) => {
      this.pageHits.push(`${route.request().method()} ${route.request().url()}`);
      await route.abort('blockedbyclient');
    });
  }

  /** Requests that fail the run, as "who: METHOD target". */
  leaks(): string[] {
    return [
      ...this.pageHits.map((h) => `workbench page: ${h}`),
      ...this.serverSink.hits.map((h) => `server/extension host: ${h}`),
      ...this.browserSink.hits.filter((h) => !CHROMIUM_SERVICE_HOST.test(hostOf(h))).map((h) => `chromium: ${h}`),
    ];
  }

  /** Prints what was blocked; returns false when the product tried to leave loopback. */
  report(): boolean {
    const own = [...new Set(this.browserSink.hits.map(hostOf).filter((h) => CHROMIUM_SERVICE_HOST.test(h)))];
    if (own.length > 0) console.log(`# network guard: sank Chromium's own background requests to ${own.join(', ')}`);
    const leaks = this.leaks();
    if (leaks.length === 0) return true;
    console.log(`not ok - network guard: requests tried to leave loopback, to: ${[...new Set(leaks.map((l) => hostOf(l.slice(l.indexOf(': ') + 2))))].join(', ')}`);
    for (const l of leaks.slice(0, 20)) console.log(`  ${l}`);
    return false;
  }

  close(): void {
    this.serverSink.close();
    this.browserSink.close();
  }
}
