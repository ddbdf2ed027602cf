// The strike clock (landscape.md R2–R4, R6, R23): a strike for every stallMinutes/maxStrikes without real
// progress, forgotten after the sliding window, reset only when bytes left drop by at least minProgressBytes.
import type { ItemState, RuleSettings } from './model.js';

export const strikeIntervalMs = (s: RuleSettings): number =>
  Math.max(s.pollIntervalMs, (s.stallMinutes * 60_000) / Math.max(1, s.maxStrikes));

export type ClockResult =
  { kind: 'none' } | { kind: 'progress'; hadStrikes: number } | { kind: 'strike' } | { kind: 'forgot'; count: number };

/** Forgets strikes when none was added within the window (R3). Mutates item. */
export function forgetOldStrikes(item: ItemState, now: number, s: RuleSettings): number {
  if (
    item.strikes > 0 &&
    item.lastStrikeAt !== undefined &&
    now - item.lastStrikeAt > s.strikeWindowHours * 3_600_000
  ) {
    const n = item.strikes;
    item.strikes = 0;
    delete item.lastStrikeAt;
    delete item.strikeReason;
    return n;
  }
  return 0;
}

/** Stops the clock: queued, paused, post-processing, outages and SABnzbd-wide pauses never count (R5, R10, R11). */
export function holdClock(item: ItemState, now: number): void {
  item.stallSince = now;
  delete item.prevBytesLeft;
  delete item.prevPollAt;
}

/**
 * Measures progress by bytes left between polls and adds a strike when the interval passed without real progress.
 * The first observation only records a baseline (R6). Mutates item; returns what happened.
 */
export function runByteClock(
  item: ItemState,
  bytesLeft: number,
  now: number,
  s: RuleSettings,
  forceNoProgress = false,
): ClockResult {
  const first = item.prevBytesLeft === undefined || item.prevPollAt === undefined;
  if (!first && item.prevPollAt !== undefined && now > item.prevPollAt) {
    item.speedBps = Math.max(0, ((item.prevBytesLeft ?? bytesLeft) - bytesLeft) / ((now - item.prevPollAt) / 1000));
  } else item.speedBps = 0;
  item.prevBytesLeft = bytesLeft;
  item.prevPollAt = now;
  if (first) {
    item.refBytesLeft = bytesLeft;
    item.stallSince = now;
    return { kind: 'none' };
  }
  // A repair can make bytes left grow; measure from the new, higher mark.
  if (bytesLeft > item.refBytesLeft) item.refBytesLeft = bytesLeft;
  const progressed = item.refBytesLeft - bytesLeft;
  if (!forceNoProgress && progressed > 0 && progressed >= s.minProgressBytes) {
    const hadStrikes = item.strikes;
    item.refBytesLeft = bytesLeft;
    item.lastProgressAt = now;
    item.stallSince = now;
    item.strikes = 0;
    delete item.lastStrikeAt;
    delete item.strikeReason;
    return { kind: 'progress', hadStrikes };
  }
  return addStrikeIfDue(item, now, s) ? { kind: 'strike' } : { kind: 'none' };
}

/** Adds a strike when the interval since the clock started (or the last strike) passed and the item is old enough. */
export function addStrikeIfDue(item: ItemState, now: number, s: RuleSettings): boolean {
  if (item.strikes >= s.maxStrikes) return false;
  if (now - item.addedAt < s.minQueueAgeMinutes * 60_000) return false;
  const from = Math.max(item.stallSince, item.lastStrikeAt ?? 0);
  if (now - from < strikeIntervalMs(s)) return false;
  item.strikes++;
  item.lastStrikeAt = now;
  return true;
}
