// What the Home Assistant features share, built once by the composition root (app.ts): the Supervisor client (in
// the add-on), the websocket link to Home Assistant, and the ingress page that links in events and notifications
// point to. Only the features are listed in app.ts; this module starts nothing.
import type { CoreContext } from '../core/context.js';
import { createSupervisorClient, type SupervisorClient } from './supervisor/client.js';
import { HaLink } from './websocket/ha-link.js';
import { websocketUrl } from './websocket/socket.js';

export interface HomeAssistantLinks {
  supervisor?: SupervisorClient;
  link?: HaLink;
  /** The ingress page (known in the add-on only, after prepare()). */
  uiLink(): string | undefined;
  /** Looks the ingress page up; called by the websocket feature before events flow. */
  prepare(): Promise<void>;
}

export function homeAssistantLinks(ctx: CoreContext, opts: { supervisor?: SupervisorClient } = {}): HomeAssistantLinks {
  const ha = ctx.settings.homeAssistant;
  const addon = ctx.settings.mode === 'addon';
  const supervisor =
    opts.supervisor ??
    (addon && ha.supervisorToken ? createSupervisorClient(ha.supervisorToken, ha.supervisorUrl) : undefined);
  const url = websocketUrl({ addon: addon && !!ha.supervisorToken, supervisorUrl: ha.supervisorUrl, haUrl: ha.url });
  const token = addon ? ha.supervisorToken : ha.token;
  const link = url && token ? new HaLink({ url, token }, ctx.log.child({ component: 'ha-link' })) : undefined;
  let uiLink: string | undefined;
  return {
    supervisor,
    link,
    uiLink: () => uiLink,
    async prepare() {
      const r = await supervisor?.selfInfo();
      if (r?.ok && r.data.slug) uiLink = `/hassio/ingress/${r.data.slug}`;
    },
  };
}
