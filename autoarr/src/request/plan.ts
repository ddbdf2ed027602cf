// From a matched title to what AutoArr proposes: already on disk, already downloading, already on Plex, search
// what is in the library but missing, or add it with the instance's defaults (root folder, quality profile,
// monitored, search on add). Nothing here writes; execute.ts carries a confirmed plan out.
import type { PlexClient } from '../apps/plex/client.js';
import type { RadarrClient } from '../apps/radarr/client.js';
import type { SonarrClient } from '../apps/sonarr/client.js';
import type { AppInstance } from '../settings/settings.js';
import { similarity } from './similarity.js';
import type { AddIntent, RankedCandidate } from './types.js';

export interface RequestApps {
  instances(): AppInstance[];
  sonarr(id: string): SonarrClient;
  radarr(id: string): RadarrClient;
  plex(id: string): PlexClient;
}

export interface RequestPlan {
  /** add: a new title; search: in the library but missing, search for it. */
  action: 'add' | 'search';
  app: 'sonarr' | 'radarr';
  instanceId: string;
  instanceName: string;
  title: string;
  year: number;
  externalId: number;
  libraryId?: number;
  rootFolder?: string;
  qualityProfile?: { id: number; name: string };
  /** Sonarr's monitor option for an added series. */
  monitor?: 'all' | 'latestSeason' | 'unknown';
  season?: number;
  episode?: number;
  /** Episodes to search (search plans of a series). */
  episodeIds?: number[];
  /** Search right away (the *arr default on add). */
  search: boolean;
}

export type PlanResult =
  | { kind: 'plan'; plan: RequestPlan; message: string; notes: string[] }
  | { kind: 'exists' | 'downloading'; message: string; notes: string[]; plan?: RequestPlan };

const label = (c: { title: string; year: number }) => (c.year ? `${c.title} (${c.year})` : c.title);
const code = (s: number, e?: number) =>
  `S${String(s).padStart(2, '0')}${e !== undefined ? `E${String(e).padStart(2, '0')}` : ''}`;

export async function planFor(
  intent: AddIntent,
  c: RankedCandidate,
  apps: RequestApps,
  now: Date,
): Promise<PlanResult> {
  const notes: string[] = [];
  const base = {
    app: c.app,
    instanceId: c.instanceId,
    instanceName: c.instanceName,
    title: c.title,
    year: c.year,
    externalId: c.externalId,
  };
  if (c.libraryId !== undefined)
    return c.app === 'radarr'
      ? movieInLibrary(apps.radarr(c.instanceId), { ...base, libraryId: c.libraryId }, notes)
      : seriesInLibrary(apps.sonarr(c.instanceId), intent, { ...base, libraryId: c.libraryId }, notes, now);

  const onPlex = await plexHas(apps, c, notes);
  const defaults = await addDefaults(apps, c, intent);
  const plan: RequestPlan = {
    ...base,
    action: 'add',
    rootFolder: defaults.rootFolder,
    qualityProfile: defaults.qualityProfile,
    search: true,
  };
  if (c.app === 'sonarr') {
    plan.monitor = intent.scope === 'latest' ? 'latestSeason' : intent.season !== undefined ? 'unknown' : 'all';
    if (intent.season !== undefined) plan.season = intent.season;
    if (intent.episode !== undefined) plan.episode = intent.episode;
  }
  if (intent.quality && !defaults.wishMet)
    notes.push(
      `${c.instanceName} has no quality profile named for ${intent.quality === '2160p' ? '4K (2160p)' : intent.quality}, so its first profile, ${defaults.qualityProfile.name}, is used; change it in ${c.instanceName} after adding if needed.`,
    );
  const what =
    c.app === 'radarr'
      ? label(c)
      : plan.episode !== undefined && plan.season !== undefined
        ? `${label(c)}, watching season ${plan.season} and searching ${code(plan.season, plan.episode)},`
        : plan.season !== undefined
          ? `${label(c)}, season ${plan.season},`
          : plan.monitor === 'latestSeason'
            ? `${label(c)}, latest season,`
            : `${label(c)}, all seasons,`;
  const message = `Add ${what} to ${c.instanceName}, root ${plan.rootFolder}, profile ${plan.qualityProfile!.name}, search now?`;
  if (onPlex)
    return { kind: 'exists', message: `${onPlex} ${c.instanceName} does not manage it yet. ${message}`, notes, plan };
  return { kind: 'plan', plan, message, notes };
}

async function addDefaults(
  apps: RequestApps,
  c: RankedCandidate,
  intent: AddIntent,
): Promise<{ rootFolder: string; qualityProfile: { id: number; name: string }; wishMet: boolean }> {
  const client = c.app === 'radarr' ? apps.radarr(c.instanceId) : apps.sonarr(c.instanceId);
  const [roots, profiles] = await Promise.all([client.rootFolders(), client.qualityProfiles()]);
  const root = roots.find((r) => r.accessible !== false && r.path) ?? roots.find((r) => r.path);
  const usable = profiles.filter((p) => typeof p.id === 'number');
  const wish = intent.quality;
  const wanted = wish
    ? usable.find((p) =>
        new RegExp(wish === '2160p' ? '2160|4k|uhd' : wish === '1080p' ? '1080' : '720', 'i').test(p.name ?? ''),
      )
    : undefined;
  const profile = wanted ?? usable[0];
  if (!root?.path || !profile)
    throw new RequestPlanError(
      `${c.instanceName} has no ${!root?.path ? 'root folder' : 'quality profile'} to add to. Add one in ${c.instanceName} (Settings → Media Management / Profiles), then ask again.`,
    );
  return {
    rootFolder: root.path,
    qualityProfile: { id: profile.id!, name: profile.name ?? `profile ${profile.id}` },
    wishMet: wanted !== undefined,
  };
}

export class RequestPlanError extends Error {
  override name = 'RequestPlanError';
}

async function movieInLibrary(
  radarr: RadarrClient,
  base: Omit<RequestPlan, 'action' | 'search'> & { libraryId: number },
  notes: string[],
): Promise<PlanResult> {
  const [movie, queue] = await Promise.all([radarr.movie(base.libraryId), radarr.queueAll()]);
  const q = queue.records.find((r) => r.movieId === base.libraryId);
  if (q)
    return {
      kind: 'downloading',
      message: `${label(base)} is already downloading in ${base.instanceName}${progress(q)}.`,
      notes,
    };
  if (movie.hasFile)
    return { kind: 'exists', message: `${label(base)} is already in ${base.instanceName} and on disk.`, notes };
  const plan: RequestPlan = { ...base, action: 'search', search: true };
  return {
    kind: 'plan',
    plan,
    message: `${label(base)} is already in ${base.instanceName} but not on disk${movie.monitored ? '' : ' (and not monitored)'}. Search for it now?`,
    notes,
  };
}

async function seriesInLibrary(
  sonarr: SonarrClient,
  intent: AddIntent,
  base: Omit<RequestPlan, 'action' | 'search'> & { libraryId: number },
  notes: string[],
  now: Date,
): Promise<PlanResult> {
  const [episodes, queue] = await Promise.all([sonarr.episodes(base.libraryId), sonarr.queueAll()]);
  const seasons = [...new Set(episodes.map((e) => e.seasonNumber ?? 0))].filter((n) => n > 0).sort((a, b) => a - b);
  const season = intent.scope === 'latest' ? seasons.at(-1) : intent.season;
  const wanted = episodes.filter(
    (e) =>
      (season === undefined || e.seasonNumber === season) &&
      (intent.episode === undefined || e.episodeNumber === intent.episode) &&
      (e.seasonNumber ?? 0) > 0,
  );
  const part =
    season === undefined ? '' : intent.episode !== undefined ? ` ${code(season, intent.episode)}` : ` season ${season}`;
  const what = `${label(base)}${part}`;
  if (wanted.length === 0)
    return {
      kind: 'exists',
      message: `${label(base)} is in ${base.instanceName}, which lists no${part || ' episodes'} for it yet. It will be grabbed when it appears if it is monitored.`,
      notes,
    };
  const ids = new Set(wanted.map((e) => e.id));
  const inQueue = queue.records.filter(
    (r) => r.seriesId === base.libraryId && (r.episodeId === undefined || ids.has(r.episodeId!)),
  );
  const aired = wanted.filter((e) => !e.airDateUtc || Date.parse(e.airDateUtc) <= now.getTime() || e.hasFile);
  const missing = aired.filter((e) => !e.hasFile && !inQueue.some((q) => q.episodeId === e.id));
  if (missing.length === 0 && inQueue.length > 0)
    return {
      kind: 'downloading',
      message: `${what} is already downloading in ${base.instanceName}${progress(inQueue[0]!)}.`,
      notes,
    };
  if (missing.length === 0)
    return {
      kind: 'exists',
      message: `${what} is already in ${base.instanceName} with every aired episode on disk.`,
      notes,
    };
  const plan: RequestPlan = {
    ...base,
    action: 'search',
    search: true,
    episodeIds: missing.map((e) => e.id!).slice(0, 500),
    ...(season !== undefined ? { season } : {}),
    ...(intent.episode !== undefined ? { episode: intent.episode } : {}),
  };
  const already = inQueue.length ? ` (${inQueue.length} already downloading)` : '';
  return {
    kind: 'plan',
    plan,
    message: `${what} is already in ${base.instanceName}; ${missing.length} of ${aired.length} aired episode(s) are missing${already}. Search for them now?`,
    notes,
  };
}

function progress(q: { size?: number; sizeleft?: number }): string {
  if (!q.size || q.size <= 0 || q.sizeleft === undefined) return '';
  return ` (${Math.round((100 * (q.size - q.sizeleft)) / q.size)} %)`;
}

/** "Dune (2021) is already on Plex (Movies)." when a Plex library has it; unreachable Plex → a note. */
async function plexHas(apps: RequestApps, c: RankedCandidate, notes: string[]): Promise<string | undefined> {
  for (const inst of apps.instances().filter((i) => i.app === 'plex')) {
    try {
      const items = await apps.plex(inst.id).search(c.title);
      const type = c.app === 'radarr' ? 'movie' : 'show';
      const hit = items.find(
        (i) =>
          i.type === type &&
          similarity(i.title, c.title) >= 0.95 &&
          (!i.year || !c.year || Math.abs(i.year - c.year) <= 1),
      );
      if (hit)
        return `${label(c)} is already on ${inst.name}${hit.librarySectionTitle ? ` (${hit.librarySectionTitle})` : ''}.`;
    } catch (err) {
      notes.push(`${inst.name} could not be checked (${err instanceof Error ? err.message : String(err)}).`);
    }
  }
  return undefined;
}
