// The API/MCP bearer token for the Assistants page: reveal it (only through this endpoint, which itself needs
// ingress, loopback or the token) and rotate it. A token set by AUTOARR_API_TOKEN is the person's own and is
// changed where they set it.
import { Hono } from 'hono';
import os from 'node:os';
import type { CoreContext } from '../../core/context.js';
import { UserError } from '../../core/errors.js';
import type { AccessTokenResponse } from '../../shared/types.js';
import type { ApiEnv } from '../access.js';

const APPS = ['sabnzbd', 'sonarr', 'radarr', 'plex'] as const;

export function accessTokenRoutes(ctx: CoreContext): Hono<ApiEnv> {
  const read = (): AccessTokenResponse => {
    const s = ctx.settings;
    return {
      token: ctx.apiToken(),
      source: s.apiToken ? 'option' : 'generated',
      mode: s.mode,
      mcp: { streamableHttp: 'mcp', sse: 'sse', perApp: APPS.map((a) => `mcp/${a}`) },
      // Home Assistant Core reaches an add-on by its hostname on the internal network.
      internalBaseUrl: s.mode === 'addon' ? `http://${os.hostname()}:${s.port}/` : undefined,
      port: s.port,
      readOnly: s.mcp.readOnly,
    };
  };
  return new Hono<ApiEnv>()
    .get('/', (c) => {
      c.header('cache-control', 'no-store');
      return c.json(read());
    })
    .post('/rotate', async (c) => {
      if (ctx.settings.apiToken) {
        throw new UserError(
          'token_from_option',
          'The token is set by the AUTOARR_API_TOKEN environment variable; change it there and restart AutoArr.',
          409,
        );
      }
      await ctx.rotateApiToken();
      ctx.log.info('The API token was rotated; assistants must use the new one');
      c.header('cache-control', 'no-store');
      return c.json(read());
    });
}
