// "Why is this stuck?" on the Downloads page and "Explain this finding" on the Audit page (issue 13.3), in a real
// Chromium through an ingress-style prefix, at 1280 px light and 360 px dark, with axe-core finding no serious or
// critical problem: a problem row or a finding offers the button, the answer opens under it saying who wrote it, and
// when the LLM (an OpenAI-compatible fake on loopback, set with LLM_BASE_URL) is rate-limiting, AutoArr's own text is
// shown with a note saying so and when the LLM will be asked again; until then the LLM is not asked at all.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditFinding, AuditReport, Download } from '../../autoarr/src/shared/types.js';
import { startFakeLlm, type FakeLlm } from '../../autoarr/test/request/fake-llm.js';
import { seriousViolations } from './axe.js';
import { launchBrowser, screenshotDir, watchErrors, type Page, type TestBrowser } from './browser.js';
import { startIngressProxy, type IngressProxy } from './ingress-proxy.js';
import { ensureWebBuilt, startStack, until, type Stack } from './stack.js';

const LLM_TEXT = 'Sonarr already has this episode in the same quality, so it will not swap the file.';
const FINDING_TEXT = 'This setting makes your app slower to react; AutoArr can set it back for you.';
let stack: Stack;
let proxy: IngressProxy;
let tb: TestBrowser;
let fake: FakeLlm;
let blocked: Download[];
let findings: AuditFinding[];

const downloads = async () =>
  ((await (await fetch(`${stack.url}api/downloads`)).json()) as { items: Download[] }).items;

beforeAll(async () => {
  await ensureWebBuilt();
  fake = await startFakeLlm();
  // A finding's facts have a "check"; a download's do not.
  fake.answer = (user) => (user.includes('"check"') ? FINDING_TEXT : LLM_TEXT);
  stack = await startStack({
    scenario: 'import_blocked',
    env: { LLM_BASE_URL: `${fake.url}/v1`, LLM_API_KEY: 'llm-key-web-0123456789', AUTOARR_LLM_TIMEOUT_SECONDS: '5' },
  });
  blocked = await until(async () => {
    const list = (await downloads()).filter((d) => d.state === 'import_blocked');
    return list.length >= 2 ? list : undefined;
  }, 'two downloads Sonarr/Radarr cannot import');
  await fetch(`${stack.url}api/audit/run`, { method: 'POST' });
  // Findings shown unfolded (suggestions sit in a closed <details>).
  findings = (((await (await fetch(`${stack.url}api/audit`)).json()) as AuditReport).run?.findings ?? []).filter(
    (f) => f.severity !== 'info',
  );
  expect(findings.length).toBeGreaterThanOrEqual(2);
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

async function open(
  o: { width?: number; dark?: boolean; route?: 'downloads' | 'audit' } = {},
): Promise<{ page: Page; errors: string[] }> {
  const page = await tb.browser.newPage();
  await page.setViewportSize({ width: o.width ?? 1280, height: 860 });
  await page.emulateMedia({ colorScheme: o.dark ? 'dark' : 'light' });
  const errors = watchErrors(page);
  await page.goto(`${proxy.url}#/${o.route ?? 'downloads'}`);
  await expect.poll(() => page.locator('.live').textContent(), WAIT).toContain('Live');
  await expect.poll(() => page.locator('h1').textContent(), WAIT).toBe(o.route === 'audit' ? 'Audit' : 'Downloads');
  return { page, errors };
}

const row = (page: Page, d: Download) => page.locator(`li.dl[data-id="${d.id}"]`);
const card = (page: Page, f: AuditFinding) => page.locator(`li.finding[data-finding="${f.id}"]`);
const llmName = () => `The LLM at 127.0.0.1:${new URL(fake.url).port}`;
// The note while the LLM is held back: the time is AutoArr's clock (real here), so only its shape is known.
const heldBack = (tense: 'is' | 'was', inWords: string) =>
  new RegExp(
    `${llmName().replace(/\./g, '\\.')} could not write this explanation \\(it ${tense} rate-limiting requests, so AutoArr will not ask it again before \\d\\d:\\d\\d:\\d\\d UTC \\(in ${inWords}\\)\\); this is AutoArr's own\\.`,
  );
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
});

describe('Explain this finding (Audit page)', () => {
  it('opens the LLM’s explanation under the finding, says who wrote it, and closes again (1280 px, light)', async () => {
    fake.mode = 'ok';
    fake.received.length = 0;
    const { page, errors } = await open({ route: 'audit' });
    const f = findings[0]!;
    const item = card(page, f);
    await expect.poll(() => item.count(), WAIT).toBe(1);
    // Every finding on the page offers it, folded suggestions too.
    expect(await page.locator('li.finding button[data-act="why"]').count()).toBe(
      await page.locator('li.finding').count(),
    );
    const button = item.getByRole('button', { name: 'Explain this finding' });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await button.click();
    const panel = item.locator('section.why-panel');
    await expect.poll(() => panel.textContent(), WAIT).toContain(FINDING_TEXT);
    expect(await panel.getAttribute('aria-label')).toBe(`What "${f.title}" means`);
    const text = (await panel.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(`Written by ${llmName()} from what AutoArr knows; check it against the finding above.`);
    expect(text).not.toContain(LLM_TEXT);
    expect(await item.getByRole('button', { name: 'Hide explanation' }).getAttribute('aria-expanded')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'audit-explain-llm-1280-light');

    // What went to the LLM: the finding's facts, no app key or address, no id, not the LLM key.
    expect(fake.received).toHaveLength(1);
    const sent = fake.received[0]!.body;
    expect(sent).toContain(f.title);
    for (const app of Object.values(stack.sim.apps)) {
      expect(sent).not.toContain(app.apiKey);
      expect(sent).not.toContain(app.url);
    }
    expect(sent).not.toContain(f.id);
    expect(sent).not.toContain('llm-key-web-0123456789');

    await item.getByRole('button', { name: 'Hide explanation' }).click();
    await expect.poll(() => panel.count(), WAIT).toBe(0);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});

// Last: after the rate limit the LLM is held back for the rest of this AutoArr's life (its clock is real).
describe('after a rate limit', () => {
  it('shows AutoArr’s own explanation with a note when the LLM is rate-limiting (360 px, dark)', async () => {
    fake.mode = 'rate_limited';
    fake.rateLimitHeaders = { 'retry-after': '600' };
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
      expect(text).toMatch(heldBack('is', '10 min'));
      expect(text).not.toContain(LLM_TEXT);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      expect(await seriousViolations(page)).toEqual([]);
      await shot(page, 'downloads-why-fallback-360-dark');
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      fake.mode = 'ok';
      fake.rateLimitHeaders = {};
    }
  }, 60_000);

  it('explains a finding in AutoArr’s own words without asking the LLM, saying when it will (360 px, dark)', async () => {
    fake.mode = 'ok';
    fake.received.length = 0;
    const { page, errors } = await open({ route: 'audit', width: 360, dark: true });
    // Not the finding explained above: the LLM's answer for that one is kept for a while.
    const f = findings[1]!;
    const item = card(page, f);
    await expect.poll(() => item.count(), WAIT).toBe(1);
    await item.getByRole('button', { name: 'Explain this finding' }).click();
    const panel = item.locator('section.why-panel');
    await expect.poll(() => panel.locator('.tone-warn').count(), WAIT).toBe(1);
    const text = (await panel.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(`Why it matters: ${f.why.replace(/\s+/g, ' ')}`);
    expect(text).toContain("AutoArr's own explanation.");
    expect(text).toMatch(heldBack('was', '(9|10) min'));
    expect(text).not.toContain(FINDING_TEXT);
    expect(fake.received).toHaveLength(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'audit-explain-held-back-360-dark');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
