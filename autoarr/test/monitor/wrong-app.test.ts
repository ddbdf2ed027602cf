// Issue 16.2 in the monitor: with the Sonarr and Radarr URLs swapped, the stuck Radarr movie of the `stalled`
// scenario must not be removed or blocklisted through "Sonarr" (nor anything else written to either *arr): the
// instances are wrong_app, the monitor sees them as unavailable, and its outage guard holds.
import { afterEach, describe, expect, it } from 'vitest';
import { appHealthFeature } from '../../src/apps/health-feature.js';
import type { Feature } from '../../src/core/feature.js';
import { startSimStack } from '../../src/sim/index.js';
import { startMonitorHarness, type MonitorHarness } from './harness.js';

const MIN = 60_000;
let h: MonitorHarness | undefined;
let health: Feature | undefined;
afterEach(async () => {
  await h?.close();
  await health?.stop();
  await h?.sim.stop();
  h = undefined;
  health = undefined;
});

/** The harness on `stalled` with Sonarr's URL and key pointing at Radarr and the reverse (before any client exists). */
async function swappedHarness(withHealth: boolean): Promise<MonitorHarness> {
  const sim = await startSimStack({ speed: 0, scenario: 'stalled' });
  const x = await startMonitorHarness({ sim });
  const sonarr = x.ctx.apps.instance('sonarr')!;
  const radarr = x.ctx.apps.instance('radarr')!;
  Object.assign(sonarr, { url: sim.apps.radarr.url, apiKey: sim.apps.radarr.apiKey });
  Object.assign(radarr, { url: sim.apps.sonarr.url, apiKey: sim.apps.sonarr.apiKey });
  if (withHealth) {
    health = appHealthFeature(x.ctx, 3_600_000);
    await health.start();
    await x.ctx.apps.testAll();
  }
  return x;
}

const arrWrites = (x: MonitorHarness) => [
  ...x.sim.control.writes({ app: 'sonarr' }),
  ...x.sim.control.writes({ app: 'radarr' }),
];

describe('an *arr URL that reaches the other *arr, in the monitor', () => {
  it('with app health running: both are wrong_app from the first poll, and 30 min later nothing was written', async () => {
    h = await swappedHarness(true);
    await h.tick();
    expect(h.ctx.apps.status('sonarr')).toMatchObject({
      state: 'wrong_app',
      message: 'This URL is Radarr, not Sonarr — check SONARR_URL / the sonarr_url option',
    });
    await h.run(30 * MIN);
    expect(arrWrites(h)).toEqual([]);
    expect(h.named('download.recovering')).toEqual([]);
    // The movie Radarr is downloading is still there, untouched.
    expect(h.sim.control.state.downloads.some((d) => d.title.startsWith('Oppenheimer'))).toBe(true);
    // One activity entry per instance for the whole time, not one per poll.
    const entries = (await h.ctx.activity.list({ kind: 'system', pageSize: 100 })).items.filter((a) =>
      a.action.startsWith('app_'),
    );
    expect(entries.map((a) => `${a.instanceId} ${a.action}`).sort()).toEqual([
      'radarr app_wrong_app',
      'sonarr app_wrong_app',
    ]);
  });

  it('without the minute check: the first removal is checked first, refused, and nothing reaches either *arr', async () => {
    h = await swappedHarness(false);
    await h.run(30 * MIN);
    expect(arrWrites(h)).toEqual([]);
    expect(h.sim.control.state.downloads.some((d) => d.title.startsWith('Oppenheimer'))).toBe(true);
  });
});
