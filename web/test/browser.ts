// Launches Debian's Chromium through playwright-core for the browser tests and the paint benchmark.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface TestBrowser {
  browser: BrowserContext;
  close(): Promise<void>;
}

/** A persistent context on a throwaway profile, so nothing from the host's Chromium leaks in. */
export async function launchBrowser(
  opts: { colorScheme?: 'light' | 'dark'; /** Chromium flags added to the defaults. */ args?: string[] } = {},
): Promise<TestBrowser> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-chromium-'));
  const browser = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(opts.args ?? []),
    ],
    viewport: { width: 1280, height: 860 },
    colorScheme: opts.colorScheme ?? 'light',
  });
  return {
    browser,
    async close() {
      await browser.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Collects console errors and uncaught page errors, so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export const screenshotDir = () => {
  const dir = path.resolve('test-artifacts/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
};

export type { Browser, Frame, Page };
