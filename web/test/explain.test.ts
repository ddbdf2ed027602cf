// "Why is this stuck?" on the Downloads page (issue 13.3), in a real Chromium through an ingress-style prefix, at
// 1280 px light and 360 px dark, with axe-core finding no serious or critical problem: a problem row offers the
// button, the answer opens under the row saying who wrote it, and when the LLM (an OpenAI-compatible fake on
// loopback, set with LLM_BASE_URL) is rate-limiting, AutoArr's own text is shown with a note saying so.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Download } from '../../autoarr/src/shared/types.js';
import { startFakeLlm, type FakeLlm } from '../../autoarr/test/request/fake-llm.js';
import { seriousViolations } from './axe.js';
import { launchBrowser, screenshotDir, watchErrors, type Page, type TestBrowser } from './browser.js';
import { startIngressProxy, type IngressProxy } from './ingress-proxy.js';
import { ensureWebBuilt, startStack, until, type Stack } from './stack.js';

const LLM_TEXT = 'Sonarr already has this episode in the same quality, so it will not swap the file.';
let stack: Stack;
let proxy: IngressProxy;
let tb: TestBrowser;
let fake: FakeLlm;
let blocked: Download[];

const downloads = async () =>
  ((await (await fetch(`${stack.url}api/downloads`)).json()) as { items: Download[] }).items;

beforeAll(async () => {
  await ensureWebBuilt();
  fake = await startFakeLlm();
  fake.answer = () => LLM_TEXT;
  stack = await startStack({
    scenario: 'import_blocked',
    env: { LLM_BASE_URL: `${fake.url}/v1`, LLM_API_KEY: 'llm-key-web-0123456789', AUTOARR_LLM_TIMEOUT_SECONDS: '5' },
  });
  blocked = await until(async () => {
    const list = (await downloads()).filter((d) => d.state === 'import_blocked');
    return list.length >= 2 ? list : undefined;
  }, 'two downloads Sonarr/Radarr cannot import');
  proxy = await startIngressProxy(stack.url);
  tb = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await tb?.close();
  await proxy?.close();
  await stack?.stop();
  await fake?.close();
});

const WAIT = { timeout: 20_000 };

async function open(o: { width?: number; dark?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await tb.browser.newPage();
  await page.setViewportSize({ width: o.width ?? 1280, height: 860 });
  await page.emulateMedia({ colorScheme: o.dark ? 'dark' : 'light' });
  const errors = watchErrors(page);
  await page.goto(`${proxy.url}#/downloads`);
  await expect.poll(() => page.locator('.live').textContent(), WAIT).toContain('Live');
  await expect.poll(() => page.locator('h1').textContent(), WAIT).toBe('Downloads');
  return { page, errors };
}

const row = (page: Page, d: Download) => page.locator(`li.dl[data-id="${d.id}"]`);
const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshotDir(), `${name}.png`), fullPage: true });

describe('Why is this stuck?', () => {
  it('opens the LLM’s explanation under a problem row, says who wrote it, and closes again (1280 px, light)', async () => {
    fake.mode = 'ok';
    fake.received.length = 0;
    const { page, errors } = await open();
    // Only problem rows offer it.
    const rows = await page.locator('li.dl').count();
    const offered = await page.getByRole('button', { name: 'Why is this stuck?' }).count();
    expect(offered).toBe(
      (await downloads()).filter((d) => ['stalled', 'failed', 'import_blocked', 'recovering'].includes(d.state)).length,
    );
    expect(offered).toBeLessThan(rows);

    const item = row(page, blocked[0]!);
    const button = item.getByRole('button', { name: 'Why is this stuck?' });
    await button.click();
    const panel = item.locator('section.why-panel');
    await expect.poll(() => panel.textContent(), WAIT).toContain(LLM_TEXT);
    const text = (await panel.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(
      `Written by The LLM at 127.0.0.1:${new URL(fake.url).port} from what AutoArr knows; check it against the row above.`,
    );
    expect(await item.getByRole('button', { name: 'Hide explanation' }).getAttribute('aria-expanded')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'downloads-why-llm-1280-light');

    // What went to the LLM: the facts, no app key or address, not the LLM key in the body.
    expect(fake.received).toHaveLength(1);
    const sent = fake.received[0]!.body;
    expect(sent).toContain('cannot be imported');
    for (const app of Object.values(stack.sim.apps)) {
      expect(sent).not.toContain(app.apiKey);
      expect(sent).not.toContain(app.url);
    }
    expect(sent).not.toContain('llm-key-web-0123456789');

    await item.getByRole('button', { name: 'Hide explanation' }).click();
    await expect.poll(() => panel.count(), WAIT).toBe(0);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('shows AutoArr’s own explanation with a note when the LLM is rate-limiting (360 px, dark)', async () => {
    fake.mode = 'rate_limited';
    try {
      const { page, errors } = await open({ width: 360, dark: true });
      const d = blocked[1]!;
      const item = row(page, d);
      await item.getByRole('button', { name: 'Why is this stuck?' }).click();
      const panel = item.locator('section.why-panel');
      await expect.poll(() => panel.locator('.tone-warn').count(), WAIT).toBe(1);
      const text = (await panel.innerText()).replace(/\s+/g, ' ');
      expect(text).toContain(
        `in ${d.app === 'radarr' ? 'Radarr' : 'Sonarr'} is downloaded, but it cannot be imported.`,
      );
      expect(text).toContain("AutoArr's own explanation.");
      expect(text).toContain(
        `The LLM at 127.0.0.1:${new URL(fake.url).port} could not write this explanation (it is rate-limiting requests right now; try again in a minute); this is AutoArr's own.`,
      );
      expect(text).not.toContain(LLM_TEXT);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, 'downloads-why-fallback-360-dark');
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      fake.mode = 'ok';
    }
  }, 60_000);
});
