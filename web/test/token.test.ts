// The container outside loopback rules: the API needs the token, the UI asks for it once, keeps it in localStorage
// and then shows live data (the event stream sends the token in a header, never in the URL).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, watchErrors, type TestBrowser } from './browser.js';
import { ensureWebBuilt, startStack, type Stack } from './stack.js';

let stack: Stack;
let tb: TestBrowser;

beforeAll(async () => {
  await ensureWebBuilt();
  // Container mode bound to every interface: loopback is no exception, so the token is required.
  stack = await startStack({ mode: 'container', host: '0.0.0.0' });
  tb = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await tb?.close();
  await stack?.stop();
});

it('asks for the token once, keeps it, and then loads data and live updates', async () => {
  expect((await fetch(`${stack.url}api/downloads`)).status).toBe(401);
  const page = await tb.browser.newPage();
  const errors = watchErrors(page);
  const eventUrls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('api/events')) eventUrls.push(r.url());
  });
  await page.goto(`${stack.url}#/connections`);
  const input = page.locator('input#token');
  await expect.poll(() => input.count()).toBe(1);

  await input.fill(stack.autoarr.ctx.apiToken());
  await page.getByRole('button', { name: 'Save and reload' }).click();
  await expect.poll(() => page.locator('li.card').count()).toBe(4);
  await expect.poll(() => page.locator('.live').textContent()).toContain('Live');
  expect(await page.evaluate(() => localStorage.getItem('autoarr.token'))).toBe(stack.autoarr.ctx.apiToken());
  expect(await page.locator('input#token').count()).toBe(0);
  expect(eventUrls.every((u) => !u.includes(stack.autoarr.ctx.apiToken()))).toBe(true);
  // The only errors are the 401s that made the UI ask for the token.
  expect(errors.every((e) => e.includes('401'))).toBe(true);
  await page.close();
}, 60_000);
