// Resource shapes shared by Sonarr and Radarr v3 (system status, health, queue, history, blocklist, commands,
// disk space, root folders, profiles, download client), with exactly the keys the OpenAPI schemas allow.
import type { ArrApp, CommandRecord, HealthIssue, QualityDef, SimDownload } from '../world/model.js';
import type { SimWorld } from '../world/world.js';

export const iso = (ms: number): string => new Date(ms).toISOString();
export const ENGLISH = { id: 1, name: 'English' };
export const VERSIONS: Record<ArrApp, string> = { sonarr: '4.0.14.2939', radarr: '5.26.2.10099' };

/** .NET TimeSpan text: "00:04:30" or "1.02:03:04". */
export function dateSpan(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(s / 86_400);
  const hms = [Math.floor((s % 86_400) / 3600), Math.floor((s % 3600) / 60), s % 60]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');
  return d > 0 ? `${d}.${hms}` : hms;
}

export function qualityModel(app: ArrApp, q: QualityDef): Record<string, unknown> {
  const quality: Record<string, unknown> = {
    id: q.id,
    name: q.name,
    source: app === 'sonarr' ? q.sonarrSource : q.radarrSource,
    resolution: q.resolution,
  };
  if (app === 'radarr') quality.modifier = 'none';
  return { quality, revision: { version: 1, real: 0, isRepack: false } };
}

export function systemStatus(world: SimWorld, app: ArrApp): Record<string, unknown> {
  const name = app === 'sonarr' ? 'Sonarr' : 'Radarr';
  const status: Record<string, unknown> = {
    appName: name,
    instanceName: name,
    version: VERSIONS[app],
    buildTime: '2025-05-11T18:23:41Z',
    isDebug: false,
    isProduction: true,
    isAdmin: false,
    isUserInteractive: false,
    startupPath: `/app/${app}/bin`,
    appData: '/config',
    osName: 'alpine',
    osVersion: '3.21.3',
    isNetCore: true,
    isLinux: true,
    isOsx: false,
    isWindows: false,
    isDocker: true,
    mode: 'console',
    branch: app === 'sonarr' ? 'main' : 'master',
    authentication: 'forms',
    sqliteVersion: '3.48.0',
    migrationVersion: app === 'sonarr' ? 217 : 241,
    urlBase: '',
    runtimeVersion: '8.0.14',
    runtimeName: '.NET',
    startTime: iso(world.arrStartedAt),
    packageVersion: VERSIONS[app],
    packageAuthor: '[linuxserver.io](https://www.linuxserver.io/)',
    packageUpdateMechanism: 'docker',
    packageUpdateMechanismMessage: null,
    databaseVersion: '3.48.0',
    databaseType: 'sqLite',
  };
  // Only Sonarr's SystemResource has sqliteVersion.
  if (app === 'radarr') delete status.sqliteVersion;
  return status;
}

function httpUri(url: string): Record<string, unknown> {
  const u = new URL(url);
  return {
    fullUri: url,
    scheme: u.protocol.replace(':', ''),
    host: u.hostname,
    port: u.port ? Number(u.port) : u.protocol === 'https:' ? 443 : 80,
    path: u.pathname,
    query: u.search.replace(/^\?/, ''),
    fragment: u.hash.replace(/^#/, ''),
  };
}

/** Current health issues; the download-client check follows the simulated SABnzbd's reachability. */
export function healthIssues(world: SimWorld, app: ArrApp): HealthIssue[] {
  const issues = [...world.arrHealth[app]];
  if (!world.sab.reachable) {
    issues.push({
      source: 'DownloadClientCheck',
      type: 'error',
      message: 'Unable to communicate with SABnzbd. Connection refused (127.0.0.1:8080)',
      wikiUrl: `https://wiki.servarr.com/${app}/system#download-clients-are-unavailable-due-to-failures`,
    });
  }
  if (world.sab.lowDisk) {
    issues.push({
      source: 'DownloadClientStatusCheck',
      type: 'warning',
      message: 'Download client SABnzbd is paused: Too little diskspace forcing PAUSE',
      wikiUrl: `https://wiki.servarr.com/${app}/system#download-clients-are-unavailable-due-to-failures`,
    });
  }
  return issues;
}

export function healthResources(world: SimWorld, app: ArrApp): Record<string, unknown>[] {
  // Sonarr's spec types wikiUrl as an HttpUri object, Radarr's as a string.
  return healthIssues(world, app).map((h, i) => ({
    id: i + 1,
    source: h.source,
    type: h.type,
    message: h.message,
    wikiUrl: app === 'sonarr' ? httpUri(h.wikiUrl) : h.wikiUrl,
  }));
}

export interface QueueView {
  status: string;
  trackedDownloadStatus: 'ok' | 'warning' | 'error';
  trackedDownloadState: string;
  statusMessages: { title: string; messages: string[] }[];
  errorMessage: string | null;
  timeleftMs: number | null;
}

/** How an *arr sees one download, from what SABnzbd reports. */
export function queueView(world: SimWorld, d: SimDownload): QueueView {
  const base: QueueView = {
    status: 'downloading',
    trackedDownloadStatus: 'ok',
    trackedDownloadState: 'downloading',
    statusMessages: [],
    errorMessage: null,
    timeleftMs: null,
  };
  if (!world.sab.reachable)
    return {
      ...base,
      status: 'downloadClientUnavailable',
      trackedDownloadStatus: 'warning',
      errorMessage: 'Download client SABnzbd is unavailable',
    };
  if (d.sab === 'failed') {
    return {
      ...base,
      status: 'failed',
      trackedDownloadStatus: 'warning',
      trackedDownloadState: 'failedPending',
      statusMessages: [{ title: d.title, messages: [d.failMessage] }],
      errorMessage: d.failMessage,
    };
  }
  if (d.arr === 'blocked' && d.blockMessage) {
    return {
      ...base,
      status: 'completed',
      trackedDownloadStatus: 'warning',
      trackedDownloadState: d.blockMessage.state,
      statusMessages: [{ title: `${d.title}.mkv`, messages: [d.blockMessage.text] }],
    };
  }
  if (d.sab === 'completed') {
    const state =
      d.arr === 'importing' && d.importAt !== undefined && world.now() >= d.importAt - 15_000
        ? 'importing'
        : 'importPending';
    return { ...base, status: 'completed', trackedDownloadState: state, timeleftMs: 0 };
  }
  if (d.sab === 'pp') return { ...base, status: 'downloading', timeleftMs: 0 };
  const slot = world.sabSlotStatus(d);
  if (slot === 'Paused' || world.sab.paused) return { ...base, status: 'paused' };
  if (slot === 'Queued') return { ...base, status: 'queued' };
  const speed = world.sab.speedBps;
  return { ...base, timeleftMs: world.isStuck(d) || speed <= 0 ? null : (d.bytesLeft / speed) * 1000 };
}

/** The keys every QueueResource has (Sonarr adds episode keys, Radarr movie keys). */
export function queueCommon(world: SimWorld, app: ArrApp, d: SimDownload): Record<string, unknown> {
  const v = queueView(world, d);
  return {
    languages: [ENGLISH],
    quality: qualityModel(app, d.quality),
    customFormats: [],
    customFormatScore: 0,
    size: d.sizeBytes,
    title: d.title,
    estimatedCompletionTime: v.timeleftMs === null ? null : iso(world.now() + v.timeleftMs),
    added: iso(d.addedAt),
    status: v.status,
    trackedDownloadStatus: v.trackedDownloadStatus,
    trackedDownloadState: v.trackedDownloadState,
    statusMessages: v.statusMessages,
    errorMessage: v.errorMessage,
    downloadId: d.nzoId,
    protocol: 'usenet',
    downloadClient: 'SABnzbd',
    downloadClientHasPostImportCategory: false,
    indexer: d.indexer,
    outputPath: d.sab === 'completed' ? `/downloads/complete/${d.category}/${d.title}` : null,
    sizeleft: d.bytesLeft,
    timeleft: v.timeleftMs === null ? null : dateSpan(v.timeleftMs),
    id: d.arrQueueId,
  };
}

export function queueStatus(world: SimWorld, app: ArrApp): Record<string, unknown> {
  const all = world.arrQueue(app);
  const items = all.filter((d) => !d.unknown).map((d) => queueView(world, d));
  const unknown = all.filter((d) => d.unknown).map((d) => queueView(world, d));
  return {
    id: 0,
    totalCount: all.length,
    count: items.length,
    unknownCount: unknown.length,
    errors: items.some((v) => v.trackedDownloadStatus === 'error'),
    warnings: items.some((v) => v.trackedDownloadStatus === 'warning'),
    unknownErrors: unknown.some((v) => v.trackedDownloadStatus === 'error'),
    unknownWarnings: unknown.some((v) => v.trackedDownloadStatus === 'warning'),
  };
}

export function commandResource(c: CommandRecord): Record<string, unknown> {
  const body: Record<string, unknown> = {
    sendUpdatesToClient: true,
    updateScheduledTask: true,
    completionMessage: c.message ?? null,
    requiresDiskAccess: false,
    isExclusive: false,
    isLongRunning: false,
    name: c.name,
    lastExecutionTime: null,
    lastStartTime: c.started ? iso(c.started) : null,
    trigger: c.trigger,
    suppressMessages: false,
    clientUserAgent: 'AutoArr',
  };
  if (c.app === 'radarr') body.isTypeExclusive = false;
  return {
    id: c.id,
    name: c.name,
    commandName: c.name.replace(/([a-z])([A-Z])/g, '$1 $2'),
    message: c.message ?? null,
    body,
    priority: 'normal',
    status: c.status,
    result: c.status === 'completed' ? 'successful' : 'unknown',
    queued: iso(c.queued),
    started: c.started ? iso(c.started) : null,
    ended: c.ended ? iso(c.ended) : null,
    duration: c.started && c.ended ? dateSpan(c.ended - c.started) : null,
    exception: null,
    trigger: c.trigger,
    clientUserAgent: 'AutoArr',
    stateChangeTime: iso(c.ended ?? c.started ?? c.queued),
    sendUpdatesToClient: true,
    updateScheduledTask: true,
    lastExecutionTime: null,
  };
}

export function diskSpace(world: SimWorld, app: ArrApp): Record<string, unknown>[] {
  const media = app === 'sonarr' ? '/tv' : '/movies';
  return [
    { id: 1, path: '/', label: '', freeSpace: 41_234_567_168, totalSpace: 250_375_106_560 },
    {
      id: 2,
      path: '/downloads',
      label: '',
      freeSpace: Math.round(world.sab.diskFree1),
      totalSpace: Math.round(world.sab.diskTotal1),
    },
    { id: 3, path: media, label: '', freeSpace: 3_351_022_387_200, totalSpace: 8_001_563_222_016 },
  ];
}

export function rootFolders(app: ArrApp): Record<string, unknown>[] {
  const path = app === 'sonarr' ? '/tv' : '/movies';
  return [{ id: 1, path, accessible: true, freeSpace: 3_351_022_387_200, unmappedFolders: [] }];
}

export function qualityProfiles(app: ArrApp): Record<string, unknown>[] {
  const item = (id: number, name: string, source: string, resolution: number, allowed: boolean) => {
    const quality: Record<string, unknown> = { id, name, source, resolution };
    if (app === 'radarr') quality.modifier = 'none';
    return { quality, items: [], allowed };
  };
  const web = app === 'sonarr' ? 'web' : 'webdl';
  const profile = (id: number, name: string, cutoff: number) => {
    const p: Record<string, unknown> = {
      name,
      upgradeAllowed: true,
      cutoff,
      items: [
        item(5, 'WEBDL-720p', web, 720, id === 2),
        item(3, 'WEBDL-1080p', web, 1080, true),
        item(7, 'Bluray-1080p', 'bluray', 1080, true),
        item(18, 'WEBDL-2160p', web, 2160, id === 2),
      ],
      minFormatScore: 0,
      cutoffFormatScore: 0,
      minUpgradeFormatScore: 1,
      formatItems: [],
      id,
    };
    if (app === 'radarr') p.language = ENGLISH;
    return p;
  };
  return [profile(1, 'HD-1080p', 7), profile(2, 'Any', 3)];
}

export function downloadClients(world: SimWorld, app: ArrApp, sabUrl: URL, sabKey: string): Record<string, unknown>[] {
  const c = world.arrClients[app];
  const field = (
    order: number,
    name: string,
    label: string,
    value: unknown,
    type = 'textbox',
    extra: Record<string, unknown> = {},
  ) => ({
    order,
    name,
    label,
    value,
    type,
    advanced: false,
    privacy: 'normal',
    isFloat: false,
    ...extra,
  });
  const categoryField = app === 'sonarr' ? 'tvCategory' : 'movieCategory';
  return [
    {
      enable: c.enable,
      protocol: 'usenet',
      priority: c.priority,
      removeCompletedDownloads: c.removeCompletedDownloads,
      removeFailedDownloads: c.removeFailedDownloads,
      name: 'SABnzbd',
      fields: [
        field(0, 'host', 'Host', sabUrl.hostname),
        field(1, 'port', 'Port', Number(sabUrl.port), 'number'),
        field(2, 'useSsl', 'Use SSL', false, 'checkbox'),
        field(3, 'urlBase', 'URL Base', sabUrl.pathname.replace(/\/$/, ''), 'textbox', { advanced: true }),
        field(4, 'apiKey', 'API Key', sabKey.replace(/./g, '*'), 'textbox', { privacy: 'apiKey' }),
        field(5, 'username', 'Username', '', 'textbox', { privacy: 'userName' }),
        field(6, 'password', 'Password', '', 'password', { privacy: 'password' }),
        field(7, categoryField, 'Category', c.category),
        field(8, 'recentPriority', 'Recent Priority', -100, 'select'),
        field(9, 'olderPriority', 'Older Priority', -100, 'select'),
      ],
      implementationName: 'SABnzbd',
      implementation: 'Sabnzbd',
      configContract: 'SabnzbdSettings',
      infoLink: `https://wiki.servarr.com/${app}/supported#sabnzbd`,
      tags: [],
      id: 1,
    },
  ];
}
