// Numbers in words a person reads at a glance: "1.2 GB", "35 MB/s", "17 min".

export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = Math.max(0, n);
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 || v >= 100 ? Math.round(v) : Number(v.toFixed(1))} ${units[i]}`;
}

export const formatSpeed = (bps: number): string => `${formatBytes(bps)}/s`;

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  const h = Math.round(m / 60);
  return h < 48 ? `${h} h` : `${Math.round(h / 24)} days`;
}

export const strikeText = (count: number, max: number): string => `strike ${count} of ${max}`;

/** The switches that decide whether AutoArr acts on its own (core/runtime.ts). */
export interface ActingSwitches {
  autoRecovery: boolean;
  dryRun: boolean;
}

/** Why AutoArr will not act on its own right now, or undefined when it will. */
export function notActing(rt: ActingSwitches): string | undefined {
  if (!rt.autoRecovery) return 'automatic recovery is off';
  if (rt.dryRun) return 'dry run is on, so nothing is changed';
  return undefined;
}

// The promises the rules write into explanations, and what they become while AutoArr does not act on its own.
const PROMISES: Array<[RegExp, string]> = [
  [/\bremoving it and searching( again)?\b/, 'would remove it and search again'],
  [/\bAutoArr retries it once\b/, 'AutoArr would retry it once'],
  [/\bso AutoArr only deletes the failed job\b/, 'so AutoArr would only delete the failed job'],
];

/**
 * An explanation true for the switches in force when it is shown: the rules say what recovery does; with
 * automatic recovery off or dry run on, that is only what it would do, and the reason is added.
 */
export function truthful(text: string, rt: ActingSwitches): string {
  const why = notActing(rt);
  if (!why) return text;
  let out = text;
  for (const [promise, would] of PROMISES) out = out.replace(promise, would);
  return out === text ? text : `${out} — ${why}`;
}

/** What a person calls the download: the episode or movie ("Severance S02E03"), else the release name. */
export const mediaName = (item: { media: { label?: string | undefined }; title: string }): string =>
  item.media.label || item.title;
