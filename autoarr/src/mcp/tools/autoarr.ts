// AutoArr's own tools: stack health, the monitor's unified downloads view, retrying a download through the one
// command path, and the activity log (what AutoArr saw and did, and why).
import { z } from 'zod';
import { UserError } from '../../core/errors.js';
import { ACTIVITY_KINDS, DOWNLOAD_STATES, isProblem } from '../../shared/domain.js';
import type { Download } from '../../shared/types.js';
import {
  UNTRUSTED_NOTE,
  actionOutput,
  confirmInput,
  countText,
  doneOf,
  pageOf,
  pageOutput,
  pagingInput,
  previewOf,
  untrustedText,
} from '../common.js';
import { defineTool, type ToolEnv } from '../define.js';
import type { MonitorView } from '../deps.js';

export function monitorView(env: ToolEnv): MonitorView {
  if (!env.deps.view)
    throw new UserError(
      'unavailable',
      'The download monitor is not running, so there is no unified downloads view; use sabnzbd_get_queue, ' +
        'sonarr_get_queue or radarr_get_queue instead, and check the AutoArr log for why the monitor stopped.',
      503,
    );
  if (env.deps.view.ready?.() === false)
    throw new UserError(
      'unavailable',
      'The download monitor has not reported yet (it polls SABnzbd and the *arr apps on a timer); try again in a ' +
        'minute, or use sabnzbd_get_queue / sonarr_get_queue / radarr_get_queue meanwhile.',
      503,
    );
  return env.deps.view;
}

export const downloadItem = z.object({
  id: z
    .string()
    .describe('Download id (the SABnzbd nzo_id / *arr downloadId) for autoarr_diagnose and autoarr_retry_download.'),
  app: z.string(),
  instanceId: z.string(),
  state: z.enum(DOWNLOAD_STATES),
  progress: z.number().describe('0..100'),
  sizeBytes: z.number(),
  bytesLeft: z.number(),
  speedBps: z.number(),
  etaSeconds: z.number().optional(),
  strikes: z.object({ count: z.number(), max: z.number() }),
  ignored: z.boolean(),
  media: z.string().optional().describe('What it is for, e.g. "The Bear S03E02".'),
  untrusted: z.object({ title: z.string(), explanation: z.string() }).describe(UNTRUSTED_NOTE),
});

export function mapDownload(d: Download): z.infer<typeof downloadItem> {
  return {
    id: d.id,
    app: d.app,
    instanceId: d.instanceId,
    state: d.state,
    progress: Math.round(d.progress * 10) / 10,
    sizeBytes: d.sizeBytes,
    bytesLeft: d.bytesLeft,
    speedBps: d.speedBps,
    ...(d.etaSeconds !== undefined ? { etaSeconds: d.etaSeconds } : {}),
    strikes: { count: d.strikes.count, max: d.strikes.max },
    ignored: d.ignored,
    ...(d.media.label ? { media: untrustedText(d.media.label) } : {}),
    // The explanation quotes upstream messages, so it travels with the release name as data.
    untrusted: { title: untrustedText(d.title), explanation: untrustedText(d.explanation) },
  };
}
export const downloadLine = (d: z.infer<typeof downloadItem>) =>
  `${d.id} [${d.state}${d.media ? `, ${d.media}` : ''}] ${d.untrusted.title} — ${d.untrusted.explanation}`;

const stackHealth = defineTool({
  name: 'autoarr_stack_health',
  title: 'Media stack health',
  description: "Start here: each app's state, downloads in trouble, auto recovery on/off, audit score.",
  group: 'autoarr',
  effect: 'read',
  input: { refresh: z.boolean().default(true).describe('Test every app now (false: last known state).') },
  output: {
    status: z.enum(['ok', 'degraded']),
    apps: z.array(
      z.object({
        id: z.string(),
        app: z.string(),
        name: z.string(),
        state: z.string().describe('connected, unreachable, auth_failed, unsupported, disabled, unknown.'),
        version: z.string().optional(),
        message: z.string().optional().describe('What is wrong and what to do.'),
      }),
    ),
    downloads: z
      .object({ total: z.number(), problems: z.number(), byState: z.record(z.string(), z.number()) })
      .optional(),
    autoRecovery: z.boolean(),
    dryRun: z.boolean(),
    auditScore: z.number().nullable().optional().describe('0..100 from the last settings audit.'),
  },
  async run({ refresh }, env) {
    const { ctx } = env.deps;
    const statuses = refresh ? await ctx.apps.testAll() : ctx.apps.statuses();
    const apps = statuses.map((s) => ({
      id: s.id,
      app: s.app,
      name: s.name,
      state: s.state,
      ...(s.version ? { version: s.version } : {}),
      ...(s.message ? { message: s.message } : {}),
    }));
    const degraded = apps.some((a) => a.state !== 'connected' && a.state !== 'unknown');
    let downloads: { total: number; problems: number; byState: Record<string, number> } | undefined;
    if (env.deps.view) {
      const list = await env.deps.view.list();
      const byState: Record<string, number> = {};
      for (const d of list) byState[d.state] = (byState[d.state] ?? 0) + 1;
      downloads = {
        total: list.length,
        problems: list.filter(isProblem).length,
        byState,
      };
    }
    const audit = env.deps.audit ? (await env.deps.audit.latest()).run : undefined;
    // Only where the monitor runs (not stdio): elsewhere nothing counts failures and recoveries. In the summary
    // only: tools/list has no room for another output field (40 KB budget).
    const stats = env.deps.view ? await ctx.stats.read() : undefined;
    const last24h = stats && { failed: stats.failed24h, recoveries: stats.recoveries24h };
    const { autoRecovery, dryRun } = ctx.runtime.get();
    const bad = apps.filter((a) => a.state !== 'connected');
    return {
      data: {
        status: degraded ? ('degraded' as const) : ('ok' as const),
        apps,
        ...(downloads ? { downloads } : {}),
        autoRecovery,
        dryRun,
        ...(audit !== undefined ? { auditScore: audit?.score ?? null } : {}),
      },
      summary: [
        degraded ? `Degraded: ${bad.map((a) => `${a.name} is ${a.state}`).join(', ')}.` : 'All apps answer.',
        downloads ? `${downloads.total} download(s), ${downloads.problems} in trouble.` : '',
        last24h ? `Last 24 h: ${last24h.failed} failed, ${last24h.recoveries} recovered.` : '',
        `Automatic recovery is ${autoRecovery ? 'on' : 'off'}${dryRun ? ' (dry run: actions are only logged)' : ''}.`,
        audit?.score !== undefined && audit?.score !== null ? `Settings audit score ${audit.score}/100.` : '',
      ]
        .filter(Boolean)
        .join(' '),
    };
  },
});

const listDownloads = defineTool({
  name: 'autoarr_list_downloads',
  title: 'Downloads across the stack',
  description: 'Every download (SABnzbd, Sonarr, Radarr): state, progress, a short explanation.',
  group: 'autoarr',
  needs: 'monitor',
  effect: 'read',
  input: {
    ...pagingInput,
    state: z.array(z.enum(DOWNLOAD_STATES)).optional().describe('Only downloads in these states.'),
    instanceId: z.string().optional().describe('Only downloads of this instance (e.g. "sonarr").'),
  },
  output: { ...pageOutput, items: z.array(downloadItem) },
  async run({ page, pageSize, state, instanceId }, env) {
    const view = monitorView(env);
    const all = (await view.list())
      .filter((d) => !state?.length || state.includes(d.state))
      .filter((d) => !instanceId || d.instanceId === instanceId || d.downloadClientInstanceId === instanceId);
    const p = pageOf(all, page, pageSize);
    const items = p.items.map(mapDownload);
    return {
      data: { ...p, items },
      summary: `${countText(items.length, p.total, 'downloads')}${state?.length ? ` in state ${state.join('/')}` : ''}.`,
      untrusted: items.map(downloadLine),
    };
  },
});

const retryDownload = defineTool({
  name: 'autoarr_retry_download',
  title: 'Retry a download',
  description: 'Replaces a stuck download: remove, blocklist, search again. Previews unless confirm: true.',
  group: 'autoarr',
  needs: 'monitor',
  effect: 'destructive',
  input: { id: z.string().min(1).describe('Download id.'), ...confirmInput },
  output: { ...actionOutput, download: downloadItem, message: z.string().optional() },
  async run({ id, confirm }, env) {
    const view = monitorView(env);
    const found = await view.get(id);
    if (!found)
      throw new UserError(
        'not_found',
        `AutoArr is not tracking a download with id ${id}; see autoarr_list_downloads`,
        404,
      );
    const download = mapDownload(found);
    const { dryRun } = env.deps.ctx.runtime.get();
    const action =
      `recover download ${id} (tracked by ${found.instanceId}): remove it from the queue and the download client, ` +
      `blocklist this release and search for another${dryRun ? ' (dry run is on: AutoArr only logs what it would do)' : ''}`;
    const untrusted = [downloadLine(download)];
    if (!confirm) {
      const p = previewOf(action);
      return { ...p, data: { ...p.data, download }, untrusted };
    }
    const r = await env.deps.ctx.commands.run('download.retry', { id, by: 'mcp' });
    if (!r.ok) throw new UserError('retry_failed', r.message, 409);
    const d = doneOf(action);
    return {
      ...d,
      data: { ...d.data, download, message: untrustedText(r.message) },
      untrusted: [...untrusted, r.message],
    };
  },
});

const listActivity = defineTool({
  name: 'autoarr_list_activity',
  title: 'What AutoArr did',
  description: "AutoArr's activity log, newest first: what it noticed, did and why, and how it went.",
  group: 'autoarr',
  effect: 'read',
  input: {
    ...pagingInput,
    downloadId: z.string().optional().describe('Only entries about this download.'),
    instanceId: z.string().optional().describe('Only entries about this app instance.'),
    kind: z
      .enum(ACTIVITY_KINDS)
      .optional()
      .describe('detect: noticed; action: done; result: how it went; audit; system.'),
    sinceHours: z
      .number()
      .min(0)
      .max(24 * 90)
      .optional()
      .describe('Only the last N hours.'),
  },
  output: {
    ...pageOutput,
    items: z.array(
      z.object({
        id: z.number(),
        time: z.string(),
        kind: z.string(),
        action: z.string(),
        downloadId: z.string().optional(),
        instanceId: z.string().optional(),
        dryRun: z.boolean().optional(),
        untrusted: z.object({ title: z.string(), message: z.string() }).describe(UNTRUSTED_NOTE),
      }),
    ),
  },
  async run({ page, pageSize, downloadId, instanceId, kind, sinceHours }, env) {
    const { ctx } = env.deps;
    const since =
      sinceHours !== undefined ? new Date(ctx.now().getTime() - sinceHours * 3_600_000).toISOString() : undefined;
    const res = await ctx.activity.list({ page, pageSize, downloadId, instanceId, kind, since });
    const items = res.items.map((e) => ({
      id: e.id,
      time: e.time,
      kind: e.kind,
      action: e.action,
      ...(e.downloadId ? { downloadId: e.downloadId } : {}),
      ...(e.instanceId ? { instanceId: e.instanceId } : {}),
      ...(e.dryRun ? { dryRun: true } : {}),
      untrusted: { title: untrustedText(e.title), message: untrustedText(e.message) },
    }));
    return {
      data: {
        page: res.page,
        pageSize: res.pageSize,
        total: res.total,
        hasMore: res.page * res.pageSize < res.total,
        items,
      },
      summary: `${countText(items.length, res.total, 'activity entries')}.`,
      untrusted: items.map(
        (i) => `${i.time} ${i.kind}/${i.action}${i.dryRun ? ' (dry run)' : ''}: ${i.untrusted.message}`,
      ),
    };
  },
});

export const autoarrTools = [stackHealth, listDownloads, retryDownload, listActivity];
