// Actionable notifications as a feature: needs notify_service and the Home Assistant connection.
import type { CoreContext } from '../../core/context.js';
import type { Feature } from '../../core/feature.js';
import type { HaLink } from '../websocket/ha-link.js';
import { Notifier, type NotifierOptions } from './notifier.js';

export interface NotificationsFeature extends Feature {
  notifier(): Notifier | undefined;
}

export function notificationsFeature(
  ctx: CoreContext,
  link: HaLink | undefined,
  opts: Omit<NotifierOptions, 'service'> = {},
): NotificationsFeature {
  const log = ctx.log.child({ component: 'notifications' });
  const service = ctx.settings.homeAssistant.notifyService;
  const offs: Array<() => void> = [];
  let notifier: Notifier | undefined;
  return {
    name: 'notifications',
    notifier: () => notifier,
    start() {
      if (!service) return;
      if (!link) {
        log.warn(`notify_service is ${service}, but there is no Home Assistant connection (set HA_URL and HA_TOKEN)`);
        return;
      }
      const n = new Notifier(link, ctx.commands, log, { service, ...opts });
      notifier = n;
      offs.push(
        ctx.bus.on('download.stalled', (e) => n.add('stalled', e)),
        ctx.bus.on('download.gave_up', (e) => n.add('gave_up', e)),
        ctx.bus.on('download.import_blocked', (e) => n.add('import_blocked', e)),
      );
      link.subscribe('mobile_app_notification_action', (data) => void n.onAction(data));
    },
    stop() {
      for (const off of offs.splice(0)) off();
      notifier?.stop();
    },
  };
}
