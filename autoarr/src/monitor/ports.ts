// What the monitor needs from the app clients, narrowed to a few calls so the benchmark and tests can pass
// in-memory fakes. portsFromRegistry() maps the real registry onto it.
import type { RadarrClient } from '../apps/radarr/client.js';
import type { AppRegistry } from '../apps/registry.js';
import type { SabnzbdClient } from '../apps/sabnzbd/client.js';
import type { SonarrClient } from '../apps/sonarr/client.js';
import type { DownloadMedia } from '../shared/types.js';

export type SabPort = Pick<SabnzbdClient, 'queue' | 'history' | 'retry' | 'deleteHistory' | 'deleteJob'>;

// tags() is optional: without it, *arr tags are simply not resolved (protected_tags then match SABnzbd labels only).
// commands() and blocklist() are optional: without them an interrupted action is settled from the queues alone.
export type SonarrPort = Pick<SonarrClient, 'queueAll' | 'removeFromQueue' | 'command' | 'history'> &
  Partial<Pick<SonarrClient, 'tags' | 'commands' | 'blocklist'>>;
export type RadarrPort = Pick<RadarrClient, 'queueAll' | 'removeFromQueue' | 'command' | 'history'> &
  Partial<Pick<RadarrClient, 'tags' | 'commands' | 'blocklist'>>;

export type ArrPortEntry =
  | { instanceId: string; name: string; app: 'sonarr'; client: SonarrPort }
  | { instanceId: string; name: string; app: 'radarr'; client: RadarrPort };

export interface MonitorPorts {
  sabs: Array<{ instanceId: string; name: string; client: SabPort }>;
  arrs: ArrPortEntry[];
}

export function portsFromRegistry(apps: AppRegistry): MonitorPorts {
  return {
    sabs: apps.ofKind('sabnzbd').map((i) => ({ instanceId: i.id, name: i.name, client: apps.sabnzbd(i.id) })),
    arrs: [
      ...apps
        .ofKind('sonarr')
        .map((i) => ({ instanceId: i.id, name: i.name, app: 'sonarr' as const, client: apps.sonarr(i.id) })),
      ...apps
        .ofKind('radarr')
        .map((i) => ({ instanceId: i.id, name: i.name, app: 'radarr' as const, client: apps.radarr(i.id) })),
    ],
  };
}

/** The targeted search for what a download was for: EpisodeSearch or MoviesSearch (R19). */
export async function searchFor(arr: ArrPortEntry, media: DownloadMedia): Promise<string> {
  if (arr.app === 'sonarr') {
    const episodeIds = media.episodeIds ?? [];
    if (!episodeIds.length)
      throw new Error(`${arr.name} has no episode ids for this download, so there is nothing to search`);
    await arr.client.command('EpisodeSearch', { episodeIds });
    return `EpisodeSearch for episode ids ${episodeIds.join(', ')}`;
  }
  if (media.movieId === undefined)
    throw new Error(`${arr.name} has no movie id for this download, so there is nothing to search`);
  await arr.client.command('MoviesSearch', { movieIds: [media.movieId] });
  return `MoviesSearch for movie id ${media.movieId}`;
}
