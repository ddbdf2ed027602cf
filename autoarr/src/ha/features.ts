// Everything Home Assistant, in start order: stack metrics, MQTT, the websocket events bridge, actionable
// notifications and the Supervisor discovery. The composition root adds these with one spread.
import type { CoreContext } from '../core/context.js';
import type { Feature } from '../core/feature.js';
import type { AppClientsPort } from '../metrics/app-clients.js';
import { createMetrics } from '../metrics/metrics-feature.js';
import { mqttFeature } from './mqtt/mqtt-feature.js';
import { notificationsFeature } from './notify/notifications-feature.js';
import { createSupervisorClient, type SupervisorClient } from './supervisor/client.js';
import { supervisorDiscoveryFeature } from './supervisor/discovery-feature.js';
import { HaLink } from './websocket/ha-link.js';
import { websocketUrl } from './websocket/socket.js';
import { haWebsocketFeature } from './websocket/websocket-feature.js';

export interface HomeAssistantOptions {
  clients?: AppClientsPort;
  supervisor?: SupervisorClient;
}

export function homeAssistantFeatures(ctx: CoreContext, opts: HomeAssistantOptions = {}): Feature[] {
  const s = ctx.settings;
  const ha = s.homeAssistant;
  const addon = s.mode === 'addon';
  const supervisor =
    opts.supervisor ??
    (addon && ha.supervisorToken ? createSupervisorClient(ha.supervisorToken, ha.supervisorUrl) : undefined);
  const metrics = createMetrics(ctx, { clients: opts.clients });

  const url = websocketUrl({ addon: addon && !!ha.supervisorToken, supervisorUrl: ha.supervisorUrl, haUrl: ha.url });
  const token = addon ? ha.supervisorToken : ha.token;
  const link = url && token ? new HaLink({ url, token }, ctx.log.child({ component: 'ha-link' })) : undefined;

  // The ingress page, for links in events and notifications (known in the add-on only).
  let uiLink: string | undefined;
  const prepare = async () => {
    const r = await supervisor?.selfInfo();
    if (r?.ok && r.data.slug) uiLink = `/hassio/ingress/${r.data.slug}`;
  };

  return [
    metrics.feature,
    mqttFeature(ctx, { clients: opts.clients, supervisor, refresh: (id) => metrics.pollNow(id) }),
    haWebsocketFeature(ctx, link, {
      disabledMessage: 'Home Assistant events are off; set HA_URL and HA_TOKEN to turn them on',
      uiLink: () => uiLink,
      prepare,
    }),
    notificationsFeature(ctx, link, { link: () => uiLink }),
    supervisorDiscoveryFeature(ctx, supervisor),
  ];
}
