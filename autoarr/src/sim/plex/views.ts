// Plex MediaContainer bodies (identity, sections, metadata, hubs, sessions, prefs) and the XML form PMS sends
// when the client does not ask for JSON.
import type { PlexItem } from '../world/model.js';
import type { PlexSection, SimWorld } from '../world/world.js';
import type { PlexPref } from './prefs.js';

export const PLEX_VERSION = '1.41.6.9685-d301f511a';
const LIBRARY = 'com.plexapp.plugins.library';
const sec = (ms: number) => Math.floor(ms / 1000);

export function identity(world: SimWorld): Record<string, unknown> {
  return { MediaContainer: { size: 0, claimed: true, machineIdentifier: world.plexMachineId, version: PLEX_VERSION } };
}

export function sectionDirectory(world: SimWorld, s: PlexSection): Record<string, unknown> {
  const movie = s.type === 'movie';
  return {
    allowSync: true,
    art: `/:/resources/${movie ? 'movie' : 'show'}-fanart.jpg`,
    composite: `/library/sections/${s.id}/composite/${sec(s.updatedAt)}`,
    filters: true,
    refreshing: s.refreshingUntil > world.now(),
    thumb: `/:/resources/${movie ? 'movie' : 'show'}.png`,
    key: String(s.id),
    type: s.type,
    title: s.title,
    agent: movie ? 'tv.plex.agents.movie' : 'tv.plex.agents.series',
    scanner: movie ? 'Plex Movie' : 'Plex TV Series',
    language: 'en-US',
    uuid: s.uuid,
    updatedAt: sec(s.updatedAt),
    createdAt: sec(s.createdAt),
    scannedAt: sec(s.scannedAt),
    content: true,
    directory: true,
    contentChangedAt: sec(s.updatedAt),
    hidden: false,
    Location: [{ id: s.id, path: s.location }],
  };
}

export function sectionsBody(world: SimWorld): Record<string, unknown> {
  const dirs = world.plexSections.map((s) => sectionDirectory(world, s));
  return { MediaContainer: { size: dirs.length, allowSync: false, title1: 'Plex Library', Directory: dirs } };
}

export function metadata(world: SimWorld, item: PlexItem): Record<string, unknown> {
  const section = world.plexSections.find((s) => s.id === item.sectionId);
  const common = {
    ratingKey: String(item.ratingKey),
    key: `/library/metadata/${item.ratingKey}`,
    librarySectionID: item.sectionId,
    librarySectionTitle: section?.title ?? '',
    librarySectionKey: `/library/sections/${item.sectionId}`,
    addedAt: item.addedAt,
    updatedAt: item.addedAt,
  };
  const media = (id: number, file: string, size: number, durationMs: number, height: number) => [
    {
      id,
      duration: durationMs,
      bitrate: Math.round((size * 8) / (durationMs / 1000) / 1000),
      width: height === 1080 ? 1920 : 1280,
      height,
      aspectRatio: 1.78,
      audioChannels: 6,
      audioCodec: 'eac3',
      videoCodec: 'h264',
      videoResolution: String(height),
      container: 'mkv',
      videoFrameRate: '24p',
      videoProfile: 'high',
      Part: [
        {
          id,
          key: `/library/parts/${id}/${item.addedAt}/file.mkv`,
          duration: durationMs,
          file,
          size,
          container: 'mkv',
          videoProfile: 'high',
        },
      ],
    },
  ];
  if (item.type === 'movie') {
    const m = world.movieById(item.movieId);
    return {
      ...common,
      guid: `plex://movie/5d7768${String(m?.tmdbId ?? 0).padStart(18, '0')}`,
      type: 'movie',
      title: m?.title ?? item.title,
      originalTitle: m && m.originalTitle !== m.title ? m.originalTitle : undefined,
      studio: m?.studio,
      contentRating: m?.certification,
      summary: m?.overview ?? '',
      year: m?.year,
      duration: (m?.runtime ?? 120) * 60_000,
      thumb: `/library/metadata/${item.ratingKey}/thumb/${item.addedAt}`,
      Media: m?.file ? media(item.ratingKey, m.file.path, m.file.size, m.runtime * 60_000, 1080) : [],
      Guid: m ? [{ id: `imdb://${m.imdbId}` }, { id: `tmdb://${m.tmdbId}` }] : [],
    };
  }
  const e = world.episodeById(item.episodeId);
  const s = world.seriesById(e?.seriesId);
  const showKey = s?.plexRatingKey ?? 0;
  const seasonKey = showKey + (e?.seasonNumber ?? 0);
  return {
    ...common,
    guid: `plex://episode/${String(e?.tvdbId ?? 0).padStart(24, '0')}`,
    type: 'episode',
    title: e?.title ?? item.title,
    grandparentTitle: s?.title ?? '',
    grandparentKey: `/library/metadata/${showKey}`,
    grandparentRatingKey: String(showKey),
    parentTitle: `Season ${e?.seasonNumber ?? 1}`,
    parentKey: `/library/metadata/${seasonKey}`,
    parentRatingKey: String(seasonKey),
    index: e?.episodeNumber ?? 1,
    parentIndex: e?.seasonNumber ?? 1,
    summary: '',
    duration: (e?.runtime ?? 45) * 60_000,
    originallyAvailableAt: e ? new Date(e.airDateUtc).toISOString().slice(0, 10) : undefined,
    thumb: `/library/metadata/${item.ratingKey}/thumb/${item.addedAt}`,
    Media: e?.file ? media(item.ratingKey, e.file.path, e.file.size, e.runtime * 60_000, 1080) : [],
  };
}

export function metadataContainer(
  world: SimWorld,
  items: PlexItem[],
  start: number,
  size: number,
  extra: Record<string, unknown> = {},
) {
  const page = items.slice(start, start + size);
  return {
    total: items.length,
    body: {
      MediaContainer: {
        size: page.length,
        totalSize: items.length,
        offset: start,
        identifier: LIBRARY,
        allowSync: true,
        mediaTagPrefix: '/system/bundle/media/flags/',
        ...extra,
        Metadata: page.map((i) => metadata(world, i)),
      },
    },
  };
}

export function searchHubs(world: SimWorld, query: string, limit: number): Record<string, unknown> {
  const q = query.toLowerCase();
  const hit = (type: PlexItem['type']) =>
    world.plexItems.filter((i) => {
      if (i.type !== type) return false;
      const s = type === 'episode' ? (world.seriesById(world.episodeById(i.episodeId)?.seriesId)?.title ?? '') : '';
      return i.title.toLowerCase().includes(q) || s.toLowerCase().includes(q);
    });
  const hub = (type: PlexItem['type'], title: string) => {
    const items = hit(type);
    return {
      title,
      type,
      hubIdentifier: type,
      context: '',
      size: Math.min(limit, items.length),
      more: items.length > limit,
      style: 'shelf',
      Metadata: items.slice(0, limit).map((i) => metadata(world, i)),
    };
  };
  const hubs = [hub('movie', 'Movies'), hub('episode', 'Episodes')];
  return { MediaContainer: { size: hubs.length, identifier: LIBRARY, Hub: hubs } };
}

export function sessionsBody(world: SimWorld): Record<string, unknown> {
  if (world.scenario !== 'healthy' && world.scenario !== 'demo') return { MediaContainer: { size: 0 } };
  const item = world.plexItems.find((i) => i.type === 'episode');
  if (!item) return { MediaContainer: { size: 0 } };
  return {
    MediaContainer: {
      size: 1,
      Metadata: [
        {
          ...metadata(world, item),
          sessionKey: '42',
          viewOffset: 1_234_000,
          User: { id: '1', title: 'maria', thumb: 'https://plex.tv/users/5f2b1c/avatar?c=1700000000' },
          Player: {
            address: '192.168.1.40',
            local: true,
            machineIdentifier: 'a1b2c3d4-living-room',
            platform: 'Android',
            product: 'Plex for Android (TV)',
            state: 'playing',
            title: 'Living Room TV',
            userID: 1,
            version: '10.20.1.1',
          },
          Session: { id: 'b7k3xv9q2m1c8d4e5f6g7h8j', bandwidth: 12_400, location: 'lan' },
        },
      ],
    },
  };
}

export function prefsBody(prefs: Map<string, PlexPref>): Record<string, unknown> {
  const list = [...prefs.values()].map((p) => {
    const out: Record<string, unknown> = {
      id: p.id,
      label: p.label,
      summary: p.summary,
      type: p.type,
      default: p.default,
      value: p.value,
      hidden: p.hidden,
      advanced: p.advanced,
      group: p.group,
    };
    if (p.enumValues) out.enumValues = p.enumValues;
    return out;
  });
  return { MediaContainer: { size: list.length, Setting: list } };
}

/** PMS's XML: scalars become attributes, arrays of objects become child elements named by their key. */
export function toXml(body: Record<string, unknown>): string {
  const esc = (v: unknown) => String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const el = (name: string, obj: Record<string, unknown>): string => {
    const attrs: string[] = [];
    const children: string[] = [];
    for (const [k, v] of Object.entries(obj)) {
      if (v === undefined || v === null) continue;
      if (Array.isArray(v))
        for (const c of v)
          children.push(typeof c === 'object' ? el(k, c as Record<string, unknown>) : `<${k} tag="${esc(c)}"/>`);
      else if (typeof v === 'object') children.push(el(k, v as Record<string, unknown>));
      else attrs.push(`${k}="${esc(typeof v === 'boolean' ? (v ? 1 : 0) : v)}"`);
    }
    const open = `<${name}${attrs.length ? ` ${attrs.join(' ')}` : ''}`;
    return children.length ? `${open}>\n${children.join('\n')}\n</${name}>` : `${open}/>`;
  };
  const [name, value] = Object.entries(body)[0] ?? ['MediaContainer', {}];
  return `<?xml version="1.0" encoding="UTF-8"?>\n${el(name, value as Record<string, unknown>)}\n`;
}
