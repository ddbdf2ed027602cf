// Issue 12.1: what a stalled download's explanation (and the activity written about it) says AutoArr will do follows
// the automatic-recovery and dry-run switches, on the simulated stack, and changes the moment a switch is flipped.
// Issue 12.4: the activity names the movie, not the release.
import { afterEach, describe, expect, it } from 'vitest';
import type { Download } from '../../src/shared/types.js';
import { startMonitorHarness, type MonitorHarness } from './harness.js';

const MIN = 60_000;
const PROMISE = /removing it and searching/;
let h: MonitorHarness | undefined;
afterEach(async () => {
  await h?.close();
  await h?.sim.stop();
  h = undefined;
});

const stuck = (x: MonitorHarness) => x.monitor.view.list().find((d) => d.title.startsWith('Oppenheimer'))!;
/** The Oppenheimer row in the last downloads.updated the bus carried. */
const lastPublished = (x: MonitorHarness): Download | undefined =>
  x
    .named('downloads.updated')
    .at(-1)
    ?.downloads.find((d) => d.title.startsWith('Oppenheimer'));

describe('explanations follow the switches', () => {
  it('automatic recovery off, then dry run, then acting: each worded for the state, republished at once', async () => {
    h = await startMonitorHarness({ scenario: 'stalled', monitor: { autoRecovery: false } });
    await h.tick();
    await h.run(15 * MIN);
    const off = stuck(h);
    expect(off.state).toBe('stalled');
    expect(off.explanation).toMatch(/strike 3 of 3; would remove it and search again — automatic recovery is off$/);
    expect(lastPublished(h)!.explanation).toBe(off.explanation);
    // Nothing written about it while recovery is off promises a removal.
    const timeline = await h.monitor.view.timeline(off.id);
    expect(timeline.map((e) => e.action)).toContain('stalled');
    expect(JSON.stringify(timeline)).not.toMatch(PROMISE);
    // Messages name the movie, not the release (the entry's title field keeps the release name).
    const strikes = timeline.filter((e) => e.action === 'strike' || e.action === 'stalled');
    expect(strikes.length).toBeGreaterThanOrEqual(2);
    for (const e of strikes) {
      expect(e.message).toContain(off.media.label!);
      expect(e.message).not.toContain(off.title);
      expect(e.title).toBe(off.title);
    }
    expect(h.sim.control.writes()).toEqual([]);

    // Flipped without a poll: the next downloads.updated already carries the new wording.
    const before = h.named('downloads.updated').length;
    await h.ctx.runtime.set('dryRun', true);
    await h.ctx.runtime.set('autoRecovery', true);
    await expect.poll(() => lastPublished(h!)?.explanation).toMatch(/would remove it and search again — dry run is on/);
    expect(h.named('downloads.updated').length).toBeGreaterThan(before);
    expect(stuck(h).explanation).toMatch(/— dry run is on, so nothing is changed$/);

    await h.ctx.runtime.set('dryRun', false);
    await expect.poll(() => lastPublished(h!)?.explanation).toMatch(/strike 3 of 3; removing it and searching again$/);
    expect(h.sim.control.writes()).toEqual([]);
  }, 60_000);
});
