// Value helpers shared by rules and the fixer. Apps send the same setting in several shapes (SABnzbd: 0/1 or
// true/false; Plex: "1", 1 or true), so comparisons go through one normaliser.

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function objects(v: unknown): Obj[] {
  return Array.isArray(v) ? v.filter(isObj) : [];
}

/** true/false for bool-ish values (true, 1, "1", "true"), undefined for anything else. */
export function asBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === '1' || v === 'true' || v === 'True') return true;
  if (v === 0 || v === '0' || v === 'false' || v === 'False') return false;
  return undefined;
}

export function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

export function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** SABnzbd lists come as arrays (get_config) or comma-joined strings (older versions). */
export function asList(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return [];
}

/** Same setting value, whatever shape the app used for it. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const x = asList(a).map((s) => s.toLowerCase());
    const y = asList(b).map((s) => s.toLowerCase());
    return x.length === y.length && [...x].sort().join(',') === [...y].sort().join(',');
  }
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    const x = asBool(a);
    return x !== undefined && x === asBool(b);
  }
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== undefined && nb !== undefined) return na === nb;
  return (a ?? '') === (b ?? '') || asString(a) === asString(b);
}

/** A short human rendering of a value for messages ("on", "off", "[exe, bat]", "\"\""). */
export function show(v: unknown): string {
  if (v === undefined || v === null) return 'not set';
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  if (Array.isArray(v)) return v.length ? v.join(', ') : 'empty';
  if (v === '') return 'empty';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Parses SABnzbd sizes such as "500M", "1.5G", "0" into bytes; undefined when empty or unparsable. */
export function parseSize(v: unknown): number | undefined {
  const s = asString(v)?.trim().toUpperCase();
  if (!s) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([KMGTP]?)B?$/.exec(s);
  if (!m) return undefined;
  const power = ' KMGTP'.indexOf(m[2] || ' ');
  return Math.round(Number(m[1]) * 1024 ** Math.max(0, power));
}

/** Normalises a path for prefix comparisons (forward slashes, no trailing slash, lower case on Windows drives). */
export function normPath(p: string): string {
  let s = p.replace(/\\/g, '/').replace(/\/+$/, '');
  if (/^[a-z]:/i.test(s)) s = s.toLowerCase();
  return s || '/';
}

export function isInside(child: string, parent: string): boolean {
  const c = normPath(child);
  const p = normPath(parent);
  return c === p || c.startsWith(p === '/' ? '/' : `${p}/`);
}
