// The ingress UI in a real Chromium against AutoArr on the simulated stack: every page renders real data with no
// console errors, a retry reaches the simulated app, a fix and a rollback from the Audit page, live progress
// without reload, and the whole UI through an ingress-style prefix.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download } from '../../autoarr/src/shared/types.js';
import { launchBrowser, screenshotDir, watchErrors, type Page, type TestBrowser } from './browser.js';
import { startIngressProxy, type IngressProxy } from './ingress-proxy.js';
import { ensureWebBuilt, startStack, until, type Stack } from './stack.js';

let stack: Stack;
let tb: TestBrowser;
let proxy: IngressProxy;

async function downloads(): Promise<Download[]> {
  const body = (await (await fetch(`${stack.url}api/downloads`)).json()) as { items: Download[] };
  return body.items;
}

beforeAll(async () => {
  await ensureWebBuilt();
  // Automatic recovery off, so the stuck downloads wait for the person's click.
  stack = await startStack({ env: { AUTOARR_AUTO_RECOVERY: 'false', AUTOARR_MIN_QUEUE_AGE_MINUTES: '0' } });
  await until(async () => (await downloads()).length >= 3, 'the monitor to list downloads');
  proxy = await startIngressProxy(stack.url);
  tb = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await tb?.close();
  await proxy?.close();
  await stack?.stop();
});

async function open(route: string, base = stack.url): Promise<{ page: Page; errors: string[] }> {
  const page = await tb.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${base}#/${route}`);
  return { page, errors };
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshotDir(), `${name}.png`), fullPage: true });

describe('pages', () => {
  const cases: Array<[string, (p: Page) => Promise<void>]> = [
    [
      'overview',
      async (p) => {
        await expect.poll(() => p.locator('.app').count()).toBe(4);
        await expect.poll(() => p.locator('.app').first().textContent()).toMatch(/Connected/);
      },
    ],
    ['downloads', async (p) => void (await expect.poll(() => p.locator('li.dl').count()).toBeGreaterThanOrEqual(3))],
    [
      'activity',
      async (p) => void (await expect.poll(() => p.locator('.state, li[data-kind]').count()).toBeGreaterThan(0)),
    ],
    ['audit', async (p) => void (await expect.poll(() => p.locator('li.finding').count()).toBeGreaterThan(0))],
    ['connections', async (p) => void (await expect.poll(() => p.locator('li.card').count()).toBe(4))],
    ['assistants', async (p) => void (await expect.poll(() => p.getByTestId('token').textContent()).toMatch(/•+/))],
    ['settings', async (p) => void (await expect.poll(() => p.getByRole('switch').count()).toBe(2))],
  ];

  for (const [route, check] of cases) {
    it(`${route} renders data from the simulated stack with no console errors`, async () => {
      if (route === 'audit') await fetch(`${stack.url}api/audit/run`, { method: 'POST' });
      const { page, errors } = await open(route);
      await check(page);
      await expect.poll(() => page.locator('.live').textContent()).toContain('Live');
      await shot(page, route);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('is readable at 360 px wide in dark mode: nothing overflows sideways', async () => {
    const page = await tb.browser.newPage();
    await page.setViewportSize({ width: 360, height: 780 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${stack.url}#/downloads`);
    await expect.poll(() => page.locator('li.dl').count()).toBeGreaterThan(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    const bg = await page.evaluate(() => getComputedStyle(document.querySelector('autoarr-app')!).backgroundColor);
    expect(bg).toBe('rgb(15, 20, 27)');
    await shot(page, 'downloads-360-dark');
    await page.close();
  });

  it('every page is reachable with the keyboard', async () => {
    const { page } = await open('overview');
    await expect.poll(() => page.locator('.app').count()).toBe(4);
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      seen.push(
        await page.evaluate(() => {
          let el: Element | null = document.activeElement;
          while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
          return el?.textContent?.trim() ?? '';
        }),
      );
    }
    for (const label of ['Overview', 'Downloads', 'Activity', 'Audit', 'Connections', 'Assistants', 'Settings']) {
      expect(seen).toContain(label);
    }
    // Enter on a page link opens it (Shift+Tab back to "Settings": later stops are banner and page controls).
    for (let i = seen.length - 1; seen[i] !== 'Settings'; i--) await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/settings');
    await page.close();
  });
});

describe('actions', () => {
  it('a progress bar moves live, without a reload', async () => {
    const { page, errors } = await open('downloads');
    await expect.poll(() => page.locator('li.dl').count()).toBeGreaterThanOrEqual(3);
    const navigations: string[] = [];
    page.on('framenavigated', (f) => navigations.push(f.url()));
    const before = new Map((await downloads()).map((d) => [d.id, d.progress]));
    stack.sim.control.advance(30_000);
    // The monitor's next poll sees the new progress; the page gets it over SSE.
    const moved = await until(
      async () => (await downloads()).find((d) => d.progress > (before.get(d.id) ?? 100)),
      'a download to make progress',
    );
    const bar = page.locator(`li.dl[data-id="${moved.id}"] [role=progressbar]`);
    await expect
      .poll(async () => Number(await bar.getAttribute('aria-valuenow')))
      .toBeGreaterThan(Math.round(before.get(moved.id)!));
    expect(navigations).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('a replace (or a SABnzbd retry) from the Downloads page reaches the simulated app', async () => {
    const needsAttention = async () =>
      (await downloads()).find((d) => ['stalled', 'failed', 'import_blocked'].includes(d.state));
    // The demo story fails one episode in SABnzbd once it has downloaded 45 %: let sim time pass.
    for (let i = 0; i < 12 && !(await needsAttention()); i++) {
      stack.sim.control.advance(20_000);
      await until(async () => (await needsAttention()) ?? (await downloads()).length > 0, 'a monitor poll').catch(
        () => undefined,
      );
    }
    const stuck = await until(needsAttention, 'a download that needs attention', 20_000);
    const { page, errors } = await open('downloads');
    stack.sim.control.clearRecords();
    const item = page.locator(`li.dl[data-id="${stuck.id}"]`);
    // An *arr download is replaced (after a confirmation); a job only SABnzbd knows is retried there.
    if (stuck.app === 'sabnzbd') await item.getByRole('button', { name: 'Retry in SABnzbd' }).click();
    else {
      await item.getByRole('button', { name: 'Replace…' }).click();
      await page.locator('dialog.confirm').getByRole('button', { name: 'Replace', exact: true }).click();
    }
    await until(() => stack.sim.control.writes().length > 0, 'a write in the simulated apps');
    await expect.poll(() => page.locator('.toast').first().textContent()).toBeTruthy();
    await shot(page, 'downloads-after-retry');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('remove asks for confirmation, then removes and blocklists in the *arr app', async () => {
    const target = await until(
      async () =>
        (await downloads()).find(
          (d) => (d.app === 'sonarr' || d.app === 'radarr') && ['downloading', 'queued', 'paused'].includes(d.state),
        ),
      'a download an *arr app tracks',
    );
    const { page, errors } = await open('downloads');
    const item = page.locator(`li.dl[data-id="${target.id}"]`);
    stack.sim.control.clearRecords();
    await item.getByRole('button', { name: 'Remove…' }).click();
    const dialog = page.locator('dialog.confirm');
    await expect.poll(() => dialog.textContent()).toContain(target.media.label || target.title);
    // Cancel first: nothing may be removed (the monitor's own searches may still write meanwhile).
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(stack.sim.control.writes().filter((w) => w.method === 'DELETE')).toEqual([]);
    await item.getByRole('button', { name: 'Remove…' }).click();
    expect(await dialog.getByRole('checkbox').isChecked()).toBe(true);
    await dialog.getByRole('button', { name: 'Remove' }).click();
    const write = await until(
      () => stack.sim.control.writes().find((w) => w.app === target.app && w.method === 'DELETE'),
      'the queue removal in the simulated app',
    );
    expect(write.query.blocklist).toBe('true');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('a fix with preview and its rollback from the Audit page', async () => {
    await fetch(`${stack.url}api/audit/run`, { method: 'POST' });
    const { page, errors } = await open('audit');
    await expect.poll(() => page.getByRole('button', { name: 'Fix…' }).count()).toBeGreaterThan(0);
    const id = await page.locator('li.finding:has(button:text-is("Fix…"))').first().getAttribute('data-finding');
    const finding = page.locator(`li.finding[data-finding="${id}"]`);
    await finding.getByRole('button', { name: 'Fix…' }).click();
    await expect.poll(() => finding.locator('.preview').textContent()).toContain('→');
    stack.sim.control.clearRecords();
    await finding.getByRole('button', { name: 'Apply fix' }).click();
    await until(() => stack.sim.control.writes().length > 0, 'the fix to be written to the simulated app');
    const change = page.locator('ul.changes li').first();
    await expect.poll(() => change.textContent()).toContain('Fix');
    await expect.poll(() => finding.count()).toBe(0);

    const before = stack.sim.control.writes().length;
    await change.getByRole('button', { name: 'Roll back' }).click();
    await page.locator('dialog.confirm').getByRole('button', { name: 'Roll back' }).click();
    await until(() => stack.sim.control.writes().length > before, 'the rollback to be written');
    await expect.poll(() => page.locator('ul.changes li').first().textContent()).toContain('Rollback');
    await shot(page, 'audit-after-rollback');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('ingress', () => {
  it('the whole UI works under /api/hassio_ingress/<token>/ with live updates', async () => {
    const n = (await downloads()).length;
    expect(n).toBeGreaterThan(0);
    const { page, errors } = await open('downloads', proxy.url);
    await expect.poll(() => page.locator('li.dl').count()).toBe(n);
    await expect.poll(() => page.locator('.live').textContent()).toContain('Live');
    for (const route of ['overview', 'audit', 'settings']) {
      await page.goto(`${proxy.url}#/${route}`);
      await expect.poll(() => page.locator('main h1').textContent()).toBeTruthy();
    }
    expect(proxy.strays).toEqual([]);
    expect(proxy.forwarded).toContain('/api/events');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opened without the trailing slash, the injected <base> keeps every URL inside the prefix', async () => {
    const { page, errors } = await open('overview', proxy.url.replace(/\/$/, ''));
    await expect.poll(() => page.locator('.app').count()).toBe(4);
    expect(proxy.strays).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
