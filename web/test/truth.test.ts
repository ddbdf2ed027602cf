// The UI tells the truth (issue 12), in Chromium through an ingress-style prefix, at 1280 and 360 px, light and dark,
// with axe-core finding no serious or critical problem: rows and a banner follow the automatic-recovery switch,
// "Replace" asks first and names what is thrown away, SABnzbd's pause / resume / speed limit work from the Overview,
// and an outage is shown as one (stale data kept, no false zeros, no HTTP codes) and ends within 2 s.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../../autoarr/src/app.js';
import { memoryLogger } from '../../autoarr/src/log/logger.js';
import type { Download, SettingsResponse } from '../../autoarr/src/shared/types.js';
import { seriousViolations } from './axe.js';
import { launchBrowser, watchErrors, type Page, type TestBrowser } from './browser.js';
import { startIngressProxy, type IngressProxy } from './ingress-proxy.js';
import { ensureWebBuilt, startStack, until, type Stack } from './stack.js';

const SCREENS = process.env.AUTOARR_SCREENS_DIR ?? path.resolve('test-artifacts/screenshots');
let stack: Stack;
let proxy: IngressProxy;
let tb: TestBrowser;
let restarted: AutoArr | undefined;

const api = async <T>(p: string, init?: RequestInit) => (await (await fetch(`${stack.url}api/${p}`, init)).json()) as T;
const downloads = async () => (await api<{ items: Download[] }>('downloads')).items;

beforeAll(async () => {
  await ensureWebBuilt();
  fs.mkdirSync(SCREENS, { recursive: true });
  stack = await startStack({
    scenario: 'stalled',
    simTime: true,
    env: {
      AUTOARR_AUTO_RECOVERY: 'false',
      AUTOARR_STALL_MINUTES: '1',
      AUTOARR_MAX_STRIKES: '1',
      AUTOARR_MIN_QUEUE_AGE_MINUTES: '0',
    },
  });
  // Sim time passes one minute per monitor poll until a download has used its strikes.
  for (let i = 0; i < 20 && !(await downloads()).some((d) => d.state === 'stalled' && d.strikes.count >= 1); i++) {
    const polled = (await downloads()).map((d) => d.explanation).join();
    stack.sim.control.advance(60_000);
    await until(async () => (await downloads()).map((d) => d.explanation).join() !== polled, 'a poll', 5000).catch(
      () => undefined,
    );
  }
  proxy = await startIngressProxy(stack.url);
  tb = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await tb?.close();
  await proxy?.close();
  await restarted?.stop();
  await stack?.stop();
});

async function open(
  route: string,
  o: { width?: number; dark?: boolean } = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await tb.browser.newPage();
  await page.setViewportSize({ width: o.width ?? 1280, height: 860 });
  await page.emulateMedia({ colorScheme: o.dark ? 'dark' : 'light' });
  const errors = watchErrors(page);
  await page.goto(`${proxy.url}#/${route}`);
  await expect.poll(() => page.locator('.live').textContent()).toContain('Live');
  return { page, errors };
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
/** The element that has keyboard focus, looking through shadow roots. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? `${el.tagName.toLowerCase()} ${el.textContent?.trim() ?? ''}` : '';
  });

describe('automatic recovery off', () => {
  it('the banner says so and rows say what AutoArr would do (1280 px, light)', async () => {
    const stuck = (await downloads()).find((d) => d.state === 'stalled')!;
    expect(stuck.explanation).toMatch(/would remove it and search again — automatic recovery is off$/);
    const { page, errors } = await open('overview');
    await expect.poll(() => page.getByTestId('recovery-off').textContent()).toContain('Automatic recovery is off.');
    const row = page.locator(`li.dl[data-id="${stuck.id}"]`);
    await expect
      .poll(() => row.locator('.why').textContent())
      .toContain('would remove it and search again — automatic recovery is off');
    expect(await page.locator('main').textContent()).not.toMatch(/removing it and searching/);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'overview-recovery-off-1280-light');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('Replace', () => {
  it('asks first, names what is thrown away, then removes and blocklists (360 px, dark)', async () => {
    const stuck = (await downloads()).find((d) => d.state === 'stalled' && (d.app === 'radarr' || d.app === 'sonarr'))!;
    const { page, errors } = await open('downloads', { width: 360, dark: true });
    const row = page.locator(`li.dl[data-id="${stuck.id}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await noSideways(page)).toBeLessThanOrEqual(360);
    expect(await row.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    // Only a download receiving data shows a speed.
    for (const state of ['queued', 'paused', 'stalled']) {
      for (const text of await page.locator(`li.dl[data-state="${state}"] .nums`).allTextContents()) {
        expect(text).not.toMatch(/\/s\b/);
      }
    }
    expect(await seriousViolations(page)).toEqual([]);

    stack.sim.control.clearRecords();
    await row.getByRole('button', { name: 'Replace…' }).click();
    const dialog = page.locator('dialog.confirm');
    await expect.poll(() => dialog.textContent()).toContain(stuck.media.label ?? stuck.title);
    expect(await dialog.textContent()).toMatch(/deletes what was downloaded, blocklists the release/);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'replace-confirm-360-dark');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(stack.sim.control.writes().filter((w) => w.method === 'DELETE')).toEqual([]);

    await row.getByRole('button', { name: 'Replace…' }).click();
    await dialog.getByRole('button', { name: 'Replace', exact: true }).click();
    const write = await until(
      () => stack.sim.control.writes().find((w) => w.app === stuck.app && w.method === 'DELETE'),
      'the removal in the *arr app',
    );
    expect(write.query.blocklist).toBe('true');
    await expect.poll(() => page.locator('.toast').first().textContent()).toContain(stuck.media.label ?? stuck.title);
    // Focus stays with the row's controls or the page, never falls back to <body>.
    await expect.poll(() => focused(page)).not.toMatch(/^body/);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('SABnzbd on the Overview', () => {
  it('pauses for a time, says so, resumes and limits speed, keeping focus on the control (1280 px, dark)', async () => {
    const { page, errors } = await open('overview', { dark: true });
    const panel = page.getByTestId('sabnzbd');
    await expect.poll(() => panel.count()).toBe(1);
    expect(await panel.locator('.badge').first().textContent()).toMatch(/Downloading|Idle/);

    stack.sim.control.clearRecords();
    await panel.locator('#pause-for').selectOption({ label: 'for 30 minutes' });
    await panel.getByRole('button', { name: 'Pause downloads' }).click();
    await expect.poll(() => panel.getByTestId('pause-text').textContent()).toMatch(/Paused for 30 minutes more/);
    expect(stack.sim.control.writes({ app: 'sabnzbd' }).map((w) => w.query)).toEqual([
      expect.objectContaining({ mode: 'config', name: 'set_pause', value: '30' }),
    ]);
    await expect.poll(() => page.getByTestId('speed').textContent()).toContain('Paused');
    await expect.poll(() => focused(page)).toMatch(/^button Resume downloads/);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'overview-sabnzbd-paused-1280-dark');

    await panel.getByRole('button', { name: 'Resume downloads' }).click();
    await expect.poll(() => panel.getByRole('button', { name: 'Pause downloads' }).count()).toBe(1);
    await expect.poll(() => focused(page)).toMatch(/^button Pause downloads/);

    await panel.locator('#limit').fill('40');
    await panel.getByRole('button', { name: 'Set limit' }).click();
    await expect.poll(() => panel.textContent()).toContain('40 % of the maximum line speed');
    const writes = stack.sim.control.writes({ app: 'sabnzbd' }).map((w) => w.query);
    expect(writes.at(-2)).toMatchObject({ mode: 'resume' });
    expect(writes.at(-1)).toMatchObject({ value: '40' });
    const log = await api<{ items: Array<{ message: string }> }>('activity?pageSize=3');
    expect(log.items.map((e) => e.message)).toContain(
      'SABnzbd limited to 40 % of its maximum line speed from the AutoArr page',
    );
    await panel.getByRole('button', { name: 'Remove limit' }).click();
    await expect.poll(() => panel.getByRole('button', { name: 'Remove limit' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

describe('AutoArr away', () => {
  it('shows an honest outage, keeps the last data without zeros or HTTP codes, and is back within 2 s', async () => {
    const { page } = await open('overview', { width: 360 });
    await expect.poll(() => page.getByTestId('queue').textContent()).toMatch(/\d+\s*items?/);
    const queueBefore = await page.getByTestId('queue').textContent();

    const port = stack.autoarr.port();
    const settings = { ...stack.autoarr.ctx.settings, port };
    await stack.autoarr.stop();
    const banner = page.getByTestId('outage');
    await expect.poll(() => banner.textContent()).toContain('AutoArr is not reachable (add-on or container stopped?)');
    expect(await page.locator('main').getAttribute('class')).toContain('stale');
    expect(await page.locator('main').evaluate((m) => (m as HTMLElement).inert)).toBe(true);
    expect(await page.getByTestId('queue').textContent()).toBe(queueBefore);
    expect(await page.locator('body').innerText()).not.toMatch(/\b(502|503|504)\b/);
    expect(await noSideways(page)).toBeLessThanOrEqual(360);
    await shot(page, 'overview-outage-360-light');

    restarted = await startAutoArr(settings, memoryLogger('error'));
    const back = Date.now();
    await expect.poll(() => page.locator('.live').textContent(), { timeout: 2_500, interval: 50 }).toContain('Live');
    expect(Date.now() - back).toBeLessThanOrEqual(2_500);
    await expect.poll(() => banner.count()).toBe(0);
    expect(await page.locator('main').evaluate((m) => (m as HTMLElement).inert)).toBe(false);

    // "Reconnect now" tries at once instead of waiting for the next retry.
    await restarted.stop();
    await expect.poll(() => banner.count()).toBe(1);
    restarted = await startAutoArr(settings, memoryLogger('error'));
    await banner.getByRole('button', { name: 'Reconnect now' }).click();
    await expect.poll(() => banner.count(), { timeout: 1_000, interval: 50 }).toBe(0);
    await page.close();
  }, 60_000);

  it('a page whose API calls fail shows words and "–", never zeros or HTTP codes', async () => {
    const page = await tb.browser.newPage();
    await page.setViewportSize({ width: 360, height: 780 });
    // What HA's ingress answers for a stopped add-on: a 502 that is not AutoArr's JSON.
    await page.route(new RegExp(`${proxy.prefix}/api/(?!events)`), (r) =>
      r.fulfill({ status: 502, contentType: 'text/plain', body: 'Bad Gateway' }),
    );
    await page.goto(`${proxy.url}#/overview`);
    await expect.poll(() => page.locator('[role=alert]').first().textContent()).toContain('AutoArr is not reachable');
    for (const id of ['speed', 'queue', 'attention', 'score'])
      expect((await page.getByTestId(id).textContent())?.trim()).toBe('–');
    expect(await page.locator('body').innerText()).not.toMatch(/\b(502|503|504)\b/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  }, 30_000);

  it('one click turns automatic recovery back on, and focus stays in the page', async () => {
    const page = await tb.browser.newPage();
    await page.goto(`${proxy.url}#/downloads`);
    const button = page.getByRole('button', { name: 'Turn automatic recovery on' });
    await button.click();
    await expect.poll(() => page.getByTestId('recovery-off').count()).toBe(0);
    const s = await (await fetch(`http://127.0.0.1:${restarted!.port()}/api/settings`)).json();
    expect((s as SettingsResponse).runtime.autoRecovery).toBe(true);
    await expect.poll(() => focused(page)).toMatch(/^main/);
    await page.close();
  }, 30_000);
});
