// The *arr lists the configuration audit reads: remote path mappings, quality definitions (size limits) and
// indexers. Kept as small editable state per app so scenarios can break them; bodies follow the v3 schemas.
import { QUALITIES, type ArrApp } from '../world/model.js';

export interface SimRemotePathMapping {
  id: number;
  host: string;
  remotePath: string;
  localPath: string;
}

export interface ArrLists {
  remotePathMappings: SimRemotePathMapping[];
  /** Minimum size per quality name in MB per minute (TRaSH-like defaults). */
  minSizes: Record<string, number>;
  /** The torrent indexer's "Reject Blocklisted Torrent Hashes While Grabbing". */
  rejectBlocklistedHashes: boolean;
}

export function defaultArrLists(): ArrLists {
  return {
    remotePathMappings: [],
    minSizes: { 'WEBDL-720p': 10, 'WEBDL-1080p': 15, 'Bluray-1080p': 50.4, 'WEBDL-2160p': 25 },
    rejectBlocklistedHashes: true,
  };
}

export function remotePathMappingResources(lists: ArrLists): Record<string, unknown>[] {
  return lists.remotePathMappings.map((m) => ({ ...m }));
}

export function qualityDefinitionResources(app: ArrApp, lists: ArrLists): Record<string, unknown>[] {
  return Object.values(QUALITIES).map((q, i) => {
    const quality: Record<string, unknown> = {
      id: q.id,
      name: q.name,
      source: app === 'sonarr' ? q.sonarrSource : q.radarrSource,
      resolution: q.resolution,
    };
    if (app === 'radarr') quality.modifier = 'none';
    return {
      id: i + 1,
      quality,
      title: q.name,
      weight: i + 2,
      minSize: lists.minSizes[q.name] ?? 0,
      maxSize: 1000,
      preferredSize: 995,
    };
  });
}

export function indexerResources(app: ArrApp, lists: ArrLists): Record<string, unknown>[] {
  const field = (order: number, name: string, label: string, value: unknown, type = 'textbox') => ({
    order,
    name,
    label,
    value,
    type,
    advanced: false,
    privacy: name === 'apiKey' ? 'apiKey' : 'normal',
    isFloat: false,
  });
  const indexer = (id: number, name: string, protocol: 'usenet' | 'torrent', fields: unknown[]) => {
    const body: Record<string, unknown> = {
      id,
      name,
      fields,
      implementationName: protocol === 'usenet' ? 'Newznab' : 'Torznab',
      implementation: protocol === 'usenet' ? 'Newznab' : 'Torznab',
      configContract: protocol === 'usenet' ? 'NewznabSettings' : 'TorznabSettings',
      infoLink: `https://wiki.servarr.com/${app}/supported#${protocol === 'usenet' ? 'newznab' : 'torznab'}`,
      tags: [],
      enableRss: true,
      enableAutomaticSearch: true,
      enableInteractiveSearch: true,
      supportsRss: true,
      supportsSearch: true,
      protocol,
      priority: 25,
      downloadClientId: 0,
    };
    // Only Sonarr's IndexerResource has seasonSearchMaximumSingleEpisodeAge.
    if (app === 'sonarr') body.seasonSearchMaximumSingleEpisodeAge = 0;
    return body;
  };
  return [
    indexer(1, 'NZBgeek', 'usenet', [
      field(0, 'baseUrl', 'URL', 'https://api.nzbgeek.info'),
      field(1, 'apiPath', 'API Path', '/api'),
      field(2, 'apiKey', 'API Key', '********'),
    ]),
    indexer(2, 'Public Tracker (Prowlarr)', 'torrent', [
      field(0, 'baseUrl', 'URL', 'http://prowlarr:9696/2/'),
      field(1, 'apiPath', 'API Path', '/api'),
      field(2, 'apiKey', 'API Key', '********'),
      field(
        3,
        'rejectBlocklistedTorrentHashesWhileGrabbing',
        'Reject Blocklisted Torrent Hashes While Grabbing',
        lists.rejectBlocklistedHashes,
        'checkbox',
      ),
    ]),
  ];
}
