// Issue 12.4 in Chromium through an ingress prefix: a download's row opens its history grouped as detected, strikes,
// actions and outcome, with the evidence in words; the Activity page shows evidence in words too, never JSON or
// raw keys; messages name the movie, not the release. 1280 px light and 360 px dark, axe-core on the open history.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download } from '../../autoarr/src/shared/types.js';
import { seriousViolations } from './axe.js';
import { launchBrowser, watchErrors, type Page, type TestBrowser } from './browser.js';
import { startIngressProxy, type IngressProxy } from './ingress-proxy.js';
import { ensureWebBuilt, startStack, until, type Stack } from './stack.js';

const SCREENS = process.env.AUTOARR_SCREENS_DIR ?? path.resolve('test-artifacts/screenshots');
/** What raw evidence would look like on screen: JSON punctuation or the keys AutoArr stores it under. */
const RAW =
  /[{}]|"\w+":|\b(bytesLeft|refBytesLeft|sabSpeedBps|maxStrikes|strikeReason|failMessage|previousState|queueId|removeFromClient|downloadId|instanceId|true|false)\b/;
let stack: Stack;
let proxy: IngressProxy;
let tb: TestBrowser;
let recovered: Download;

const downloads = async () =>
  ((await (await fetch(`${stack.url}api/downloads`)).json()) as { items: Download[] }).items;

beforeAll(async () => {
  await ensureWebBuilt();
  fs.mkdirSync(SCREENS, { recursive: true });
  stack = await startStack({
    scenario: 'stalled',
    simTime: true,
    env: { AUTOARR_STALL_MINUTES: '1', AUTOARR_MAX_STRIKES: '2', AUTOARR_MIN_QUEUE_AGE_MINUTES: '0' },
  });
  // Sim time passes one minute per monitor poll until AutoArr has struck, removed and searched for a download.
  const acted = async () => (await downloads()).find((d) => d.recovery && d.app === 'radarr');
  for (let i = 0; i < 30 && !(await acted()); i++) {
    const polled = (await downloads()).map((d) => d.explanation).join();
    stack.sim.control.advance(60_000);
    await until(async () => (await downloads()).map((d) => d.explanation).join() !== polled, 'a poll', 5000).catch(
      () => undefined,
    );
  }
  recovered = await until(acted, 'AutoArr to recover a stalled movie', 20_000);
  proxy = await startIngressProxy(stack.url);
  tb = await launchBrowser();
}, 150_000);

afterAll(async () => {
  await tb?.close();
  await proxy?.close();
  await stack?.stop();
});

async function open(route: string, width: number, dark: boolean): Promise<{ page: Page; errors: string[] }> {
  const page = await tb.browser.newPage();
  await page.setViewportSize({ width, height: 860 });
  await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
  const errors = watchErrors(page);
  await page.goto(`${proxy.url}#/${route}`);
  await expect.poll(() => page.locator('.live').textContent()).toContain('Live');
  return { page, errors };
}

describe('a download’s history', () => {
  for (const [width, dark] of [
    [1280, false],
    [360, true],
  ] as const) {
    it(`opens from its row, grouped, evidence in words (${width} px, ${dark ? 'dark' : 'light'})`, async () => {
      const { page, errors } = await open('downloads', width, dark);
      const row = page.locator(`li.dl[data-id="${recovered.id}"]`);
      await expect.poll(() => row.count()).toBe(1);
      const button = row.getByRole('button', { name: 'History' });
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      await button.click();
      const history = row.locator('autoarr-download-timeline');
      await expect.poll(() => history.locator('section[data-group]').count()).toBeGreaterThanOrEqual(3);
      const groups = await history
        .locator('section[data-group]')
        .evaluateAll((s) => s.map((e) => e.getAttribute('data-group')));
      expect(groups.slice(0, 3)).toEqual(['detected', 'strikes', 'actions']);
      // Two strikes: the first has its own entry, the last is told by the "stalled" entry (one entry per strike).
      expect(await history.locator('section[data-group=strikes] li[data-action=strike]').count()).toBe(1);
      expect(await history.locator('section[data-group=detected] li[data-action=stalled]').count()).toBe(1);
      const actions = await history
        .locator('section[data-group=actions] li')
        .evaluateAll((l) => l.map((e) => e.getAttribute('data-action')));
      expect(actions).toEqual(expect.arrayContaining(['remove', 'search']));
      const text = (await history.evaluate((el) => el.shadowRoot!.textContent!)).replace(/\s+/g, ' ');
      expect(text).toContain('Strikes');
      expect(text).toMatch(/Left to download \d/);
      expect(text).not.toMatch(RAW);
      // The messages name the movie; the release name is the row's subtitle, not repeated in every line.
      expect(text).toContain(recovered.media.label!);
      expect(text).not.toContain(`No progress on ${recovered.title}`);
      expect(await row.getByRole('button', { name: 'Hide history' }).getAttribute('aria-expanded')).toBe('true');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({
        path: path.join(SCREENS, `download-history-${width}-${dark ? 'dark' : 'light'}.png`),
        fullPage: true,
      });
      // Closing keeps focus on the control.
      await row.getByRole('button', { name: 'Hide history' }).click();
      await expect.poll(() => history.count()).toBe(0);
      expect(
        await row
          .getByRole('button', { name: 'History' })
          .evaluate((b) => b === (b.getRootNode() as ShadowRoot).activeElement),
      ).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }
});

describe('Activity page', () => {
  it('shows evidence in words, never JSON or keys', async () => {
    const { page, errors } = await open('activity', 1280, false);
    const details = page.locator('li[data-kind] details');
    await expect.poll(() => details.count()).toBeGreaterThan(3);
    for (const d of (await details.all()).slice(0, 8)) await d.locator('summary').click();
    const shown = await page.locator('dl.evidence').allTextContents();
    expect(shown.length).toBeGreaterThan(3);
    for (const t of shown) expect(t).not.toMatch(RAW);
    expect(await page.locator('autoarr-activity pre').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
