// GET /api/assistants: the facts the Assistants page builds its URLs and commands from. The server knows how it
// runs; the page adds only what the server cannot know, the address this browser uses to reach it.

export type McpToolGroup = 'sabnzbd' | 'sonarr' | 'radarr' | 'plex' | 'autoarr';

/** Placeholder in stdio args for the MCP URL the page shows for other computers (add-on: host + mapped port). */
export const REMOTE_MCP_URL = '{remote-mcp-url}';

export interface AssistantsInfo {
  mode: 'addon' | 'container' | 'demo';
  /** The port AutoArr listens on (inside its container, if any). */
  port: number;
  /** AutoArr listens on 127.0.0.1 only (the demo): nothing on another computer reaches it. */
  thisComputerOnly: boolean;
  /** Streamable HTTP endpoints relative to AutoArr's base URL: every tool, then one app's tools each. */
  endpoints: { all: string; perApp: Array<{ group: McpToolGroup; path: string }> };
  readOnly: boolean;
  /**
   * How an assistant on another computer reaches AutoArr. "page": the base URL of the page itself (container,
   * demo). "mapped": the add-on's host port; hostPort null = not mapped, undefined = the Supervisor did not say.
   */
  remote: { kind: 'page' } | { kind: 'mapped'; hostPort?: number | null; unknownWhy?: string };
  /** Whether an assistant needs the token from another computer / from this one (outside Docker, loopback is free). */
  token: { remote: boolean; sameComputer: boolean };
  /** Add-on: Home Assistant's own MCP client, on the internal network (never reachable from outside HA). */
  internal?: { baseUrl: string; allowed: boolean };
  /** A stdio command for desktop assistants, where one works (`where`: a sentence saying where it runs); args may
   * hold REMOTE_MCP_URL. */
  stdio?: { command: string; args: string[]; env?: Record<string, string>; where: string };
}
