// Small, fast guards for JSON bodies. A ShapeError names where the body went wrong ("queue.slots[3].nzo_id");
// the client turns it into an AppError of kind bad_response. Hand-written rather than a schema library so a
// 10 000-item history maps in a few milliseconds.
export class ShapeError extends Error {
  override name = 'ShapeError';
}

export type Json = Record<string, unknown>;

export function obj(v: unknown, where: string): Json {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new ShapeError(`${where} is not an object`);
  return v as Json;
}

export function arr(v: unknown, where: string): unknown[] {
  if (!Array.isArray(v)) throw new ShapeError(`${where} is not a list`);
  return v;
}

/** A list that real servers sometimes leave out or send as null: missing → []. */
export function optArr(v: unknown, where: string): unknown[] {
  return v === undefined || v === null ? [] : arr(v, where);
}

export function str(v: unknown, where: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  throw new ShapeError(`${where} is missing`);
}

export function optStr(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** Numbers as SABnzbd sends them: 12, "12", "1277.65", "" or null (→ fallback). */
export function num(v: unknown, fallback = 0): number {
  if (typeof v === 'number') return Number.isFinite(v) ? v : fallback;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : fallback;
  }
  return fallback;
}

/** Booleans as SABnzbd sends them: true/false, 1/0, "1"/"0", "true"/"false". */
export function bool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v === '1' || v.toLowerCase() === 'true';
  return false;
}

/** The strings of a list. A list of only strings (the usual case) is returned as is, without a copy. */
export function strList(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'string') return v.filter((x): x is string => typeof x === 'string');
  }
  return v as string[];
}
