// Issues 16.2 and 17.4 in a real Chromium: with the Sonarr and Radarr URLs swapped and SABnzbd paused for low disk,
// the Connections page says which app answered and what to fix, and that SABnzbd needs attention, in its figures;
// the Overview headline counts them. Nothing was written to either *arr.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppInfo } from '../../autoarr/src/shared/types.js';
import { settingsForSim } from '../../autoarr/src/sim/index.js';
import { launchBrowser, watchErrors, type TestBrowser } from './browser.js';
import { ensureWebBuilt, startStack, until, type Stack } from './stack.js';

let stack: Stack;
let tb: TestBrowser;

beforeAll(async () => {
  await ensureWebBuilt();
  stack = await startStack({
    scenario: 'low_disk_pause',
    instances: (sim) =>
      settingsForSim(sim).map((i) => {
        const other = i.app === 'sonarr' ? sim.apps.radarr : i.app === 'radarr' ? sim.apps.sonarr : undefined;
        return other ? { ...i, url: other.url, apiKey: other.apiKey } : i;
      }),
  });
  await until(async () => {
    const apps = (await (await fetch(`${stack.url}api/apps`)).json()) as AppInfo[];
    return apps.every((a) => a.state !== 'unknown');
  }, 'the first connection checks');
  tb = await launchBrowser();
}, 90_000);

afterAll(async () => {
  await tb?.close();
  await stack?.stop();
});

it('Connections shows the wrong app and SABnzbd paused for low disk, with what to do', async () => {
  const page = await tb.browser.newPage();
  const errors = watchErrors(page);
  await page.goto(`${stack.url}#/connections`);
  const card = (id: string) => page.locator(`li.card[data-app="${id}"]`);
  await expect.poll(() => card('sonarr').textContent()).toContain('Wrong app at this URL');
  const sonarr = (await card('sonarr').textContent())!;
  expect(sonarr).toContain('This URL is Radarr, not Sonarr — check SONARR_URL / the sonarr_url option');
  expect(sonarr).toContain('AutoArr changes nothing there until it does');
  expect(await card('radarr').textContent()).toContain('This URL is Sonarr, not Radarr');
  const sab = (await card('sabnzbd').textContent())!;
  expect(sab).toContain('Needs attention');
  expect(sab).toContain('SABnzbd paused: low disk space (0.31 GB free, needs 500 MB)');
  expect(await card('plex').textContent()).toContain('Connected');

  await page.goto(`${stack.url}#/`);
  await expect.poll(() => page.locator('h1 + p').textContent()).toBe('3 apps need a look');
  expect(errors).toEqual([]);
  expect([...stack.sim.control.writes({ app: 'sonarr' }), ...stack.sim.control.writes({ app: 'radarr' })]).toEqual([]);
  await page.close();
});
