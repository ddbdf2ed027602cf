// The simulator behaviours the monitor's safety rules are tested against: a SABnzbd that words waiting jobs
// `Downloading`, *arr queue items matched to nothing ("unknown"), and a stack that starts in an outage.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimStack, type SimStack } from '../../src/sim/index.js';
import { arr, call, obj, sab } from './sim-client.js';

let stack: SimStack;
beforeAll(async () => {
  stack = await startSimStack({ startTime: Date.UTC(2026, 10, 25, 6), seed: 11 });
});
afterAll(() => stack.stop());

const queue = async () => obj(obj((await sab(stack, 'mode=queue')).json).queue);
const slots = async () => (await queue()).slots as Record<string, unknown>[];
const post = async (path: string, body: unknown) => {
  const r = await fetch(`${stack.controlUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
};

describe('SABnzbd that reports waiting jobs as Downloading', () => {
  it('long_queue: every unpaused job says Downloading, only the head loses mbleft, kbpersec is queue-wide', async () => {
    stack.control.setScenario('long_queue');
    stack.control.advance(10_000);
    const before = await slots();
    expect(before).toHaveLength(6);
    expect(before.map((s) => s.status)).toEqual(Array(6).fill('Downloading'));
    expect(String(before[0]!.filename)).toMatch(/^Oppenheimer/);
    stack.control.advance(60_000);
    const q = await queue();
    const after = q.slots as Record<string, unknown>[];
    expect(Number(after[0]!.mbleft)).toBeCloseTo(Number(before[0]!.mbleft) - 120, 0);
    expect(after.slice(1).map((s) => s.mbleft)).toEqual(before.slice(1).map((s) => s.mbleft));
    expect(Number(q.kbpersec)).toBeCloseTo(2048, 0);
    // The head needs 2 hours at 2 MB/s.
    expect(Number(after[0]!.mb)).toBe(14_400);
    // The *arr apps see what SABnzbd says: every job "downloading".
    const radarr = arr(obj((await call(stack, 'radarr', 'GET', '/api/v3/queue?pageSize=50')).json).records);
    expect(radarr.map((r) => r.status)).toEqual(['downloading', 'downloading']);
  });

  it('long_queue_stuck: a job stuck on top of the 2-hour download', async () => {
    stack.control.setScenario('long_queue_stuck');
    stack.control.advance(10_000);
    const before = await slots();
    stack.control.advance(60_000);
    const after = await slots();
    expect(after.map((s) => String(s.filename).split('.')[0])).toEqual([
      'Perfect',
      'Slow',
      'Oppenheimer',
      'Severance',
      'Severance',
      'The',
      'The',
      'Past',
    ]);
    expect(after.slice(0, 2).map((s) => s.mbleft)).toEqual(before.slice(0, 2).map((s) => s.mbleft));
    expect(Number(after[2]!.mbleft)).toBeLessThan(Number(before[2]!.mbleft));
  });

  it('is selectable through the control API and kept across scenarios', async () => {
    expect((await post('/sabnzbd', { waitingStatus: 'Downloading' })).json.sabWaitingStatus).toBe('Downloading');
    stack.control.setScenario('healthy');
    stack.control.advance(2_000);
    expect((await slots()).map((s) => s.status)).toEqual(['Downloading', 'Downloading']);
    expect((await post('/sabnzbd', { waitingStatus: 'Idle' })).status).toBe(400);
    await post('/sabnzbd', { waitingStatus: 'Queued' });
    expect((await slots()).map((s) => s.status)).toEqual(['Downloading', 'Queued']);
  });
});

describe('unknown *arr queue items', () => {
  it('are listed only with includeUnknownSeriesItems / includeUnknownMovieItems, with null ids', async () => {
    stack.control.setScenario('unknown_items');
    const sonarrAll = arr(
      obj((await call(stack, 'sonarr', 'GET', '/api/v3/queue?includeUnknownSeriesItems=true')).json).records,
    );
    const unknown = sonarrAll.find((r) => String(r.title).startsWith('The.Rehearsal'))!;
    expect(unknown).toMatchObject({ seriesId: null, episodeId: null, seasonNumber: null, protocol: 'usenet' });
    const sonarrKnown = arr(obj((await call(stack, 'sonarr', 'GET', '/api/v3/queue')).json).records);
    expect(sonarrKnown.some((r) => r.downloadId === unknown.downloadId)).toBe(false);
    const status = obj((await call(stack, 'sonarr', 'GET', '/api/v3/queue/status')).json);
    expect(status).toMatchObject({ count: sonarrKnown.length, unknownCount: 1, totalCount: sonarrAll.length });

    const radarr = arr(
      obj((await call(stack, 'radarr', 'GET', '/api/v3/queue?includeUnknownMovieItems=true')).json).records,
    );
    expect(radarr).toHaveLength(1);
    expect(radarr[0]).toMatchObject({ movieId: null });
    expect(arr(obj((await call(stack, 'radarr', 'GET', '/api/v3/queue')).json).records)).toEqual([]);
    // The unknown movie fails in SABnzbd; Radarr shows it failed, still without a movie.
    stack.control.advance(60_000);
    const failed = arr(
      obj((await call(stack, 'radarr', 'GET', '/api/v3/queue?includeUnknownMovieItems=true')).json).records,
    )[0]!;
    expect(failed).toMatchObject({ movieId: null, status: 'failed', trackedDownloadState: 'failedPending' });
  });
});

describe('starting in an outage', () => {
  let other: SimStack | undefined;
  afterEach(async () => {
    await other?.stop();
    other = undefined;
  });

  it('refuses from the very first request, then answers once the mode is back to ok', async () => {
    other = await startSimStack({ seed: 3, modes: { sonarr: 'down', sabnzbd: 'bad_key' } });
    await expect(call(other, 'sonarr', 'GET', '/api/v3/system/status')).rejects.toThrow();
    const rejected = await sab(other, 'mode=queue');
    expect([rejected.status, rejected.text]).toEqual([403, 'API Key Incorrect']);
    // Only AutoArr's key is refused: Radarr still reaches SABnzbd and shows its queue as usual.
    const radarr = arr(obj((await call(other, 'radarr', 'GET', '/api/v3/queue')).json).records);
    expect(radarr.length).toBeGreaterThan(0);
    expect(radarr.some((r) => r.status === 'downloadClientUnavailable')).toBe(false);
    await other.control.setAppMode('sonarr', 'ok');
    await other.control.setAppMode('sabnzbd', 'ok');
    expect((await call(other, 'sonarr', 'GET', '/api/v3/system/status')).status).toBe(200);
    expect(obj(obj((await sab(other, 'mode=queue')).json).queue).slots).toBeDefined();
  });
});
