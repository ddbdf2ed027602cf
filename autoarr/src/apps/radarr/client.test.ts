import { afterEach, describe, expect, it } from 'vitest';
import { startLocalServer, type Handler, type LocalServer } from '../../../test/clients/local-server.js';
import { RadarrHttpClient } from './client.js';

let server: LocalServer | undefined;
let client: RadarrHttpClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  server = undefined;
  client = undefined;
});

async function radarr(handler: Handler): Promise<RadarrHttpClient> {
  server = await startLocalServer(handler);
  client = new RadarrHttpClient(
    { id: 'radarr', app: 'radarr', name: 'Radarr', url: server.url, apiKey: 'radarrkey0123456789', verifySsl: true },
    { retryBaseMs: 1 },
  );
  return client;
}

describe('RadarrHttpClient', () => {
  it('asks for unknown movie items in the queue', async () => {
    const c = await radarr(() => ({
      body: { page: 1, pageSize: 250, totalRecords: 1, records: [{ id: 1, movieId: null }] },
    }));
    const q = await c.queue();
    expect(q.records[0]!.movieId).toBeNull();
    expect(server!.requests[0]!.query.get('includeUnknownMovieItems')).toBe('true');
  });

  it('sends MoviesSearch with movieIds and adds a movie with addOptions', async () => {
    const c = await radarr((r) => ({ status: 201, body: { id: 5, ...JSON.parse(r.body || '{}') } }));
    await c.command('MoviesSearch', { movieIds: [3] });
    const added = await c.addMovie({
      title: 'Amélie',
      tmdbId: 194,
      qualityProfileId: 1,
      rootFolderPath: '/movies',
      addOptions: { searchForMovie: true },
    });
    expect(added.id).toBe(5);
    expect(server!.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v3/command',
      'POST /api/v3/movie',
    ]);
    expect(JSON.parse(server!.requests[0]!.body)).toEqual({ movieIds: [3], name: 'MoviesSearch' });
    expect(JSON.parse(server!.requests[1]!.body).addOptions).toEqual({ searchForMovie: true });
  });

  it('reads movies, one movie, lookups and missing', async () => {
    const c = await radarr((r) => {
      if (r.path === '/api/v3/movie/7') return { body: { id: 7, title: 'Léon' } };
      if (r.path === '/api/v3/wanted/missing') return { body: { page: 1, pageSize: 50, totalRecords: 0, records: [] } };
      return { body: [{ id: 7, title: 'Léon', year: 1994 }] };
    });
    expect(await c.movies()).toHaveLength(1);
    expect((await c.movie(7)).title).toBe('Léon');
    expect(await c.lookupMovie('leon')).toHaveLength(1);
    expect((await c.wantedMissing()).records).toEqual([]);
    expect(server!.requests[2]!.query.get('term')).toBe('leon');
  });
});
