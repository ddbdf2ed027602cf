// JSON bodies of SABnzbd 5.0.1 (queue, history, fullstatus, warnings) with the key sets of sabnzbd-samples.json.
import { createHash } from 'node:crypto';
import type { SimDownload } from '../world/model.js';
import type { SimWorld } from '../world/world.js';
import { TIMING } from '../world/world.js';
import { age, duration, epoch, gb, mb, timeLeft, toUnits } from './format.js';

export const SAB_VERSION = '5.0.1';

const PRIORITY_NAMES: Record<number, string> = { 2: 'Force', 1: 'High', 0: 'Normal', [-1]: 'Low' };
const JSON_NULL = null;

/** The header keys shared by queue and fullstatus. */
function header(world: SimWorld): Record<string, unknown> {
  const s = world.sab;
  const pauseLeft = s.pauseUntil ? Math.max(0, s.pauseUntil - world.now()) / 1000 : 0;
  const limitPct = world.speedLimitPercent();
  return {
    version: SAB_VERSION,
    paused: s.paused,
    pause_int:
      pauseLeft > 0 ? `${Math.floor(pauseLeft / 60)}:${String(Math.floor(pauseLeft % 60)).padStart(2, '0')}` : '0',
    paused_all: false,
    diskspace1: gb(s.diskFree1),
    diskspace2: gb(s.diskFree2),
    diskspace1_norm: toUnits(s.diskFree1),
    diskspace2_norm: toUnits(s.diskFree2),
    diskspacetotal1: gb(s.diskTotal1),
    diskspacetotal2: gb(s.diskTotal2),
    speedlimit: String(limitPct),
    speedlimit_abs: limitPct < 100 ? String(Math.round((s.lineSpeedBps * limitPct) / 100)) : '0',
    have_warnings: String(s.warnings.length),
    finishaction: JSON_NULL,
    quota: '0 B',
    have_quota: false,
    left_quota: '0 B',
    cache_art: s.speedBps > 0 ? '38' : '0',
    cache_size: s.speedBps > 0 ? '27.6 MB' : '0 B',
  };
}

export interface QueueFilter {
  start: number;
  limit: number;
  search?: string;
  categories?: string[];
  priorities?: number[];
  statuses?: string[];
  nzoIds?: string[];
}

function slotTimeLeft(world: SimWorld, d: SimDownload, status: string): number {
  if (status !== 'Downloading' || world.isStuck(d) || world.sab.speedBps <= 0) return 0;
  // Jobs ahead in the queue are downloaded first.
  const ahead = world.sabQueue().slice(0, world.sabQueue().indexOf(d));
  const bytes = ahead.filter((q) => !world.isStuck(q) && !q.jobPaused).reduce((n, q) => n + q.bytesLeft, d.bytesLeft);
  return bytes / world.sab.speedBps;
}

export function queueBody(world: SimWorld, f: QueueFilter): Record<string, unknown> {
  const all = world.sabQueue();
  const matching = all.filter((d) => {
    const status = world.sabSlotStatus(d);
    if (f.search && !d.title.toLowerCase().includes(f.search.toLowerCase())) return false;
    if (f.categories?.length && !f.categories.includes(d.category)) return false;
    if (f.priorities?.length && !f.priorities.includes(d.priority)) return false;
    if (f.statuses?.length && !f.statuses.includes(status)) return false;
    if (f.nzoIds?.length && !f.nzoIds.includes(d.nzoId)) return false;
    return true;
  });
  const page = f.limit > 0 ? matching.slice(f.start, f.start + f.limit) : matching.slice(f.start);
  const slots = page.map((d, i) => {
    const status = world.sabSlotStatus(d);
    const done = d.sizeBytes > 0 ? Math.floor(((d.sizeBytes - d.bytesLeft) / d.sizeBytes) * 100) : 0;
    return {
      index: f.start + i,
      nzo_id: d.nzoId,
      unpackopts: '3',
      priority: PRIORITY_NAMES[d.priority] ?? 'Normal',
      script: 'None',
      filename: d.title,
      labels: [] as string[],
      password: '',
      cat: d.category,
      mbleft: mb(d.bytesLeft),
      mb: mb(d.sizeBytes),
      size: toUnits(d.sizeBytes, 'B'),
      sizeleft: toUnits(d.bytesLeft, 'B'),
      percentage: String(done),
      mbmissing: world.isStuck(d) ? mb(d.sizeBytes * 0.02) : '0.00',
      direct_unpack: JSON_NULL as string | null,
      status,
      timeleft: timeLeft(slotTimeLeft(world, d, status)),
      avg_age: age(3 * 86_400_000),
      time_added: epoch(d.addedAt),
    };
  });
  const totalLeft = matching.reduce((n, d) => n + d.bytesLeft, 0);
  const total = matching.reduce((n, d) => n + d.sizeBytes, 0);
  const downloading = !world.sab.paused && all.some((d) => world.sabSlotStatus(d) === 'Downloading');
  const speed = world.sab.speedBps;
  const activeLeft = all.filter((d) => !world.isStuck(d) && !d.jobPaused).reduce((n, d) => n + d.bytesLeft, 0);
  return {
    queue: {
      ...header(world),
      kbpersec: (speed / 1024).toFixed(2),
      speed: toUnits(speed),
      mbleft: mb(totalLeft),
      mb: mb(total),
      sizeleft: toUnits(totalLeft, 'B'),
      size: toUnits(total, 'B'),
      noofslots_total: all.length,
      noofslots: matching.length,
      start: f.start,
      limit: f.limit,
      finish: f.limit > 0 ? f.start + f.limit : 0,
      status: world.sab.paused ? 'Paused' : downloading ? 'Downloading' : 'Idle',
      timeleft: timeLeft(speed > 0 ? activeLeft / speed : 0),
      slots,
    },
  };
}

export interface HistoryFilter {
  start: number;
  limit: number;
  search?: string;
  categories?: string[];
  statuses?: string[];
  nzoIds?: string[];
}

const PP_STAGES: [number, string, string][] = [
  [0.0, 'Verifying', 'Verifying'],
  [0.2, 'Repairing', 'Quick Check'],
  [0.35, 'Extracting', 'Unpacking'],
  [0.9, 'Moving', 'Moving'],
];

function ppStatus(world: SimWorld, d: SimDownload): { status: string; action: string } {
  const f = (world.now() - (d.ppStartedAt ?? world.now())) / TIMING.postProcessMs;
  let stage = PP_STAGES[0]!;
  for (const s of PP_STAGES) if (f >= s[0]) stage = s;
  const action =
    stage[1] === 'Extracting' ? `Unpacking ${Math.min(41, Math.ceil(((f - 0.35) / 0.55) * 41))}/41` : stage[2];
  return { status: stage[1], action };
}

function historySlot(world: SimWorld, d: SimDownload): Record<string, unknown> {
  const pp = d.sab === 'pp' ? ppStatus(world, d) : undefined;
  const failed = d.sab === 'failed';
  const downloaded = d.sizeBytes - d.bytesLeft;
  const dlSeconds = Math.max(
    1,
    Math.round(((d.downloadEndedAt ?? world.now()) - (d.downloadStartedAt ?? d.addedAt)) / 1000),
  );
  const mbps = (downloaded / 1_048_576 / dlSeconds).toFixed(1);
  const folder = `/downloads/incomplete/${d.title}`;
  const complete = `/downloads/complete/${d.category === '*' ? '' : `${d.category}/`}${d.title}`;
  const stageLog: { name: string; actions: string[] }[] = [{ name: 'Source', actions: [`${d.title}.nzb`] }];
  stageLog.push({
    name: 'Download',
    actions: [
      failed ? d.failMessage : `Downloaded in ${duration(dlSeconds)} at an average of ${mbps} MB/s<br/>Age: 3d`,
    ],
  });
  stageLog.push({ name: 'Servers', actions: [`news.example.net=${toUnits(downloaded, 'B')}`] });
  if (d.sab === 'completed') {
    stageLog.push({ name: 'Repair', actions: [`[${d.title}] Quick Check OK`] });
    stageLog.push({ name: 'Unpack', actions: [`[${d.title}] Unpacked 1 files/folders in 14 seconds`] });
  }
  return {
    completed: epoch(d.completedAt ?? d.ppStartedAt ?? world.now()),
    name: d.title,
    nzb_name: `${d.title}.nzb`,
    category: d.category,
    pp: 'D',
    script: 'None',
    report: '',
    url: `https://indexer.example/getnzb/${d.nzoId.slice(12)}.nzb`,
    status: pp ? pp.status : failed ? 'Failed' : 'Completed',
    nzo_id: d.nzoId,
    storage: d.sab === 'completed' ? complete : '',
    path: folder,
    script_line: '',
    download_time: dlSeconds,
    postproc_time: d.sab === 'completed' ? Math.round(TIMING.postProcessMs / 1000) : failed ? 2 : 0,
    stage_log: stageLog,
    downloaded,
    completeness: JSON_NULL,
    fail_message: failed ? d.failMessage : '',
    url_info: '',
    bytes: downloaded,
    meta: JSON_NULL,
    series: JSON_NULL,
    md5sum: d.sab === 'completed' ? createHash('md5').update(d.nzoId).digest('hex') : '',
    password: JSON_NULL,
    duplicate_key: d.title.toLowerCase().split('.').slice(0, 2).join(' '),
    archive: false,
    time_added: epoch(d.addedAt),
    size: toUnits(downloaded, 'B'),
    action_line: pp ? pp.action : '',
    loaded: !!pp,
    retry: failed,
  };
}

export function historyBody(world: SimWorld, f: HistoryFilter): Record<string, unknown> {
  const matching = world.sabHistory().filter((d) => {
    const status = d.sab === 'pp' ? ppStatus(world, d).status : d.sab === 'failed' ? 'Failed' : 'Completed';
    if (f.search && !d.title.toLowerCase().includes(f.search.toLowerCase())) return false;
    if (f.categories?.length && !f.categories.includes(d.category)) return false;
    if (f.statuses?.length && !f.statuses.includes(status)) return false;
    if (f.nzoIds?.length && !f.nzoIds.includes(d.nzoId)) return false;
    return true;
  });
  const page = matching.slice(f.start, f.start + f.limit);
  const sum = (since: number) =>
    toUnits(
      world
        .sabHistory()
        .filter((d) => (d.completedAt ?? 0) >= since)
        .reduce((n, d) => n + d.sizeBytes - d.bytesLeft, 0),
    );
  const now = world.now();
  return {
    history: {
      total_size: sum(0),
      month_size: sum(now - 30 * 86_400_000),
      week_size: sum(now - 7 * 86_400_000),
      day_size: sum(now - 86_400_000),
      slots: page.map((d) => historySlot(world, d)),
      ppslots: page.filter((d) => d.sab === 'pp').length,
      noofslots: matching.length,
      last_history_update: world.sab.historyVersion,
      version: SAB_VERSION,
    },
  };
}

export function warningsList(world: SimWorld): Record<string, unknown>[] {
  return world.sab.warnings.map((w) => ({ type: w.type, text: w.text, time: w.time, origin: w.origin }));
}

export function fullStatusBody(world: SimWorld, apiKey: string, urlBase: string): Record<string, unknown> {
  const active = world.sabQueue().find((d) => world.sabSlotStatus(d) === 'Downloading' && !world.isStuck(d));
  const uptimeH = Math.floor((world.now() - world.sab.startedAt) / 3_600_000);
  return {
    status: {
      ...header(world),
      uptime: uptimeH >= 24 ? `${Math.floor(uptimeH / 24)}d` : `${uptimeH}h`,
      color_scheme: 'Auto',
      confighelpuri: 'https://sabnzbd.org/wiki/configuration/5.0/',
      pid: 412,
      active_lang: 'en',
      rtl: false,
      my_lcldata: '/config',
      my_home: '/config',
      webdir: '/app/sabnzbd/interfaces/Glitter/templates',
      url_base: urlBase,
      windows: false,
      macos: false,
      power_options: false,
      pp_pause_event: false,
      apikey: apiKey,
      new_release: false,
      new_rel_url: JSON_NULL,
      logfile: '/config/logs/sabnzbd.log',
      weblogfile: JSON_NULL,
      loglevel: '1',
      folders: [],
      configfn: '/config/sabnzbd.ini',
      warnings: warningsList(world),
      delayed_assembler: 0,
      loadavg: '0.52 | 0.48 | 0.40 | V=812M R=295M',
      pystone: 0,
      downloaddir: '/downloads/incomplete',
      downloaddirspeed: 0,
      completedir: '/downloads/complete',
      completedirspeed: 0,
      internetbandwidth: 0,
      servers: [
        {
          servername: 'news.example.net',
          serveractive: true,
          serveractiveconn: active ? 30 : 0,
          servertotalconn: 30,
          serverconnections: active
            ? [
                {
                  thrdnum: 1,
                  art_name: 'part1of120.AbCdEf@example.post',
                  nzf_name: `${active.title}.part01.rar`,
                  nzo_name: active.title,
                },
              ]
            : [],
          serverssl: 1,
          serversslinfo: 'TLSv1.3 (TLS_AES_256_GCM_SHA384)',
          serveripaddress: '203.0.113.10',
          servercanonname: 'news.example.net',
          serverwarning: '',
          servererror: '',
          serverpriority: 0,
          serveroptional: 0,
          serverbps: toUnits(world.sab.speedBps),
        },
      ],
    },
  };
}
