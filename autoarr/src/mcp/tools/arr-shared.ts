// Tools Sonarr and Radarr share (queue, remove from queue, health, profiles, root folders, history), built once per
// app. The clients' generated types differ per app, so these tools read them through the small structural `ArrApi`.
import { z } from 'zod';
import type { ArrHistoryEventType, Paged, RemoveFromQueueOptions } from '../../apps/arr/common.js';
import { UserError } from '../../core/errors.js';
import {
  UNTRUSTED_NOTE,
  actionOutput,
  bytesText,
  confirmInput,
  countText,
  doneOf,
  instanceOutput,
  pageInfo,
  pageOutput,
  pagingInput,
  previewOf,
  untrustedText,
} from '../common.js';
import { defineTool, type AnyTool, type ToolEnv } from '../define.js';

type Opt<T> = T | null | undefined;
interface QueueRecord {
  id?: number;
  title?: Opt<string>;
  status?: Opt<string>;
  trackedDownloadStatus?: Opt<string>;
  trackedDownloadState?: Opt<string>;
  statusMessages?: Opt<Array<{ title?: Opt<string>; messages?: Opt<string[]> }>>;
  errorMessage?: Opt<string>;
  downloadId?: Opt<string>;
  protocol?: Opt<string>;
  downloadClient?: Opt<string>;
  size?: number;
  sizeleft?: number;
  estimatedCompletionTime?: Opt<string>;
  seriesId?: Opt<number>;
  episodeId?: Opt<number>;
  movieId?: Opt<number>;
}
interface HistoryRecord {
  id?: number;
  date?: string;
  eventType?: Opt<string>;
  downloadId?: Opt<string>;
  sourceTitle?: Opt<string>;
  seriesId?: number;
  episodeId?: number;
  movieId?: number;
  data?: Opt<Record<string, Opt<string>>>;
}

export interface ArrApi {
  queue(o: { page?: number; pageSize?: number; includeUnknown?: boolean }): Promise<Paged<QueueRecord>>;
  queueAll(): Promise<Paged<QueueRecord>>;
  removeFromQueue(id: number, o: RemoveFromQueueOptions): Promise<unknown>;
  health(): Promise<Array<{ source?: Opt<string>; type?: Opt<string>; message?: Opt<string>; wikiUrl?: unknown }>>;
  qualityProfiles(): Promise<Array<{ id?: number; name?: Opt<string>; upgradeAllowed?: boolean; cutoff?: number }>>;
  rootFolders(): Promise<Array<{ id?: number; path?: Opt<string>; accessible?: boolean; freeSpace?: Opt<number> }>>;
  history(o: { page?: number; pageSize?: number; eventType?: ArrHistoryEventType }): Promise<Paged<HistoryRecord>>;
}

export interface ArrToolsConfig {
  app: 'sonarr' | 'radarr';
  label: 'Sonarr' | 'Radarr';
  /** "episode" / "movie": what a queue item is for. */
  item: string;
  pick(env: ToolEnv): { instance: string; client: ArrApi };
}

export const queueItem = z.object({
  queueId: z.number().int().describe('The queue record id that *_remove_queue_item takes.'),
  downloadId: z.string().optional().describe('The download client job id (SABnzbd nzo_id).'),
  status: z.string(),
  trackedDownloadStatus: z.string().optional().describe('ok, warning or error.'),
  trackedDownloadState: z.string().optional().describe('downloading, importPending, importBlocked, failed …'),
  protocol: z.string().optional(),
  sizeBytes: z.number(),
  bytesLeft: z.number(),
  estimatedCompletionTime: z.string().optional(),
  seriesId: z.number().optional(),
  episodeId: z.number().optional(),
  movieId: z.number().optional(),
  untrusted: z
    .object({ title: z.string(), downloadClient: z.string(), messages: z.array(z.string()) })
    .describe(UNTRUSTED_NOTE),
});

export function mapQueueRecord(r: QueueRecord): z.infer<typeof queueItem> {
  const messages = [
    ...(r.errorMessage ? [r.errorMessage] : []),
    ...(r.statusMessages ?? []).flatMap((m) => [m.title ?? '', ...(m.messages ?? [])]).filter(Boolean),
  ]
    .slice(0, 6)
    .map(untrustedText);
  return {
    queueId: r.id ?? 0,
    ...(r.downloadId ? { downloadId: r.downloadId } : {}),
    status: r.status ?? 'unknown',
    ...(r.trackedDownloadStatus ? { trackedDownloadStatus: r.trackedDownloadStatus } : {}),
    ...(r.trackedDownloadState ? { trackedDownloadState: r.trackedDownloadState } : {}),
    ...(r.protocol ? { protocol: r.protocol } : {}),
    sizeBytes: r.size ?? 0,
    bytesLeft: r.sizeleft ?? 0,
    ...(r.estimatedCompletionTime ? { estimatedCompletionTime: r.estimatedCompletionTime } : {}),
    ...(r.seriesId ? { seriesId: r.seriesId } : {}),
    ...(r.episodeId ? { episodeId: r.episodeId } : {}),
    ...(r.movieId ? { movieId: r.movieId } : {}),
    untrusted: { title: untrustedText(r.title), downloadClient: untrustedText(r.downloadClient), messages },
  };
}

const queueLine = (i: z.infer<typeof queueItem>) =>
  `#${i.queueId} [${i.trackedDownloadState ?? i.status}] ${i.untrusted.title}` +
  (i.untrusted.messages.length ? ` — ${i.untrusted.messages.join('; ')}` : '');

export function arrSharedTools(cfg: ArrToolsConfig): AnyTool[] {
  const { app, label } = cfg;
  const getQueue = defineTool({
    name: `${app}_get_queue`,
    title: `${label} queue`,
    description: `What ${label} is downloading or waiting to import, with each item's state and messages.`,
    group: app,
    effect: 'read',
    input: { ...pagingInput },
    output: { ...instanceOutput, ...pageOutput, items: z.array(queueItem) },
    async run({ page, pageSize }, env) {
      const { instance, client } = cfg.pick(env);
      const q = await client.queue({ page, pageSize, includeUnknown: true });
      const items = q.records.slice(0, pageSize).map(mapQueueRecord);
      const problems = items.filter((i) => i.trackedDownloadStatus && i.trackedDownloadStatus !== 'ok').length;
      return {
        data: { instance, ...pageInfo(page, pageSize, q.totalRecords, items.length), items },
        summary: `${label} (${instance}) queue: ${countText(items.length, q.totalRecords, 'items')}, ${problems} with a warning or error.`,
        untrusted: items.map(queueLine),
      };
    },
  });

  const removeQueueItem = defineTool({
    name: `${app}_remove_queue_item`,
    title: `Remove a ${label} queue item`,
    description:
      `Removes a queue item, also from the download client, and can blocklist the release. Previews unless ` +
      `confirm: true.`,
    group: app,
    effect: 'destructive',
    idempotent: true,
    input: {
      queueId: z.number().int().describe(`The queueId from ${app}_get_queue.`),
      removeFromClient: z.boolean().default(true).describe('Also delete it (and its files) in the download client.'),
      blocklist: z.boolean().default(false).describe(`Never grab this release again; ${label} searches for another.`),
      skipRedownload: z.boolean().default(false).describe('With blocklist: no search for another now.'),
      ...confirmInput,
    },
    output: { ...instanceOutput, ...actionOutput, target: queueItem },
    async run({ queueId, removeFromClient, blocklist, skipRedownload, confirm }, env) {
      const { instance, client } = cfg.pick(env);
      const record = (await client.queueAll()).records.find((r) => r.id === queueId);
      if (!record)
        throw new UserError(
          'not_found',
          `${label} (${instance}) has no queue item ${queueId}; ${app}_get_queue lists the valid ids.`,
          404,
        );
      const target = mapQueueRecord(record);
      const action = [
        `remove queue item #${queueId} from ${label}`,
        removeFromClient
          ? 'delete the job and its files in the download client'
          : 'leave the job in the download client',
        blocklist ? 'blocklist the release' : 'not blocklist the release',
        blocklist && !skipRedownload ? `search for another release of the ${cfg.item}` : 'not search again',
      ].join(', ');
      const untrusted = [queueLine(target)];
      if (!confirm) {
        const p = previewOf(action);
        return { ...p, data: { ...p.data, instance, target }, untrusted };
      }
      await client.removeFromQueue(queueId, { removeFromClient, blocklist, skipRedownload });
      const d = doneOf(action);
      return { ...d, data: { ...d.data, instance, target }, untrusted };
    },
  });

  const getHealth = defineTool({
    name: `${app}_get_health`,
    title: `${label} health checks`,
    description: `${label}'s own health checks (indexers, download client, folders).`,
    group: app,
    effect: 'read',
    input: {},
    output: {
      ...instanceOutput,
      items: z.array(
        z.object({
          type: z.string().describe('ok, notice, warning or error.'),
          source: z.string(),
          wikiUrl: z.string().optional(),
          untrusted: z.object({ message: z.string() }).describe(UNTRUSTED_NOTE),
        }),
      ),
    },
    async run(_a, env) {
      const { instance, client } = cfg.pick(env);
      const items = (await client.health()).slice(0, 50).map((h) => ({
        type: h.type ?? 'unknown',
        source: h.source ?? '',
        ...(typeof h.wikiUrl === 'string' ? { wikiUrl: h.wikiUrl } : {}),
        untrusted: { message: untrustedText(h.message) },
      }));
      return {
        data: { instance, items },
        summary: items.length
          ? `${label} (${instance}) reports ${items.length} health issue(s).`
          : `${label} (${instance}) reports no health issues.`,
        untrusted: items.map((i) => `${i.type}: ${i.untrusted.message}`),
      };
    },
  });

  const getQualityProfiles = defineTool({
    name: `${app}_get_quality_profiles`,
    title: `${label} quality profiles`,
    description: `The quality profiles in ${label}, with ids to pass when adding a ${app === 'sonarr' ? 'series' : 'movie'}.`,
    group: app,
    effect: 'read',
    input: {},
    output: {
      ...instanceOutput,
      items: z.array(z.object({ id: z.number(), name: z.string(), upgradeAllowed: z.boolean() })),
    },
    async run(_a, env) {
      const { instance, client } = cfg.pick(env);
      const items = (await client.qualityProfiles()).slice(0, 100).map((p) => ({
        id: p.id ?? 0,
        name: untrustedText(p.name),
        upgradeAllowed: p.upgradeAllowed ?? false,
      }));
      return {
        data: { instance, items },
        summary: `${label} (${instance}) has ${items.length} quality profile(s), listed below with their ids.`,
        untrusted: items.map((p) => `${p.name} (id ${p.id})`),
      };
    },
  });

  const getRootFolders = defineTool({
    name: `${app}_get_root_folders`,
    title: `${label} root folders`,
    description: `The folders ${label} imports into, whether each is reachable, free space.`,
    group: app,
    effect: 'read',
    input: {},
    output: {
      ...instanceOutput,
      items: z.array(
        z.object({ id: z.number(), path: z.string(), accessible: z.boolean(), freeSpaceBytes: z.number() }),
      ),
    },
    async run(_a, env) {
      const { instance, client } = cfg.pick(env);
      const items = (await client.rootFolders()).slice(0, 100).map((f) => ({
        id: f.id ?? 0,
        path: f.path ?? '',
        accessible: f.accessible ?? false,
        freeSpaceBytes: f.freeSpace ?? 0,
      }));
      return {
        data: { instance, items },
        summary: `${label} (${instance}) has ${items.length} root folder(s), listed below with their free space.`,
        untrusted: items.map(
          (f) => `${f.path} (${f.accessible ? `${bytesText(f.freeSpaceBytes)} free` : 'NOT accessible'})`,
        ),
      };
    },
  });

  const getHistory = defineTool({
    name: `${app}_get_history`,
    title: `${label} history`,
    description: `Grabs, imports and failed downloads, newest first; eventType filters (e.g. failures).`,
    group: app,
    effect: 'read',
    input: {
      ...pagingInput,
      eventType: z
        .enum(['grabbed', 'downloadFolderImported', 'downloadFailed'])
        .optional()
        .describe('Only this kind of event.'),
    },
    output: {
      ...instanceOutput,
      ...pageOutput,
      items: z.array(
        z.object({
          id: z.number(),
          date: z.string(),
          eventType: z.string(),
          downloadId: z.string().optional(),
          seriesId: z.number().optional(),
          episodeId: z.number().optional(),
          movieId: z.number().optional(),
          untrusted: z.object({ sourceTitle: z.string(), message: z.string() }).describe(UNTRUSTED_NOTE),
        }),
      ),
    },
    async run({ page, pageSize, eventType }, env) {
      const { instance, client } = cfg.pick(env);
      const h = await client.history({ page, pageSize, ...(eventType ? { eventType } : {}) });
      const items = h.records.slice(0, pageSize).map((r) => ({
        id: r.id ?? 0,
        date: r.date ?? '',
        eventType: r.eventType ?? 'unknown',
        ...(r.downloadId ? { downloadId: r.downloadId } : {}),
        ...(r.seriesId ? { seriesId: r.seriesId } : {}),
        ...(r.episodeId ? { episodeId: r.episodeId } : {}),
        ...(r.movieId ? { movieId: r.movieId } : {}),
        untrusted: {
          sourceTitle: untrustedText(r.sourceTitle),
          message: untrustedText(r.data?.message ?? r.data?.reason ?? ''),
        },
      }));
      return {
        data: { instance, ...pageInfo(page, pageSize, h.totalRecords, items.length), items },
        summary: `${label} (${instance}) history: ${countText(items.length, h.totalRecords, 'events')}.`,
        untrusted: items.map(
          (i) =>
            `${i.date} ${i.eventType}: ${i.untrusted.sourceTitle}${i.untrusted.message ? ` — ${i.untrusted.message}` : ''}`,
        ),
      };
    },
  });

  return [getQueue, removeQueueItem, getHealth, getQualityProfiles, getRootFolders, getHistory];
}
