// Instance URLs as people type them: "http://host:8080/sabnzbd/", "https://nas/sonarr", "http://host:32400".
// The base keeps its path (the app's URL base) and loses trailing slashes, so joining never doubles or drops one.

export function normalizeBaseUrl(raw: string): string {
  const u = new URL(raw.trim());
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.hostname === '') {
    throw new TypeError(`not an http(s) URL: ${raw}`);
  }
  u.hash = '';
  u.search = '';
  u.pathname = u.pathname.replace(/\/+$/, '');
  return u.toString().replace(/\/+$/, '');
}

export type QueryValue = string | number | boolean | undefined | null | ReadonlyArray<string | number>;

/** base + "/path" + "?query"; undefined/null values are left out, arrays are comma-joined. */
export function joinUrl(base: string, path: string, query?: Record<string, QueryValue>): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null) continue;
    params.append(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const qs = params.toString();
  return `${base}${p}${qs ? `?${qs}` : ''}`;
}
