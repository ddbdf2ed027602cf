// What Sonarr and Radarr clients share: option types, the paged shape, and the helpers that check and page bodies.
// The two APIs are near-identical but their generated types are distinct, so each client keeps its own typed calls.
import type { AppInstance } from '../../settings/settings.js';
import { badShape } from '../common/classify.js';

export interface ArrPageOptions {
  page?: number;
  pageSize?: number;
}

export interface ArrQueueOptions extends ArrPageOptions {
  /** Also list downloads the app cannot match to a series/movie (default true: AutoArr must see them). */
  includeUnknown?: boolean;
}

/** History event types AutoArr filters on; the wire takes their numeric values (same in Sonarr and Radarr). */
export type ArrHistoryEventType = 'grabbed' | 'downloadFolderImported' | 'downloadFailed';
export const HISTORY_EVENT_IDS: Record<ArrHistoryEventType, number> = {
  grabbed: 1,
  downloadFolderImported: 3,
  downloadFailed: 4,
};

export interface ArrHistoryOptions extends ArrPageOptions {
  eventType?: ArrHistoryEventType;
}

export interface Paged<T> {
  page: number;
  pageSize: number;
  totalRecords: number;
  records: T[];
}

export interface RemoveFromQueueOptions {
  /** Also delete the job in the download client. */
  removeFromClient: boolean;
  /** Add the release to the blocklist so it is not grabbed again. */
  blocklist: boolean;
  /** With blocklist: do not search for a replacement right away. */
  skipRedownload?: boolean;
}

export type ArrConfigKind = 'mediamanagement' | 'naming' | 'downloadclient' | 'indexer';
export const ARR_CONFIG_KINDS: readonly ArrConfigKind[] = ['mediamanagement', 'naming', 'downloadclient', 'indexer'];

/** Page size used by queueAll(); the *arr default (10) would need 100 calls for a 1 000-item queue. */
export const QUEUE_PAGE_SIZE = 250;
/** Hard stop for queueAll(), in case a server keeps reporting more records than it returns. */
const MAX_PAGES = 200;

type Who = Pick<AppInstance, 'id' | 'app' | 'name' | 'url'>;

/** Checks a paged body and fills in what real servers leave out (records: null, missing totals). */
export function paged<T>(who: Who, what: string, body: unknown, requestedPage = 1): Paged<T> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badShape(who, what, 'not an object');
  const b = body as { page?: unknown; pageSize?: unknown; totalRecords?: unknown; records?: unknown };
  if (b.records !== undefined && b.records !== null && !Array.isArray(b.records)) {
    throw badShape(who, what, 'records is not a list');
  }
  const records = (Array.isArray(b.records) ? b.records : []) as T[];
  return {
    page: typeof b.page === 'number' ? b.page : requestedPage,
    pageSize: typeof b.pageSize === 'number' ? b.pageSize : records.length,
    totalRecords: typeof b.totalRecords === 'number' ? b.totalRecords : records.length,
    records,
  };
}

export function list<T>(who: Who, what: string, body: unknown): T[] {
  if (body === undefined || body === null) return [];
  if (!Array.isArray(body)) throw badShape(who, what, 'not a list');
  return body as T[];
}

export function one<T>(who: Who, what: string, body: unknown): T {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw badShape(who, what, 'not an object');
  return body as T;
}

/** Reads every page of a paged endpoint. */
export async function allPages<T>(fetchPage: (page: number) => Promise<Paged<T>>): Promise<Paged<T>> {
  const first = await fetchPage(1);
  const records = [...first.records];
  let page = 1;
  while (records.length < first.totalRecords && page < MAX_PAGES) {
    page++;
    const next = await fetchPage(page);
    // An empty page, or a server that ignores `page` and repeats another one, ends the walk.
    if (next.records.length === 0 || next.page !== page) break;
    records.push(...next.records);
  }
  return { page: 1, pageSize: records.length, totalRecords: Math.max(first.totalRecords, records.length), records };
}

/** The id Sonarr/Radarr need in the PUT path of a config resource. */
export function configId(who: Who, kind: ArrConfigKind, body: { id?: number }): number {
  if (typeof body.id !== 'number')
    throw new TypeError(`${who.name} ${kind} config needs its id: read it with getConfig() first`);
  return body.id;
}
