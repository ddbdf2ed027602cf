// Plex tools: server identity, libraries, scanning, recently added, who is watching, search.
import { z } from 'zod';
import type { PlexItem } from '../../apps/plex/types.js';
import { UserError } from '../../core/errors.js';
import { actionOutput, countText, doneOf, instanceOutput, untrustedText } from '../common.js';
import { defineTool } from '../define.js';
import { plex } from './pick.js';

const mediaItem = z.object({
  ratingKey: z.string(),
  type: z.string().describe('movie, show, season, episode …'),
  title: z.string(),
  year: z.number().optional(),
  showTitle: z.string().optional(),
  seasonNumber: z.number().optional(),
  episodeNumber: z.number().optional(),
  library: z.string().optional(),
  addedAt: z.number().describe('Unix seconds.'),
});

function mapItem(i: PlexItem): z.infer<typeof mediaItem> {
  return {
    ratingKey: i.ratingKey,
    type: i.type,
    title: untrustedText(i.title),
    ...(i.year ? { year: i.year } : {}),
    ...(i.grandparentTitle ? { showTitle: untrustedText(i.grandparentTitle) } : {}),
    ...(i.parentIndex !== undefined ? { seasonNumber: i.parentIndex } : {}),
    ...(i.index !== undefined ? { episodeNumber: i.index } : {}),
    ...(i.librarySectionTitle ? { library: i.librarySectionTitle } : {}),
    addedAt: i.addedAt,
  };
}

export const itemLabel = (i: z.infer<typeof mediaItem>) =>
  i.type === 'episode' && i.showTitle
    ? `${i.showTitle} S${String(i.seasonNumber ?? 0).padStart(2, '0')}E${String(i.episodeNumber ?? 0).padStart(2, '0')} "${i.title}"`
    : `${i.title}${i.year ? ` (${i.year})` : ''}`;

const serverInfo = defineTool({
  name: 'plex_get_server_info',
  title: 'Plex server',
  description: 'Plex version, machine id and whether it is claimed by an account.',
  group: 'plex',
  effect: 'read',
  input: {},
  output: { ...instanceOutput, version: z.string(), machineIdentifier: z.string(), claimed: z.boolean() },
  async run(_a, env) {
    const { instance, client } = plex(env);
    const id = await client.identity();
    return {
      data: { instance, version: id.version, machineIdentifier: id.machineIdentifier, claimed: id.claimed },
      summary: `Plex (${instance}) ${id.version}, ${id.claimed ? 'claimed' : 'NOT claimed'}.`,
    };
  },
});

const libraries = defineTool({
  name: 'plex_get_libraries',
  title: 'Plex libraries',
  description: 'The Plex libraries with their keys, types, folders and last scan time.',
  group: 'plex',
  effect: 'read',
  input: {},
  output: {
    ...instanceOutput,
    items: z.array(
      z.object({
        key: z.string(),
        title: z.string(),
        type: z.string(),
        refreshing: z.boolean().describe('A scan is running.'),
        scannedAt: z.number().optional(),
        locations: z.array(z.string()),
      }),
    ),
  },
  async run(_a, env) {
    const { instance, client } = plex(env);
    const items = (await client.sections()).slice(0, 100).map((s) => ({
      key: s.key,
      title: untrustedText(s.title),
      type: s.type,
      refreshing: s.refreshing,
      ...(s.scannedAt ? { scannedAt: s.scannedAt } : {}),
      locations: s.locations.slice(0, 20),
    }));
    return {
      data: { instance, items },
      summary: `Plex (${instance}) has ${items.length} librar${items.length === 1 ? 'y' : 'ies'}, listed below with key and type.`,
      untrusted: items.map((s) => `${s.title} (key ${s.key}, ${s.type})`),
    };
  },
});

const scanLibrary = defineTool({
  name: 'plex_scan_library',
  title: 'Scan a Plex library',
  description: 'Scans one Plex library (by key or title) so newly imported files show up.',
  group: 'plex',
  effect: 'write',
  idempotent: true,
  input: { library: z.string().min(1).describe('Library key ("1") or title ("TV Shows") from plex_get_libraries.') },
  output: { ...instanceOutput, ...actionOutput, key: z.string() },
  async run({ library }, env) {
    const { instance, client } = plex(env);
    const sections = await client.sections();
    const s = sections.find((x) => x.key === library || x.title.toLowerCase() === library.toLowerCase());
    if (!s)
      throw new UserError(
        'not_found',
        `Plex (${instance}) has no library "${untrustedText(library)}"; libraries: ${sections.map((x) => x.title).join(', ')}`,
        404,
      );
    await client.scanSection(s.key);
    const d = doneOf(`started a scan of the Plex library "${s.title}"`);
    return { ...d, data: { ...d.data, instance, key: s.key } };
  },
});

const recentlyAdded = defineTool({
  name: 'plex_get_recently_added',
  title: 'Recently added to Plex',
  description: 'The newest items in Plex, to confirm a download can be watched.',
  group: 'plex',
  effect: 'read',
  input: { limit: z.number().int().min(1).max(200).default(25).describe('How many items (default 25).') },
  output: { ...instanceOutput, items: z.array(mediaItem) },
  async run({ limit }, env) {
    const { instance, client } = plex(env);
    const items = (await client.recentlyAdded({ limit })).slice(0, limit).map(mapItem);
    return {
      data: { instance, items },
      summary: `Plex (${instance}): ${items.length} recently added item(s).`,
      untrusted: items.map(itemLabel),
    };
  },
});

const sessions = defineTool({
  name: 'plex_get_active_sessions',
  title: 'Who is watching',
  description: 'What is playing on Plex right now, for whom, on which player, local or remote.',
  group: 'plex',
  effect: 'read',
  input: {},
  output: {
    ...instanceOutput,
    items: z.array(
      mediaItem.extend({
        user: z.string(),
        player: z.string(),
        state: z.string().describe('playing, paused, buffering.'),
        local: z.boolean(),
        bandwidthKbps: z.number().optional(),
      }),
    ),
  },
  async run(_a, env) {
    const { instance, client } = plex(env);
    const items = (await client.sessions()).slice(0, 50).map((s) => ({
      ...mapItem(s),
      user: untrustedText(s.user),
      player: untrustedText(`${s.player.title} (${s.player.product})`),
      state: s.player.state,
      local: s.player.local,
      ...(s.bandwidthKbps ? { bandwidthKbps: s.bandwidthKbps } : {}),
    }));
    return {
      data: { instance, items },
      summary: items.length
        ? `Plex (${instance}): ${items.length} active stream(s).`
        : `Nobody is watching Plex (${instance}).`,
      untrusted: items.map((s) => `${s.user}: ${itemLabel(s)} on ${s.player} [${s.state}]`),
    };
  },
});

const search = defineTool({
  name: 'plex_search_media',
  title: 'Search Plex',
  description: 'Searches Plex by title, e.g. to check that a movie or episode can be watched.',
  group: 'plex',
  effect: 'read',
  input: {
    query: z.string().min(1).describe('Title to look for.'),
    limit: z.number().int().min(1).max(200).default(25).describe('How many matches at most (default 25).'),
  },
  output: { ...instanceOutput, items: z.array(mediaItem), total: z.number().int() },
  async run({ query, limit }, env) {
    const { instance, client } = plex(env);
    const all = await client.search(query);
    const items = all.slice(0, limit).map(mapItem);
    return {
      data: { instance, items, total: all.length },
      summary: `Plex (${instance}): ${countText(items.length, all.length, 'matches')} for "${untrustedText(query)}".`,
      untrusted: items.map(itemLabel),
    };
  },
});

export const plexTools = [serverInfo, libraries, scanLibrary, recentlyAdded, sessions, search];
