// Safety: dry run, automatic recovery off, the removal cap, backoff between searches and giving up.
import { afterEach, describe, expect, it } from 'vitest';
import { startMonitorHarness, type MonitorHarness } from './harness.js';

const MIN = 60_000;
let h: MonitorHarness | undefined;
afterEach(async () => {
  await h?.close();
  await h?.sim.stop();
  h = undefined;
});

const searches = (x: MonitorHarness) =>
  x.sim.control
    .writes({ app: 'radarr' })
    .filter((w) => w.method === 'POST' && (w.body as { name?: string }).name === 'MoviesSearch');

describe('safety switches (R23, R26)', () => {
  it('dry run detects and explains, and the apps receive no write at all', async () => {
    h = await startMonitorHarness({ scenario: 'stalled' });
    await h.ctx.runtime.set('dryRun', true);
    await h.run(30 * MIN, MIN);
    expect(h.named('download.stalled')).toHaveLength(1);
    expect(h.sim.control.writes()).toEqual([]);
    const dry = (await h.ctx.activity.list({ kind: 'detect' })).items.filter((e) => e.action === 'dry_run');
    expect(dry).toHaveLength(1); // logged once, not every poll
    expect(dry[0]!.dryRun).toBe(true);
    expect(dry[0]!.message).toMatch(
      /^\[dry run\] Would remove Oppenheimer.* from Radarr's queue and the download client, blocklist it, then search Radarr for Oppenheimer \(2023\)/,
    );
  });

  it('automatic recovery off: reports once, acts on a person’s retry', async () => {
    h = await startMonitorHarness({ scenario: 'stalled' });
    await h.ctx.runtime.set('autoRecovery', false);
    await h.run(30 * MIN, MIN);
    expect(h.sim.control.writes()).toEqual([]);
    const skipped = (await h.ctx.activity.list()).items.filter((e) => e.action === 'skipped');
    expect(skipped.map((e) => e.message)).toEqual([expect.stringContaining('automatic recovery is switched off')]);

    const id = h.monitor.view.list({ state: 'stalled' })[0]!.id;
    const r = await h.ctx.commands.run('download.retry', { id, by: 'test' });
    expect(r.ok).toBe(true);
    expect(searches(h)).toHaveLength(1);
    expect(h.monitor.view.get(id)!.state).toBe('recovering');
  });

  it('stops at the hourly removal cap', async () => {
    h = await startMonitorHarness({ scenario: 'stalled', monitor: { maxRemovalsPerHour: 0 } });
    await h.run(30 * MIN, MIN);
    expect(h.sim.control.writes()).toEqual([]);
    const skipped = (await h.ctx.activity.list()).items.filter((e) => e.action === 'skipped');
    expect(skipped[0]!.message).toContain('the limit of 0 removals per hour is reached');
  });

  it('never acts on an ignored download', async () => {
    h = await startMonitorHarness({ scenario: 'stalled' });
    await h.tick();
    const id = h.monitor.view.list().find((d) => d.title.startsWith('Oppenheimer'))!.id;
    expect((await h.ctx.commands.run('download.ignore', { id, ignored: true, by: 'test' })).ok).toBe(true);
    await h.run(30 * MIN, MIN);
    expect(h.monitor.view.get(id)).toMatchObject({ state: 'stalled', ignored: true });
    expect(h.sim.control.writes()).toEqual([]);
  });

  it('waits longer after each search and gives up after the maximum attempts', async () => {
    h = await startMonitorHarness({ scenario: 'stalled', monitor: { maxRecoveryAttempts: 2 } });
    await h.tick();
    const d = h.monitor.view.list().find((x) => x.title.startsWith('Oppenheimer'))!;
    // Test set-up: nothing else can be found for this movie, so every search comes back empty.
    h.sim.control.state.movies.find((m) => m.id === d.media.movieId)!.monitored = false;
    await h.run(15 * MIN, MIN);
    expect(searches(h)).toHaveLength(1);
    expect(h.monitor.view.get(d.id)!.recovery!.nextAttemptAt).toBeDefined();
    // Cooldown: the first wait is stallMinutes (15 min); nothing happens before it ends.
    await h.run(14 * MIN, MIN);
    expect(searches(h)).toHaveLength(1);
    await h.run(2 * MIN, MIN);
    expect(searches(h)).toHaveLength(2);
    // The second wait is twice as long; then it gives up.
    await h.run(28 * MIN, MIN);
    expect(h.named('download.gave_up')).toHaveLength(0);
    await h.run(3 * MIN, MIN);
    expect(h.named('download.gave_up')).toHaveLength(1);
    expect(h.monitor.view.get(d.id)).toMatchObject({ state: 'failed', recovery: { phase: 'gave_up', attempts: 2 } });
    expect(h.sim.control.writes({ app: 'radarr' }).filter((w) => w.method === 'DELETE')).toHaveLength(1);
    await h.run(60 * MIN, 5 * MIN);
    expect(searches(h)).toHaveLength(2);
  });
});
