// Small shared steps of the rules: a state change with its event (once per transition), and asking for recovery.
import type { DownloadState } from '../shared/types.js';
import type { Decision, ItemState } from './model.js';

export function transition(
  item: ItemState,
  before: ItemState | undefined,
  state: DownloadState,
  d: Decision[],
  reason: string,
): void {
  const old = before?.state;
  item.state = state;
  if (old === state) return;
  const event =
    state === 'stalled'
      ? 'download.stalled'
      : state === 'failed'
        ? 'download.failed'
        : state === 'import_blocked'
          ? 'download.import_blocked'
          : state === 'completed' && before
            ? 'download.completed'
            : undefined;
  if (event) d.push({ kind: 'event', event, id: item.id, reason });
}

export function recoveryHint(item: ItemState): string {
  if (item.ignored) return 'ignored, so AutoArr leaves it alone';
  if (item.hold) return `not recovered automatically: ${item.hold}`;
  return item.app === 'sabnzbd' ? 'no *arr tracks it, so AutoArr only reports it' : 'removing it and searching again';
}

/**
 * Why no search could follow a removal of this *arr download, or undefined. Such a download is never removed
 * automatically (issue 17.1): an "unknown" queue item, no episode or movie id, or an *arr AutoArr does not know.
 */
export function noSearchReason(
  item: Pick<ItemState, 'app' | 'instanceId' | 'media'>,
  arrs: ReadonlyArray<{ instanceId: string; name: string }>,
): string | undefined {
  if (item.app !== 'sonarr' && item.app !== 'radarr') return undefined;
  const arr = arrs.find((a) => a.instanceId === item.instanceId);
  const label = item.app === 'sonarr' ? 'Sonarr' : 'Radarr';
  if (!arr)
    return `the ${label} it belongs to ("${item.instanceId}") is not configured in AutoArr, so AutoArr cannot search for it again (remove it by hand if it is not wanted)`;
  const unknown = `unknown to ${arr.name}, so AutoArr cannot search for it again (import it by hand or remove it)`;
  if (item.media.kind === 'unknown') return unknown;
  if (item.app === 'sonarr' && !item.media.episodeIds?.length)
    return `${arr.name} names no episode for it, so AutoArr cannot search for it again (import it by hand or remove it)`;
  if (item.app === 'radarr' && item.media.movieId === undefined) return unknown;
  return undefined;
}

export function requestRecovery(item: ItemState, d: Decision[], reason: string): void {
  if (item.ignored || item.hold || item.app === 'sabnzbd') return;
  d.push({
    kind: 'recover',
    id: item.id,
    reason,
    evidence: { strikes: item.strikes, bytesLeft: item.bytesLeft, strikeReason: item.strikeReason },
  });
}
