// Protected tags resolved from Radarr: the stalled movie carries Radarr tag "keep" (tag id 1 on the movie), so
// with protected_tags=[keep] it is detected and explained but never removed or searched.
import { afterEach, describe, expect, it } from 'vitest';
import { startMonitorHarness, type MonitorHarness } from './harness.js';

const MIN = 60_000;
let h: MonitorHarness | undefined;
afterEach(async () => {
  await h?.close();
  await h?.sim.stop();
  h = undefined;
});

const tagReads = (x: MonitorHarness) =>
  x.sim.control.requests({ app: 'radarr' }).filter((r) => r.method === 'GET' && r.path === '/api/v3/tag');

describe('protected *arr tags', () => {
  it('detects a stalled download of a movie tagged "keep" but never removes it, and says which tag', async () => {
    h = await startMonitorHarness({ scenario: 'stalled', monitor: { protectedTags: ['KEEP'] } });
    await h.run(30 * MIN, MIN);
    expect(h.named('download.stalled')).toHaveLength(1);
    const d = h.monitor.view.list().find((x) => x.title.startsWith('Oppenheimer'))!;
    expect(d.state).toBe('stalled');
    expect(d.hold).toBe('tag "keep" is protected');
    expect(d.explanation).toContain('not recovered automatically: tag "keep" is protected');
    // No DELETE (queue removal) and no search command: the apps receive no write at all.
    expect(h.sim.control.writes()).toEqual([]);
    const acts = (await h.ctx.activity.list()).items;
    expect(acts.filter((e) => e.action === 'stalled')).toHaveLength(1);
    expect(acts.some((e) => e.action === 'removed' || e.action === 'search')).toBe(false);
    // Tag names are cached: 30 one-minute polls read GET /api/v3/tag once per 10 minutes, not every tick.
    expect(tagReads(h).length).toBeGreaterThanOrEqual(1);
    expect(tagReads(h).length).toBeLessThanOrEqual(4);
  });

  it('without the tag in protected_tags the same download is removed and searched again', async () => {
    h = await startMonitorHarness({ scenario: 'stalled', monitor: { protectedTags: ['4k'] } });
    await h.run(30 * MIN, MIN);
    const d = h.monitor.view.list().find((x) => x.title.startsWith('Oppenheimer'))!;
    expect(d.hold).toBeUndefined();
    expect(h.sim.control.writes({ app: 'radarr' }).some((w) => w.method === 'DELETE')).toBe(true);
  });
});
