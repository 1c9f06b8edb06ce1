import { chromium, type Browser } from 'playwright-core';

// Debian's chromium (apt), never a Playwright browser download. Playwright adds --headless and a fresh
// temporary profile itself.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** proxyServer: the network guard's sink for Chromium's own traffic. Playwright adds <-loopback> (loopback
 * through the proxy too), so loopback is listed again as a bypass: the workbench itself is served there. */
export function launchChromium(proxyServer?: string): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    ...(proxyServer ? { proxy: { server: proxyServer, bypass: '127.0.0.1,localhost,[::1]' } } : {}),
  });
}
