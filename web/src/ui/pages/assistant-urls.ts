// The Assistants page's URLs and Claude Desktop settings, from GET /api/assistants plus the one thing only the
// browser knows: the address it reaches AutoArr (or, in the add-on, Home Assistant) with. Pure, so it is testable.
import { REMOTE_MCP_URL, type AssistantsInfo } from '../../../../autoarr/src/shared/assistants.js';

export interface AssistantUrls {
  /** Base URL for assistants on other computers, or undefined while the add-on's port is not (known to be) mapped. */
  remote?: string;
  /** What remote looks like with the host port still to be filled in (add-on, port not known). */
  remotePattern: string;
  /** Add-on: the base URL Home Assistant's own MCP client uses on the internal network. */
  internal?: string;
}

/** The page's own address without the hash; outside the add-on that is how this browser reaches AutoArr. */
const pageBase = (loc: Pick<Location, 'href'>) => new URL('./', loc.href.split('#')[0]).href;

export function assistantUrls(info: AssistantsInfo, loc: Pick<Location, 'href' | 'hostname'>): AssistantUrls {
  if (info.remote.kind === 'page') {
    const base = pageBase(loc);
    return { remote: base, remotePattern: base };
  }
  // The add-on's port is plain HTTP on the Home Assistant host, whatever scheme HA itself is opened with.
  const host = loc.hostname;
  const port = info.remote.hostPort;
  return {
    ...(typeof port === 'number' ? { remote: `http://${host}:${port}/` } : {}),
    remotePattern: `http://${host}:<host port>/`,
    ...(info.internal ? { internal: info.internal.baseUrl } : {}),
  };
}

export const GROUP_LABEL: Record<string, string> = {
  autoarr: "AutoArr's own (downloads, diagnosis, audit)",
  sabnzbd: 'SABnzbd',
  sonarr: 'Sonarr',
  radarr: 'Radarr',
  plex: 'Plex',
};

/** claude_desktop_config.json for the stdio command, with the token only when it is shown on the page. */
export function claudeConfig(info: AssistantsInfo, urls: AssistantUrls, token: string | undefined): string | undefined {
  if (!info.stdio) return undefined;
  const mcpUrl = `${urls.remote ?? urls.remotePattern}${info.endpoints.all}`;
  const env = info.stdio.env
    ? Object.fromEntries(Object.entries(info.stdio.env).map(([k, v]) => [k, v === '<token>' ? (token ?? v) : v]))
    : undefined;
  const server = {
    command: info.stdio.command,
    args: info.stdio.args.map((a) => (a === REMOTE_MCP_URL ? mcpUrl : a)),
    ...(env ? { env } : {}),
  };
  return JSON.stringify({ mcpServers: { autoarr: server } }, null, 2);
}
