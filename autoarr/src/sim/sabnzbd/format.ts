// SABnzbd's value conventions (sabnzbd-api.md §3): numbers as strings with two decimals, 1024-based sizes
// with a unit letter, H:MM:SS time left.
const MB = 1_048_576;
const GB = 1_073_741_824;

export const mb = (bytes: number): string => (Math.max(0, bytes) / MB).toFixed(2);
export const gb = (bytes: number): string => (Math.max(0, bytes) / GB).toFixed(2);

/** `to_units`: "0", "512", "1 K", "1.3 M", "161.2 G"; with postfix "B": "0 B", "1.2 GB". */
export function toUnits(bytes: number, postfix = ''): string {
  let n = Math.max(0, bytes);
  if (n === 0) return postfix ? `0 ${postfix}` : '0';
  const prefixes = ['', 'K', 'M', 'G', 'T', 'P'];
  let i = 0;
  while (n >= 1024 && i < prefixes.length - 1) {
    n /= 1024;
    i++;
  }
  const unit = `${prefixes[i]}${postfix}`;
  const value = i < 2 ? String(Math.round(n)) : n.toFixed(1);
  return unit ? `${value} ${unit}` : value;
}

export function timeLeft(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mmss = `${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
  return d > 0 ? `${d}:${String(h).padStart(2, '0')}:${mmss}` : `${h}:${mmss}`;
}

export function age(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes}m`;
  if (minutes < 60 * 48) return `${Math.floor(minutes / 60)}h`;
  return `${Math.floor(minutes / 1440)}d`;
}

/** "2 mins 11 seconds" as in the stage log. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60);
  return m > 0 ? `${m} min${m === 1 ? '' : 's'} ${s % 60} seconds` : `${s} seconds`;
}

export const epoch = (ms: number): number => Math.floor(ms / 1000);
