import { afterEach, describe, expect, it } from 'vitest';
import { startLocalServer, type Handler, type LocalServer } from '../../../test/clients/local-server.js';
import { AppError } from '../common/errors.js';
import { SonarrHttpClient } from './client.js';
import type { QueueResource } from './types.js';

const KEY = 'sonarrkey0123456789abcdef01234567';
let server: LocalServer | undefined;
let client: SonarrHttpClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  server = undefined;
  client = undefined;
});

async function sonarr(handler: Handler): Promise<SonarrHttpClient> {
  server = await startLocalServer(handler);
  client = new SonarrHttpClient(
    { id: 'sonarr_4k', app: 'sonarr', name: 'Sonarr 4K', url: `${server.url}/sonarr/`, apiKey: KEY, verifySsl: true },
    { retryBaseMs: 1, timeoutMs: 10_000 },
  );
  return client;
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

/** A queue record as Sonarr v4 sends it, with the nulls and gaps real servers have. */
function record(id: number, extra: Partial<QueueResource> = {}): QueueResource {
  return {
    id,
    seriesId: id % 7 === 0 ? null : 100 + id,
    episodeId: 1000 + id,
    title: `Shōw.Ñame.東京.S01E${String(id % 99).padStart(2, '0')}.1080p.WEB-DL-GRP`,
    size: 4_294_967_296,
    sizeleft: 1_073_741_824,
    timeleft: '00:10:00',
    estimatedCompletionTime: null,
    status: 'downloading',
    trackedDownloadStatus: 'ok',
    trackedDownloadState: 'downloading',
    statusMessages: id % 5 === 0 ? [{ title: 'One or more episodes expected', messages: ['Unable to parse'] }] : [],
    errorMessage: null,
    downloadId: `SABnzbd_nzo_${id}`,
    protocol: 'usenet',
    downloadClient: 'SABnzbd',
    outputPath: null,
    ...extra,
  };
}

describe('SonarrHttpClient', () => {
  it('reads the queue with unknown items, under the URL base, with the key header', async () => {
    const c = await sonarr(() => ({
      body: { page: 1, pageSize: 250, totalRecords: 2, records: [record(1), record(7)] },
    }));
    const q = await c.queue();
    expect(q.totalRecords).toBe(2);
    expect(q.records[1]!.seriesId).toBeNull();
    expect(q.records[0]!.title).toContain('東京');
    const r = server!.requests[0]!;
    expect(r.path).toBe('/sonarr/api/v3/queue');
    expect(r.query.get('includeUnknownSeriesItems')).toBe('true');
    expect(r.headers['x-api-key']).toBe(KEY);
  });

  it('accepts records: null and missing paging fields', async () => {
    const c = await sonarr(() => ({ body: { records: null } }));
    await expect(c.queue()).resolves.toEqual({ page: 1, pageSize: 0, totalRecords: 0, records: [] });
  });

  it('reads every page with queueAll()', async () => {
    const all = Array.from({ length: 600 }, (_, i) => record(i + 1));
    const c = await sonarr((r) => {
      const page = Number(r.query.get('page'));
      const size = Number(r.query.get('pageSize'));
      return {
        body: { page, pageSize: size, totalRecords: all.length, records: all.slice((page - 1) * size, page * size) },
      };
    });
    const q = await c.queueAll();
    expect(q.records).toHaveLength(600);
    expect(q.records.map((x) => x.id)).toEqual(all.map((x) => x.id));
    expect(server!.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
  });

  it('a queue that is a list is bad_response', async () => {
    const c = await sonarr(() => ({ body: [record(1)] }));
    const err = await failure(c.queue());
    expect(err.kind).toBe('bad_response');
    expect(err.message).toContain('Sonarr 4K sent an unexpected queue');
  });

  it('an HTML login page is bad_response', async () => {
    const c = await sonarr(() => ({ body: '<html><title>Login - Sonarr</title></html>', contentType: 'text/html' }));
    expect((await failure(c.health())).kind).toBe('bad_response');
  });

  it('401 is auth with where to find the key', async () => {
    const c = await sonarr(() => ({ status: 401, body: '' }));
    const err = await failure(c.systemStatus());
    expect(err.message).toBe('Sonarr 4K rejected the API key: copy it from Settings → General → Security');
  });

  it('removes from the queue with the three switches and no retry', async () => {
    const c = await sonarr(() => ({ body: '' }));
    await c.removeFromQueue(42, { removeFromClient: true, blocklist: true, skipRedownload: false });
    const r = server!.requests[0]!;
    expect(r.method).toBe('DELETE');
    expect(r.path).toBe('/sonarr/api/v3/queue/42');
    expect(Object.fromEntries(r.query)).toEqual({
      removeFromClient: 'true',
      blocklist: 'true',
      skipRedownload: 'false',
    });
  });

  it('sends commands with their fields and reads their status', async () => {
    const c = await sonarr((r) =>
      r.method === 'POST'
        ? { status: 201, body: { id: 9, name: 'EpisodeSearch', status: 'queued' } }
        : { body: { id: 9, name: 'EpisodeSearch', status: 'completed', result: 'successful' } },
    );
    const cmd = await c.command('EpisodeSearch', { episodeIds: [1, 2] });
    expect(cmd.id).toBe(9);
    expect(JSON.parse(server!.requests[0]!.body)).toEqual({ episodeIds: [1, 2], name: 'EpisodeSearch' });
    expect((await c.commandStatus(9)).status).toBe('completed');
    expect(server!.requests[1]!.path).toBe('/sonarr/api/v3/command/9');
  });

  it('reads and writes config by kind, putting to /config/<kind>/<id>', async () => {
    const c = await sonarr((r) => ({ body: r.method === 'PUT' ? JSON.parse(r.body) : { id: 1, recycleBin: '' } }));
    const cfg = await c.getConfig('mediamanagement');
    const saved = await c.putConfig('mediamanagement', { ...cfg, recycleBin: '/trash' });
    expect(saved.recycleBin).toBe('/trash');
    expect(server!.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /sonarr/api/v3/config/mediamanagement',
      'PUT /sonarr/api/v3/config/mediamanagement/1',
    ]);
  });

  it('puts a download client to /downloadclient/<id> with its id in the body, and reads the audit lists', async () => {
    const c = await sonarr((r) => {
      if (r.method === 'PUT') return { status: 202, body: JSON.parse(r.body) };
      if (r.path.endsWith('/qualitydefinition')) return { body: [{ id: 3, title: 'WEBDL-1080p', minSize: 15 }] };
      return { body: [] };
    });
    const saved = await c.updateDownloadClient(4, { name: 'SABnzbd', removeCompletedDownloads: true });
    expect(saved).toEqual({ name: 'SABnzbd', removeCompletedDownloads: true, id: 4 });
    expect(await c.remotePathMappings()).toEqual([]);
    expect((await c.qualityDefinitions())[0]!.minSize).toBe(15);
    expect(await c.indexers()).toEqual([]);
    expect(server!.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PUT /sonarr/api/v3/downloadclient/4',
      'GET /sonarr/api/v3/remotepathmapping',
      'GET /sonarr/api/v3/qualitydefinition',
      'GET /sonarr/api/v3/indexer',
    ]);
  });

  it('a download client PUT the server rejects is an AppError, not a silent success', async () => {
    const c = await sonarr(() => ({ status: 400, body: [{ propertyName: 'Host', errorMessage: 'Host is required' }] }));
    const err = await failure(c.updateDownloadClient(1, { name: 'SABnzbd' }));
    expect(err.message).toContain('Sonarr 4K');
  });

  it('passes history event types as their numbers and calendar dates as ISO', async () => {
    const c = await sonarr((r) => ({ body: r.path.endsWith('calendar') ? [] : { records: [] } }));
    await c.history({ eventType: 'downloadFailed' });
    await c.calendar(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-08T00:00:00Z'));
    expect(server!.requests[0]!.query.getAll('eventType')).toEqual(['4']);
    expect(server!.requests[1]!.query.get('start')).toBe('2026-01-01T00:00:00.000Z');
  });

  it('maps empty lists and a huge series list', async () => {
    const series = Array.from({ length: 5_000 }, (_, i) => ({ id: i, title: `Série ${i} — «test»`, seasons: null }));
    const c = await sonarr((r) => ({ body: r.path.endsWith('/series') ? series : [] }));
    expect(await c.health()).toEqual([]);
    expect(await c.diskSpace()).toEqual([]);
    const got = await c.series();
    expect(got).toHaveLength(5_000);
    expect(got[4_999]!.title).toBe('Série 4999 — «test»');
  });
});

describe('queueAll edge cases', () => {
  it('stops when a server ignores the page parameter instead of repeating records', async () => {
    const c = await sonarr(() => ({
      body: { page: 1, pageSize: 2, totalRecords: 10, records: [record(1), record(2)] },
    }));
    const q = await c.queueAll();
    expect(q.records.map((r) => r.id)).toEqual([1, 2]);
    expect(server!.requests).toHaveLength(2);
  });

  it('pages on when the server leaves out the page number', async () => {
    const c = await sonarr((r) => {
      const page = Number(r.query.get('page'));
      return {
        body: { totalRecords: 3, records: page === 1 ? [record(1), record(2)] : page === 2 ? [record(3)] : [] },
      };
    });
    expect((await c.queueAll()).records.map((r) => r.id)).toEqual([1, 2, 3]);
  });
});
