// End-to-end steps, run in order by test/harness/runE2e.ts against the real VS Code UI (headless Chromium),
// with the packaged .vsix installed and a temp copy of examples/shield-app open. After each step the harness
// saves test-results/e2e/NN-<step>.png; ctx.shot(name) adds more.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { E2eStep } from '../harness/e2eContext';

/** Apps added to the workspace before the check, so that it runs long enough to show its progress. */
const GENERATED_APPS = 20000;

const editor = (page: Page) => page.locator('.editor-instance .monaco-editor').first();
const toast = (page: Page, text: string) => page.locator('.notifications-toasts .notification-toast.notification-fade-in-done', { hasText: text }).first();
const statusItem = (page: Page) => page.locator('.statusbar-item', { hasText: 'Heroku:' }).first();

/** Clicks the quick-pick item whose label is exactly `label` (details may mention other labels). */
async function pickItem(page: Page, label: string): Promise<void> {
  const name = page.locator('.quick-input-widget .monaco-list-row .label-name', { hasText: new RegExp(`^${label}$`) });
  await name.first().click();
}

async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Home'); // the first non-blank character, where an indented finding starts
}

const liveRows = (page: Page) => page.locator('[id="workbench.view.extension.herokuCompliance"] [role="tree"] .monaco-list-row');

export const steps: E2eStep[] = [
  {
    name: 'workbench loads and the installed extension activates',
    async run({ page }) {
      // the explorer lists the folder's files once the remote file system is up
      await page.locator('.explorer-folders-view .monaco-list-row[aria-label="app.json"]').waitFor();
      // workspaceContains:**/app.json activated the extension from the .vsix: its status item is there
      await statusItem(page).waitFor();
    },
  },
  {
    name: 'squiggles on the line of the secret in heroku.yml',
    async run({ page, openFile }) {
      await openFile('heroku.yml');
      // Line 7 holds setup.config.STRIPE_SECRET_KEY (crit). Overlay divs are one per visible line, in order.
      const onLine7 = editor(page).locator('.view-overlays > div').nth(6).locator('.squiggly-error');
      await onLine7.first().waitFor({ state: 'attached' });
      const [here, all] = [await onLine7.count(), await editor(page).locator('.squiggly-error').count()];
      if (here !== all) throw new Error(`error squiggles on other lines too: ${here} on line 7 of ${all}`);
    },
  },
  {
    name: 'Problems panel lists the findings with their rule ids',
    async run({ page }) {
      await page.keyboard.press('Control+Shift+M');
      const codes = page.locator('.markers-panel .monaco-list-row .marker-code');
      await codes.filter({ hasText: 'HRK-HYML-007' }).first().waitFor();
      const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'HRK-HYML-007' }).first();
      const label = (await row.getAttribute('aria-label')) ?? '';
      if (!/line 7/.test(label) || !/Heroku Compliance/.test(label)) throw new Error(`unexpected Problems row: ${label}`);
    },
  },
  {
    name: 'quick fix deletes base_name and the file changes on disk',
    async run({ page, openFile, shot, waitForFileText }) {
      await openFile('pipeline.tf');
      await editor(page).locator('.squiggly-warning').first().waitFor({ state: 'attached' });
      await editor(page).locator('.view-line').first().click();
      await goToLine(page, 9);
      await page.keyboard.press('Control+.');
      await page.locator('.action-widget .monaco-list-row.action', { hasText: 'Delete `base_name`' }).first().waitFor();
      await page.locator('.action-widget .monaco-list-row.action', { hasText: 'Ignore HRK-TF-020 on this line' }).first().waitFor();
      await page.locator('.action-widget .monaco-list-row.action', { hasText: 'Show documentation for HRK-TF-020' }).first().waitFor();
      await shot('quick-fix-menu');
      // Keyboard, as users do: move the focus to the fix, then Enter.
      const focused = page.locator('.action-widget .monaco-list-row.action.focused');
      for (let i = 0; i < 8 && !((await focused.getAttribute('aria-label')) ?? '').startsWith('Delete `base_name`'); i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await editor(page).locator('.view-lines').filter({ hasNotText: 'base_name' }).waitFor();
      await page.keyboard.press('Control+S');
      await waitForFileText(path.join('infra', 'pipeline.tf'), (text) => !text.includes('base_name'));
    },
  },
  {
    name: 'status item shows the inferred Shield profile and switches with Select Profile',
    async run({ page, runCommand, shot }) {
      await statusItem(page).filter({ hasText: 'Shield' }).waitFor();
      await shot('status-shield');
      await runCommand('Heroku Compliance: Select Profile');
      await pickItem(page, 'Common Runtime');
      await statusItem(page).filter({ hasText: 'Common Runtime' }).waitFor();
      await shot('status-common');
      await runCommand('Heroku Compliance: Select Profile');
      await pickItem(page, 'Auto');
      await statusItem(page).filter({ hasText: 'Shield' }).waitFor();
    },
  },
  {
    name: 'Run Compliance Check shows its progress and a summary',
    async run({ page, workspaceDir, runCommand, shot }) {
      for (let i = 0; i < GENERATED_APPS; i++) {
        const dir = path.join(workspaceDir, 'generated', `app-${i}`);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, 'app.json'), `{\n  "name": "app-${i}",\n  "stack": "heroku-24"\n}\n`);
      }
      await runCommand('Heroku Compliance: Run Compliance Check');
      const progress = toast(page, 'Checked');
      await progress.waitFor({ state: 'visible' });
      if (!(await progress.locator('.monaco-progress-container.active').isVisible())) throw new Error('no progress bar');
      await progress.locator('.monaco-button', { hasText: 'Cancel' }).first().waitFor();
      await shot('check-progress');
      const summary = toast(page, 'Compliance check finished');
      await summary.waitFor({ timeout: 120000 });
      const text = (await summary.innerText()).replace(/\s+/g, ' ');
      if (!/\d+ findings? in \d+ of \d+ files?: .*critical/.test(text)) throw new Error(`unexpected summary: ${text}`);
      await shot('check-summary');
      await summary.locator('a.monaco-button, .monaco-button', { hasText: 'Show Problems' }).first().click();
      await page.locator('.markers-panel').waitFor({ state: 'visible' });
    },
  },
  {
    name: 'live security tree shows the linked Shield app with its groups, states and badge',
    async run({ page, fakeHeroku, shot }) {
      await page.locator('.activitybar .action-label[aria-label*="Heroku Compliance"]').first().click();
      const app = fakeHeroku.scenario().app;
      const header = liveRows(page).filter({ has: page.locator('.label-name', { hasText: app }) }).first();
      await header.waitFor({ timeout: 30000 });
      const description = await header.locator('.label-description').innerText();
      if (!/Shield Private Space/.test(description)) throw new Error(`unexpected app description: ${description}`);
      for (const group of ['Runtime', 'Authentication & Access']) await liveRows(page).filter({ has: page.locator('.label-name', { hasText: group }) }).first().waitFor();
      const oauth = liveRows(page).filter({ hasText: 'Third-party OAuth authorizations' }).first();
      await oauth.waitFor();
      const label = (await oauth.getAttribute('aria-label')) ?? '';
      if (!/: fail\./.test(label)) throw new Error(`the OAuth item should fail in the shield scenario: ${label}`);
      if (!(await oauth.locator('.codicon-error').count())) throw new Error('no fail icon on the OAuth item');
      const badge = page.locator('.activitybar .action-item', { has: page.locator('[aria-label*="Heroku Compliance"]') }).locator('.badge-content').first();
      await badge.filter({ hasText: /^[1-9]\d*$/ }).waitFor();
      await shot('live-tree');
    },
  },
  {
    name: 'an unreachable API shows a welcome with Retry, which leads back to the tree',
    async run({ page, fakeHeroku, runCommand, shot }) {
      fakeHeroku.setFaults([{ path: /.*/, fault: 'reset' }]);
      await runCommand('Heroku Compliance: Refresh Live Security');
      const welcome = page.locator('[id="workbench.view.extension.herokuCompliance"] .welcome-view-content');
      await welcome.filter({ hasText: 'could not be reached' }).waitFor();
      await shot('live-unreachable');
      fakeHeroku.setFaults([]);
      await welcome.locator('.monaco-button', { hasText: 'Retry' }).first().click();
      await liveRows(page).filter({ has: page.locator('.label-name', { hasText: fakeHeroku.scenario().app }) }).first().waitFor();
    },
  },
  {
    name: 'Sign In with API Key asks in a password box and checks the key with the API',
    async run({ page, runCommand, shot, fakeHeroku }) {
      await runCommand('Heroku Compliance: Sign In with API Key');
      const input = page.locator('.quick-input-widget input[type="password"]');
      await input.waitFor({ state: 'visible' });
      await page.keyboard.type(fakeHeroku.token);
      await shot('sign-in-password-box');
      await page.keyboard.press('Enter');
      await toast(page, 'signed in').waitFor();
      await runCommand('Heroku Compliance: Sign Out');
      // The server was started with HEROKU_API_KEY, which the extension says it still uses.
      await toast(page, 'HEROKU_API_KEY is still used').waitFor();
    },
  },
  {
    name: 'Link Heroku App offers the account\'s apps with team, space and region, and relinks the view',
    async run({ page, runCommand, shot, fakeHeroku }) {
      const other = fakeHeroku.scenario().apps.map((a) => a.app.name).find((name) => name && name !== fakeHeroku.scenario().app);
      if (!other) throw new Error('the scenario needs a second app');
      await runCommand('Heroku Compliance: Link Heroku App');
      const row = page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${other}$`) }) }).first();
      await row.waitFor();
      const description = await row.locator('.label-description').innerText();
      if (!/team .+ · /.test(description)) throw new Error(`no team/space/region in the picker: ${description}`);
      await shot('link-app-picker');
      await row.click();
      await liveRows(page).filter({ has: page.locator('.label-name', { hasText: other }) }).first().waitFor();
    },
  },
];
