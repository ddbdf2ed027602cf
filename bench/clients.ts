// Client parse-and-map cost on big, realistic bodies: a 1 000-item Sonarr queue (with series and episode, as the
// client requests it) and a 10 000-item SABnzbd history. Figures: p50/p95 ms per call for parse+map alone, the
// same through the real client over loopback HTTP, and heap growth while the mapped result is held.
// Goals (issue 3): queue < 10 ms, history < 60 ms for parse+map.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { paged } from '../autoarr/src/apps/arr/common.js';
import { mapHistory } from '../autoarr/src/apps/sabnzbd/parse.js';
import { SabnzbdHttpClient } from '../autoarr/src/apps/sabnzbd/client.js';
import { SonarrHttpClient } from '../autoarr/src/apps/sonarr/client.js';
import type { QueueResource } from '../autoarr/src/apps/sonarr/types.js';
import type { AppInstance } from '../autoarr/src/settings/settings.js';

const QUEUE_ITEMS = 1_000;
const HISTORY_ITEMS = 10_000;

function queueRecord(i: number): QueueResource {
  const seriesId = 100 + (i % 150);
  return {
    id: 1_000_000 + i,
    seriesId,
    episodeId: 50_000 + i,
    seasonNumber: 1 + (i % 8),
    series: {
      id: seriesId,
      title: `Shōw Nämé ${seriesId} — 東京`,
      sortTitle: `show name ${seriesId}`,
      status: 'continuing',
      ended: false,
      overview: 'A chef returns home to run the family sandwich shop, and finds more than he bargained for.',
      network: 'FX',
      airTime: '22:00',
      images: [
        { coverType: 'banner', url: `/MediaCover/${seriesId}/banner.jpg`, remoteUrl: 'https://artworks.example/b.jpg' },
        { coverType: 'poster', url: `/MediaCover/${seriesId}/poster.jpg`, remoteUrl: 'https://artworks.example/p.jpg' },
      ],
      originalLanguage: { id: 1, name: 'English' },
      seasons: [1, 2, 3].map((n) => ({ seasonNumber: n, monitored: true })),
      year: 2022,
      path: `/tv/Show Name ${seriesId}`,
      qualityProfileId: 1,
      seasonFolder: true,
      monitored: true,
      monitorNewItems: 'all',
      useSceneNumbering: false,
      runtime: 30,
      tvdbId: 400_000 + seriesId,
      tvRageId: 0,
      tvMazeId: 60_000 + seriesId,
      tmdbId: 130_000 + seriesId,
      firstAired: '2022-06-23T00:00:00Z',
      seriesType: 'standard',
      cleanTitle: `showname${seriesId}`,
      imdbId: `tt${14_000_000 + seriesId}`,
      titleSlug: `show-name-${seriesId}`,
      genres: ['Comedy', 'Drama'],
      tags: [],
      added: '2024-01-01T10:00:00Z',
      ratings: { votes: 1234, value: 8.6 },
    },
    episode: {
      id: 50_000 + i,
      seriesId,
      tvdbId: 9_000_000 + i,
      episodeFileId: 0,
      seasonNumber: 1 + (i % 8),
      episodeNumber: 1 + (i % 12),
      title: `Épisode ${i}`,
      airDate: '2024-06-26',
      airDateUtc: '2024-06-27T02:00:00Z',
      runtime: 30,
      overview: 'Carmy and Sydney chase a new standard.',
      hasFile: false,
      monitored: true,
      unverifiedSceneNumbering: false,
    },
    languages: [{ id: 1, name: 'English' }],
    quality: {
      quality: { id: 3, name: 'WEBDL-1080p', source: 'web', resolution: 1080 },
      revision: { version: 1, real: 0, isRepack: false },
    },
    customFormats: [],
    customFormatScore: 0,
    size: 2_147_483_648,
    title: `Show.Name.${seriesId}.S01E${String(1 + (i % 12)).padStart(2, '0')}.1080p.WEB-DL.DDP5.1.H.264-GRP`,
    sizeleft: 1_073_741_824,
    timeleft: '00:12:30',
    estimatedCompletionTime: '2026-01-01T12:12:30Z',
    added: '2026-01-01T11:00:00Z',
    status: i % 10 === 0 ? 'completed' : 'downloading',
    trackedDownloadStatus: i % 25 === 0 ? 'warning' : 'ok',
    trackedDownloadState: i % 25 === 0 ? 'importPending' : 'downloading',
    statusMessages:
      i % 25 === 0
        ? [{ title: 'Show.Name.S01E01.mkv', messages: ['Not an upgrade for existing episode file(s)'] }]
        : [],
    errorMessage: null,
    downloadId: `SABnzbd_nzo_${i.toString(36)}`,
    protocol: 'usenet',
    downloadClient: 'SABnzbd',
    downloadClientHasPostImportCategory: false,
    indexer: 'NZBgeek (Prowlarr)',
    outputPath: i % 10 === 0 ? `/downloads/complete/tv/Show.Name.${seriesId}` : null,
    episodeHasFile: false,
  };
}

function historySlot(i: number): Record<string, unknown> {
  const failed = i % 9 === 0;
  const name = `Movie.Title.${i}.2024.2160p.UHD.BluRay.x265-GRP`;
  return {
    completed: 1_767_240_100 - i * 60,
    name,
    nzb_name: `${name}.nzb`,
    category: i % 2 ? 'movies' : 'tv',
    pp: 'D',
    script: 'None',
    report: '',
    url: `https://indexer.example/getnzb/${i}.nzb`,
    status: failed ? 'Failed' : 'Completed',
    nzo_id: `SABnzbd_nzo_${i.toString(36)}`,
    storage: failed ? '' : `/downloads/complete/movies/${name}`,
    path: `/downloads/incomplete/${name}`,
    script_line: '',
    download_time: 131,
    postproc_time: failed ? 0 : 37,
    stage_log: [
      { name: 'Source', actions: [`${name}.nzb`] },
      { name: 'Download', actions: ['Downloaded in 2 mins 11 seconds at an average of 24.5 MB/s<br/>Age: 3d'] },
      ...(failed ? [] : [{ name: 'Unpack', actions: ['[Movie] Unpacked 1 files/folders in 14 seconds'] }]),
    ],
    downloaded: 3_214_000_000,
    completeness: null,
    fail_message: failed ? 'Aborted, cannot be completed - https://sabnzbd.org/not-complete' : '',
    url_info: '',
    bytes: 3_214_000_000,
    meta: null,
    series: null,
    md5sum: 'a3f1c2d4e5b6a7980112233445566778',
    password: null,
    duplicate_key: `movie title ${i}/2024`,
    archive: false,
    time_added: 1_767_239_800 - i * 60,
    size: '3.0 GB',
    action_line: '',
    loaded: false,
    retry: failed,
  };
}

function percentile(samples: number[], p: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

/** Wall time and this process's CPU time per call; CPU time stays meaningful when other work loads the machine. */
async function time(
  runs: number,
  fn: () => unknown | Promise<unknown>,
): Promise<{ p50: number; p95: number; cpuP50: number; min: number }> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up (JIT)
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { p50: percentile(wall, 50), p95: percentile(wall, 95), cpuP50: percentile(cpu, 50), min: Math.min(...wall) };
}

/** A full GC between runs, so one run does not pay for the garbage of the last (flag set at run time). */
function exposeGc(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}
const gc = exposeGc();
const heapMb = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

export async function run(): Promise<Record<string, number | string>> {
  const queueText = JSON.stringify({
    page: 1,
    pageSize: QUEUE_ITEMS,
    sortKey: 'timeleft',
    sortDirection: 'ascending',
    totalRecords: QUEUE_ITEMS,
    records: Array.from({ length: QUEUE_ITEMS }, (_, i) => queueRecord(i)),
  });
  const historyText = JSON.stringify({
    history: {
      total_size: '8.3 T',
      month_size: '412.7 G',
      week_size: '96.1 G',
      day_size: '7.7 G',
      slots: Array.from({ length: HISTORY_ITEMS }, (_, i) => historySlot(i)),
      ppslots: 0,
      noofslots: HISTORY_ITEMS,
      last_history_update: 1842,
      version: '5.0.1',
    },
  });
  const who = { id: 'bench', app: 'sonarr' as const, name: 'Bench', url: 'http://127.0.0.1' };

  const queue = await time(30, () => paged<QueueResource>(who, 'queue', JSON.parse(queueText)));
  const history = await time(15, () => mapHistory(JSON.parse(historyText)));
  // JSON.parse alone: the floor no mapping change can go below.
  const historyParseOnly = await time(15, () => JSON.parse(historyText));

  const before = heapMb();
  const held = mapHistory(JSON.parse(historyText));
  const historyHeld = heapMb() - before;

  // The same through the real clients over loopback HTTP (transport, limiter, openapi-fetch included).
  const server = createServer((req, res) => {
    const body = req.url?.startsWith('/api/v3/queue') ? queueText : historyText;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const inst = (app: AppInstance['app']): AppInstance => ({
    id: app,
    app,
    name: app,
    url,
    apiKey: 'benchkey-0123456789',
    verifySsl: true,
  });
  const sonarr = new SonarrHttpClient(inst('sonarr'));
  const sab = new SabnzbdHttpClient(inst('sabnzbd'));
  const queueHttp = await time(20, () => sonarr.queue({ pageSize: QUEUE_ITEMS }));
  const historyHttp = await time(10, () => sab.history({ limit: HISTORY_ITEMS }));
  await Promise.all([sonarr.close(), sab.close()]);
  await new Promise<void>((resolve) => server.close(() => resolve()));

  // Timing figures say in their name when a forced GC ran before each run (not timed), so a reader knows no run
  // paid for the previous run's garbage; without it the history figures roughly double or triple.
  const gcTag = gc ? '_gc_between_runs' : '';
  return {
    sonarr_queue_items: QUEUE_ITEMS,
    sonarr_queue_body_mb: queueText.length / 1024 / 1024,
    [`sonarr_queue_parse_map_ms_p50${gcTag}`]: queue.p50,
    [`sonarr_queue_parse_map_ms_p95${gcTag}`]: queue.p95,
    [`sonarr_queue_parse_map_cpu_ms_p50${gcTag}`]: queue.cpuP50,
    // Best run: the closest this bench gets to an idle machine when others load it.
    [`sonarr_queue_parse_map_ms_min${gcTag}`]: queue.min,
    [`sonarr_queue_client_http_ms_p50${gcTag}`]: queueHttp.p50,
    [`sonarr_queue_client_http_cpu_ms_p50${gcTag}`]: queueHttp.cpuP50,
    sab_history_items: HISTORY_ITEMS,
    sab_history_body_mb: historyText.length / 1024 / 1024,
    [`sab_history_parse_map_ms_p50${gcTag}`]: history.p50,
    [`sab_history_parse_map_ms_p95${gcTag}`]: history.p95,
    [`sab_history_parse_map_cpu_ms_p50${gcTag}`]: history.cpuP50,
    [`sab_history_parse_map_ms_min${gcTag}`]: history.min,
    [`sab_history_json_parse_only_cpu_ms_p50${gcTag}`]: historyParseOnly.cpuP50,
    [`sab_history_client_http_ms_p50${gcTag}`]: historyHttp.p50,
    [`sab_history_client_http_cpu_ms_p50${gcTag}`]: historyHttp.cpuP50,
    sab_history_mapped_heap_mb: gc ? historyHeld : `${historyHeld.toFixed(1)} (no gc available: rough)`,
    heap_used_mb: process.memoryUsage().heapUsed / 1024 / 1024,
    // Figures are only comparable on a quiet machine; a load above the CPU count inflates them.
    load_avg_1m: loadavg()[0]!,
    cpus: cpus().length,
    goal: held.slots.length === HISTORY_ITEMS ? 'queue < 10 ms, history < 60 ms (parse+map p50)' : 'mapping lost items',
  };
}
