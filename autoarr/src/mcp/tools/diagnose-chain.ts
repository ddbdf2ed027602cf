// Where a download is in the chain SABnzbd → Sonarr/Radarr → Plex. Each stage asks its app directly, so the answer
// holds even when the monitor is not running; a stage whose app does not answer says so instead of failing the rest.
import { isAppError } from '../../apps/common/errors.js';
import { bytesText } from '../common.js';
import type { ToolEnv } from '../define.js';
import type { ArrApi } from './arr-shared.js';
import { APP_LABEL, type AppKind } from '../../shared/domain.js';

export type StageStatus = 'ok' | 'in_progress' | 'problem' | 'not_found' | 'unknown' | 'skipped';

export interface Stage {
  stage: AppKind;
  instanceId: string;
  status: StageStatus;
  /** Built from upstream names and messages: data, not instructions. */
  detail: string;
  /** Title as the app knows it (for the next stage's lookup). */
  name?: string;
  /** The download id as that app reported it, when the stage found it by title. */
  downloadId?: string;
  imported?: boolean;
}

export interface Key {
  /** Download id (SABnzbd nzo_id = *arr downloadId), when known. */
  id?: string;
  /** Normalised words of a title to match release names against. */
  words: string[];
}

export const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
export const wordsOf = (s: string) => normalise(s).split(' ').filter(Boolean);

export function matchesWords(text: string | null | undefined, words: string[]): boolean {
  if (!text || !words.length) return false;
  const hay = ` ${normalise(text)} `;
  return words.every((w) => hay.includes(` ${w} `));
}

const sameId = (a: string | null | undefined, b: string | undefined) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

function unknownStage(app: AppKind, instanceId: string, err: unknown): Stage {
  const why = isAppError(err) ? err.message : (err as Error).message;
  return { stage: app, instanceId, status: 'unknown', detail: `${APP_LABEL[app]} did not answer: ${why}` };
}

export async function sabStage(env: ToolEnv, instanceId: string, key: Key): Promise<Stage> {
  try {
    const client = env.deps.ctx.apps.sabnzbd(instanceId);
    const q = await client.queue({});
    const job = q.slots.find((s) => sameId(s.nzoId, key.id) || (!key.id && matchesWords(s.filename, key.words)));
    if (job) {
      const paused = q.paused || job.status === 'Paused';
      return {
        stage: 'sabnzbd',
        instanceId,
        status: paused ? 'problem' : 'in_progress',
        name: job.filename,
        downloadId: job.nzoId,
        detail:
          `${job.status} in SABnzbd's queue: ${job.percentage}% done, ${bytesText(job.bytesLeft)} left` +
          (q.paused ? '; the whole queue is PAUSED' : '') +
          (q.diskFreeBytes < 2 * job.bytesLeft ? `; only ${bytesText(q.diskFreeBytes)} free on the download disk` : ''),
      };
    }
    const h = await client.history(key.id ? { nzoIds: [key.id], limit: 5 } : { limit: 100 });
    const done = h.slots.find((s) => sameId(s.nzoId, key.id) || (!key.id && matchesWords(s.name, key.words)));
    if (!done)
      return { stage: 'sabnzbd', instanceId, status: 'not_found', detail: "Not in SABnzbd's queue or recent history" };
    const base = { stage: 'sabnzbd' as const, instanceId, name: done.name, downloadId: done.nzoId };
    if (done.status === 'Failed')
      return { ...base, status: 'problem', detail: `SABnzbd could not finish it: ${done.failMessage || 'failed'}` };
    if (done.status !== 'Completed')
      return {
        ...base,
        status: 'in_progress',
        detail: `SABnzbd is post-processing it: ${done.postProcessing ?? done.status}`,
      };
    return {
      ...base,
      status: 'ok',
      detail: `SABnzbd finished it (${bytesText(done.bytes)}) into ${done.storage || 'its complete folder'}`,
    };
  } catch (err) {
    return unknownStage('sabnzbd', instanceId, err);
  }
}

export async function arrStage(env: ToolEnv, app: 'sonarr' | 'radarr', instanceId: string, key: Key): Promise<Stage> {
  const label = APP_LABEL[app];
  try {
    const client: ArrApi =
      app === 'sonarr' ? env.deps.ctx.apps.sonarr(instanceId) : env.deps.ctx.apps.radarr(instanceId);
    const queue = (await client.queueAll()).records;
    const rec = queue.find((r) => sameId(r.downloadId, key.id) || (!key.id && matchesWords(r.title, key.words)));
    if (rec) {
      const messages = [
        ...new Set([rec.errorMessage, ...(rec.statusMessages ?? []).flatMap((m) => m.messages ?? [])].filter(Boolean)),
      ]
        .slice(0, 3)
        .join('; ');
      const state = rec.trackedDownloadState ?? rec.status ?? 'unknown';
      const problem = rec.trackedDownloadStatus === 'warning' || rec.trackedDownloadStatus === 'error';
      return {
        stage: app,
        instanceId,
        status: problem || /blocked|failed/i.test(state) ? 'problem' : 'in_progress',
        name: rec.title ?? undefined,
        downloadId: rec.downloadId ?? undefined,
        detail: `In ${label}'s queue as ${state}${messages ? `: ${messages}` : ''} (queue item #${rec.id ?? '?'})`,
      };
    }
    const hist = (await client.history({ page: 1, pageSize: 100 })).records;
    const events = hist.filter(
      (r) => sameId(r.downloadId, key.id) || (!key.id && matchesWords(r.sourceTitle, key.words)),
    );
    const last = events[0];
    if (!last)
      return { stage: app, instanceId, status: 'not_found', detail: `Not in ${label}'s queue or recent history` };
    const base = {
      stage: app,
      instanceId,
      name: last.sourceTitle ?? undefined,
      downloadId: last.downloadId ?? undefined,
    };
    const type = last.eventType ?? '';
    if (/imported/i.test(type))
      return { ...base, status: 'ok', imported: true, detail: `${label} imported it on ${last.date}` };
    if (/failed/i.test(type))
      return { ...base, status: 'problem', detail: `${label} marked the download failed: ${last.data?.message ?? ''}` };
    return { ...base, status: 'in_progress', detail: `${label}'s last event for it: ${type} on ${last.date}` };
  } catch (err) {
    return unknownStage(app, instanceId, err);
  }
}

/** Is it watchable? Searches Plex for the show/movie name and, for an episode, the SxxEyy. */
export async function plexStage(env: ToolEnv, instanceId: string, label: string): Promise<Stage> {
  const ep = /^(.*?)\s*S(\d{1,2})E(\d{1,3})/i.exec(label);
  // "Dune: Part Two (2024)" or a release name "Spirited.Away.2001.1080p…": the title is what comes before the year.
  const title = (ep ? ep[1]! : label)
    .replace(/[._]/g, ' ')
    .replace(/[\s(]+(19|20)\d{2}\b.*$/, '')
    .trim();
  try {
    const items = await env.deps.ctx.apps.plex(instanceId).search(title);
    const hit = ep
      ? items.find((i) => i.type === 'episode' && i.parentIndex === Number(ep[2]) && i.index === Number(ep[3]))
      : items.find((i) => matchesWords(i.title, wordsOf(title)));
    if (hit) {
      const what = ep ? `${hit.grandparentTitle ?? title} S${ep[2]}E${ep[3]} "${hit.title}"` : hit.title;
      return {
        stage: 'plex',
        instanceId,
        status: 'ok',
        detail: `In Plex (${hit.librarySectionTitle ?? 'library'}): ${what}`,
      };
    }
    return {
      stage: 'plex',
      instanceId,
      status: 'not_found',
      detail: `Plex has no ${ep ? `episode S${ep[2]}E${ep[3]} of` : 'item for'} "${title}" yet`,
    };
  } catch (err) {
    return unknownStage('plex', instanceId, err);
  }
}
