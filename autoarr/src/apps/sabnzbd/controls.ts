// SABnzbd's whole-queue controls (pause, timed pause, resume, speed limit) on the one command path, and the status
// read the UI and the HA integration show next to them. Every answer is re-read from SABnzbd after the change, so
// what we report is what SABnzbd did (it pauses itself again at once when the disk is too full).
import type { CoreContext } from '../../core/context.js';
import type { Feature } from '../../core/feature.js';
import { UserError } from '../../core/errors.js';
import { redactText } from '../../log/redact.js';
import type { AppInstance } from '../../settings/settings.js';
import type { SabnzbdControlResult, SabnzbdStatus } from '../../shared/types.js';
import { isAppError } from '../common/errors.js';
import { MAX_PAUSE_MINUTES } from './client.js';
import { sabnzbdRoutes } from './routes.js';
import type { SabQueue, SabWarning } from './types.js';

/** SABnzbd's own words when it pauses for too little free space ("Too little diskspace forcing PAUSE"). */
const LOW_DISK = /disk\s?space|disk is full|disk full/i;

const WHO: Record<string, string> = {
  api: 'through the AutoArr API',
  ui: 'from the AutoArr page',
  home_assistant: 'from Home Assistant',
  mcp: 'by an AI assistant',
};

export function gb(bytes: number): string {
  return `${(bytes / 1_073_741_824).toFixed(2)} GB`;
}

function minutesText(min: number): string {
  if (min < 60) return `${min} minute${min === 1 ? '' : 's'}`;
  const h = Math.floor(min / 60);
  const m = min % 60;
  return `${h} hour${h === 1 ? '' : 's'}${m ? ` ${m} minute${m === 1 ? '' : 's'}` : ''}`;
}

/** Builds the status of one instance from its queue header and warnings (pure, for tests). */
export function statusOf(instance: AppInstance, q: SabQueue, warnings: SabWarning[], now: Date): SabnzbdStatus {
  const newest = [...warnings].sort((a, b) => b.time - a.time);
  const s: SabnzbdStatus = {
    instanceId: instance.id,
    name: instance.name,
    reachable: true,
    paused: q.paused,
    status: q.status,
    // SABnzbd can report the last speed for a moment after pausing; a paused queue downloads nothing.
    speedBps: q.paused ? 0 : q.speedBps,
    speedLimitPercent: q.speedLimitPercent,
    queueCount: q.noOfSlotsTotal,
    sizeLeftBytes: q.sizeLeftBytes,
    timeLeftSeconds: q.paused ? 0 : q.timeLeftSeconds,
    diskFreeBytes: q.diskFreeBytes,
    completeDiskFreeBytes: q.completeDiskFreeBytes,
    diskTotalBytes: q.diskTotalBytes,
    warnings: newest.map((w) => ({
      time: new Date(w.time * 1000).toISOString(),
      type: w.type,
      text: redactText(w.text),
    })),
  };
  if (q.speedLimitBps !== undefined) s.speedLimitBps = q.speedLimitBps;
  if (!q.paused) return s;
  if (q.pausedInt) {
    const at = new Date(now.getTime() + q.pausedInt * 1000);
    s.pauseReason = 'timed';
    s.resumesAt = at.toISOString();
    s.pauseText = `Paused for ${minutesText(Math.max(1, Math.ceil(q.pausedInt / 60)))} more; SABnzbd resumes by itself`;
  } else if (newest.some((w) => LOW_DISK.test(w.text))) {
    s.pauseReason = 'low_disk';
    s.pauseText =
      `SABnzbd paused itself: too little free disk space (${gb(q.diskFreeBytes)} free in the download folder). ` +
      `Free some space, or lower "Minimum free space" in SABnzbd Config → Folders, then resume`;
  } else {
    s.pauseReason = 'manual';
    s.pauseText = 'Paused until someone resumes it (by hand or by the SABnzbd scheduler)';
  }
  return s;
}

export interface SabnzbdControls {
  status(): Promise<SabnzbdStatus[]>;
  pause(minutes: number | undefined, instanceId: string | undefined, by: string): Promise<SabnzbdControlResult>;
  resume(instanceId: string | undefined, by: string): Promise<SabnzbdControlResult>;
  speedLimit(percent: number, instanceId: string | undefined, by: string): Promise<SabnzbdControlResult>;
}

export function createSabnzbdControls(ctx: CoreContext): SabnzbdControls {
  const log = ctx.log.child({ component: 'sabnzbd-controls' });

  function pick(instanceId: string | undefined): AppInstance {
    const all = ctx.apps.ofKind('sabnzbd');
    const i = instanceId === undefined ? all[0] : all.find((x) => x.id === instanceId);
    if (i) return i;
    throw new UserError(
      'not_found',
      instanceId === undefined
        ? 'SABnzbd is not configured in AutoArr: set its URL and API key in the options (sabnzbd_url, sabnzbd_api_key)'
        : `There is no SABnzbd instance "${instanceId}"; configured: ${all.map((x) => x.id).join(', ') || 'none'}`,
      404,
    );
  }

  async function read(i: AppInstance): Promise<SabnzbdStatus> {
    const client = ctx.apps.sabnzbd(i.id);
    try {
      const [q, w] = await Promise.all([client.queue({ start: 0, limit: 1 }), client.warnings().catch(() => [])]);
      return statusOf(i, q, w, ctx.now());
    } catch (err) {
      return {
        instanceId: i.id,
        name: i.name,
        reachable: false,
        problem: isAppError(err) ? err.message : `${i.name} could not be read: ${redactText((err as Error).message)}`,
        paused: false,
        status: 'Unknown',
        speedBps: 0,
        speedLimitPercent: 100,
        queueCount: 0,
        sizeLeftBytes: 0,
        timeLeftSeconds: 0,
        diskFreeBytes: 0,
        completeDiskFreeBytes: 0,
        diskTotalBytes: 0,
        warnings: [],
      };
    }
  }

  /** Runs one change, logs it as an activity entry, and reports what SABnzbd shows afterwards. */
  async function act(
    i: AppInstance,
    action: string,
    by: string,
    change: () => Promise<void>,
    done: (after: SabnzbdStatus) => { ok: boolean; message: string },
  ): Promise<SabnzbdControlResult> {
    try {
      await change();
    } catch (err) {
      if (!isAppError(err)) throw err;
      return { ok: false, message: err.message };
    }
    const status = await read(i);
    const r = done(status);
    const message = `${r.message} ${WHO[by] ?? `(by ${by})`}`.trim();
    await ctx.activity.add({ kind: 'action', action, message, instanceId: i.id });
    log.info(message);
    return { ok: r.ok, message, status };
  }

  return {
    async status() {
      return Promise.all(ctx.apps.ofKind('sabnzbd').map((i) => read(i)));
    },

    async pause(minutes, instanceId, by) {
      if (minutes !== undefined && (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_PAUSE_MINUTES)) {
        throw new UserError(
          'bad_request',
          `A timed pause must be a whole number of minutes from 1 to ${MAX_PAUSE_MINUTES} (one week)`,
        );
      }
      const i = pick(instanceId);
      const client = ctx.apps.sabnzbd(i.id);
      return act(
        i,
        'sabnzbd.pause',
        by,
        () => (minutes === undefined ? client.pauseAll() : client.pauseFor(minutes)),
        () => ({
          ok: true,
          message:
            minutes === undefined
              ? `${i.name} paused until resumed`
              : `${i.name} paused for ${minutesText(minutes)}; it resumes by itself`,
        }),
      );
    },

    async resume(instanceId, by) {
      const i = pick(instanceId);
      const client = ctx.apps.sabnzbd(i.id);
      return act(
        i,
        'sabnzbd.resume',
        by,
        () => client.resumeAll(),
        (after) =>
          after.paused
            ? {
                ok: false,
                message:
                  `${i.name} was asked to resume but is still paused` +
                  (after.pauseReason === 'low_disk' ? `: ${after.pauseText ?? ''}` : ''),
              }
            : { ok: true, message: `${i.name} resumed` },
      );
    },

    async speedLimit(percent, instanceId, by) {
      if (!Number.isInteger(percent) || percent < 1 || percent > 100) {
        throw new UserError('bad_request', 'The speed limit must be a whole percent from 1 to 100 (100 = no limit)');
      }
      const i = pick(instanceId);
      const client = ctx.apps.sabnzbd(i.id);
      return act(
        i,
        'sabnzbd.speed_limit',
        by,
        () => client.setSpeedLimit(percent),
        () => ({
          ok: true,
          message:
            percent === 100
              ? `${i.name} speed limit removed`
              : `${i.name} limited to ${percent} % of its maximum line speed`,
        }),
      );
    },
  };
}

/** Registers the commands and serves /api/sabnzbd. */
export function sabnzbdControlsFeature(ctx: CoreContext): Feature {
  const controls = createSabnzbdControls(ctx);
  let off: Array<() => void> = [];
  return {
    name: 'SABnzbd controls',
    start() {
      off = [
        ctx.commands.register('sabnzbd.pause', (a) => controls.pause(a.minutes, a.instanceId, a.by)),
        ctx.commands.register('sabnzbd.resume', (a) => controls.resume(a.instanceId, a.by)),
        ctx.commands.register('sabnzbd.speed_limit', (a) => controls.speedLimit(a.percent, a.instanceId, a.by)),
      ];
    },
    stop() {
      for (const f of off) f();
      off = [];
    },
    routes: () => [{ path: '/api/sabnzbd', router: sabnzbdRoutes(ctx, controls) }],
  };
}
