// The UI inside Home Assistant (issue 12, point 6), in Chromium through an ingress prefix: it takes HA's theme and
// font from the parent page (same origin, as HA's frontend frames the ingress page) and follows a change of theme;
// without HA it follows the system; tabs instead of a second sidebar at HA widths; on a 360 px phone every page is
// reachable from a navigation that is fully on screen and no page scrolls sideways; focus stays on the control after
// an action; axe-core finds nothing serious in either theme.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import { launchBrowser, watchErrors, type Frame, type Page, type TestBrowser } from './browser.js';
import { startIngressProxy, type IngressProxy } from './ingress-proxy.js';
import { ensureWebBuilt, startStack, type Stack } from './stack.js';

const SCREENS = process.env.AUTOARR_SCREENS_DIR ?? path.resolve('test-artifacts/screenshots');
let stack: Stack;
let proxy: IngressProxy;
let tb: TestBrowser;

beforeAll(async () => {
  await ensureWebBuilt();
  fs.mkdirSync(SCREENS, { recursive: true });
  stack = await startStack({ scenario: 'demo' });
  proxy = await startIngressProxy(stack.url);
  tb = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await tb?.close();
  await proxy?.close();
  await stack?.stop();
});

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });

/** Opens a page of the UI and waits until its data is shown (no loading placeholders left). */
async function openRoute(page: Page | Frame, hash: string): Promise<void> {
  if ('goto' in page && !hash.startsWith('#')) await page.goto(hash);
  else await page.evaluate((h) => (location.hash = h), hash);
  await expect.poll(() => page.locator('.live').textContent()).toContain('Live');
  await expect.poll(() => page.locator('main h1').count()).toBeGreaterThan(0);
  await expect.poll(() => page.locator('main .skeleton').count()).toBe(0);
}

/** The element with keyboard focus, looking through shadow roots. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? `${el.tagName.toLowerCase()} ${el.textContent?.trim().replace(/\s+/g, ' ') ?? ''}` : '';
  });

describe('on a 360 px phone', () => {
  for (const dark of [false, true]) {
    it(`every page is in the navigation, fully on screen, and none scrolls sideways (${dark ? 'dark' : 'light'})`, async () => {
      const page = await tb.browser.newPage();
      await page.setViewportSize({ width: 360, height: 780 });
      await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
      const errors = watchErrors(page);
      await openRoute(page, `${proxy.url}#/overview`);
      const links = page.locator('nav[aria-label=Pages] a');
      const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(hrefs.length).toBeGreaterThanOrEqual(7);
      // Every tab is wholly inside the 360 px: nothing hidden off the edge, no sideways scrolling to find it.
      for (const box of await links.evaluateAll((as) => as.map((a) => a.getBoundingClientRect().toJSON()))) {
        const b = box as DOMRect;
        expect(b.left).toBeGreaterThanOrEqual(0);
        expect(b.right).toBeLessThanOrEqual(360);
        expect(b.height).toBeGreaterThan(20);
      }
      if (!dark) await page.screenshot({ path: path.join(SCREENS, 'phone-navigation-360-light.png') });
      for (const href of hrefs) {
        await page.locator(`nav a[href="${href}"]`).click();
        await openRoute(page, href);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, `${href} scrolls sideways`).toBeLessThanOrEqual(360);
        expect(await seriousViolations(page), href).toEqual([]);
        if (dark && href.endsWith('activity')) await shot(page, 'activity-360-dark');
      }
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
  }
});

describe('at Home Assistant widths', () => {
  it('shows the pages as tabs above the content, not as a second sidebar', async () => {
    const page = await tb.browser.newPage();
    // A 1280 px screen with HA's own sidebar open leaves about 1024 px for the add-on's page.
    await page.setViewportSize({ width: 1024, height: 800 });
    await openRoute(page, `${proxy.url}#/downloads`);
    const nav = await page.locator('nav[aria-label=Pages]').boundingBox();
    const main = await page.locator('main').boundingBox();
    expect(nav!.y + nav!.height).toBeLessThanOrEqual(main!.y + 1);
    expect(main!.width).toBeGreaterThan(900);
    const tops = await page
      .locator('nav[aria-label=Pages] a')
      .evaluateAll((as) => as.map((a) => Math.round(a.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1); // one row of tabs
    await page.close();
  }, 60_000);

  it('keeps focus on "Test connection" after it answers', async () => {
    const page = await tb.browser.newPage();
    await openRoute(page, `${proxy.url}#/connections`);
    const button = page.getByRole('button', { name: /^Test connection to / }).first();
    const name = await button.getAttribute('aria-label');
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.toast').count()).toBeGreaterThan(0);
    await expect.poll(() => focused(page)).toMatch(/^button Test/);
    const label = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.getAttribute('aria-label');
    });
    expect(label).toBe(name);
    await page.close();
  }, 60_000);

  it('keeps focus on "Run audit" after the audit finished', async () => {
    const page = await tb.browser.newPage();
    await openRoute(page, `${proxy.url}#/audit`);
    const button = page.getByRole('button', { name: /^Run (the )?audit/i }).first();
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.toast').first().textContent(), { timeout: 20_000 }).toBeTruthy();
    await expect.poll(() => focused(page)).toMatch(/^button Run/i);
    await page.close();
  }, 60_000);
});

/** A page on HA's origin that frames the ingress page, with HA's theme variables on its root element. */
const HA_DARK = {
  '--primary-background-color': '#111111',
  '--secondary-background-color': '#282828',
  '--card-background-color': '#1c1c1c',
  '--primary-text-color': '#e1e1e1',
  '--secondary-text-color': '#9b9b9b',
  '--divider-color': 'rgba(225, 225, 225, 0.12)',
  '--ha-font-family-body': 'Georgia, serif',
};
const HA_LIGHT = {
  '--primary-background-color': '#fafafa',
  '--secondary-background-color': '#e5e5e5',
  '--card-background-color': '#ffffff',
  '--primary-text-color': '#212121',
  '--secondary-text-color': '#727272',
  '--divider-color': 'rgba(0, 0, 0, 0.12)',
  '--ha-font-family-body': 'Georgia, serif',
};
const styleOf = (vars: Record<string, string>) =>
  Object.entries(vars)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');

describe('inside Home Assistant', () => {
  it("takes HA's theme and font from the parent page and follows a change of theme", async () => {
    const page = await tb.browser.newPage();
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.emulateMedia({ colorScheme: 'light' }); // HA's dark theme must win over the system's light
    const origin = new URL(proxy.url).origin;
    await page.route(`${origin}/autoarr-panel`, (r) =>
      r.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html style="${styleOf(HA_DARK)}"><body style="margin:0;background:var(--primary-background-color)">
          <iframe title="AutoArr" src="${proxy.url}#/overview" style="border:0;width:1024px;height:860px"></iframe></body></html>`,
      }),
    );
    // In the add-on, answers to the Supervisor's address (ingress) may be framed; everything else says DENY. This
    // proxy is not at that address, so the framing headers are taken off the page itself, as the add-on sends it.
    await page.route(proxy.url, async (r) => {
      const res = await r.fetch();
      const headers = { ...res.headers() };
      delete headers['x-frame-options'];
      const csp = (headers['content-security-policy'] ?? '').replace(/;?\s*frame-ancestors[^;]*/i, '');
      if (csp) headers['content-security-policy'] = csp;
      else delete headers['content-security-policy'];
      await r.fulfill({ response: res, headers });
    });
    const errors = watchErrors(page);
    await page.goto(`${origin}/autoarr-panel`);
    await expect.poll(() => page.frames().length).toBe(2);
    const frame = page.frames()[1]!;
    await expect.poll(() => frame.locator('.live').textContent()).toContain('Live');
    const look = () =>
      frame.evaluate(() => {
        const app = document.querySelector('autoarr-app')!;
        const cs = getComputedStyle(app);
        const h1 = app.shadowRoot!.querySelector('main')!;
        return {
          theme: app.getAttribute('data-theme'),
          bg: cs.getPropertyValue('--bg').trim(),
          fg: cs.getPropertyValue('--fg').trim(),
          surface: cs.getPropertyValue('--surface').trim(),
          background: cs.backgroundColor,
          font: getComputedStyle(h1).fontFamily,
        };
      });
    await expect.poll(async () => (await look()).theme).toBe('dark');
    expect(await look()).toMatchObject({
      bg: '#111111',
      fg: '#e1e1e1',
      surface: '#1c1c1c',
      background: 'rgb(17, 17, 17)',
      font: expect.stringContaining('Georgia'),
    });
    await expect.poll(() => frame.locator('main .skeleton').count()).toBe(0);
    expect(await seriousViolations(frame)).toEqual([]);
    await shot(page, 'inside-ha-dark-theme-1280');

    // The person switches HA to its light theme: HA rewrites its root element's style; the page follows at once.
    await page.evaluate((s) => document.documentElement.setAttribute('style', s), styleOf(HA_LIGHT));
    await expect.poll(async () => (await look()).theme).toBe('light');
    expect(await look()).toMatchObject({ bg: '#fafafa', fg: '#212121', background: 'rgb(250, 250, 250)' });
    expect(await seriousViolations(frame)).toEqual([]);
    await shot(page, 'inside-ha-light-theme-1280');

    // A theme whose text would not be readable (grey on grey) keeps AutoArr's own, checked text colour.
    await page.evaluate(
      (s) => document.documentElement.setAttribute('style', s),
      styleOf({ ...HA_LIGHT, '--primary-text-color': '#bbbbbb' }),
    );
    await expect.poll(async () => (await look()).fg).toBe('#18202b');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('outside Home Assistant follows the system: dark when the system is dark', async () => {
    const page = await tb.browser.newPage();
    await page.emulateMedia({ colorScheme: 'dark' });
    await openRoute(page, `${proxy.url}#/overview`);
    const theme = await page.evaluate(() => document.querySelector('autoarr-app')!.getAttribute('data-theme'));
    expect(theme).toBe('dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect
      .poll(() => page.evaluate(() => document.querySelector('autoarr-app')!.getAttribute('data-theme')))
      .toBe('light');
    await page.close();
  }, 60_000);
});
