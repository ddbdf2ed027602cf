// A download in plain words, without any LLM: what is happening, what AutoArr did, what happens next with the
// switches in force, and what the person can do. The same facts, and nothing more, are what an LLM is given.
import { APP_LABEL, isProblemState } from '../shared/domain.js';
import { formatBytes, formatDuration } from '../monitor/explain.js';
import type { ActivityEntry, Download, DownloadState } from '../shared/types.js';
import { minimal } from './minimal.js';

export interface Switches {
  autoRecovery: boolean;
  dryRun: boolean;
}

/** The facts about one download an explanation is built from; this object is all an LLM receives about it. */
export interface DownloadFacts {
  name: string;
  release?: string;
  app: string;
  state: DownloadState;
  progressPercent: number;
  size: string;
  left: string;
  noProgressFor?: string;
  strikes: { count: number; max: number; reason?: string };
  autoarrSays: string;
  appMessage?: string;
  ignored: boolean;
  heldBecause?: string;
  recovery?: { phase: string; attempts: number; maxAttempts: number; how: 'search' | 'retry in SABnzbd' };
  /** The monitor's reading says it removes this release and searches for another (switches allowing). */
  replaceIsDue: boolean;
  automaticRecovery: boolean;
  dryRun: boolean;
  /** How many entries AutoArr's activity log has for it. */
  logEntries: number;
  /** The latest of them, newest last (at most 8). */
  autoarrSteps: Array<{ ago: string; step: string; dryRun?: boolean }>;
}

const STATE_WORDS: Record<DownloadState, string> = {
  queued: 'is waiting in the queue',
  downloading: 'is downloading',
  paused: 'is paused',
  stalled: 'is stuck: it is not getting any data',
  post_processing: 'is being unpacked and checked',
  import_pending: 'is downloaded and waiting to be imported',
  import_blocked: 'is downloaded, but it cannot be imported',
  failed: 'has failed',
  recovering: 'is being recovered by AutoArr',
  completed: 'is done',
  removed: 'has left the queue with nothing in its place yet',
  replaced: 'was replaced by another release',
};

/** The monitor's sentence that a replacement is due, as it words it with recovery on, or off / in dry run. */
const WILL_RECOVER = /\b(removing it and searching|would remove it and search again)\b/;

export function downloadFacts(d: Download, timeline: ActivityEntry[], sw: Switches, now: Date): DownloadFacts {
  const name = d.media?.label || d.title;
  const since = d.lastProgress ? now.getTime() - Date.parse(d.lastProgress) : undefined;
  const logged = timeline.filter((e) => e.kind === 'action' || e.kind === 'result' || e.kind === 'detect');
  const steps = logged.slice(-8).map((e) => ({
    ago: ago(now.getTime() - Date.parse(e.time)),
    step: minimal(e.message),
    ...(e.dryRun ? { dryRun: true } : {}),
  }));
  return {
    name: minimal(name, 200),
    ...(d.media?.label && d.media.label !== d.title ? { release: minimal(d.title, 200) } : {}),
    app: APP_LABEL[d.app],
    state: d.state,
    progressPercent: Math.round(d.progress),
    size: formatBytes(d.sizeBytes),
    left: formatBytes(d.bytesLeft),
    ...(since !== undefined && since > 60_000 && d.state !== 'completed'
      ? { noProgressFor: formatDuration(since) }
      : {}),
    strikes: {
      count: d.strikes.count,
      max: d.strikes.max,
      ...(d.strikes.reason ? { reason: minimal(d.strikes.reason, 200) } : {}),
    },
    // The monitor already words it for the switches in force (monitor/explain.ts).
    autoarrSays: minimal(d.explanation, 400),
    ...(d.failMessage ? { appMessage: minimal(d.failMessage) } : {}),
    ignored: d.ignored,
    ...(d.hold ? { heldBecause: minimal(d.hold) } : {}),
    ...(d.recovery
      ? {
          recovery: {
            phase: d.recovery.phase,
            attempts: d.recovery.attempts,
            maxAttempts: d.recovery.maxAttempts,
            how: d.app === 'sabnzbd' ? ('retry in SABnzbd' as const) : ('search' as const),
          },
        }
      : {}),
    replaceIsDue: WILL_RECOVER.test(d.explanation),
    automaticRecovery: sw.autoRecovery,
    dryRun: sw.dryRun,
    logEntries: logged.length,
    autoarrSteps: steps,
  };
}

const ago = (ms: number) => (ms < 60_000 ? 'just now' : `${formatDuration(ms)} ago`);

const sentence = (s: string) => {
  const t = s.trim();
  return t ? `${t[0]!.toUpperCase()}${t.slice(1)}${/[.!?…]$/.test(t) ? '' : '.'}` : '';
};

export function downloadText(f: DownloadFacts, tracked: boolean): string {
  const what = [
    `${f.name} in ${f.app} ${STATE_WORDS[f.state]}.`,
    f.state === 'completed' || f.state === 'removed' || f.state === 'replaced'
      ? ''
      : f.left === '0 B'
        ? `All ${f.size} is here.`
        : `${f.progressPercent}% of ${f.size} is here, ${f.left} left${f.noProgressFor ? `, and nothing new arrived for ${f.noProgressFor}` : ''}.`,
    f.autoarrSays ? `AutoArr's reading: ${sentence(f.autoarrSays)}` : '',
    f.appMessage && !f.autoarrSays.includes(f.appMessage) ? `The failure message reads: "${f.appMessage}".` : '',
    f.strikes.count > 0
      ? `It has ${f.strikes.count} of ${f.strikes.max} strikes${f.strikes.reason ? ` (${f.strikes.reason})` : ''}: AutoArr adds one each time it finds the same problem again, and treats it as stuck at ${f.strikes.max}.`
      : '',
  ];
  const last = f.autoarrSteps.at(-1);
  const n = f.logEntries;
  const did = last
    ? `${n === 1 ? "AutoArr's activity log has one entry for it," : `AutoArr's activity log has ${n} entries for it; the latest,`} ${last.ago}: ${sentence(last.step)}${last.dryRun ? ' (dry run: only recorded, nothing was changed)' : ''}`
    : "AutoArr's activity log has nothing about it yet.";
  return [what.filter(Boolean).join(' '), did, next(f, tracked), youCan(f, tracked)].filter(Boolean).join('\n\n');
}

/** What AutoArr will do next, with the switches in force. */
function next(f: DownloadFacts, tracked: boolean): string {
  const r = f.recovery;
  if (r?.phase === 'gave_up')
    return r.how === 'search'
      ? `AutoArr searched ${r.attempts} of ${r.maxAttempts} times for another release and gave up, so it does nothing more for it by itself.`
      : 'AutoArr retried it once in SABnzbd and it failed again, so it does nothing more for it by itself.';
  if (f.state === 'recovering' && r)
    return r.how === 'search'
      ? `AutoArr removed the release and asked ${f.app} for another (search ${r.attempts} of ${r.maxAttempts}); it is watching for the new one.`
      : 'AutoArr asked SABnzbd to try it once more and is watching how that goes.';
  if (!isProblemState(f.state)) return '';
  if (f.ignored) return 'You told AutoArr to ignore it, so AutoArr only reports it.';
  if (f.heldBecause) return `AutoArr will not act on it by itself: ${sentence(f.heldBecause)}`;
  if (!tracked) return '';
  if (!f.automaticRecovery) return 'Automatic recovery is off, so AutoArr will not replace it by itself.';
  if (f.dryRun) return 'Dry run is on: AutoArr only records what it would do and changes nothing.';
  return f.replaceIsDue
    ? `Automatic recovery is on, so AutoArr does what its reading says: it removes this release, blocklists it and asks ${f.app} for another (within its limit of removals per hour).`
    : '';
}

function youCan(f: DownloadFacts, tracked: boolean): string {
  switch (f.state) {
    case 'stalled':
    case 'failed':
      return tracked
        ? `You can replace it now (Replace… on the Downloads page), ignore it, or remove it.`
        : 'You can retry it in SABnzbd, or remove it.';
    case 'import_blocked':
      return `Fix what ${f.app} says (a folder path, permissions, a wrong episode match), then import it from ${f.app} → Activity → Queue; or replace it with another release.`;
    case 'import_pending':
      return `If it stays here, check that ${f.app} can see SABnzbd's folder for finished downloads (remote path mapping).`;
    case 'paused':
      return 'Resume it in SABnzbd when you want it.';
    default:
      return '';
  }
}
