// SABnzbd read tools: queue, history, status with warnings, config (secrets removed).
import { z } from 'zod';
import { redactValue } from '../../log/redact.js';
import {
  UNTRUSTED_NOTE,
  bytesText,
  countText,
  instanceOutput,
  pageInfo,
  pageOutput,
  pagingInput,
  untrustedText,
} from '../common.js';
import { defineTool } from '../define.js';
import { sab } from './pick.js';

const queueItem = z.object({
  nzoId: z.string().describe('The job id (nzo_id) other sabnzbd_* tools take.'),
  status: z.string(),
  category: z.string(),
  priority: z.string(),
  sizeBytes: z.number(),
  bytesLeft: z.number(),
  percentage: z.number(),
  timeLeftSeconds: z.number(),
  index: z.number(),
  labels: z.array(z.string()),
  untrusted: z.object({ filename: z.string() }).describe(UNTRUSTED_NOTE),
});

export const sabGetQueue = defineTool({
  name: 'sabnzbd_get_queue',
  title: 'SABnzbd queue',
  description: 'The download queue: each job with progress and time left; paused or not, speed, free disk.',
  group: 'sabnzbd',
  effect: 'read',
  input: { ...pagingInput },
  output: {
    ...instanceOutput,
    paused: z.boolean(),
    status: z.string(),
    speedBps: z.number(),
    speedLimitPercent: z.number(),
    sizeLeftBytes: z.number(),
    timeLeftSeconds: z.number(),
    diskFreeBytes: z.number(),
    ...pageOutput,
    items: z.array(queueItem),
  },
  async run({ page, pageSize }, env) {
    const { instance, client } = sab(env);
    const q = await client.queue({ start: (page - 1) * pageSize, limit: pageSize });
    const items = q.slots.slice(0, pageSize).map((s) => ({
      nzoId: s.nzoId,
      status: s.status,
      category: s.category,
      priority: s.priority,
      sizeBytes: s.sizeBytes,
      bytesLeft: s.bytesLeft,
      percentage: s.percentage,
      timeLeftSeconds: s.timeLeftSeconds,
      index: s.index,
      labels: s.labels.map(untrustedText),
      untrusted: { filename: untrustedText(s.filename) },
    }));
    const total = q.noOfSlots;
    return {
      data: {
        instance,
        paused: q.paused,
        status: q.status,
        speedBps: q.speedBps,
        speedLimitPercent: q.speedLimitPercent,
        sizeLeftBytes: q.sizeLeftBytes,
        timeLeftSeconds: q.timeLeftSeconds,
        diskFreeBytes: q.diskFreeBytes,
        ...pageInfo(page, pageSize, total, items.length),
        items,
      },
      summary:
        `SABnzbd (${instance}) is ${q.paused ? 'paused' : untrustedText(q.status).toLowerCase()}: ${countText(items.length, total, 'jobs')}, ` +
        `${bytesText(q.sizeLeftBytes)} left at ${bytesText(q.speedBps)}/s, ${bytesText(q.diskFreeBytes)} free.`,
      untrusted: items.map((i) => `${i.nzoId} [${i.status}, ${i.percentage}%] ${i.untrusted.filename}`),
    };
  },
});

const historyItem = z.object({
  nzoId: z.string(),
  status: z.string().describe('Completed, Failed, or a post-processing stage such as Extracting.'),
  category: z.string(),
  bytes: z.number(),
  completedAt: z.number().describe('Unix seconds.'),
  downloadTimeSeconds: z.number(),
  retryable: z.boolean().describe('A failed job SABnzbd can retry (sabnzbd_retry_job).'),
  untrusted: z.object({ name: z.string(), failMessage: z.string() }).describe(UNTRUSTED_NOTE),
});

export const sabGetHistory = defineTool({
  name: 'sabnzbd_get_history',
  title: 'SABnzbd history',
  description: 'Finished jobs, newest first, with why failed ones failed.',
  group: 'sabnzbd',
  effect: 'read',
  input: {
    ...pagingInput,
    failedOnly: z.boolean().default(false).describe('Only failed jobs.'),
    category: z.string().optional().describe('Only jobs of this SABnzbd category, e.g. "tv" or "movies".'),
  },
  output: { ...instanceOutput, ...pageOutput, items: z.array(historyItem) },
  async run({ page, pageSize, failedOnly, category }, env) {
    const { instance, client } = sab(env);
    const h = await client.history({ start: (page - 1) * pageSize, limit: pageSize, failedOnly, category });
    const items = h.slots.slice(0, pageSize).map((s) => ({
      nzoId: s.nzoId,
      status: s.status,
      category: s.category,
      bytes: s.bytes,
      completedAt: s.completedAt,
      downloadTimeSeconds: s.downloadTime,
      retryable: s.retry,
      untrusted: { name: untrustedText(s.name), failMessage: untrustedText(s.failMessage) },
    }));
    const failed = items.filter((i) => i.status === 'Failed').length;
    return {
      data: { instance, ...pageInfo(page, pageSize, h.noOfSlots, items.length), items },
      summary: `SABnzbd (${instance}) history: ${countText(items.length, h.noOfSlots, 'jobs')}, ${failed} failed on this page.`,
      untrusted: items.map(
        (i) =>
          `${i.nzoId} [${i.status}] ${i.untrusted.name}${i.untrusted.failMessage ? ` — ${i.untrusted.failMessage}` : ''}`,
      ),
    };
  },
});

export const sabGetStatus = defineTool({
  name: 'sabnzbd_get_status',
  title: 'SABnzbd status and warnings',
  description: 'Version, pause state, speed limit, free disk, news server state and current warnings.',
  group: 'sabnzbd',
  effect: 'read',
  input: {},
  output: {
    ...instanceOutput,
    version: z.string(),
    paused: z.boolean(),
    pausedForSeconds: z.number().optional().describe('Seconds left on a timed pause.'),
    speedLimitPercent: z.number(),
    diskFreeBytes: z.number(),
    completeDiskFreeBytes: z.number(),
    servers: z.array(
      z.object({
        active: z.boolean(),
        activeConnections: z.number(),
        totalConnections: z.number(),
        untrusted: z.object({ name: z.string(), error: z.string(), warning: z.string() }).describe(UNTRUSTED_NOTE),
      }),
    ),
    warnings: z.array(
      z.object({
        type: z.string(),
        time: z.number().describe('Unix seconds.'),
        untrusted: z.object({ text: z.string() }).describe(UNTRUSTED_NOTE),
      }),
    ),
    warningsTotal: z.number().int(),
  },
  async run(_args, env) {
    const { instance, client } = sab(env);
    const s = await client.fullStatus();
    const warnings = s.warnings.slice(-25).map((w) => ({
      type: w.type,
      time: w.time,
      untrusted: { text: untrustedText(w.text) },
    }));
    const servers = s.servers.slice(0, 25).map((v) => ({
      active: v.active,
      activeConnections: v.activeConnections,
      totalConnections: v.totalConnections,
      untrusted: { name: untrustedText(v.name), error: untrustedText(v.error), warning: untrustedText(v.warning) },
    }));
    return {
      data: {
        instance,
        version: s.version,
        paused: s.paused,
        ...(s.pausedInt ? { pausedForSeconds: s.pausedInt } : {}),
        speedLimitPercent: s.speedLimitPercent,
        diskFreeBytes: s.diskFreeBytes,
        completeDiskFreeBytes: s.completeDiskFreeBytes,
        servers,
        warnings,
        warningsTotal: s.warnings.length,
      },
      summary:
        `SABnzbd ${s.version} (${instance}) is ${s.paused ? 'paused' : 'running'}; ` +
        `${bytesText(s.diskFreeBytes)} free for downloads, ${bytesText(s.completeDiskFreeBytes)} for completed; ` +
        `${s.warnings.length} warning(s).`,
      untrusted: [
        ...warnings.map((w) => `${w.type}: ${w.untrusted.text}`),
        ...servers.filter((v) => v.untrusted.error).map((v) => `${v.untrusted.name}: ${v.untrusted.error}`),
      ],
    };
  },
});

const SAB_SECTIONS = ['misc', 'categories', 'servers', 'rss', 'sorters', 'scheduler', 'notifications'] as const;

export const sabGetConfig = defineTool({
  name: 'sabnzbd_get_config',
  title: 'SABnzbd configuration',
  description: 'One configuration section (misc holds most settings), without keys or passwords.',
  group: 'sabnzbd',
  effect: 'read',
  input: {
    section: z.enum(SAB_SECTIONS).default('misc').describe('The configuration section to read.'),
  },
  output: {
    ...instanceOutput,
    section: z.string(),
    config: z.union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))]),
  },
  async run({ section }, env) {
    const { instance, client } = sab(env);
    const all = await client.getConfig(section);
    const value = redactValue(all[section] ?? {});
    const count = Array.isArray(value) ? value.length : Object.keys(value).length;
    return {
      data: { instance, section, config: value },
      summary: `SABnzbd (${instance}) config section "${section}": ${count} entries (secrets removed).`,
    };
  },
});

export const sabnzbdReadTools = [sabGetQueue, sabGetHistory, sabGetStatus, sabGetConfig];
