// The container seen from another computer: the API needs the token, the UI asks for it once (saying where to find
// it), keeps it in localStorage and then shows live data (the event stream sends the token in a header, never in the
// URL). The browser names AutoArr "autoarr.lan" (resolved to loopback by Chromium itself, so nothing leaves this
// machine): it sends that Host, as a browser on another computer does, and a browser here would not.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, watchErrors, type TestBrowser } from './browser.js';
import { ensureWebBuilt, startStack, type Stack } from './stack.js';

let stack: Stack;
let tb: TestBrowser;

beforeAll(async () => {
  await ensureWebBuilt();
  stack = await startStack({ mode: 'container', host: '0.0.0.0' });
  tb = await launchBrowser({ args: ['--host-resolver-rules=MAP autoarr.lan 127.0.0.1'] });
}, 90_000);

afterAll(async () => {
  await tb?.close();
  await stack?.stop();
});

it('asks for the token once, keeps it, and then loads data and live updates', async () => {
  const remote = stack.url.replace('127.0.0.1', 'autoarr.lan');
  // Through a relay (X-Forwarded-For) the API wants the token too; on this computer it does not.
  expect((await fetch(`${stack.url}api/downloads`, { headers: { 'x-forwarded-for': '192.0.2.4' } })).status).toBe(401);
  expect((await fetch(`${stack.url}api/downloads`)).status).toBe(200);
  const page = await tb.browser.newPage();
  const errors = watchErrors(page);
  const eventUrls: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('api/events')) eventUrls.push(r.url());
  });
  await page.goto(`${remote}#/connections`);
  const input = page.locator('input#token');
  await expect.poll(() => input.count()).toBe(1);
  const help = await page.locator('form.token').innerText();
  expect(help).toContain('docker exec <container> node dist/autoarr/src/cli.js token');
  expect(help).toContain('open AutoArr in the sidebar, then Assistants');
  expect(help).not.toContain('log ("API');

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

it('opens without a token for a browser on this computer', async () => {
  const page = await tb.browser.newPage();
  await page.goto(`${stack.url}#/connections`);
  await expect.poll(() => page.locator('li.card').count()).toBe(4);
  expect(await page.locator('input#token').count()).toBe(0);
  await page.close();
}, 60_000);
