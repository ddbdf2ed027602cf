// The simulated Plex Media Server: X-Plex-Token auth, JSON with `Accept: application/json` (XML otherwise),
// library sections and scans, recently added, sessions, hub search and server preferences.
import { Hono, type Context } from 'hono';
import type { SimWorld } from '../world/world.js';
import { coercePlexPref, type PlexPref } from './prefs.js';
import { identity, metadataContainer, prefsBody, searchHubs, sectionsBody, sessionsBody, toXml } from './views.js';

export interface PlexOptions {
  token: string;
  rejectAllKeys: () => boolean;
}

const UNAUTHORIZED = '<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>';
const SCAN_MS = 8_000;

function reply(c: Context, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  const wantsJson = (c.req.header('Accept') ?? '').includes('application/json');
  const h = { 'X-Plex-Protocol': '1.0', 'Cache-Control': 'no-cache', ...headers };
  if (wantsJson) return c.body(JSON.stringify(body), 200, { ...h, 'Content-Type': 'application/json' });
  return c.body(toXml(body), 200, { ...h, 'Content-Type': 'text/xml;charset=utf-8' });
}

function paging(c: Context): { start: number; size: number } {
  const read = (name: string, fallback: number) => {
    const n = Number(c.req.query(name) ?? c.req.header(name));
    return Number.isInteger(n) && n >= 0 ? n : fallback;
  };
  return { start: read('X-Plex-Container-Start', 0), size: read('X-Plex-Container-Size', 50) };
}

export function createPlexRouter(world: SimWorld, opts: PlexOptions): Hono {
  const r = new Hono();
  r.get('/identity', (c) => reply(c, identity(world)));
  r.use('*', async (c, next) => {
    const token = c.req.header('X-Plex-Token') ?? c.req.query('X-Plex-Token');
    if (!token || token !== opts.token || opts.rejectAllKeys())
      return c.body(UNAUTHORIZED, 401, { 'Content-Type': 'text/html' });
    await next();
  });
  // Hono reads "/:" as a path parameter, so the preferences endpoint is matched by hand.
  r.use('*', async (c, next) => {
    if (c.req.path !== '/:/prefs') return next();
    if (c.req.method === 'GET') return reply(c, prefsBody(world.plexPrefs));
    if (c.req.method !== 'PUT') return c.body(null, 405);
    const changes: [PlexPref, PlexPref['value']][] = [];
    for (const [k, v] of new URL(c.req.url).searchParams) {
      if (k.startsWith('X-Plex-')) continue;
      const pref = world.plexPrefs.get(k);
      const value = pref ? coercePlexPref(pref, v) : undefined;
      if (!pref || value === undefined) return c.body(null, 400);
      changes.push([pref, value]);
    }
    for (const [pref, value] of changes) pref.value = value;
    return c.body(null, 200);
  });
  const sections = (c: Context) => reply(c, sectionsBody(world));
  r.get('/library/sections/all', sections);
  // Not in the spec but what most clients call (plex-api.md §2).
  r.get('/library/sections', sections);
  r.get('/library/sections/', sections);

  const refresh = (c: Context) => {
    const s = world.plexSections.find((x) => x.id === Number(c.req.param('id')));
    if (!s) return c.body(null, 404);
    s.refreshingUntil = world.now() + SCAN_MS;
    s.scannedAt = world.now();
    return c.body(null, 200);
  };
  r.get('/library/sections/:id{[0-9]+}/refresh', refresh);
  r.post('/library/sections/:id{[0-9]+}/refresh', refresh);
  r.delete('/library/sections/:id{[0-9]+}/refresh', (c) => {
    const s = world.plexSections.find((x) => x.id === Number(c.req.param('id')));
    if (s) s.refreshingUntil = 0;
    return c.body(null, 200);
  });

  const recent = (c: Context, sectionId?: number) => {
    const { start, size } = paging(c);
    const items = world.plexItems
      .filter((i) => sectionId === undefined || i.sectionId === sectionId)
      .sort((a, b) => b.addedAt - a.addedAt || b.ratingKey - a.ratingKey);
    const { total, body } = metadataContainer(world, items, start, size, sectionId ? {} : { mixedParents: true });
    return reply(c, body, { 'X-Plex-Container-Start': String(start), 'X-Plex-Container-Total-Size': String(total) });
  };
  r.get('/library/recentlyAdded', (c) => recent(c));
  r.get('/library/sections/:id{[0-9]+}/recentlyAdded', (c) => recent(c, Number(c.req.param('id'))));
  r.get('/library/sections/:id{[0-9]+}/all', (c) => {
    const id = Number(c.req.param('id'));
    const s = world.plexSections.find((x) => x.id === id);
    if (!s) return c.body(null, 404);
    const { start, size } = paging(c);
    const items = world.plexItems.filter((i) => i.sectionId === id).sort((a, b) => a.title.localeCompare(b.title));
    const { total, body } = metadataContainer(world, items, start, size, {
      librarySectionID: id,
      librarySectionTitle: s.title,
      title1: s.title,
    });
    return reply(c, body, { 'X-Plex-Container-Start': String(start), 'X-Plex-Container-Total-Size': String(total) });
  });
  r.get('/library/onDeck', (c) => reply(c, { MediaContainer: { size: 0 } }));
  r.get('/status/sessions', (c) => reply(c, sessionsBody(world)));
  r.get('/hubs/search', (c) => {
    const query = c.req.query('query');
    if (!query) return c.body(null, 400);
    const limit = Number(c.req.query('limit') ?? 3);
    return reply(c, searchHubs(world, query, Number.isInteger(limit) && limit > 0 ? limit : 3));
  });
  r.get('/search', (c) => {
    const q = (c.req.query('query') ?? '').toLowerCase();
    const items = world.plexItems.filter((i) => i.title.toLowerCase().includes(q));
    return reply(c, metadataContainer(world, items, 0, 50).body);
  });
  r.notFound((c) => c.body(null, 404));
  return r;
}
