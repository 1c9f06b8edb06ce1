// End-to-end UI tests: installs the packaged .vsix into a fresh extensions dir of the VS Code 1.100.3 server, opens
// a temp copy of a folder in the web workbench in headless Chromium, and runs the steps of test/e2e/steps.ts in
// order, stopping at the first failure. Screenshots: test-results/e2e/NN-<step>.png, FAILURE.png + FAILURE.html.
// Exit: 0 passed, 1 a step failed (or a request left loopback), 2 infrastructure error.
// Env: E2E_VSIX (default dist/heroku-compliance.vsix), E2E_FOLDER (default examples/shield-app), E2E_SHOTS, KEEP_TMP=1.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { steps } from '../e2e/steps';
import { launchChromium } from './chromium';
import { keepTempDirs, makeTempDir } from './cleanup';
import { createContext, slug } from './e2eContext';
import { NetworkGuard } from './network';
import { EXTENSION_ID, REPO_ROOT, VSIX_PATH } from './paths';
import { startServer } from './server';
import { startFakeHeroku } from '../fake-heroku/server';

const E2E_TOKEN = 'e2e-token-5d1c8b';

const VSIX = path.resolve(process.env.E2E_VSIX ?? VSIX_PATH);
const FOLDER = path.resolve(process.env.E2E_FOLDER ?? path.join(REPO_ROOT, 'examples', 'shield-app'));
const SHOTS = path.resolve(process.env.E2E_SHOTS ?? path.join(REPO_ROOT, 'test-results', 'e2e'));

function errorText(e: unknown): string {
  return (e instanceof Error ? e.stack ?? e.message : String(e)).split('\n').slice(0, 8).join('\n  ');
}

async function main(): Promise<number> {
  const started = Date.now();
  fs.rmSync(SHOTS, { recursive: true, force: true });
  fs.mkdirSync(SHOTS, { recursive: true });
  const root = makeTempDir('hc-e2e');
  const workspaceDir = path.join(root, path.basename(FOLDER));
  fs.cpSync(FOLDER, workspaceDir, { recursive: true });

  const network = new NetworkGuard();
  await network.start();
  // The live view reads the fake Platform API on loopback; the workspace is linked to its app by setting.
  const fakeHeroku = await startFakeHeroku({ scenario: 'shield', token: E2E_TOKEN });
  fs.mkdirSync(path.join(workspaceDir, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(workspaceDir, '.vscode', 'settings.json'), JSON.stringify({ 'herokuCompliance.app': fakeHeroku.scenario().app }, null, 2));
  const server = await startServer({
    root,
    vsix: VSIX,
    settings: { ...network.settings(), 'herokuCompliance.apiUrl': fakeHeroku.url },
    env: { ...network.env(), HEROKU_API_KEY: E2E_TOKEN },
  });
  if (!server.installed?.includes(EXTENSION_ID)) throw new Error(`${EXTENSION_ID} is not installed; the server lists:\n${server.installed}`);
  console.log(`# installed: ${server.installed.trim().split('\n').join(', ')}`);
  const browser = await launchChromium(network.browserProxy);
  let ran = 0;
  let passed = 0;
  let failed = 0;
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await network.guardContext(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30000);
    const ctx = createContext(page, workspaceDir, SHOTS, fakeHeroku);
    await page.goto(`${server.base}/?folder=${encodeURIComponent(workspaceDir)}`);
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60000 });
    for (const step of steps) {
      const t0 = Date.now();
      ran++;
      try {
        await Promise.race([step.run(ctx), server.exited.then((msg) => { throw new Error(msg); })]);
        await ctx.shot(step.name);
        passed++;
        console.log(`ok - ${step.name} (${Date.now() - t0}ms)`);
      } catch (e) {
        failed++;
        console.log(`not ok - ${step.name}\n  ${errorText(e)}`);
        await page.screenshot({ path: path.join(SHOTS, 'FAILURE.png') }).catch(() => undefined);
        fs.writeFileSync(path.join(SHOTS, 'FAILURE.html'), await page.content().catch(() => ''));
        console.log(`  see ${path.relative(process.cwd(), path.join(SHOTS, 'FAILURE.png'))} (step ${slug(step.name)})`);
        break;
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    server.stop();
    network.close();
    await fakeHeroku.stop();
  }
  if (!network.report()) failed++;
  const notRun = steps.length - ran;
  if (failed > 0) {
    keepTempDirs();
    console.log(`kept ${root} (server.log inside)`);
  }
  console.log(`e2e: ${((Date.now() - started) / 1000).toFixed(1)}s, screenshots in ${path.relative(process.cwd(), SHOTS) || '.'}`);
  console.log(`${passed} passed, ${failed} failed${notRun > 0 ? `, ${notRun} skipped` : ''}`);
  return failed > 0 ? 1 : 0;
}

main().then((code) => process.exit(code), (e: unknown) => {
  keepTempDirs();
  console.error(e instanceof Error ? e.message : e);
  console.log('0 passed, 1 failed');
  process.exit(2);
});
