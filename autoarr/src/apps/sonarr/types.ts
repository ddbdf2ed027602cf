// Sonarr v3 API types, re-exported by name from the generated schema (scripts/gen-types.ts, committed).
import type { components, paths } from './generated/schema.js';

type S = components['schemas'];

export type SonarrPaths = paths;
export type QueueResource = S['QueueResource'];
export type SeriesResource = S['SeriesResource'];
export type EpisodeResource = S['EpisodeResource'];
export type CommandResource = S['CommandResource'];
export type BlocklistResource = S['BlocklistResource'];
export type HealthResource = S['HealthResource'];
export type TagResource = S['TagResource'];
export type SystemResource = S['SystemResource'];
export type HistoryResource = S['HistoryResource'];
export type QualityProfileResource = S['QualityProfileResource'];
export type RootFolderResource = S['RootFolderResource'];
export type DiskSpaceResource = S['DiskSpaceResource'];
export type DownloadClientResource = S['DownloadClientResource'];
export type RemotePathMappingResource = S['RemotePathMappingResource'];
export type QualityDefinitionResource = S['QualityDefinitionResource'];
export type IndexerResource = S['IndexerResource'];
export type MediaManagementConfigResource = S['MediaManagementConfigResource'];
export type NamingConfigResource = S['NamingConfigResource'];
export type DownloadClientConfigResource = S['DownloadClientConfigResource'];
export type IndexerConfigResource = S['IndexerConfigResource'];
export type AddSeriesOptions = S['AddSeriesOptions'];
export type TrackedDownloadStatus = S['TrackedDownloadStatus'];
export type TrackedDownloadState = S['TrackedDownloadState'];
export type QueueStatus = S['QueueStatus'];

export interface SonarrConfigMap {
  mediamanagement: MediaManagementConfigResource;
  naming: NamingConfigResource;
  downloadclient: DownloadClientConfigResource;
  indexer: IndexerConfigResource;
}

/** Commands AutoArr sends, with their bodies (POST /api/v3/command {name, …}). */
export interface SonarrCommands {
  EpisodeSearch: { episodeIds: number[] };
  SeriesSearch: { seriesId: number };
  MissingEpisodeSearch: Record<string, never>;
  RefreshSeries: { seriesId?: number };
}

/** A series to add: a lookup result plus where and how to add it. */
export type AddSeriesBody = SeriesResource & {
  qualityProfileId: number;
  rootFolderPath: string;
  addOptions?: AddSeriesOptions;
};
