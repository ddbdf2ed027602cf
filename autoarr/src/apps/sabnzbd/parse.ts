// SABnzbd wire format → AutoArr types. Numbers arrive as strings ("1277.65"), sizes in MB or GB, times as
// "H:MM:SS", booleans as 0/1 or true/false; everything is converted here, at the edge, and nowhere else.
import { bool, num, obj, optArr, optStr, str, strList, type Json } from '../common/shape.js';
import type {
  SabFullStatus,
  SabHistory,
  SabHistorySlot,
  SabQueue,
  SabQueueSlot,
  SabServerStatus,
  SabWarning,
} from './types.js';

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** "0:16:44", "1:02:03:04" (D:HH:MM:SS), "" → seconds. */
export function parseTimeLeft(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || v.trim() === '') return 0;
  const parts = v.trim().split(':').map(Number);
  if (parts.some((n) => !Number.isFinite(n))) return 0;
  // D:HH:MM:SS: the first field counts days.
  if (parts.length === 4) parts.splice(0, 2, parts[0]! * 24 + parts[1]!);
  return parts.reduce((total, n) => total * 60 + n, 0);
}

/** "M:SS" left on a timed pause, or "0" → undefined. */
export function parsePauseInt(v: unknown): number | undefined {
  if (typeof v !== 'string' || v === '' || v === '0') return undefined;
  const s = parseTimeLeft(v);
  return s > 0 ? s : undefined;
}

const UNITS: Record<string, number> = { '': 1, K: 1024, M: MB, G: GB, T: GB * 1024, P: GB * 1024 * 1024 };

/** to_units strings: "0", "0 ", "0 B", "512", "1 K", "1.3 M", "1.2 GB", "161.2 G" → bytes. */
export function parseSize(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return 0;
  const m = /^\s*([\d.]+)\s*([KMGTP]?)B?\s*$/i.exec(v);
  if (!m) return 0;
  return Math.round(Number(m[1]) * (UNITS[m[2]!.toUpperCase()] ?? 1));
}

/** "12d" / "5h" / "30m" → days; "-" → undefined. */
export function parseAge(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d+(?:\.\d+)?)([dhm])$/.exec(v.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'd' ? n : m[2] === 'h' ? n / 24 : n / 1440;
}

/** "1277.65" MB → bytes. */
const mbToBytes = (v: unknown) => Math.round(num(v) * MB);

export function mapQueueSlot(s: Json, where: string): SabQueueSlot {
  const slot: SabQueueSlot = {
    nzoId: str(s.nzo_id, `${where}.nzo_id`),
    filename: optStr(s.filename),
    status: optStr(s.status),
    category: optStr(s.cat),
    priority: optStr(s.priority),
    sizeBytes: mbToBytes(s.mb),
    bytesLeft: mbToBytes(s.mbleft),
    percentage: num(s.percentage),
    timeLeftSeconds: parseTimeLeft(s.timeleft),
    labels: strList(s.labels),
    index: num(s.index),
    addedAt: num(s.time_added),
    missingBytes: mbToBytes(s.mbmissing),
  };
  const age = parseAge(s.avg_age);
  if (age !== undefined) slot.avgAgeDays = age;
  if (typeof s.direct_unpack === 'string' && s.direct_unpack !== '') slot.directUnpack = s.direct_unpack;
  return slot;
}

export function mapQueue(body: unknown): SabQueue {
  const q = obj(obj(body, 'body').queue, 'queue');
  const slots = optArr(q.slots, 'queue.slots');
  const mapped = new Array<SabQueueSlot>(slots.length);
  for (let i = 0; i < slots.length; i++)
    mapped[i] = mapQueueSlot(obj(slots[i], `queue.slots[${i}]`), `queue.slots[${i}]`);
  const limitAbs = num(q.speedlimit_abs);
  const queue: SabQueue = {
    paused: bool(q.paused),
    status: optStr(q.status),
    speedBps: Math.round(num(q.kbpersec) * 1024),
    speedLimitPercent: num(q.speedlimit, 100),
    sizeLeftBytes: mbToBytes(q.mbleft),
    timeLeftSeconds: parseTimeLeft(q.timeleft),
    diskFreeBytes: Math.round(num(q.diskspace1) * GB),
    completeDiskFreeBytes: Math.round(num(q.diskspace2) * GB),
    diskTotalBytes: Math.round(num(q.diskspacetotal1) * GB),
    noOfSlots: num(q.noofslots, mapped.length),
    noOfSlotsTotal: num(q.noofslots_total, mapped.length),
    haveWarnings: num(q.have_warnings),
    version: optStr(q.version),
    slots: mapped,
  };
  if (limitAbs > 0) queue.speedLimitBps = limitAbs;
  const pausedInt = parsePauseInt(q.pause_int);
  if (pausedInt !== undefined) queue.pausedInt = pausedInt;
  return queue;
}

function mapStages(v: unknown): SabHistorySlot['stageLog'] {
  if (!Array.isArray(v)) return [];
  const out: SabHistorySlot['stageLog'] = [];
  for (let i = 0; i < v.length; i++) {
    const st: unknown = v[i];
    if (st && typeof st === 'object') {
      const o = st as Json;
      out.push({ name: optStr(o.name), actions: strList(o.actions) });
    }
  }
  return out;
}

export function mapHistorySlot(s: Json, where: string): SabHistorySlot {
  const id = s.nzo_id;
  const slot: SabHistorySlot = {
    // Hot path (10 000 slots): the error location is only built when the id is missing.
    nzoId: typeof id === 'string' ? id : str(id, `${where}.nzo_id`),
    name: optStr(s.name),
    nzbName: optStr(s.nzb_name),
    status: optStr(s.status),
    failMessage: optStr(s.fail_message),
    category: optStr(s.category),
    bytes: num(s.bytes),
    completedAt: num(s.completed),
    addedAt: num(s.time_added),
    storage: optStr(s.storage),
    path: optStr(s.path),
    downloadTime: num(s.download_time),
    postProcessTime: num(s.postproc_time),
    retry: bool(s.retry),
    stageLog: mapStages(s.stage_log),
    url: optStr(s.url),
  };
  if (bool(s.loaded) || (typeof s.action_line === 'string' && s.action_line !== '')) {
    slot.postProcessing = optStr(s.action_line) || optStr(s.status);
  }
  return slot;
}

export function mapHistory(body: unknown): SabHistory {
  const b = obj(body, 'body');
  if (b.history === false) return { noOfSlots: 0, slots: [], unchanged: true };
  const h = obj(b.history, 'history');
  const slots = optArr(h.slots, 'history.slots');
  const mapped = new Array<SabHistorySlot>(slots.length);
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i];
    // Plain-object check inline: "history.slots[i]" is only built for an error message, not once per slot.
    if (s === null || typeof s !== 'object' || Array.isArray(s) || typeof (s as Json).nzo_id !== 'string') {
      const where = `history.slots[${i}]`;
      mapped[i] = mapHistorySlot(obj(s, where), where);
    } else mapped[i] = mapHistorySlot(s as Json, '');
  }
  const out: SabHistory = { noOfSlots: num(h.noofslots, mapped.length), slots: mapped, unchanged: false };
  if (typeof h.last_history_update === 'number') out.lastHistoryUpdate = h.last_history_update;
  return out;
}

export function mapWarnings(v: unknown): SabWarning[] {
  return optArr(v, 'warnings').map((w, i) => {
    // Very old versions sent plain strings.
    if (typeof w === 'string') return { type: 'WARNING', text: w, time: 0, origin: '' };
    const o = obj(w, `warnings[${i}]`);
    return { type: optStr(o.type), text: optStr(o.text), time: num(o.time), origin: optStr(o.origin) };
  });
}

function mapServer(v: unknown, i: number): SabServerStatus {
  const s = obj(v, `status.servers[${i}]`);
  return {
    name: optStr(s.servername),
    active: bool(s.serveractive),
    activeConnections: num(s.serveractiveconn),
    totalConnections: num(s.servertotalconn),
    error: optStr(s.servererror),
    warning: optStr(s.serverwarning),
    priority: num(s.serverpriority),
    optional: bool(s.serveroptional),
    speedBps: parseSize(s.serverbps),
  };
}

export function mapFullStatus(body: unknown): SabFullStatus {
  const s = obj(obj(body, 'body').status, 'status');
  const out: SabFullStatus = {
    version: optStr(s.version),
    paused: bool(s.paused),
    pausedAll: bool(s.paused_all),
    uptime: optStr(s.uptime),
    downloadDir: optStr(s.downloaddir),
    completeDir: optStr(s.completedir),
    diskFreeBytes: Math.round(num(s.diskspace1) * GB),
    completeDiskFreeBytes: Math.round(num(s.diskspace2) * GB),
    speedLimitPercent: num(s.speedlimit, 100),
    haveWarnings: num(s.have_warnings),
    urlBase: optStr(s.url_base),
    orphanedFolders: strList(s.folders),
    warnings: mapWarnings(s.warnings),
    servers: optArr(s.servers, 'status.servers').map(mapServer),
  };
  const pausedInt = parsePauseInt(s.pause_int);
  if (pausedInt !== undefined) out.pausedInt = pausedInt;
  if (typeof s.new_release === 'string' && s.new_release !== '') out.newRelease = s.new_release;
  return out;
}

/** get_config misc keys that are booleans (sent as 0/1 at their default, true/false once changed). */
export const SAB_BOOL_KEYS = new Set([
  'direct_unpack',
  'pause_on_post_processing',
  'pre_check',
  'enable_all_par',
  'fail_hopeless_jobs',
  'fast_fail',
  'safe_postproc',
  'top_only',
  'ignore_samples',
  'deobfuscate_final_filenames',
  'dupes_propercheck',
  'disable_archive',
  'new_nzb_on_failure',
  'enable_unrar',
  'enable_7zip',
  'enable_filejoin',
  'enable_tsjoin',
  'enable_par_cleanup',
  'enable_recursive',
  'flat_unpack',
  'overwrite_files',
  'script_can_fail',
  'folder_rename',
  'replace_spaces',
  'replace_underscores',
  'replace_dots',
  'sanitize_safe',
  'fulldisk_autoresume',
  'direct_write',
  'quota_resume',
  'enable_season_sorting',
  'enable_https',
  'html_login',
  'api_warnings',
  'api_logging',
  'x_frame_options',
  'verify_xff_header',
  'enable_https_verification',
  'config_lock',
  'start_paused',
  'preserve_paused_state',
  'helpful_warnings',
  'check_new_rel',
  'auto_browser',
  'sfv_check',
  'auto_disconnect',
  'process_unpacked_par2',
  'ignore_unrar_dates',
  'backup_for_duplicates',
  'wait_for_dfolder',
  'rss_filenames',
  'warn_dupl_jobs',
  'keep_awake',
  'tray_icon',
  'allow_incomplete_nzb',
  'enable_broadcast',
  'ipv6_hosting',
  'ipv6_staging',
  'no_penalties',
  'allow_old_ssl_tls',
  'ipv6_servers',
  'ampm',
  'queue_complete_pers',
  'notified_new_skin',
  'email_endjob',
  'email_full',
  'email_rss',
]);

/** Server/category/sorter fields that are 0/1 booleans. */
const SAB_ITEM_BOOL_KEYS = new Set(['ssl', 'enable', 'required', 'optional', 'is_active']);

export const sabBoolKeys = { misc: SAB_BOOL_KEYS, items: SAB_ITEM_BOOL_KEYS };
