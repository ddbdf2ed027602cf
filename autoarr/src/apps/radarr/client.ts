// Radarr v3 client: typed calls through openapi-fetch over the shared Transport (timeouts, retries, AppError).
import createClient, { type Client } from 'openapi-fetch';
import type { AppInstance } from '../../settings/settings.js';
import type { AppClient, ProbeResult } from '../common/client.js';
import { badShape } from '../common/classify.js';
import { checkArrIdentity } from '../common/identity.js';
import { Transport, type ClientOptions } from '../common/transport.js';
import {
  allPages,
  configId,
  HISTORY_EVENT_IDS,
  list,
  one,
  paged,
  QUEUE_PAGE_SIZE,
  type ArrConfigKind,
  type ArrHistoryOptions,
  type ArrPageOptions,
  type ArrQueueOptions,
  type Paged,
  type RemoveFromQueueOptions,
} from '../arr/common.js';
import type {
  AddMovieBody,
  BlocklistResource,
  CommandResource,
  DiskSpaceResource,
  DownloadClientResource,
  HealthResource,
  HistoryResource,
  IndexerResource,
  QualityDefinitionResource,
  QualityProfileResource,
  QueueResource,
  RemotePathMappingResource,
  MovieResource,
  RootFolderResource,
  RadarrCommands,
  RadarrConfigMap,
  RadarrPaths,
  SystemResource,
  TagResource,
} from './types.js';

export interface RadarrClient extends AppClient {
  systemStatus(): Promise<SystemResource>;
  health(): Promise<HealthResource[]>;
  /** Every tag (id → label); series/movies carry only the ids. */
  tags(): Promise<TagResource[]>;
  queue(opts?: ArrQueueOptions): Promise<Paged<QueueResource>>;
  /** Every page of the queue, unknown items included. */
  queueAll(): Promise<Paged<QueueResource>>;
  removeFromQueue(id: number, opts: RemoveFromQueueOptions): Promise<void>;
  command<N extends keyof RadarrCommands>(name: N, body: RadarrCommands[N]): Promise<CommandResource>;
  commandStatus(id: number): Promise<CommandResource>;
  /** Commands the app still holds (queued, running and recently finished). */
  commands(): Promise<CommandResource[]>;
  /** The blocklist, newest first. */
  blocklist(opts?: ArrPageOptions): Promise<Paged<BlocklistResource>>;
  wantedMissing(opts?: ArrPageOptions): Promise<Paged<MovieResource>>;
  calendar(start: Date, end: Date): Promise<MovieResource[]>;
  history(opts?: ArrHistoryOptions): Promise<Paged<HistoryResource>>;
  qualityProfiles(): Promise<QualityProfileResource[]>;
  rootFolders(): Promise<RootFolderResource[]>;
  diskSpace(): Promise<DiskSpaceResource[]>;
  downloadClients(): Promise<DownloadClientResource[]>;
  /** Replaces one download client (read it with downloadClients() first: the body is the whole resource). */
  updateDownloadClient(id: number, body: DownloadClientResource): Promise<DownloadClientResource>;
  remotePathMappings(): Promise<RemotePathMappingResource[]>;
  qualityDefinitions(): Promise<QualityDefinitionResource[]>;
  indexers(): Promise<IndexerResource[]>;
  getConfig<K extends ArrConfigKind>(kind: K): Promise<RadarrConfigMap[K]>;
  putConfig<K extends ArrConfigKind>(kind: K, body: RadarrConfigMap[K]): Promise<RadarrConfigMap[K]>;
  movies(): Promise<MovieResource[]>;
  movie(id: number): Promise<MovieResource>;
  lookupMovie(term: string): Promise<MovieResource[]>;
  addMovie(body: AddMovieBody): Promise<MovieResource>;
}

export class RadarrHttpClient implements RadarrClient {
  private readonly http: Transport;
  private readonly api: Client<RadarrPaths>;

  constructor(
    readonly instance: AppInstance,
    options: ClientOptions = {},
  ) {
    this.http = new Transport(instance, { 'X-Api-Key': instance.apiKey }, options);
    this.api = createClient<RadarrPaths>({ baseUrl: this.http.baseUrl, fetch: this.http.fetch });
  }

  async systemStatus(): Promise<SystemResource> {
    const { data } = await this.api.GET('/api/v3/system/status');
    const status = one<SystemResource>(this.instance, 'system status', data);
    if (typeof status.version !== 'string') throw badShape(this.instance, 'system status', 'no version');
    return status;
  }

  async probe(): Promise<ProbeResult> {
    // system/status needs the key, so this one read also checks it; appName says which app answered.
    const status = await this.systemStatus();
    checkArrIdentity(this.instance, status.appName);
    return { version: status.version ?? '' };
  }

  async health(): Promise<HealthResource[]> {
    const { data } = await this.api.GET('/api/v3/health');
    return list(this.instance, 'health list', data);
  }

  async tags(): Promise<TagResource[]> {
    const { data } = await this.api.GET('/api/v3/tag');
    return list(this.instance, 'tag list', data);
  }

  async queue(opts: ArrQueueOptions = {}): Promise<Paged<QueueResource>> {
    const { data } = await this.api.GET('/api/v3/queue', {
      params: {
        query: {
          page: opts.page ?? 1,
          pageSize: opts.pageSize ?? QUEUE_PAGE_SIZE,
          includeUnknownMovieItems: opts.includeUnknown ?? true,
          includeMovie: true,
        },
      },
    });
    return paged(this.instance, 'queue', data, opts.page ?? 1);
  }

  queueAll(): Promise<Paged<QueueResource>> {
    return allPages((page) => this.queue({ page, pageSize: QUEUE_PAGE_SIZE, includeUnknown: true }));
  }

  async removeFromQueue(id: number, opts: RemoveFromQueueOptions): Promise<void> {
    await this.api.DELETE('/api/v3/queue/{id}', {
      params: {
        path: { id },
        query: {
          removeFromClient: opts.removeFromClient,
          blocklist: opts.blocklist,
          skipRedownload: opts.skipRedownload ?? false,
        },
      },
    });
  }

  async command<N extends keyof RadarrCommands>(name: N, body: RadarrCommands[N]): Promise<CommandResource> {
    // The spec types the body as CommandResource; the per-command fields (movieIds) ride along.
    const { data } = await this.api.POST('/api/v3/command', { body: { ...body, name } as CommandResource });
    return one(this.instance, `${name} command`, data);
  }

  async commands(): Promise<CommandResource[]> {
    const { data } = await this.api.GET('/api/v3/command');
    return list(this.instance, 'command list', data);
  }

  async blocklist(opts: ArrPageOptions = {}): Promise<Paged<BlocklistResource>> {
    const { data } = await this.api.GET('/api/v3/blocklist', {
      params: {
        query: { page: opts.page ?? 1, pageSize: opts.pageSize ?? 50, sortKey: 'date', sortDirection: 'descending' },
      },
    });
    return paged(this.instance, 'blocklist', data, opts.page ?? 1);
  }

  async commandStatus(id: number): Promise<CommandResource> {
    const { data } = await this.api.GET('/api/v3/command/{id}', { params: { path: { id } } });
    return one(this.instance, 'command status', data);
  }

  async wantedMissing(opts: ArrPageOptions = {}): Promise<Paged<MovieResource>> {
    const { data } = await this.api.GET('/api/v3/wanted/missing', {
      params: { query: { page: opts.page ?? 1, pageSize: opts.pageSize ?? 50, monitored: true } },
    });
    return paged(this.instance, 'missing list', data, opts.page ?? 1);
  }

  async calendar(start: Date, end: Date): Promise<MovieResource[]> {
    const { data } = await this.api.GET('/api/v3/calendar', {
      params: { query: { start: start.toISOString(), end: end.toISOString() } },
    });
    return list(this.instance, 'calendar', data);
  }

  async history(opts: ArrHistoryOptions = {}): Promise<Paged<HistoryResource>> {
    const { data } = await this.api.GET('/api/v3/history', {
      params: {
        query: {
          page: opts.page ?? 1,
          pageSize: opts.pageSize ?? 50,
          sortKey: 'date',
          sortDirection: 'descending',
          eventType: opts.eventType ? [HISTORY_EVENT_IDS[opts.eventType]] : undefined,
        },
      },
    });
    return paged(this.instance, 'history', data, opts.page ?? 1);
  }

  async qualityProfiles(): Promise<QualityProfileResource[]> {
    const { data } = await this.api.GET('/api/v3/qualityprofile');
    return list(this.instance, 'quality profiles', data);
  }

  async rootFolders(): Promise<RootFolderResource[]> {
    const { data } = await this.api.GET('/api/v3/rootfolder');
    return list(this.instance, 'root folders', data);
  }

  async diskSpace(): Promise<DiskSpaceResource[]> {
    const { data } = await this.api.GET('/api/v3/diskspace');
    return list(this.instance, 'disk space', data);
  }

  async downloadClients(): Promise<DownloadClientResource[]> {
    const { data } = await this.api.GET('/api/v3/downloadclient');
    return list(this.instance, 'download clients', data);
  }

  async updateDownloadClient(id: number, body: DownloadClientResource): Promise<DownloadClientResource> {
    const { data } = await this.api.PUT('/api/v3/downloadclient/{id}', {
      params: { path: { id } },
      body: { ...body, id },
    });
    return one(this.instance, 'download client', data);
  }

  async remotePathMappings(): Promise<RemotePathMappingResource[]> {
    const { data } = await this.api.GET('/api/v3/remotepathmapping');
    return list(this.instance, 'remote path mappings', data);
  }

  async qualityDefinitions(): Promise<QualityDefinitionResource[]> {
    const { data } = await this.api.GET('/api/v3/qualitydefinition');
    return list(this.instance, 'quality definitions', data);
  }

  async indexers(): Promise<IndexerResource[]> {
    const { data } = await this.api.GET('/api/v3/indexer');
    return list(this.instance, 'indexers', data);
  }

  async getConfig<K extends ArrConfigKind>(kind: K): Promise<RadarrConfigMap[K]> {
    const { data } = await this.api.GET(`/api/v3/config/${kind as ArrConfigKind}`);
    return one(this.instance, `${kind} config`, data);
  }

  async putConfig<K extends ArrConfigKind>(kind: K, body: RadarrConfigMap[K]): Promise<RadarrConfigMap[K]> {
    const id = String(configId(this.instance, kind, body));
    const k = kind as ArrConfigKind;
    const path = `/api/v3/config/${k}/{id}` as const;
    const { data } = await this.api.PUT(path, { params: { path: { id } }, body: body as never });
    return one(this.instance, `${kind} config`, data);
  }

  async movies(): Promise<MovieResource[]> {
    const { data } = await this.api.GET('/api/v3/movie');
    return list(this.instance, 'movie list', data);
  }

  async movie(id: number): Promise<MovieResource> {
    const { data } = await this.api.GET('/api/v3/movie/{id}', { params: { path: { id } } });
    return one(this.instance, 'movie', data);
  }

  async lookupMovie(term: string): Promise<MovieResource[]> {
    const { data } = await this.api.GET('/api/v3/movie/lookup', { params: { query: { term } } });
    return list(this.instance, 'movie lookup', data);
  }

  async addMovie(body: AddMovieBody): Promise<MovieResource> {
    const { data } = await this.api.POST('/api/v3/movie', { body });
    return one(this.instance, 'added movie', data);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
