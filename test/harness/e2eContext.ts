import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { FakeHeroku } from '../fake-heroku/server';

/** What an e2e step gets: the workbench page, the opened folder (a temp copy) and UI helpers (plain functions,
 * so steps may destructure them). */
export interface E2eContext {
  page: Page;
  /** The folder open in the workbench: a temp copy, so steps may edit and save files. */
  workspaceDir: string;
  /** Opens a file with Quick Open (Ctrl+P) and waits for its editor. */
  openFile: (name: string) => Promise<void>;
  /** Runs a command by its palette title, e.g. "Heroku Compliance: Run Compliance Check" (F1, type, Enter). */
  runCommand: (title: string) => Promise<void>;
  /** Polls a workspace file on disk until predicate(text) holds; returns the text. */
  waitForFileText: (relPath: string, predicate: (text: string) => boolean, timeoutMs?: number) => Promise<string>;
  /** Saves the next numbered screenshot, NN-<name>.png; returns its path. */
  shot: (name: string) => Promise<string>;
  /** The fake Platform API the live view reads (the workspace is linked to its scenario's app). */
  fakeHeroku: FakeHeroku;
}

export interface E2eStep {
  name: string;
  run(ctx: E2eContext): Promise<void>;
}

export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function createContext(page: Page, workspaceDir: string, shotsDir: string, fakeHeroku: FakeHeroku): E2eContext {
  let shots = 0;
  const quickInput = page.locator('.quick-input-widget input');
  const quickRow = (text: string) => page.locator('.quick-input-widget .monaco-list-row', { hasText: text }).first();

  return {
    page,
    workspaceDir,
    fakeHeroku,

    openFile: async (name) => {
      await page.keyboard.press('Control+P');
      await quickInput.waitFor({ state: 'visible' });
      await page.keyboard.type(name);
      await quickRow(path.basename(name)).waitFor();
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab.active', { hasText: path.basename(name) }).waitFor();
      await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
    },

    runCommand: async (title) => {
      await page.keyboard.press('F1');
      await quickInput.waitFor({ state: 'visible' });
      await page.keyboard.type(title);
      await quickRow(title).waitFor();
      await page.keyboard.press('Enter'); // no wait for the palette to close: the command may open its own picker
    },

    waitForFileText: async (relPath, predicate, timeoutMs = 10000) => {
      const file = path.join(workspaceDir, relPath);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
        if (predicate(text)) return text;
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms waiting for ${relPath}; it holds:\n${text.slice(0, 500)}`);
        await page.waitForTimeout(100);
      }
    },

    shot: async (name) => {
      shots++;
      const file = path.join(shotsDir, `${String(shots).padStart(2, '0')}-${slug(name)}.png`);
      await page.screenshot({ path: file });
      return file;
    },
  };
}
