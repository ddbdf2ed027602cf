// In the add-on, announce AutoArr to Home Assistant (POST /discovery) so the integration is offered without typing
// a host or token. Announced at start and again whenever the host, port or token changes (the Supervisor treats
// an identical message as a no-op and updates a changed one).
import type { CoreContext } from '../../core/context.js';
import type { Feature } from '../../core/feature.js';
import type { SupervisorClient } from './client.js';

export interface DiscoveryFeature extends Feature {
  /** Announces if anything changed; returns whether a message was sent. */
  check(): Promise<boolean>;
}

export function supervisorDiscoveryFeature(
  ctx: CoreContext,
  supervisor: SupervisorClient | undefined,
  intervalMs = 60_000,
): DiscoveryFeature {
  const log = ctx.log.child({ component: 'supervisor-discovery' });
  let last = '';
  let timer: NodeJS.Timeout | undefined;
  let off: (() => void) | undefined;

  // One check at a time, so a start-up check and a settings change never announce twice.
  let chain: Promise<boolean> = Promise.resolve(false);
  const check = (): Promise<boolean> => (chain = chain.then(announce, announce));

  async function announce(): Promise<boolean> {
    if (!supervisor) return false;
    const info = await supervisor.selfInfo();
    const host = info.ok && info.data.hostname ? info.data.hostname : 'local-autoarr';
    const config = { host, port: ctx.settings.port, token: ctx.apiToken() };
    const key = JSON.stringify(config);
    if (key === last) return false;
    const r = await supervisor.discovery('autoarr', config);
    if (!r.ok) {
      log.warn(
        `Could not announce AutoArr to Home Assistant: ${r.message}. Add it by hand in Settings → Devices & services.`,
      );
      return false;
    }
    last = key;
    log.info(`Announced AutoArr to Home Assistant at ${host}:${config.port}`);
    return true;
  }

  const run = () => void check().catch((err: unknown) => log.warn('Supervisor discovery failed', { err }));
  return {
    name: 'supervisor-discovery',
    check,
    start() {
      if (ctx.settings.mode !== 'addon' || !supervisor) return;
      run();
      off = ctx.bus.on('settings.changed', run);
      // The API token can be rotated from the UI; a cheap periodic check keeps the announcement current.
      timer = setInterval(run, intervalMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      off?.();
    },
  };
}
