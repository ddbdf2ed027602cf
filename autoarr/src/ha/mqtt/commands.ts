// Command topics (<base>/<device>/<key>/set): validated, then acted on through the one command path, the runtime
// switches or the app clients. An invalid payload or an unknown topic is logged and ignored, never thrown.
import { z } from 'zod';
import type { CoreContext } from '../../core/context.js';
import { redactText } from '../../log/redact.js';
import { runArrCommand, type AppClientsPort } from '../../metrics/app-clients.js';
import { HUB, type Naming } from './model.js';

const press = z.string().trim().toUpperCase().pipe(z.literal('PRESS'));
const onOff = z
  .string()
  .trim()
  .toUpperCase()
  .pipe(z.enum(['ON', 'OFF']));
const percent = z
  .string()
  .trim()
  .regex(/^\d+(\.\d+)?$/)
  .transform(Number)
  .pipe(z.number().int().min(0).max(100));
/** A download id as the monitor keeps them (the *arr downloadId / SABnzbd nzo_id): one token, no spaces or JSON. */
const downloadId = z
  .string()
  .trim()
  .regex(/^[^\s"{}[\]]{1,200}$/);

export interface CommandDeps {
  ctx: CoreContext;
  naming: Naming;
  clients: AppClientsPort;
  /** Called after an app changed, so its entities follow at once (e.g. a metrics poll). */
  changed(instanceId: string, patch?: Record<string, unknown>): void | Promise<void>;
}

type Handler = (payload: string) => Promise<string>;

export function createCommandHandler(deps: CommandDeps): (topic: string, payload: string) => Promise<void> {
  const { ctx, naming } = deps;
  const log = ctx.log.child({ component: 'mqtt-commands' });
  const by = 'home_assistant';

  function handlerFor(device: string, key: string): Handler | undefined {
    if (device === HUB) {
      switch (key) {
        case 'retry_stalled':
          return async (p) => (press.parse(p), (await ctx.commands.run('monitor.retry_stalled', { by })).message);
        case 'retry_download':
          return async (p) => {
            const id = downloadId.parse(p);
            const r = await ctx.commands.run('download.retry', { id, by });
            return `retry ${id}: ${r.message}`;
          };
        case 'run_audit':
          return async (p) => (press.parse(p), (await ctx.commands.run('audit.run', { by })).message);
        case 'auto_recovery':
        case 'dry_run':
          return async (p) => {
            const on = onOff.parse(p) === 'ON';
            await ctx.runtime.set(key === 'dry_run' ? 'dryRun' : 'autoRecovery', on);
            return `${key === 'dry_run' ? 'Dry run' : 'Automatic recovery'} ${on ? 'on' : 'off'}`;
          };
      }
      return undefined;
    }
    const instance = ctx.apps.instance(device);
    if (!instance) return undefined;
    const id = instance.id;
    const after = async (msg: string, patch?: Record<string, unknown>) => (await deps.changed(id, patch), msg);
    if (instance.app === 'sabnzbd') {
      const sab = () => deps.clients.sabnzbd(id);
      if (key === 'paused')
        return async (p) => {
          const pause = onOff.parse(p) === 'ON';
          await (pause ? sab().pauseAll() : sab().resumeAll());
          return after(pause ? 'Paused' : 'Resumed', { paused: pause });
        };
      if (key === 'resume_all')
        return async (p) => (press.parse(p), await sab().resumeAll(), after('Resumed', { paused: false }));
      if (key === 'speed_limit')
        return async (p) => {
          const limit = percent.parse(p);
          await sab().setSpeedLimit(limit);
          return after(`Speed limit ${limit} %`, { speedLimitPercent: limit });
        };
    }
    if ((instance.app === 'sonarr' || instance.app === 'radarr') && key === 'search_missing') {
      return async (p) => {
        press.parse(p);
        const client = instance.app === 'sonarr' ? deps.clients.sonarr(id) : deps.clients.radarr(id);
        await runArrCommand(client, instance.app === 'sonarr' ? 'MissingEpisodeSearch' : 'MissingMoviesSearch');
        return after('Search for missing started');
      };
    }
    if (instance.app === 'plex' && key === 'scan_libraries') {
      return async (p) => {
        press.parse(p);
        const plex = deps.clients.plex(id);
        const keys = sectionKeys(await plex.sections());
        await Promise.all(keys.map((k) => plex.scanSection(k)));
        return after(`Scanning ${keys.length} libraries`);
      };
    }
    return undefined;
  }

  return async (topic, payload) => {
    const parts = topic.slice(naming.base.length + 1).split('/');
    const [device, key] = parts;
    const handler = parts.length === 3 && device && key ? handlerFor(device, key) : undefined;
    if (!handler) {
      log.warn(`Ignored an MQTT command on an unknown topic ${topic}`);
      return;
    }
    try {
      const message = await handler(payload);
      log.info(`Home Assistant command ${device}/${key}: ${message}`);
    } catch (err) {
      if (err instanceof z.ZodError) {
        log.warn(
          `Ignored an invalid MQTT command on ${topic}: ${JSON.stringify(redactText(payload.slice(0, 100)))} is not valid here`,
        );
      } else {
        log.warn(`The MQTT command on ${topic} failed: ${redactText((err as Error).message)}`);
      }
    }
  };
}

/** Plex section keys from the client's answer (an array of sections, or Plex's MediaContainer.Directory). */
export function sectionKeys(v: unknown): string[] {
  const list = Array.isArray(v)
    ? v
    : ((v as { MediaContainer?: { Directory?: unknown[] } } | undefined)?.MediaContainer?.Directory ?? []);
  return list
    .map((s) => (s && typeof s === 'object' ? (s as { key?: unknown }).key : undefined))
    .filter((k): k is string | number => typeof k === 'string' || typeof k === 'number')
    .map(String);
}
