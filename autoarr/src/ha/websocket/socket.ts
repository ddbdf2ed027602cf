// Our own socket factory for home-assistant-js-websocket: Node 20 has no global WebSocket, and the library's
// long-lived-token helper builds <url>/api/websocket, which is wrong for the Supervisor proxy
// (ws://supervisor/core/websocket). It returns an already authenticated socket, as the library expects.
import {
  ERR_CANNOT_CONNECT,
  ERR_INVALID_AUTH,
  type ConnectionOptions,
  type HaWebSocket,
} from 'home-assistant-js-websocket';
import WebSocket from 'ws';

export interface SocketTarget {
  /** The full websocket URL (…/core/websocket or …/api/websocket). */
  url: string;
  token: string;
  connectTimeoutMs?: number;
}

/** The websocket URL for settings: the Supervisor proxy in the add-on, HA_URL in the container. */
export function websocketUrl(opts: { supervisorUrl?: string; haUrl?: string; addon: boolean }): string | undefined {
  if (opts.addon)
    return `${(opts.supervisorUrl ?? 'http://supervisor').replace(/^http/, 'ws').replace(/\/+$/, '')}/core/websocket`;
  if (!opts.haUrl) return undefined;
  const base = opts.haUrl.replace(/^http/, 'ws').replace(/\/+$/, '');
  return /\/(api|core)\/websocket$/.test(base) ? base : `${base}/api/websocket`;
}

export function createSocketFactory(target: SocketTarget): (options: ConnectionOptions) => Promise<HaWebSocket> {
  return () =>
    new Promise<HaWebSocket>((resolve, reject) => {
      const ws = new WebSocket(target.url, { handshakeTimeout: target.connectTimeoutMs ?? 10_000 });
      let settled = false;
      const fail = (err: number) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        ws.removeAllListeners();
        ws.on('error', () => undefined);
        ws.terminate();
        reject(err);
      };
      // A proxy that accepts the socket but never answers would otherwise hang the reconnect loop.
      const timer = setTimeout(() => fail(ERR_CANNOT_CONNECT), (target.connectTimeoutMs ?? 10_000) + 5_000);
      ws.on('error', () => fail(ERR_CANNOT_CONNECT));
      ws.on('close', () => fail(ERR_CANNOT_CONNECT));
      ws.on('message', (data) => {
        let msg: { type?: string; ha_version?: string };
        try {
          msg = JSON.parse(data.toString()) as typeof msg;
        } catch {
          return;
        }
        if (msg.type === 'auth_required') ws.send(JSON.stringify({ type: 'auth', access_token: target.token }));
        else if (msg.type === 'auth_invalid') fail(ERR_INVALID_AUTH);
        else if (msg.type === 'auth_ok') {
          settled = true;
          clearTimeout(timer);
          ws.removeAllListeners();
          // The library listens with addEventListener from here on; keep errors from becoming uncaught.
          ws.on('error', () => undefined);
          const socket = ws as unknown as HaWebSocket;
          socket.haVersion = msg.ha_version ?? '';
          resolve(socket);
        }
      });
    });
}
