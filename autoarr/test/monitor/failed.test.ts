// Scenario: a tracked episode and an untracked job fail in SABnzbd ("Aborted, cannot be completed").
import { afterEach, describe, expect, it } from 'vitest';
import { POLL_MS, startMonitorHarness, type MonitorHarness } from './harness.js';

const MIN = 60_000;
let h: MonitorHarness | undefined;
afterEach(async () => {
  await h?.close();
  await h?.sim.stop();
  h = undefined;
});

async function untilEvent(x: MonitorHarness, name: 'download.failed', limitMs: number): Promise<number> {
  for (let t = 0; t <= limitMs; t += POLL_MS) {
    if (x.named(name).length) return t;
    await x.run(POLL_MS);
  }
  throw new Error(`no ${name} within ${limitMs} ms`);
}

describe('failed SABnzbd jobs on the simulated stack', () => {
  it('reports the failure within one poll, searches the episode Sonarr did not, and retries the untracked job once', async () => {
    h = await startMonitorHarness({ scenario: 'sab_failed' });
    await h.tick();
    await untilEvent(h, 'download.failed', 10 * MIN);
    const failedAt = h.sim.control.state.downloads.find((d) => d.sab === 'failed')!.completedAt!;
    const firstEvent = h.events.find((e) => e.name === 'download.failed')!;
    // Detected on the first poll after the failure (sim time).
    expect(firstEvent.at - failedAt).toBeLessThanOrEqual(POLL_MS);

    await h.run(12 * MIN);
    const bear = h.named('download.failed').find((e) => e.download.title.startsWith('The.Bear'))!.download;
    expect(bear.app).toBe('sonarr');
    const sonarrWrites = h.sim.control.writes({ app: 'sonarr' });
    expect(sonarrWrites.map((w) => w.method)).toEqual(['DELETE', 'POST']);
    expect(sonarrWrites[1]!.body).toMatchObject({ name: 'EpisodeSearch', episodeIds: bear.media.episodeIds });
    expect(h.named('download.recovered').map((e) => e.download.id)).toContain(bear.id);

    // The untracked job: retried once (mode=retry), failed again, reported — never retried twice.
    const sabRetries = h.sim.control.writes({ app: 'sabnzbd' }).filter((w) => w.query.mode === 'retry');
    expect(sabRetries).toHaveLength(1);
    const gaveUp = h.named('download.gave_up');
    expect(gaveUp.map((e) => e.download.title)).toContain('ubuntu-24.04.1-desktop-amd64');
    expect(gaveUp.find((e) => e.download.title.startsWith('ubuntu'))!.reason).toContain('no *arr tracks it');
    expect(h.named('download.failed').filter((e) => e.download.id === bear.id)).toHaveLength(1);
  });
});

describe('leftovers of failed jobs (R13)', () => {
  it('deletes the failed job and its files once Sonarr grabbed a replacement itself, and removes on request', async () => {
    h = await startMonitorHarness({ scenario: 'sab_failed' });
    await h.tick();
    await untilEvent(h, 'download.failed', 10 * MIN);
    const bear = h.named('download.failed').find((e) => e.download.title.startsWith('The.Bear'))!.download;
    // Sonarr handles the failure itself ("Redownload Failed"): blocklists it, leaves SABnzbd's copy, searches.
    await h.ctx.apps.sonarr().removeFromQueue(bear.queueId!, { removeFromClient: false, blocklist: true });
    h.sim.control.clearRecords();
    await h.run(MIN);
    const deletes = h.sim.control
      .writes({ app: 'sabnzbd' })
      .filter((w) => w.query.mode === 'history' && w.query.name === 'delete');
    expect(deletes.map((w) => [w.query.value, w.query.del_files])).toEqual([[bear.id, '1']]);
    expect(h.monitor.view.get(bear.id)!.explanation).toContain('Sonarr already grabbed another release');
    // AutoArr itself neither removed nor searched.
    expect(h.sim.control.writes({ app: 'sonarr' })).toEqual([]);

    const r = await h.ctx.commands.run('download.remove', { id: bear.id, blocklist: false, by: 'test' });
    expect(r.ok).toBe(true);
    expect(h.monitor.view.get(bear.id)).toMatchObject({
      state: 'removed',
      explanation: 'Removed from SABnzbd by a person',
    });
  });
});
