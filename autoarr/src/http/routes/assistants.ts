// GET /api/assistants: where assistants reach AutoArr's MCP, from what only the server knows — how it runs, the
// port it listens on, its hostname on Home Assistant's internal network, the host port the Supervisor mapped, and
// where its own CLI is — so the Assistants page never guesses a URL (no ingress URL, no legacy SSE).
import { Hono, type Context } from 'hono';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CoreContext } from '../../core/context.js';
import { createSupervisorClient, type SupervisorClient } from '../../ha/supervisor/client.js';
import type { ToolGroup } from '../../mcp/define.js';
import { inContainer } from '../../settings/first-run.js';
import { REMOTE_MCP_URL, type AssistantsInfo } from '../../shared/assistants.js';
import type { ApiEnv } from '../access.js';

const GROUPS: readonly ToolGroup[] = ['autoarr', 'sabnzbd', 'sonarr', 'radarr', 'plex'];

export interface AssistantsOptions {
  supervisor?: SupervisorClient;
  /** Whether AutoArr runs inside Docker/Podman (default: looks for their marker files). */
  inContainer?: () => boolean;
}

/** The port this request arrived on: the one AutoArr really listens on (PORT=0 picks one). */
function listeningPort(c: Context, configured: number): number {
  const env = c.env as { incoming?: { socket?: { localPort?: number } } } | undefined;
  return env?.incoming?.socket?.localPort ?? configured;
}

/** `node <this build's cli.js>`, or the TypeScript source through tsx when AutoArr itself runs from source. */
function localCli(): { command: string; args: string[] } {
  const built = fileURLToPath(new URL('../../cli.js', import.meta.url));
  if (fs.existsSync(built)) return { command: process.execPath, args: [built] };
  const source = fileURLToPath(new URL('../../cli.ts', import.meta.url));
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { command: process.execPath, args: ['--import', tsx, source] };
}

export function assistantsRoutes(ctx: CoreContext, opts: AssistantsOptions = {}): Hono<ApiEnv> {
  const s = ctx.settings;
  const ha = s.homeAssistant;
  const supervisor =
    opts.supervisor ??
    (s.mode === 'addon' && ha.supervisorToken
      ? createSupervisorClient(ha.supervisorToken, ha.supervisorUrl)
      : undefined);
  const docker = opts.inContainer ?? inContainer;

  async function read(port: number): Promise<AssistantsInfo> {
    const base: Omit<AssistantsInfo, 'remote' | 'token'> = {
      mode: s.mode,
      port,
      thisComputerOnly: s.host === '127.0.0.1',
      endpoints: { all: 'mcp', perApp: GROUPS.map((group) => ({ group, path: `mcp/${group}` })) },
      readOnly: s.mcp.readOnly,
    };
    const relay = (url: string) => ['mcp', '--url', url];

    if (s.mode === 'addon') {
      const info = supervisor ? await supervisor.selfInfo() : undefined;
      const hostname = (info?.ok && info.data.hostname) || os.hostname();
      let remote: AssistantsInfo['remote'];
      if (info?.ok) {
        const mapped = info.data.network?.[`${port}/tcp`];
        remote = { kind: 'mapped', hostPort: typeof mapped === 'number' ? mapped : null };
      } else {
        remote = {
          kind: 'mapped',
          unknownWhy: info ? info.message : 'AutoArr has no Supervisor token to ask the Supervisor with',
        };
      }
      return {
        ...base,
        remote,
        token: { remote: true, sameComputer: true },
        internal: { baseUrl: `http://${hostname}:${port}/`, allowed: s.mcp.allowInternalNetwork },
        // Only a computer with a built AutoArr checkout has the CLI; it relays to the mapped port with the token.
        ...(remote.hostPort === null
          ? {}
          : {
              stdio: {
                command: 'node',
                args: ['/path/to/autoarr/dist/autoarr/src/cli.js', ...relay(REMOTE_MCP_URL)],
                env: { AUTOARR_API_TOKEN: '<token>' },
                where:
                  'Claude Desktop runs on a computer with a built AutoArr checkout (git clone, then npm ci && ' +
                  'npm run build); /path/to/autoarr is where you cloned it.',
              },
            }),
      };
    }

    const loopback = `http://127.0.0.1:${port}/mcp`;
    if (s.mode === 'container' && docker()) {
      // Docker's default hostname is the container's id, which `docker exec` accepts; otherwise its name is needed.
      const id = os.hostname();
      const container = /^[0-9a-f]{12}$/.test(id) ? id : '<container>';
      return {
        ...base,
        remote: { kind: 'page' },
        token: { remote: true, sameComputer: true },
        stdio: {
          command: 'docker',
          args: ['exec', '-i', container, 'node', 'dist/autoarr/src/cli.js', ...relay(loopback)],
          where:
            container === '<container>'
              ? 'Claude Desktop runs on the Docker host; <container> is the name docker ps shows for AutoArr.'
              : 'Claude Desktop runs on the Docker host; the id is this container’s (its name from docker ps works too).',
        },
      };
    }
    const cli = localCli();
    return {
      ...base,
      remote: { kind: 'page' },
      token: { remote: true, sameComputer: false },
      stdio: {
        command: cli.command,
        args: [...cli.args, ...relay(loopback)],
        where: 'Claude Desktop runs on this computer.',
      },
    };
  }

  return new Hono<ApiEnv>().get('/', async (c) => {
    c.header('cache-control', 'no-store');
    return c.json(await read(listeningPort(c, s.port)));
  });
}
