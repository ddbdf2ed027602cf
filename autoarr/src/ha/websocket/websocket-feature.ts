// The Home Assistant events feature: starts the shared websocket link and forwards download events as HA events.
import type { CoreContext } from '../../core/context.js';
import type { Feature } from '../../core/feature.js';
import { EventsBridge } from './events-bridge.js';
import type { HaLink } from './ha-link.js';

export interface HaWebsocketFeature extends Feature {
  bridge(): EventsBridge | undefined;
}

export function haWebsocketFeature(
  ctx: CoreContext,
  link: HaLink | undefined,
  opts: {
    disabledMessage: string;
    uiLink?: () => string | undefined;
    queueSize?: number;
    /** Looks up what the links need (the add-on's ingress slug) before events flow. */
    prepare?: () => Promise<void>;
  },
): HaWebsocketFeature {
  const log = ctx.log.child({ component: 'ha-websocket' });
  const offs: Array<() => void> = [];
  let bridge: EventsBridge | undefined;
  return {
    name: 'ha-websocket',
    bridge: () => bridge,
    async start() {
      await opts.prepare?.().catch((err: unknown) => log.debug('Could not look up the ingress link', { err }));
      offs.push(
        ctx.health.add(() => ({
          homeAssistant: link
            ? { state: link.state, message: link.message }
            : { state: 'disabled', message: opts.disabledMessage },
          // A rejected token needs a person: AutoArr is degraded until it works again.
          ...(link?.rejected ? { problems: [{ source: 'home-assistant', message: link.message }] } : {}),
        })),
      );
      if (!link) {
        log.info(opts.disabledMessage);
        return;
      }
      const b = new EventsBridge(link, log, opts.queueSize ?? 200, opts.uiLink);
      bridge = b;
      offs.push(
        ...b.listen(ctx.bus),
        link.onReady(() => void b.flush()),
        // A new setting may be what fixes the token: do not make the person wait out the back-off.
        ctx.bus.on('settings.changed', () => link.retryNow()),
      );
      link.start();
    },
    stop() {
      for (const off of offs.splice(0)) off();
      link?.stop();
    },
  };
}
