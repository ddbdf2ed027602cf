// Monitor thresholds that people tune at run time (Settings page), persisted in the database next to the runtime
// switches and with the same rule: the add-on options give the start values; a value set here wins until the person
// changes that option in the add-on configuration (then the new option wins). The monitor reads them through get()
// and takes a change from the settings.changed event; nobody writes them into ctx.settings.
import type { EventBus } from '../bus/bus.js';
import type { KvStore } from '../db/kv.js';
import type { MonitorThresholds } from '../shared/types.js';

const KEY = 'monitor_thresholds';

export const THRESHOLD_KEYS: ReadonlyArray<keyof MonitorThresholds> = [
  'stallMinutes',
  'maxStrikes',
  'strikeWindowHours',
  'maxRemovalsPerHour',
  'minQueueAgeMinutes',
  'maxRecoveryAttempts',
];

interface Stored {
  values: Partial<MonitorThresholds>;
  /** The option values in force when the thresholds were last set. */
  options: Partial<MonitorThresholds>;
}

/** The thresholds out of a larger settings object (the monitor's options). */
export function pickThresholds(m: MonitorThresholds): MonitorThresholds {
  return Object.fromEntries(THRESHOLD_KEYS.map((k) => [k, m[k]])) as unknown as MonitorThresholds;
}

export class Thresholds {
  private constructor(
    private readonly kv: KvStore,
    private readonly bus: EventBus,
    private readonly options: MonitorThresholds,
    private values: MonitorThresholds,
  ) {}

  static async load(kv: KvStore, bus: EventBus, options: MonitorThresholds): Promise<Thresholds> {
    const opts = pickThresholds(options);
    const stored = await kv.get<Stored>(KEY);
    const values = { ...opts };
    for (const k of THRESHOLD_KEYS) {
      const v = stored?.values[k];
      if (typeof v === 'number' && stored?.options[k] === opts[k]) values[k] = v;
    }
    return new Thresholds(kv, bus, opts, values);
  }

  get(): Readonly<MonitorThresholds> {
    return this.values;
  }

  /** Saves the values that differ and emits settings.changed { key: 'thresholds' } once; no change, no event. */
  async set(update: Partial<MonitorThresholds>): Promise<void> {
    const changed = THRESHOLD_KEYS.filter((k) => update[k] !== undefined && update[k] !== this.values[k]);
    if (!changed.length) return;
    const next = { ...this.values };
    for (const k of changed) next[k] = update[k]!;
    this.values = next;
    await this.kv.set(KEY, { values: next, options: this.options } satisfies Stored);
    this.bus.emit('settings.changed', { key: 'thresholds', value: { ...next } });
  }
}
