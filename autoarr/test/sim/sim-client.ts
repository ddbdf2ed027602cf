// A tiny HTTP helper for the sim tests: calls a simulated app with the right auth for that app.
import type { SimApp, SimStack } from '../../src/sim/index.js';

export interface Reply {
  status: number;
  contentType: string;
  text: string;
  json: unknown;
}

export async function call(
  stack: SimStack,
  app: SimApp,
  method: string,
  pathAndQuery: string,
  body?: unknown,
  key?: string,
): Promise<Reply> {
  const { url, apiKey } = stack.apps[app];
  const k = key ?? apiKey;
  const headers: Record<string, string> = { Accept: 'application/json' };
  let target = `${url}${pathAndQuery}`;
  if (app === 'sonarr' || app === 'radarr') headers['X-Api-Key'] = k;
  if (app === 'plex') headers['X-Plex-Token'] = k;
  if (app === 'sabnzbd')
    target += `${pathAndQuery.includes('?') ? '&' : '?'}output=json&apikey=${encodeURIComponent(k)}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(target, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, json };
}

/** SABnzbd: `/api?mode=…` under the url_base. */
export const sab = (stack: SimStack, query: string, key?: string) =>
  call(stack, 'sabnzbd', 'GET', `/api?${query}`, undefined, key);

export function obj(v: unknown): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new Error(`expected a JSON object, got ${JSON.stringify(v)?.slice(0, 200)}`);
  return v as Record<string, unknown>;
}

export function arr(v: unknown): Record<string, unknown>[] {
  if (!Array.isArray(v)) throw new Error(`expected a JSON array, got ${JSON.stringify(v)?.slice(0, 200)}`);
  return v as Record<string, unknown>[];
}
