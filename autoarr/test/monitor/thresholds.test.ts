// Issue 14.1: the thresholds are read through ctx.thresholds (core/thresholds.ts), not written into
// ctx.settings.monitor. A change reaches the rules at once and drops the view's cache, so no download keeps an old
// strikes.max, and the next poll sends the new figures to every surface (downloads.updated).
import { afterEach, describe, expect, it } from 'vitest';
import { startMonitorHarness, type MonitorHarness } from './harness.js';

const MIN = 60_000;
let h: MonitorHarness | undefined;
afterEach(async () => {
  await h?.close();
  await h?.sim.stop();
  h = undefined;
});

const oppenheimer = (x: MonitorHarness) => x.monitor.view.list().find((d) => d.title.startsWith('Oppenheimer'))!;

describe('thresholds changed at run time', () => {
  it('reach the view and the rules at once, and leave the options alone', async () => {
    h = await startMonitorHarness({ scenario: 'stalled', monitor: { maxStrikes: 3, stallMinutes: 15 } });
    await h.run(2 * MIN, MIN);
    expect(oppenheimer(h).strikes.max).toBe(3);

    await h.ctx.thresholds.set({ maxStrikes: 20, stallMinutes: 600 });
    expect(oppenheimer(h).strikes.max).toBe(20);
    expect(h.monitor.view.get(oppenheimer(h).id)!.strikes.max).toBe(20);
    expect(h.ctx.settings.monitor).toMatchObject({ maxStrikes: 3, stallMinutes: 15 });

    // The next poll publishes the new figure even though no download changed.
    const before = h.named('downloads.updated').length;
    await h.tick();
    const after = h.named('downloads.updated');
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)!.downloads.find((d) => d.title.startsWith('Oppenheimer'))!.strikes.max).toBe(20);

    // With 15 minutes and 3 strikes the stalled movie is recovered within 20 minutes (test/monitor/restart.test.ts);
    // with the new thresholds the rules give it ten hours.
    await h.run(30 * MIN, MIN);
    expect(h.named('download.recovering')).toHaveLength(0);
    expect(h.sim.control.writes({ app: 'radarr' })).toEqual([]);
  });

  it('the old thresholds recover the same download in that time (the check above can fail)', async () => {
    h = await startMonitorHarness({ scenario: 'stalled', monitor: { maxStrikes: 3, stallMinutes: 15 } });
    await h.run(32 * MIN, MIN);
    expect(h.named('download.recovering')).toHaveLength(1);
  });
});
