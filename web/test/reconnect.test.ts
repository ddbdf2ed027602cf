// Live updates survive AutoArr restarting: the page says it is reconnecting, comes back by itself, and reloads its
// data without a page reload.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../../autoarr/src/app.js';
import { memoryLogger } from '../../autoarr/src/log/logger.js';
import { launchBrowser, type TestBrowser } from './browser.js';
import { ensureWebBuilt, startStack, type Stack } from './stack.js';

let stack: Stack;
let tb: TestBrowser;
let restarted: AutoArr | undefined;

beforeAll(async () => {
  await ensureWebBuilt();
  stack = await startStack();
  tb = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await tb?.close();
  await restarted?.stop();
  await stack?.stop();
});

it('reconnects after AutoArr restarts and reloads the page data', async () => {
  const page = await tb.browser.newPage();
  const navigations: string[] = [];
  await page.goto(`${stack.url}#/connections`);
  page.on('framenavigated', (f) => navigations.push(f.url()));
  await expect.poll(() => page.locator('li.card').count()).toBe(4);
  await expect.poll(() => page.locator('.live').textContent()).toContain('Live');

  const port = stack.autoarr.port();
  const settings = { ...stack.autoarr.ctx.settings, port };
  await stack.autoarr.stop();
  const reloads: string[] = [];
  page.on('request', (r) => {
    if (/\/api\/apps$/.test(r.url())) reloads.push(r.url());
  });
  await expect.poll(() => page.locator('.live').textContent()).toContain('Reconnecting');

  restarted = await startAutoArr(settings, memoryLogger('error'));
  await restarted.ctx.apps.testAll();
  await expect.poll(() => page.locator('.live').textContent(), { timeout: 20_000 }).toContain('Live');
  await expect.poll(() => reloads.length).toBeGreaterThan(0);
  await expect.poll(() => page.locator('li.card').first().textContent()).toContain('Connected');
  expect(navigations).toEqual([]);
  await page.close();
}, 60_000);
