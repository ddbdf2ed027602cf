// MCP over stdio for desktop assistants (`autoarr mcp`). Two ways:
// - direct: talks to the apps itself with the same settings as the server, but starts no monitor or audit (a second
//   monitor would act on the same downloads twice), so the tools that need them are not listed.
// - bridge (`--url`): relays stdio to a running AutoArr's /mcp, so every tool, the monitor's included, is there.
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { buildContext } from '../core/build-context.js';
import type { CoreContext } from '../core/context.js';
import { UserError } from '../core/errors.js';
import { openDatabase, openStore } from '../db/database.js';
import type { Logger } from '../log/logger.js';
import type { Settings } from '../settings/settings.js';
import type { ToolGroup } from './define.js';
import { createMcpServer } from './server.js';

export interface StdioHandle {
  close(): Promise<void>;
}

/** Serves the tools on the given transport (stdin/stdout by default) until the client disconnects. */
export async function serveStdio(
  settings: Settings,
  log: Logger,
  opts: { group?: ToolGroup; transport?: Transport } = {},
): Promise<StdioHandle> {
  const standalone = await createStandaloneContext(settings, log);
  const server = createMcpServer(
    { ctx: standalone.ctx },
    { standalone: true, ...(opts.group ? { group: opts.group } : {}) },
  );
  const transport = opts.transport ?? new StdioServerTransport();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server.close().catch(() => undefined);
    await standalone.close();
  };
  transport.onclose = () => void close();
  await server.connect(transport);
  return { close };
}

/**
 * The context the tools need, without the features: app clients, the activity log and the run-time switches.
 * Used by stdio (a second monitor would act on the same downloads twice) and by the benchmark.
 */
export async function createStandaloneContext(
  settings: Settings,
  log: Logger,
): Promise<{ ctx: CoreContext; close(): Promise<void> }> {
  const { db } = await openStore(settings, log).catch(async (err: Error) => {
    // A desktop has no /data: the activity log is then simply empty rather than the tools unavailable.
    log.warn(`${err.message} Using an empty in-memory database; set DATA_DIR to read AutoArr's activity log.`);
    return openDatabase(':memory:', log);
  });
  const ctx = await buildContext({
    settings,
    log,
    db,
    // stdio is the person's own process: no token is involved.
    apiToken: () => '',
    rotateApiToken: () => Promise.reject(new UserError('unavailable', 'Rotate the token in the AutoArr web UI')),
  });
  return {
    ctx,
    async close() {
      await ctx.apps.close();
      await db.destroy();
    },
  };
}

/** Relays stdin/stdout to a running AutoArr's Streamable HTTP endpoint. */
export async function bridgeStdio(url: URL, token: string | undefined, log: Logger): Promise<StdioHandle> {
  const remote = new StreamableHTTPClientTransport(url, {
    requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : {},
  });
  const local = new StdioServerTransport();
  local.onmessage = (m) =>
    void remote.send(m).catch((err: Error) => log.error(`AutoArr at ${url.host}: ${err.message}`));
  remote.onmessage = (m) => void local.send(m);
  remote.onerror = (err) => log.error(`AutoArr at ${url.host}: ${err.message}`);
  const close = async () => {
    await Promise.allSettled([remote.close(), local.close()]);
  };
  local.onclose = () => void close();
  await remote.start();
  await local.start();
  return { close };
}
