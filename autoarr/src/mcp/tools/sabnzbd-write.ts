// SABnzbd write tools. Deleting a job is destructive and previews first (confirm flow); the rest are recoverable.
import { z } from 'zod';
import { MAX_PAUSE_MINUTES } from '../../apps/sabnzbd/client.js';
import { UserError } from '../../core/errors.js';
import { redactText } from '../../log/redact.js';
import {
  UNTRUSTED_NOTE,
  actionOutput,
  confirmInput,
  doneOf,
  instanceOutput,
  previewOf,
  untrustedText,
} from '../common.js';
import { defineTool, type ToolEnv } from '../define.js';
import { CLOCK_TIME, localStamp, minutesUntil } from './pause-until.js';
import { sab } from './pick.js';

const nzoIdInput = {
  nzoId: z.string().min(1).describe('nzo_id from sabnzbd_get_queue or sabnzbd_get_history.'),
};
const done = (instance: string, action: string) => {
  const r = doneOf(action);
  return { ...r, data: { ...r.data, instance }, summary: `SABnzbd (${instance}): ${r.summary}` };
};
const writeOutput = { ...instanceOutput, ...actionOutput };
/** SABnzbd answers false (not an error) for an unknown job id; say so instead of reporting success. */
const mustExist = (found: boolean, instance: string, nzoId: string) => {
  if (!found)
    throw new UserError(
      'not_found',
      `SABnzbd (${instance}) has no job ${nzoId} in its queue; see sabnzbd_get_queue`,
      404,
    );
};

export const sabPauseQueue = defineTool({
  name: 'sabnzbd_pause_queue',
  title: 'Pause SABnzbd',
  description: 'Pauses the SABnzbd queue; given minutes or until ("23:00") it resumes by itself, else when resumed.',
  group: 'sabnzbd',
  effect: 'write',
  idempotent: true,
  input: {
    minutes: z
      .number()
      .int()
      .min(1)
      .max(MAX_PAUSE_MINUTES)
      .optional()
      .describe('Minutes to pause, then resume by itself.'),
    until: z
      .string()
      .regex(CLOCK_TIME, 'a time of day as HH:MM (24-hour)')
      .optional()
      .describe('"HH:MM" (24-hour, AutoArr server time) to resume at; a time already past today means tomorrow.'),
  },
  output: {
    ...writeOutput,
    pausedUntil: z
      .string()
      .nullable()
      .describe('When SABnzbd resumes by itself (ISO 8601, UTC); null when paused until resumed by hand.'),
    pausedUntilLocal: z
      .string()
      .nullable()
      .describe('The same moment as "YYYY-MM-DD HH:MM" in the server\'s local time; null without a time limit.'),
    minutes: z.number().int().nullable().describe('Length of the timed pause in minutes; null without a limit.'),
  },
  async run({ minutes, until }, env) {
    if (minutes !== undefined && until !== undefined) {
      throw new UserError('bad_request', 'Give either minutes or until for a timed pause, not both');
    }
    const { instance, client } = sab(env);
    const now = env.deps.ctx.now();
    const length = until !== undefined ? minutesUntil(until, now) : minutes;
    if (length === undefined) {
      await client.pauseAll();
      const d = done(instance, 'paused the download queue until it is resumed');
      return { ...d, data: { ...d.data, pausedUntil: null, pausedUntilLocal: null, minutes: null } };
    }
    await client.pauseFor(length);
    const end = new Date(now.getTime() + length * 60_000);
    const local = localStamp(end);
    const d = done(instance, `paused the download queue for ${length} minutes, until ${local} (server time)`);
    return { ...d, data: { ...d.data, pausedUntil: end.toISOString(), pausedUntilLocal: local, minutes: length } };
  },
});

export const sabResumeQueue = defineTool({
  name: 'sabnzbd_resume_queue',
  title: 'Resume SABnzbd',
  description: 'Resumes the SABnzbd download queue after a pause (also ends a timed pause).',
  group: 'sabnzbd',
  effect: 'write',
  idempotent: true,
  input: {},
  output: writeOutput,
  async run(_a, env) {
    const { instance, client } = sab(env);
    await client.resumeAll();
    return done(instance, 'resumed the download queue');
  },
});

export const sabPauseJob = defineTool({
  name: 'sabnzbd_pause_job',
  title: 'Pause a SABnzbd job',
  description: 'Pauses one job in the SABnzbd queue; the rest keep downloading.',
  group: 'sabnzbd',
  effect: 'write',
  idempotent: true,
  input: nzoIdInput,
  output: writeOutput,
  async run({ nzoId }, env) {
    const { instance, client } = sab(env);
    mustExist(await client.pauseJob(nzoId), instance, nzoId);
    return done(instance, `paused job ${nzoId}`);
  },
});

export const sabResumeJob = defineTool({
  name: 'sabnzbd_resume_job',
  title: 'Resume a SABnzbd job',
  description: 'Resumes one paused job in the SABnzbd queue.',
  group: 'sabnzbd',
  effect: 'write',
  idempotent: true,
  input: nzoIdInput,
  output: writeOutput,
  async run({ nzoId }, env) {
    const { instance, client } = sab(env);
    mustExist(await client.resumeJob(nzoId), instance, nzoId);
    return done(instance, `resumed job ${nzoId}`);
  },
});

/** Finds a job in the queue or the history, so a delete can say exactly what it removes. */
async function findJob(env: ToolEnv, nzoId: string) {
  const { instance, client } = sab(env);
  const q = await client.queue({});
  const inQueue = q.slots.find((s) => s.nzoId === nzoId);
  if (inQueue) return { instance, client, where: 'queue' as const, name: inQueue.filename, bytes: inQueue.sizeBytes };
  const h = await client.history({ nzoIds: [nzoId], limit: 1 });
  const inHistory = h.slots.find((s) => s.nzoId === nzoId);
  if (inHistory) return { instance, client, where: 'history' as const, name: inHistory.name, bytes: inHistory.bytes };
  throw new UserError(
    'not_found',
    `SABnzbd (${instance}) has no job ${nzoId}; sabnzbd_get_queue and sabnzbd_get_history list the valid ids.`,
    404,
  );
}

export const sabDeleteJob = defineTool({
  name: 'sabnzbd_delete_job',
  title: 'Delete a SABnzbd job',
  description: 'Deletes a job (queue or history); Sonarr/Radarr will not search again. Previews unless confirm: true.',
  group: 'sabnzbd',
  effect: 'destructive',
  idempotent: true,
  input: {
    ...nzoIdInput,
    deleteFiles: z.boolean().default(false).describe('Also delete the files already downloaded for this job.'),
    ...confirmInput,
  },
  output: {
    ...writeOutput,
    target: z.object({
      nzoId: z.string(),
      where: z.enum(['queue', 'history']),
      sizeBytes: z.number(),
      untrusted: z.object({ name: z.string() }).describe(UNTRUSTED_NOTE),
    }),
  },
  async run({ nzoId, deleteFiles, confirm }, env) {
    const job = await findJob(env, nzoId);
    const target = { nzoId, where: job.where, sizeBytes: job.bytes, untrusted: { name: untrustedText(job.name) } };
    const action =
      `remove job ${nzoId} from SABnzbd's ${job.where}` +
      (deleteFiles ? ' and delete its downloaded files' : ', keeping any downloaded files');
    const untrusted = [`${nzoId}: ${target.untrusted.name}`];
    if (!confirm) {
      const p = previewOf(action);
      return { ...p, data: { ...p.data, instance: job.instance, target }, untrusted };
    }
    if (job.where === 'queue') mustExist(await job.client.deleteJob(nzoId, { deleteFiles }), job.instance, nzoId);
    else await job.client.deleteHistory(nzoId, { deleteFiles });
    const d = done(job.instance, action);
    return { ...d, data: { ...d.data, target }, untrusted };
  },
});

export const sabRetryJob = defineTool({
  name: 'sabnzbd_retry_job',
  title: 'Retry a failed SABnzbd job',
  description: 'Retries a failed job (retryable: true); autoarr_retry_download can pick another release.',
  group: 'sabnzbd',
  effect: 'write',
  input: nzoIdInput,
  output: { ...writeOutput, newNzoId: z.string().describe('The id of the job SABnzbd queued again.') },
  notFound: ({ nzoId }, instance) =>
    `SABnzbd (${instance}) has no failed job ${nzoId}; sabnzbd_get_history lists them (retryable: true).`,
  async run({ nzoId }, env) {
    const { instance, client } = sab(env);
    const newNzoId = await client.retry(nzoId);
    const d = done(instance, `queued failed job ${nzoId} again as ${newNzoId}`);
    return { ...d, data: { ...d.data, newNzoId } };
  },
});

export const sabSetSpeedLimit = defineTool({
  name: 'sabnzbd_set_speed_limit',
  title: 'Set the SABnzbd speed limit',
  description: 'Limits download speed to a percentage of the maximum line speed; 100 removes the limit.',
  group: 'sabnzbd',
  effect: 'write',
  idempotent: true,
  input: {
    percent: z.number().int().min(1).max(100).describe('Percent of the maximum line speed; 100 = no limit.'),
  },
  output: writeOutput,
  async run({ percent }, env) {
    const { instance, client } = sab(env);
    await client.setSpeedLimit(percent);
    return done(instance, percent === 100 ? 'removed the speed limit' : `limited speed to ${percent}%`);
  },
});

const PRIORITY = { force: 2, high: 1, normal: 0, low: -1, paused: -2, default: -100 } as const;

export const sabSetJobPriority = defineTool({
  name: 'sabnzbd_set_job_priority',
  title: 'Set a SABnzbd job priority',
  description: 'Moves a job up or down the queue; "force" downloads it even while the queue is paused.',
  group: 'sabnzbd',
  effect: 'write',
  idempotent: true,
  input: {
    ...nzoIdInput,
    priority: z
      .enum(['force', 'high', 'normal', 'low', 'paused', 'default'])
      .describe('"default" uses the category priority.'),
  },
  output: writeOutput,
  notFound: ({ nzoId }, instance) =>
    `SABnzbd (${instance}) has no job ${nzoId} in its queue; sabnzbd_get_queue lists the valid ids.`,
  async run({ nzoId, priority }, env) {
    const { instance, client } = sab(env);
    await client.setPriority(nzoId, PRIORITY[priority]);
    return done(instance, `set job ${nzoId} to ${priority} priority`);
  },
});

export const sabChangeJobCategory = defineTool({
  name: 'sabnzbd_change_job_category',
  title: 'Change a SABnzbd job category',
  description: 'Changes a queued job\'s category, which decides its folder and which app imports it (e.g. "tv").',
  group: 'sabnzbd',
  effect: 'write',
  idempotent: true,
  input: { ...nzoIdInput, category: z.string().min(1).describe('A SABnzbd category name; "*" is the Default one.') },
  output: writeOutput,
  async run({ nzoId, category }, env) {
    const { instance, client } = sab(env);
    mustExist(await client.changeCategory(nzoId, category), instance, nzoId);
    return done(instance, `moved job ${nzoId} to category "${untrustedText(category)}"`);
  },
});

export const sabAddNzbUrl = defineTool({
  name: 'sabnzbd_add_nzb_url',
  title: 'Add an NZB by URL',
  description: 'Queues an NZB URL the person gave you; Sonarr/Radarr will not track it.',
  group: 'sabnzbd',
  effect: 'write',
  openWorld: true,
  input: {
    url: z.string().url().describe('An http(s) link to an .nzb file.'),
    name: z.string().optional().describe('Job name to show in the queue.'),
    category: z.string().optional().describe('SABnzbd category, e.g. "tv" or "movies".'),
    priority: z
      .enum(['force', 'high', 'normal', 'low', 'paused', 'default'])
      .optional()
      .describe('Queue priority; "default" (or left out) uses the category priority.'),
  },
  output: { ...writeOutput, nzoIds: z.array(z.string()) },
  async run({ url, name, category, priority }, env) {
    if (!/^https?:\/\//i.test(url)) throw new UserError('bad_url', 'The NZB URL must start with http:// or https://');
    const { instance, client } = sab(env);
    const nzoIds = await client.addUrl(url, {
      ...(name ? { name } : {}),
      ...(category ? { category } : {}),
      ...(priority ? { priority: PRIORITY[priority] } : {}),
    });
    const d = done(instance, `queued the NZB from ${redactText(new URL(url).host)}`);
    return { ...d, data: { ...d.data, nzoIds } };
  },
});

export const sabnzbdWriteTools = [
  sabPauseQueue,
  sabResumeQueue,
  sabPauseJob,
  sabResumeJob,
  sabDeleteJob,
  sabRetryJob,
  sabSetSpeedLimit,
  sabSetJobPriority,
  sabChangeJobCategory,
  sabAddNzbUrl,
];
