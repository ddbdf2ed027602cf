// SABnzbd pauses itself when a disk runs low (misc.download_free / complete_free). The app then answers every call
// and looks "connected" while nothing downloads, so the connection test reports it as degraded, in SABnzbd's own
// figures. A pause a person (or a schedule) made is not a fault and gives undefined.
import type { SabConfig, SabQueue, SabWarning } from './types.js';

const GIB = 1024 ** 3;
const UNITS: Record<string, number> = { K: 1024, M: 1024 ** 2, G: GIB, T: 1024 ** 4, P: 1024 ** 5 };

/** SABnzbd's size settings: "500M", "1.5G", "200000" (bytes), "" (off). */
export function parseSabSize(v: unknown): { bytes: number; text: string } | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([KMGTP])?B?\s*$/i.exec(typeof v === 'number' ? String(v) : String(v ?? ''));
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2]?.toUpperCase();
  const bytes = n * (unit ? UNITS[unit]! : 1);
  if (!(bytes > 0)) return undefined;
  return { bytes, text: unit ? `${m[1]} ${unit}B` : `${Math.round(bytes)} bytes` };
}

const gb = (bytes: number) => `${(bytes / GIB).toFixed(2)} GB`;
const LOW_DISK_WARNING = /too little disk ?space/i;

/**
 * Why SABnzbd paused itself, e.g. "paused: low disk space (0.31 GB free, needs 500 MB)"; undefined when it is not
 * paused or a person paused it. `misc` is get_config's misc section when it could be read (it needs full API access);
 * without it, SABnzbd's own warning is the evidence.
 */
export function selfPauseReason(
  q: SabQueue,
  misc: Record<string, unknown> | undefined,
  warnings: SabWarning[],
): string | undefined {
  if (!q.paused) return undefined;
  if (misc) {
    const need = parseSabSize(misc.download_free);
    if (need && q.diskFreeBytes < need.bytes) {
      return `paused: low disk space (${gb(q.diskFreeBytes)} free, needs ${need.text})`;
    }
    const needComplete = parseSabSize(misc.complete_free);
    if (needComplete && q.completeDiskFreeBytes < needComplete.bytes) {
      return `paused: low disk space in the complete folder (${gb(q.completeDiskFreeBytes)} free, needs ${needComplete.text})`;
    }
    return undefined;
  }
  if (warnings.some((w) => LOW_DISK_WARNING.test(w.text))) {
    return `paused: low disk space (${gb(q.diskFreeBytes)} free on the download disk)`;
  }
  return undefined;
}

/** The whole status message: what happened and what the person should do. */
export function selfPauseMessage(name: string, reason: string, misc: Record<string, unknown> | undefined): string {
  const auto = misc?.fulldisk_autoresume;
  const resume =
    auto === true || auto === 1 || auto === '1'
      ? 'it resumes by itself once there is room ("fulldisk_autoresume" is on)'
      : auto === undefined
        ? 'then resume it if it does not resume by itself'
        : 'then resume it: it does not resume by itself ("fulldisk_autoresume" is off)';
  return `${name} ${reason}. Nothing downloads until you free space on that disk; ${resume}`;
}

export const miscOf = (config: SabConfig): Record<string, unknown> | undefined => {
  const misc = config.misc;
  return misc && !Array.isArray(misc) ? misc : undefined;
};
