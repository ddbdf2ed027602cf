import { describe, expect, it } from 'vitest';
import { localStamp, minutesUntil } from './pause-until.js';

// Local-time dates, so the test holds in any time zone the suite runs in.
const at = (h: number, m: number, s = 0) => new Date(2026, 10, 25, h, m, s);

describe('minutesUntil', () => {
  it('counts whole minutes to a later time today, rounding up so the pause never ends early', () => {
    expect(minutesUntil('23:00', at(21, 30))).toBe(90);
    expect(minutesUntil('23:00', at(22, 0, 30))).toBe(60);
    expect(minutesUntil('22:01', at(22, 0, 59))).toBe(1);
    expect(minutesUntil('7:05', at(7, 0))).toBe(5);
  });

  it('means tomorrow when the time has passed today or is now', () => {
    expect(minutesUntil('06:00', at(22, 0))).toBe(8 * 60);
    expect(minutesUntil('22:00', at(22, 0))).toBe(24 * 60);
    expect(minutesUntil('21:59', at(22, 0))).toBe(24 * 60 - 1);
  });

  it('rejects anything that is not HH:MM with a message saying the form', () => {
    for (const bad of ['24:00', '23:60', '2300', '11pm', '', '23:00:00']) {
      expect(() => minutesUntil(bad, at(12, 0))).toThrow(/HH:MM in 24-hour form/);
    }
  });

  it('formats the end in local time', () => {
    expect(localStamp(at(23, 0, 30))).toBe('2026-11-25 23:00');
  });
});
