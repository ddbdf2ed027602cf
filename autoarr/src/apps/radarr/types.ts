// Radarr v3 API types, re-exported by name from the generated schema (scripts/gen-types.ts, committed).
import type { components, paths } from './generated/schema.js';

type S = components['schemas'];

export type RadarrPaths = paths;
export type QueueResource = S['QueueResource'];
export type MovieResource = S['MovieResource'];
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
export type AddMovieOptions = S['AddMovieOptions'];
export type TrackedDownloadStatus = S['TrackedDownloadStatus'];
export type TrackedDownloadState = S['TrackedDownloadState'];
export type QueueStatus = S['QueueStatus'];

export interface RadarrConfigMap {
  mediamanagement: MediaManagementConfigResource;
  naming: NamingConfigResource;
  downloadclient: DownloadClientConfigResource;
  indexer: IndexerConfigResource;
}

/** Commands AutoArr sends, with their bodies (POST /api/v3/command {name, …}). */
export interface RadarrCommands {
  MoviesSearch: { movieIds: number[] };
  RefreshMovie: { movieIds?: number[] };
  MissingMoviesSearch: Record<string, never>;
}

/** A movie to add: a lookup result plus where and how to add it. */
export type AddMovieBody = MovieResource & {
  qualityProfileId: number;
  rootFolderPath: string;
  addOptions?: AddMovieOptions;
};
