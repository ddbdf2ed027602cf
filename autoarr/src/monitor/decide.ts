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

export function requestRecovery(item: ItemState, d: Decision[], reason: string): void {
  if (item.ignored || item.hold || item.app === 'sabnzbd') return;
  d.push({
    kind: 'recover',
    id: item.id,
    reason,
    evidence: { strikes: item.strikes, bytesLeft: item.bytesLeft, strikeReason: item.strikeReason },
  });
}
