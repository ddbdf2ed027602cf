// The request box (issue 13.4) in a real Chromium through an ingress-style prefix, at 1280 and 360 px, light and
// dark, with axe-core finding no serious or critical problem: a preview says what, where, root folder, profile and
// search now, and the simulated Radarr changes only after Confirm; Cancel changes nothing; ambiguous titles come
// back as choices with year and summary; "already in library" and "already downloading" are said as such; a dry
// run is said before and after Confirm; a refused key and an app that is down are explained with what to do.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import { launchBrowser, screenshotDir, watchErrors, type Page, type TestBrowser } from './browser.js';
import { startIngressProxy, type IngressProxy } from './ingress-proxy.js';
import { ensureWebBuilt, startStack, type Stack } from './stack.js';

let stack: Stack;
let proxy: IngressProxy;
let tb: TestBrowser;

beforeAll(async () => {
  await ensureWebBuilt();
  stack = await startStack({ scenario: 'demo' });
  proxy = await startIngressProxy(stack.url);
  tb = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await tb?.close();
  await proxy?.close();
  await stack?.stop();
});

/** Lookups go to the simulated apps (retries and timeouts included when one is down): allow for a busy machine. */
const WAIT = { timeout: 20_000 };

async function open(o: { width?: number; dark?: boolean } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await tb.browser.newPage();
  await page.setViewportSize({ width: o.width ?? 1280, height: 860 });
  await page.emulateMedia({ colorScheme: o.dark ? 'dark' : 'light' });
  const errors = watchErrors(page);
  await page.goto(`${proxy.url}#/overview`);
  await expect.poll(() => page.locator('.live').textContent(), WAIT).toContain('Live');
  // Found from the navigation, like a person would.
  await page.getByRole('link', { name: 'Request', exact: true }).click();
  await expect.poll(() => page.locator('h1').textContent(), WAIT).toBe('Request');
  return { page, errors };
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshotDir(), `${name}.png`), fullPage: true });
const result = (page: Page) => page.locator('section.result');

async function ask(page: Page, text: string): Promise<void> {
  await page.getByLabel('What would you like to watch?').fill(text);
  await page.getByRole('button', { name: 'Look it up' }).click();
}

const movies = () => stack.sim.control.state.movies.map((m) => m.title);
const radarrWrites = () => stack.sim.control.writes({ app: 'radarr' });

describe('the request box', () => {
  it('previews where a movie goes, changes nothing on Cancel, and adds it only after Confirm (1280 px, light)', async () => {
    const { page, errors } = await open();
    expect(proxy.strays).toEqual([]);
    stack.sim.control.clearRecords();
    await ask(page, 'add interstellar');
    await expect.poll(() => result(page).getAttribute('data-outcome'), WAIT).toBe('preview');
    const text = (await result(page).textContent())!;
    expect(text).toContain('Add this?');
    expect(text).toContain('Add Interstellar (2014) to Radarr, root /movies, profile HD-1080p, search now?');
    const plan = (await result(page).locator('dl.plan').innerText()).replace(/\s+/g, ' ');
    expect(plan).toContain('Title Interstellar (2014)');
    expect(plan).toContain('Where Radarr (movies)');
    expect(plan).toContain('Root folder /movies');
    expect(plan).toContain('Quality profile HD-1080p');
    expect(plan).toContain('Search now Yes, right after adding');
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'request-preview-1280-light');
    expect(radarrWrites()).toEqual([]);

    await result(page).getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => result(page).count(), WAIT).toBe(0);
    expect(radarrWrites()).toEqual([]);
    expect(movies()).not.toContain('Interstellar');

    await page.getByRole('button', { name: 'Look it up' }).click();
    await expect.poll(() => result(page).getAttribute('data-outcome'), WAIT).toBe('preview');
    expect(movies()).not.toContain('Interstellar');
    await result(page).getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => result(page).getAttribute('data-outcome'), WAIT).toBe('done');
    expect(await result(page).textContent()).toContain('Added Interstellar (2014) to Radarr and started a search.');
    expect(movies()).toContain('Interstellar');
    expect(stack.sim.control.state.commands.some((c) => c.name === 'MoviesSearch')).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    expect(proxy.strays).toEqual([]);
    await page.close();
  }, 60_000);

  it('asks which title when two fit, with year and summary, and previews the one picked (360 px, dark)', async () => {
    const { page, errors } = await open({ width: 360, dark: true });
    await ask(page, 'add dune');
    await expect.poll(() => result(page).getAttribute('data-outcome'), WAIT).toBe('question');
    expect(await result(page).locator('h2').textContent()).toBe('More than one title fits');
    const options = result(page).locator('button.option');
    expect(await options.count()).toBe(2);
    const older = options.filter({ hasText: '(1984)' });
    expect(await older.textContent()).toContain('David Lynch’s adaptation');
    expect(await older.textContent()).toContain('Movie');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, 'request-question-360-dark');
    await older.click();
    await expect.poll(() => result(page).getAttribute('data-outcome'), WAIT).toBe('preview');
    expect(await result(page).textContent()).toContain('Add Dune (1984) to Radarr');
    expect(await result(page).getByRole('button', { name: 'Confirm' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(movies().filter((t) => t === 'Dune')).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('says a title is already in the library or already downloading, with nothing to confirm (360 px, light)', async () => {
    const { page, errors } = await open({ width: 360 });
    await ask(page, 'get me dune part two');
    await expect.poll(() => result(page).getAttribute('data-outcome'), WAIT).toBe('exists');
    expect(await result(page).locator('h2').textContent()).toBe('Already in your library');
    expect(await result(page).textContent()).toContain('Dune: Part Two (2024) is already in Radarr and on disk.');
    expect(await result(page).getByRole('button', { name: 'Confirm' }).count()).toBe(0);

    await ask(page, 'add oppenheimer');
    await expect.poll(() => result(page).getAttribute('data-outcome'), WAIT).toBe('downloading');
    expect(await result(page).locator('h2').textContent()).toBe('Already downloading');
    expect(await result(page).textContent()).toMatch(/Oppenheimer \(2023\) is already downloading in Radarr/);
    expect(await result(page).getByRole('button', { name: 'Confirm' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('in dry run says so before and after Confirm, and changes nothing (1280 px, dark)', async () => {
    await stack.autoarr.ctx.runtime.set('dryRun', true);
    try {
      const { page, errors } = await open({ dark: true });
      stack.sim.control.clearRecords();
      await ask(page, 'add the movie whiplash');
      await expect.poll(() => result(page).getAttribute('data-outcome'), WAIT).toBe('preview');
      expect(await result(page).locator('.badge').filter({ hasText: 'Dry run' }).count()).toBe(1);
      expect(await result(page).textContent()).toContain(
        'Dry run is on: confirming will only record what would be done.',
      );
      expect(await seriousViolations(page)).toEqual([]);
      await result(page).getByRole('button', { name: 'Confirm (dry run)' }).click();
      await expect.poll(() => result(page).getAttribute('data-outcome'), WAIT).toBe('done');
      expect(await result(page).locator('h2').textContent()).toBe('Dry run: nothing was changed');
      expect(await result(page).textContent()).toContain(
        'Dry run is on, so nothing was changed. AutoArr would add Whiplash (2014) to Radarr.',
      );
      expect(radarrWrites()).toEqual([]);
      expect(movies()).not.toContain('Whiplash');
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await stack.autoarr.ctx.runtime.set('dryRun', false);
    }
  }, 60_000);

  it('explains a refused key and an app that is down, with what to do (1280 px, light)', async () => {
    const { page, errors } = await open();
    await stack.sim.control.setAppMode('radarr', 'bad_key');
    try {
      await ask(page, 'add the movie heat');
      await expect.poll(() => result(page).getAttribute('data-outcome'), WAIT).toBe('unavailable');
      const refused = (await result(page).textContent())!;
      expect(refused).toContain('AutoArr could not look it up');
      expect(refused).toContain('Radarr rejected the API key: copy it from Settings → General → Security');
      expect(refused).not.toMatch(/HTTP|401|undefined/);
      await stack.sim.control.setAppMode('radarr', 'down');
      await ask(page, 'add the movie heat');
      await expect
        .poll(() => result(page).textContent(), WAIT)
        .toContain('Radarr could not be reached, so nothing was looked up. Check that it is running, then ask again.');
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await stack.sim.control.setAppMode('radarr', 'ok');
    }
    // The API's own console errors (none expected: these are answers, not failures).
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);
});
