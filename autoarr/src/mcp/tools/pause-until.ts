// Turns "pause until HH:MM" into the minutes SABnzbd's timed pause takes. Local time is the AutoArr server's
// time zone, the clock the person and Home Assistant see; a time already past today means tomorrow.
import { UserError } from '../../core/errors.js';

export const CLOCK_TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** Whole minutes from `now` to the next local `hh:mm` (rounded up, so the pause never ends early; at least 1). */
export function minutesUntil(hhmm: string, now: Date): number {
  const m = CLOCK_TIME.exec(hhmm.trim());
  if (!m) {
    throw new UserError(
      'bad_request',
      `"${hhmm}" is not a time of day; give it as HH:MM in 24-hour form, e.g. "23:00"`,
    );
  }
  const target = new Date(now);
  target.setHours(Number(m[1]), Number(m[2]), 0, 0);
  if (target.getTime() <= now.getTime()) {
    // setDate then setHours again, so a daylight-saving change overnight still lands on hh:mm.
    target.setDate(target.getDate() + 1);
    target.setHours(Number(m[1]), Number(m[2]), 0, 0);
  }
  return Math.max(1, Math.ceil((target.getTime() - now.getTime()) / 60_000));
}

/** "YYYY-MM-DD HH:MM" in the server's local time. */
export function localStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
