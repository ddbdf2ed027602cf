// ItemState → the Download payload shared with the UI, MQTT, HA and MCP.
import type { Download, DownloadFilter } from '../shared/types.js';
import { truthful, type ActingSwitches } from './explain.js';
import type { ItemState, RuleSettings } from './model.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** The explanation follows the switches `rt` in force now, so it never promises an action AutoArr will not take. */
export function toDownload(item: ItemState, s: RuleSettings, rt: ActingSwitches): Download {
  const rec = item.recovery;
  return {
    id: item.id,
    instanceId: item.instanceId,
    app: item.app,
    ...(item.sabInstanceId ? { downloadClientInstanceId: item.sabInstanceId } : {}),
    title: item.title,
    media: item.media,
    protocol: item.protocol,
    ...(item.downloadClient ? { downloadClient: item.downloadClient } : {}),
    ...(item.category ? { category: item.category } : {}),
    state: item.state,
    progress: item.progress,
    sizeBytes: item.sizeBytes,
    bytesLeft: item.bytesLeft,
    speedBps: Math.round(item.speedBps),
    ...(item.etaSeconds !== undefined ? { etaSeconds: item.etaSeconds } : {}),
    strikes: { count: item.strikes, max: s.maxStrikes, ...(item.strikeReason ? { reason: item.strikeReason } : {}) },
    firstSeen: iso(item.firstSeen),
    ...(item.lastProgressAt !== undefined ? { lastProgress: iso(item.lastProgressAt) } : {}),
    explanation: truthful(item.explanation, rt),
    ignored: item.ignored,
    ...(item.queueIds[0] !== undefined ? { queueId: item.queueIds[0] } : {}),
    ...(item.hold ? { hold: item.hold } : {}),
    ...(item.failMessage ? { failMessage: item.failMessage } : {}),
    ...(rec
      ? {
          recovery: {
            phase: rec.phase,
            attempts: rec.attempts,
            maxAttempts: rec.mode === 'arr' ? s.maxRecoveryAttempts : 1,
            startedAt: iso(rec.startedAt),
            ...(rec.phase === 'watching' && rec.mode === 'arr' ? { nextAttemptAt: iso(rec.nextAttemptAt) } : {}),
            ...(rec.newDownloadId ? { newDownloadId: rec.newDownloadId } : {}),
          },
        }
      : {}),
  };
}

export function matches(d: Download, f: DownloadFilter): boolean {
  return (
    (!f.state || (Array.isArray(f.state) ? f.state.includes(d.state) : d.state === f.state)) &&
    (!f.app || d.app === f.app) &&
    (!f.instanceId || d.instanceId === f.instanceId)
  );
}

/** Everything toDownload reads, as one string: equal fingerprints give equal Download payloads. */
export function fingerprint(i: ItemState): string {
  const r = i.recovery;
  return [
    i.state,
    i.instanceId,
    i.app,
    i.sabInstanceId,
    i.title,
    i.media.kind,
    i.media.label,
    i.media.movieId,
    i.media.episodeIds?.join(','),
    i.protocol,
    i.downloadClient,
    i.category,
    i.progress,
    i.sizeBytes,
    i.bytesLeft,
    Math.round(i.speedBps),
    i.etaSeconds,
    i.strikes,
    i.strikeReason,
    i.lastProgressAt,
    i.explanation,
    i.ignored,
    i.queueIds[0],
    i.hold,
    i.failMessage,
    r ? `${r.phase}/${r.attempts}/${r.nextAttemptAt}/${r.newDownloadId}/${r.startedAt}/${r.mode}` : '',
  ].join('|');
}
