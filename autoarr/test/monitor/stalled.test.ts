// Scenario: the top SABnzbd job stops receiving data while SABnzbd downloads the next one.
import { afterEach, describe, expect, it } from 'vitest';
import { startMonitorHarness, type MonitorHarness } from './harness.js';

const MIN = 60_000;
let h: MonitorHarness | undefined;
afterEach(async () => {
  await h?.close();
  await h?.sim.stop();
  h = undefined;
});

const stuck = (x: MonitorHarness) => x.monitor.view.list().find((d) => d.title.startsWith('Oppenheimer'));

describe('stalled SABnzbd job on the simulated stack', () => {
  it('strikes it, removes and blocklists it, searches the movie and sees the new grab', async () => {
    h = await startMonitorHarness({ scenario: 'stalled' });
    await h.tick();
    const first = stuck(h)!;
    expect(first.app).toBe('radarr');
    expect(first.state).toBe('downloading');
    const severance = h.monitor.view.list().find((d) => d.app === 'sonarr')!;

    await h.run(30_000);
    expect(stuck(h)!.explanation).toBe(
      'No progress for 30 s while SABnzbd downloaded other jobs at 26.2 MB/s — no strike yet (one every 5 min without progress)',
    );
    await h.run(10 * MIN - 30_000);
    const two = stuck(h)!;
    expect(two.strikes.count).toBe(2);
    // The job behind it finished meanwhile, so SABnzbd is idle.
    expect(two.explanation).toBe('No progress for 10 min (SABnzbd is receiving nothing at all) — strike 2 of 3');
    // The job behind it is downloading fine and never struck.
    expect(h.monitor.view.get(severance.id)!.strikes.count).toBe(0);
    expect(h.sim.control.writes()).toEqual([]);

    await h.run(5 * MIN);
    expect(h.named('download.stalled')).toHaveLength(1);
    expect(h.named('download.recovering')).toHaveLength(1);
    const writes = h.sim.control.writes({ app: 'radarr' });
    expect(writes.map((w) => `${w.method} ${w.path.replace(/\d+$/, 'N')}`)).toEqual([
      'DELETE /api/v3/queue/N',
      'POST /api/v3/command',
    ]);
    expect(writes[0]!.query).toMatchObject({ removeFromClient: 'true', blocklist: 'true' });
    expect(writes[1]!.body).toMatchObject({ name: 'MoviesSearch', movieIds: [first.media.movieId] });
    expect(stuck(h)!.state).toBe('recovering');

    // The sim's search grabs a new release a little later.
    await h.run(1 * MIN);
    expect(h.named('download.recovered')).toHaveLength(1);
    expect(h.monitor.view.get(first.id)!.recovery).toMatchObject({ phase: 'recovered', attempts: 1 });
    // Shown as replaced, never as "completed" at 37 %.
    expect(h.monitor.view.get(first.id)).toMatchObject({ state: 'replaced' });
    expect(h.monitor.view.get(first.id)!.explanation).toMatch(
      /^Replaced: Radarr grabbed a new release after 1 search$/,
    );
    // Every automatic removal and search is an info line in the process log naming the download, the app and why.
    const lines = h.logs.filter((l) => l.level === 'info' && l.downloadId === first.id).map((l) => l.msg);
    expect(lines).toEqual([
      expect.stringMatching(
        /^Done: remove Oppenheimer\S* from Radarr's queue .*blocklist it \(why: stalled: no progress for 15 min\)$/,
      ),
      expect.stringMatching(/^Done: search Radarr for Oppenheimer \(2023\) \(why: stalled: no progress for 15 min\)$/),
    ]);
    const timeline = await h.monitor.view.timeline(first.id);
    expect(timeline.map((e) => e.action)).toEqual(
      expect.arrayContaining(['strike', 'stalled', 'remove', 'search', 'recovering', 'recovered']),
    );
    // Before and after each action.
    expect(timeline.filter((e) => e.action === 'search').map((e) => e.kind)).toEqual(['action', 'result']);
    // Exactly one search was sent.
    expect(h.sim.control.writes({ app: 'radarr' }).filter((w) => w.method === 'POST')).toHaveLength(1);
  });
});
