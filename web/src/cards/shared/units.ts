// A data-rate sensor's state in bytes per second, from the unit Home Assistant reports for it (the person may have
// changed the display unit, e.g. to MB/s or Mbit/s; HA then converts the state, so the card must convert back).
const BYTES: Record<string, number> = {
  'B/s': 1,
  'kB/s': 1e3,
  'KB/s': 1e3,
  'MB/s': 1e6,
  'GB/s': 1e9,
  'KiB/s': 1024,
  'MiB/s': 1024 ** 2,
  'GiB/s': 1024 ** 3,
  'bit/s': 1 / 8,
  'kbit/s': 1e3 / 8,
  'Mbit/s': 1e6 / 8,
  'Gbit/s': 1e9 / 8,
};

/** Bytes per second, or undefined when the state is not a number or the unit is not a data rate we know. */
export function toBytesPerSecond(state: string, unit: unknown): number | undefined {
  const v = Number(state);
  if (state.trim() === '' || !Number.isFinite(v)) return undefined;
  const factor = BYTES[typeof unit === 'string' && unit ? unit : 'B/s'];
  return factor === undefined ? undefined : v * factor;
}
