// Issue 17.3: what became of a download that left an *arr queue is read from the *arr's history. A failure the *arr
// handled itself (removed + blocklisted) is never removed or blocklisted again by AutoArr; it searches only when the
// *arr grabbed nothing new. Imports are "completed", a removal nobody recorded is "removed". Scenario:
// arr_handles_failures (Sonarr re-grabs on its own, Radarr has Redownload Failed off).
import { afterEach, describe, expect, it } from 'vitest';
import { POLL_MS, startMonitorHarness, type MonitorHarness } from './harness.js';

const MIN = 60_000;
const SECRET = 'idxSECRET0123456789abcdef';
let h: MonitorHarness | undefined;
afterEach(async () => {
  await h?.close();
  await h?.sim.stop();
  h = undefined;
});

const blocklisted = (x: MonitorHarness, title: string) =>
  x.sim.control.state.blocklist.filter((b) => b.sourceTitle === title);

/** Sim time in 1 s steps until SABnzbd has failed the download, without a poll in between. */
function untilSabFails(x: MonitorHarness, nzoId: string): void {
  for (let t = 0; t < MIN; t += 1000) {
    if (x.sim.control.state.download(nzoId)?.sab === 'failed') return;
    x.sim.control.advance(1000);
  }
  throw new Error(`${nzoId} did not fail in SABnzbd`);
}

describe('failures the *arr handled itself (issue 17.3)', () => {
  it('leaves a failure Sonarr re-grabbed alone and only searches for one Radarr did not, never blocklisting twice', async () => {
    h = await startMonitorHarness({ scenario: 'arr_handles_failures' });
    const world = h.sim.control.state;
    const bear = world.downloads.find((d) => d.app === 'sonarr' && d.behaviour === 'fail')!;
    const movie = world.downloads.find((d) => d.app === 'radarr' && d.behaviour === 'fail')!;
    await h.tick();
    untilSabFails(h, movie.nzoId);
    // SABnzbd's message echoes an indexer link with its key; Radarr copies it into its history and blocklist.
    movie.failMessage = `Aborted, cannot be completed - https://indexer.example/getnzb?id=7&apikey=${SECRET}`;
    h.sim.control.clearRecords();
    await h.run(15 * MIN);

    // Sonarr: removed, blocklisted and re-grabbed by Sonarr itself; AutoArr sent Sonarr nothing.
    expect(h.sim.control.writes({ app: 'sonarr' })).toEqual([]);
    expect(blocklisted(h, bear.title)).toHaveLength(1);
    const bearView = h.monitor.view.get(bear.nzoId)!;
    expect(bearView.state).toBe('replaced');
    expect(bearView.explanation).toContain('Sonarr marked it failed');
    expect(bearView.explanation).toContain('Sonarr already grabbed another release — AutoArr did nothing');
    expect(h.named('download.failed').filter((e) => e.download.id === bear.nzoId)).toHaveLength(1);

    // Radarr: removed and blocklisted by Radarr, no search of its own: AutoArr searched once, removed nothing.
    const radarrWrites = h.sim.control.writes({ app: 'radarr' });
    expect(radarrWrites.map((w) => w.method)).toEqual(['POST']);
    expect(radarrWrites[0]!.body).toMatchObject({ name: 'MoviesSearch', movieIds: [movie.movieId] });
    expect(blocklisted(h, movie.title)).toHaveLength(1);
    const recovering = h.named('download.recovering').filter((e) => e.download.id === movie.nzoId);
    expect(recovering.map((e) => e.reason)).toEqual([
      expect.stringMatching(/^Radarr already removed and blocklisted it; AutoArr searched again for Past Lives/),
    ]);
    expect(h.named('download.recovered').map((e) => e.download.id)).toContain(movie.nzoId);
    expect(h.monitor.view.get(movie.nzoId)!.state).toBe('replaced');
    expect(h.logs.some((l) => l.level === 'info' && l.msg.startsWith('Done: search Radarr again for'))).toBe(true);

    // Neither was reported as imported, and no action tried to remove or blocklist.
    expect(h.named('download.completed').map((e) => e.download.id)).not.toContain(bear.nzoId);
    expect(h.named('download.completed').map((e) => e.download.id)).not.toContain(movie.nzoId);
    const activity = (await h.ctx.activity.list({ pageSize: 500 })).items;
    expect(activity.filter((a) => a.action === 'remove')).toEqual([]);

    // The upstream message went through the redaction: the key is masked everywhere it is shown.
    const failed = h.named('download.failed').find((e) => e.download.id === movie.nzoId)!;
    expect(failed.reason).toContain('apikey=***');
    const shown = JSON.stringify([activity, h.events, h.logs, h.monitor.view.list()]);
    expect(shown).not.toContain(SECRET);
  });

  it('in dry run only says it would search again, and sends nothing', async () => {
    h = await startMonitorHarness({ scenario: 'arr_handles_failures', monitor: { dryRun: true } });
    const movie = h.sim.control.state.downloads.find((d) => d.app === 'radarr' && d.behaviour === 'fail')!;
    await h.tick();
    h.sim.control.clearRecords();
    await h.run(15 * MIN);
    expect(h.sim.control.writes({ app: 'radarr' })).toEqual([]);
    expect(h.sim.control.writes({ app: 'sonarr' })).toEqual([]);
    expect(blocklisted(h, movie.title)).toHaveLength(1);
    const dry = (await h.ctx.activity.list({ downloadId: movie.nzoId, pageSize: 100 })).items.filter(
      (a) => a.action === 'dry_run',
    );
    expect(dry).toHaveLength(1);
    expect(dry[0]!.message).toMatch(
      /^\[dry run\] Would search Radarr again for Past Lives.* \(Radarr already removed and blocklisted it\)/,
    );
    expect(h.monitor.view.get(movie.nzoId)).toMatchObject({ state: 'failed' });
  });

  it('recovers as before (remove, blocklist once, search) when Radarr does not handle the failure itself', async () => {
    h = await startMonitorHarness({ scenario: 'arr_handles_failures' });
    h.sim.control.setArrHandlesFailures('radarr', false);
    const movie = h.sim.control.state.downloads.find((d) => d.app === 'radarr' && d.behaviour === 'fail')!;
    await h.tick();
    h.sim.control.clearRecords();
    await h.run(15 * MIN);
    const writes = h.sim.control.writes({ app: 'radarr' });
    expect(writes.map((w) => w.method)).toEqual(['DELETE', 'POST']);
    expect(writes[0]!.query).toMatchObject({ removeFromClient: 'true', blocklist: 'true' });
    expect(blocklisted(h, movie.title)).toHaveLength(1);
    expect(h.named('download.recovering').find((e) => e.download.id === movie.nzoId)!.reason).toContain(
      `remove ${movie.title} from Radarr's queue`,
    );
  });
});

describe('what the *arr history says about a download that left the queue', () => {
  it('reports an import as completed and a removal nobody recorded as removed, not as imported', async () => {
    h = await startMonitorHarness({ scenario: 'healthy' });
    await h.tick();
    const world = h.sim.control.state;
    const episode = world.downloads.find((d) => d.app === 'sonarr' && d.arr === 'tracking')!;
    const movie = world.downloads.find((d) => d.app === 'radarr' && d.arr === 'tracking')!;
    await h.run(POLL_MS);
    // A person removes the movie in Radarr (no blocklist): Radarr's history records nothing.
    await h.ctx.apps.radarr().removeFromQueue(movie.arrQueueId, { removeFromClient: true, blocklist: false });
    for (let t = 0; t < 10 * MIN && episode.arr !== 'imported'; t += POLL_MS) await h.run(POLL_MS);
    await h.run(POLL_MS);
    expect(episode.arr).toBe('imported');

    // One download.completed, and the view says who imported it (from Sonarr's downloadFolderImported record).
    expect(h.named('download.completed').filter((e) => e.download.id === episode.nzoId)).toHaveLength(1);
    expect(h.monitor.view.get(episode.nzoId)).toMatchObject({ state: 'completed', explanation: 'Imported by Sonarr' });

    const removed = h.monitor.view.get(movie.nzoId)!;
    expect(removed.state).toBe('removed');
    expect(removed.explanation).toContain('removed by a person or another program');
    expect(h.named('download.completed').map((e) => e.download.id)).not.toContain(movie.nzoId);
    expect(h.sim.control.writes({ app: 'radarr' }).filter((w) => w.method === 'POST')).toEqual([]);
  });

  it('reports a download Sonarr failed after SABnzbd finished it as failed, and searches without removing it', async () => {
    h = await startMonitorHarness({ scenario: 'healthy' });
    await h.tick();
    const episode = h.sim.control.state.downloads.find((d) => d.app === 'sonarr' && d.arr === 'tracking')!;
    for (let t = 0; t < 10 * MIN && episode.sab !== 'completed'; t += POLL_MS) await h.run(POLL_MS);
    expect(episode.sab).toBe('completed');
    // Sonarr fails it at import (as a failed import it marks failed): blocklisted, SABnzbd's row left in place.
    await h.ctx.apps
      .sonarr()
      .removeFromQueue(episode.arrQueueId, { removeFromClient: false, blocklist: true, skipRedownload: true });
    h.sim.control.clearRecords();
    await h.run(POLL_MS);
    const view = h.monitor.view.get(episode.nzoId)!;
    expect(view.state).toBe('failed');
    expect(view.explanation).toContain('Sonarr marked it failed ("Manually marked as failed")');
    expect(h.named('download.failed').map((e) => e.reason)).toEqual(['Sonarr failed it: "Manually marked as failed"']);

    await h.run(15 * MIN);
    const writes = h.sim.control.writes({ app: 'sonarr' });
    expect(writes.map((w) => w.method)).toEqual(['POST']);
    expect(writes[0]!.body).toMatchObject({ name: 'EpisodeSearch', episodeIds: episode.episodeIds });
    expect(blocklisted(h, episode.title)).toHaveLength(1);
    expect(h.named('download.recovering').map((e) => e.reason)).toEqual([
      expect.stringMatching(/^Sonarr already removed and blocklisted it; AutoArr searched again for /),
    ]);
  });
});
