// The API client: relative URLs (so it works under the ingress prefix), the bearer token from localStorage when the
// container asks for one, and errors that carry the server's message for the person.
import type { ApiError } from '../../../autoarr/src/shared/types.js';

const TOKEN_KEY = 'autoarr.token';

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  get missing(): boolean {
    return this.status === 404 && this.code === 'not_found';
  }
}

type AuthListener = () => void;
const authListeners = new Set<AuthListener>();

export function onAuthRequired(fn: AuthListener): () => void {
  authListeners.add(fn);
  return () => authListeners.delete(fn);
}

export function getToken(): string | null {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function setToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    // Private mode without storage: the token lasts for this page only.
  }
}

export function authHeaders(): Record<string, string> {
  const t = getToken();
  return t ? { authorization: `Bearer ${t}` } : {};
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}) {
  let res: Response;
  try {
    res = await fetch(`api/${path}`, {
      method: init.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...authHeaders(),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: init.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiRequestError(0, 'offline', 'AutoArr did not answer. Check that the add-on or container is running.');
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiRequestError(
      res.status,
      'bad_response',
      `AutoArr answered ${res.status} with something other than JSON.`,
    );
  }
  if (!res.ok) {
    const e = (body ?? {}) as Partial<ApiError>;
    if (res.status === 401) for (const fn of authListeners) fn();
    throw new ApiRequestError(
      res.status,
      e.code ?? 'http_' + res.status,
      e.message ?? `Request failed (${res.status})`,
    );
  }
  return body as T;
}

/** Lists come as a bare array or wrapped ({items}, {downloads}, …) depending on the endpoint; accept both. */
export function listOf<T>(body: unknown, ...keys: string[]): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    for (const k of [...keys, 'items']) {
      const v = (body as Record<string, unknown>)[k];
      if (Array.isArray(v)) return v as T[];
    }
  }
  return [];
}
