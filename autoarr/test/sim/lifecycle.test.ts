// The linked lifecycle on a manual clock: a search grabs a release that shows up in the *arr queue and in
// SABnzbd under one id, downloads, is post-processed, imported and appears in Plex.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimStack, type SimStack } from '../../src/sim/index.js';
import { arr, call, obj, sab } from './sim-client.js';

let stack: SimStack;
beforeAll(async () => {
  stack = await startSimStack({ startTime: Date.UTC(2026, 10, 25, 6), seed: 3 });
});
afterAll(() => stack.stop());

const sabQueue = async () => obj(obj((await sab(stack, 'mode=queue')).json).queue);
const sabHistory = async () => obj(obj((await sab(stack, 'mode=history&limit=100')).json).history);
const arrQueue = async (app: 'sonarr' | 'radarr') =>
  arr(obj((await call(stack, app, 'GET', '/api/v3/queue?pageSize=100')).json).records);

/** Advances the sim clock in steps until the check passes (bounded, no real waiting). */
async function advanceUntil(check: () => Promise<boolean>, stepMs = 5_000, maxMs = 3 * 3_600_000): Promise<number> {
  for (let t = 0; t <= maxMs; t += stepMs) {
    if (await check()) return t;
    stack.control.advance(stepMs);
  }
  throw new Error('condition not reached within the sim time limit');
}

describe('grab → both queues → complete → import → Plex', () => {
  it('follows a movie from the search command to Plex recently added', async () => {
    stack.control.setScenario('healthy');
    const movieId = 6; // Perfect Days, monitored and missing
    const cmd = await call(stack, 'radarr', 'POST', '/api/v3/command', { name: 'MoviesSearch', movieIds: [movieId] });
    expect(cmd.status).toBe(201);
    const cmdId = Number(obj(cmd.json).id);
    expect(obj(cmd.json).status).toBe('queued');

    await advanceUntil(
      async () => obj((await call(stack, 'radarr', 'GET', `/api/v3/command/${cmdId}`)).json).status === 'completed',
      1_000,
    );
    const item = (await arrQueue('radarr')).find((q) => q.movieId === movieId);
    expect(item).toBeDefined();
    const downloadId = String(item!.downloadId);
    expect(downloadId).toMatch(/^SABnzbd_nzo_/);
    const slot = (obj(await sabQueue()).slots as Record<string, unknown>[]).find((s) => s.nzo_id === downloadId);
    expect(slot?.filename).toBe(item!.title);
    expect(slot?.status).toBe('Queued'); // sequential: the jobs ahead download first
    const grabbed = obj((await call(stack, 'radarr', 'GET', `/api/v3/history?downloadId=${downloadId}`)).json);
    expect(arr(grabbed.records).map((h) => h.eventType)).toEqual(['grabbed']);

    await advanceUntil(
      async () =>
        (obj(await sabQueue()).slots as Record<string, unknown>[]).find((s) => s.nzo_id === downloadId)?.status ===
        'Downloading',
    );
    const downloading = (obj(await sabQueue()).slots as Record<string, unknown>[]).filter(
      (s) => s.status === 'Downloading',
    );
    expect(downloading).toHaveLength(1);
    expect((await arrQueue('radarr')).find((q) => q.downloadId === downloadId)?.status).toBe('downloading');

    const seen = new Set<string>();
    await advanceUntil(async () => {
      const h = (obj(await sabHistory()).slots as Record<string, unknown>[]).find((s) => s.nzo_id === downloadId);
      if (h) seen.add(String(h.status));
      return h?.status === 'Completed';
    }, 2_000);
    expect([...seen]).toEqual(expect.arrayContaining(['Extracting', 'Completed']));
    const done = (obj(await sabHistory()).slots as Record<string, unknown>[]).find((s) => s.nzo_id === downloadId)!;
    expect(done.storage).toContain(String(done.name));

    await advanceUntil(async () => !(await arrQueue('radarr')).some((q) => q.downloadId === downloadId), 2_000);
    const events = arr(
      obj((await call(stack, 'radarr', 'GET', `/api/v3/history?downloadId=${downloadId}`)).json).records,
    ).map((h) => h.eventType);
    expect(events).toEqual(['downloadFolderImported', 'grabbed']);
    expect(obj((await call(stack, 'radarr', 'GET', `/api/v3/movie/${movieId}`)).json).hasFile).toBe(true);

    await advanceUntil(
      async () => {
        const r = await call(stack, 'plex', 'GET', '/library/recentlyAdded?X-Plex-Container-Size=1');
        return arr(obj(obj(r.json).MediaContainer).Metadata)[0]?.title === 'Perfect Days';
      },
      1_000,
      60_000,
    );
  }, 90_000);

  it('imports an episode: the episode gets a file and the queue item disappears', async () => {
    stack.control.setScenario('healthy');
    const [item] = await arrQueue('sonarr');
    const episodeId = Number(item!.episodeId);
    expect(obj((await call(stack, 'sonarr', 'GET', `/api/v3/episode/${episodeId}`)).json).hasFile).toBe(false);
    await advanceUntil(async () => (await arrQueue('sonarr')).length === 0);
    const ep = obj((await call(stack, 'sonarr', 'GET', `/api/v3/episode/${episodeId}`)).json);
    expect(ep.hasFile).toBe(true);
    expect(obj(ep.episodeFile).sceneName).toBe(item!.title);
  });

  it('queue DELETE with blocklist records the release and the *arr searches again for a different one', async () => {
    stack.control.setScenario('healthy');
    const [item] = await arrQueue('sonarr');
    const del = await call(
      stack,
      'sonarr',
      'DELETE',
      `/api/v3/queue/${String(item!.id)}?removeFromClient=true&blocklist=true`,
    );
    expect(del.status).toBe(200);
    expect((obj(await sabQueue()).slots as Record<string, unknown>[]).some((s) => s.nzo_id === item!.downloadId)).toBe(
      false,
    );
    const bl = arr(obj((await call(stack, 'sonarr', 'GET', '/api/v3/blocklist')).json).records);
    expect(bl.map((b) => b.sourceTitle)).toEqual([item!.title]);
    await advanceUntil(
      async () => (await arrQueue('sonarr')).some((q) => q.episodeId === item!.episodeId),
      1_000,
      60_000,
    );
    const again = (await arrQueue('sonarr')).find((q) => q.episodeId === item!.episodeId)!;
    expect(again.title).not.toBe(item!.title);
    expect(again.downloadId).not.toBe(item!.downloadId);
    expect((await call(stack, 'sonarr', 'DELETE', '/api/v3/queue/12345')).status).toBe(404);
  });

  it('skipRedownload leaves the re-search to the caller', async () => {
    stack.control.setScenario('healthy');
    const [item] = await arrQueue('radarr');
    await call(
      stack,
      'radarr',
      'DELETE',
      `/api/v3/queue/${String(item!.id)}?removeFromClient=true&blocklist=true&skipRedownload=true`,
    );
    stack.control.advance(120_000);
    expect((await arrQueue('radarr')).some((q) => q.movieId === item!.movieId)).toBe(false);
  });
});

describe('adding to the library', () => {
  it('a new series gets episodes and searching for missing ones grabs them', async () => {
    stack.control.setScenario('healthy');
    const added = await call(stack, 'sonarr', 'POST', '/api/v3/series', {
      title: 'Andor',
      tvdbId: 393189,
      qualityProfileId: 1,
      rootFolderPath: '/tv',
      addOptions: { monitor: 'all', searchForMissingEpisodes: true },
    });
    expect(added.status).toBe(201);
    const series = obj(added.json);
    const eps = arr((await call(stack, 'sonarr', 'GET', `/api/v3/episode?seriesId=${String(series.id)}`)).json);
    expect(eps).toHaveLength(8);
    expect(obj((await call(stack, 'sonarr', 'GET', `/api/v3/series/${String(series.id)}`)).json).firstAired).toEqual(
      expect.any(String),
    );
    stack.control.advance(30_000);
    const grabbed = (await arrQueue('sonarr')).filter((q) => q.seriesId === series.id);
    expect(grabbed.length).toBeGreaterThan(0);
    expect((await call(stack, 'sonarr', 'POST', '/api/v3/series', { title: 'Andor', tvdbId: 393189 })).status).toBe(
      400,
    );
  });

  it('a new movie can be added and searched', async () => {
    const added = await call(stack, 'radarr', 'POST', '/api/v3/movie', {
      title: 'Nosferatu',
      tmdbId: 426063,
      year: 2024,
      qualityProfileId: 1,
      rootFolderPath: '/movies',
      monitored: true,
      addOptions: { searchForMovie: true },
    });
    expect(added.status).toBe(201);
    stack.control.advance(30_000);
    expect((await arrQueue('radarr')).some((q) => q.movieId === obj(added.json).id)).toBe(true);
  });
});
