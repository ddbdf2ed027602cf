// In-process requests to AutoArr's HTTP app (app.request()) made the way a real client makes them: with the API
// token, or from an address given through the bindings @hono/node-server would add. A request with neither has no
// known caller and is refused (access fails closed), so a test can never pass by accident through a missing socket.
import type { Hono } from 'hono';
import type { ApiEnv } from '../../src/http/access.js';

/** The bindings @hono/node-server gives a request, as far as the access check reads them. */
export const socketFrom = (remoteAddress: string | undefined, httpVersion = '1.1') => ({
  incoming: { httpVersion, socket: { remoteAddress, remotePort: 50000 } },
});

/** app.request() with AutoArr's API token in the Authorization header (unless the request sets its own). */
export function withToken(a: { http: Hono<ApiEnv>; ctx: { apiToken(): string } }) {
  return (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${a.ctx.apiToken()}`);
    return Promise.resolve(a.http.request(path, { ...init, headers }));
  };
}
