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
  /** AutoArr itself did not answer (stopped, restarting, or a proxy in front says it is gone). */
  get offline(): boolean {
    return this.code === 'offline';
  }
}

/** The one sentence for "AutoArr is away"; the shell shows it as a banner and pages reuse it. */
export const OFFLINE_TEXT = 'AutoArr is not reachable (add-on or container stopped?)';

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
        // Activity entries say who asked ("from the AutoArr page").
        'x-autoarr-client': 'ui',
        ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...authHeaders(),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: init.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiRequestError(0, 'offline', `${OFFLINE_TEXT}.`);
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Not our JSON: HA's ingress or another proxy answering for an AutoArr that is stopped or restarting.
    throw new ApiRequestError(
      res.status,
      res.status >= 500 || res.status === 404 ? 'offline' : 'bad_response',
      res.status >= 500 || res.status === 404
        ? `${OFFLINE_TEXT}.`
        : 'Something between this browser and AutoArr answered instead of AutoArr. Reload the page.',
    );
  }
  if (!res.ok) {
    const e = (body ?? {}) as Partial<ApiError>;
    if (res.status === 401) for (const fn of authListeners) fn();
    throw new ApiRequestError(
      res.status,
      e.code ?? 'failed',
      e.message ?? 'AutoArr could not do that. The AutoArr log has the details.',
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
