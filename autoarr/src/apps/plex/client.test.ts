import { afterEach, describe, expect, it } from 'vitest';
import { startLocalServer, type Handler, type LocalServer } from '../../../test/clients/local-server.js';
import { AppError } from '../common/errors.js';
import { PlexHttpClient } from './client.js';

const TOKEN = 'plexToken-abcdef123456';
let server: LocalServer | undefined;
let client: PlexHttpClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  server = undefined;
  client = undefined;
});

async function plex(handler: Handler): Promise<PlexHttpClient> {
  server = await startLocalServer(handler);
  client = new PlexHttpClient(
    { id: 'plex', app: 'plex', name: 'Plex', url: `${server.url}/`, apiKey: TOKEN, verifySsl: true },
    { retryBaseMs: 1 },
  );
  return client;
}

describe('PlexHttpClient', () => {
  it('asks for JSON with the token header and reads the identity', async () => {
    const c = await plex(() => ({
      body: { MediaContainer: { size: 0, claimed: true, machineIdentifier: 'abc', version: '1.41.3.9314-a0bfb8370' } },
    }));
    expect(await c.identity()).toEqual({ machineIdentifier: 'abc', version: '1.41.3.9314-a0bfb8370', claimed: true });
    const r = server!.requests[0]!;
    expect(r.headers.accept).toBe('application/json');
    expect(r.headers['x-plex-token']).toBe(TOKEN);
    expect(r.headers['x-plex-client-identifier']).toBe('autoarr-plex');
  });

  it('reads sections from /library/sections/all, with and without locations', async () => {
    const c = await plex(() => ({
      body: {
        MediaContainer: {
          size: 2,
          Directory: [
            {
              key: '1',
              title: 'Films',
              type: 'movie',
              refreshing: false,
              scannedAt: 1767225600,
              Location: [{ id: 1, path: '/movies' }],
            },
            { key: '2', title: 'Séries', type: 'show', refreshing: '1' },
          ],
        },
      },
    }));
    const s = await c.sections();
    expect(server!.requests[0]!.path).toBe('/library/sections/all');
    expect(s[0]).toMatchObject({ key: '1', locations: ['/movies'], scannedAt: 1767225600, refreshing: false });
    expect(s[1]).toMatchObject({ title: 'Séries', locations: [], refreshing: true });
  });

  it('treats a missing Metadata array as no sessions', async () => {
    const c = await plex(() => ({ body: { MediaContainer: { size: 0 } } }));
    expect(await c.sessions()).toEqual([]);
    expect(await c.recentlyAdded({ limit: 5 })).toEqual([]);
    expect(server!.requests[1]!.query.get('X-Plex-Container-Size')).toBe('5');
  });

  it('maps sessions with user, player and location', async () => {
    const c = await plex(() => ({
      body: {
        MediaContainer: {
          size: 1,
          Metadata: [
            {
              ratingKey: '12',
              key: '/library/metadata/12',
              title: 'Pilot',
              type: 'episode',
              addedAt: 1,
              grandparentTitle: 'The Bear',
              parentIndex: 1,
              index: 1,
              User: { id: 1, title: 'alice' },
              Player: { title: 'TV', product: 'Plex for LG', platform: 'webOS', state: 'playing', local: true },
              Session: { id: 's', bandwidth: 8000, location: 'lan' },
            },
          ],
        },
      },
    }));
    const [s] = await c.sessions();
    expect(s).toMatchObject({
      title: 'Pilot',
      user: 'alice',
      location: 'lan',
      bandwidthKbps: 8000,
      grandparentTitle: 'The Bear',
    });
    expect(s!.player.state).toBe('playing');
  });

  it('flattens hub search results and sends the query', async () => {
    const c = await plex(() => ({
      body: {
        MediaContainer: {
          size: 2,
          Hub: [
            {
              type: 'movie',
              Metadata: [
                { ratingKey: '1', key: '/library/metadata/1', title: 'Amélie', type: 'movie', addedAt: 1, year: 2001 },
              ],
            },
            { type: 'show' },
          ],
        },
      },
    }));
    const found = await c.search('amélie');
    expect(found.map((x) => x.title)).toEqual(['Amélie']);
    expect(server!.requests[0]!.path).toBe('/hubs/search');
    expect(server!.requests[0]!.query.get('query')).toBe('amélie');
  });

  it('reads preferences and sets them as query parameters with PUT, once', async () => {
    const c = await plex((r) =>
      r.method === 'PUT'
        ? { status: 503, body: '' }
        : {
            body: {
              MediaContainer: {
                size: 1,
                Setting: [{ id: 'FSEventLibraryUpdatesEnabled', type: 'bool', value: false, default: false }],
              },
            },
          },
    );
    const prefs = await c.preferences();
    expect(prefs[0]).toMatchObject({ id: 'FSEventLibraryUpdatesEnabled', value: false });
    const err = await c
      .setPreferences({ FSEventLibraryUpdatesEnabled: true, ScheduledLibraryUpdateInterval: 3600 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const puts = server!.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.url).toBe('/:/prefs?FSEventLibraryUpdatesEnabled=1&ScheduledLibraryUpdateInterval=3600');
  });

  it('401 names the token and never shows it', async () => {
    const c = await plex(() => ({
      status: 401,
      body: '<html><h1>401 Unauthorized</h1></html>',
      contentType: 'text/html',
    }));
    const err = (await c.sections().catch((e: unknown) => e)) as AppError;
    expect(err.kind).toBe('auth');
    expect(err.message).toMatch(/^Plex rejected the token/);
    expect(err.message).not.toContain(TOKEN);
  });

  it('scans a section with GET /library/sections/<key>/refresh', async () => {
    const c = await plex(() => ({ body: '' }));
    await c.scanSection('3');
    expect(server!.requests[0]!.path).toBe('/library/sections/3/refresh');
  });
});
