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

  /** Local changes being saved, and saved so far: a reload() that read the database meanwhile does not undo one. */
  private saving = 0;
  private changes = 0;

  static async load(kv: KvStore, bus: EventBus, options: MonitorThresholds): Promise<Thresholds> {
    const opts = pickThresholds(options);
    return new Thresholds(kv, bus, opts, await read(kv, opts));
  }

  get(): Readonly<MonitorThresholds> {
    return this.values;
  }

  /** Saves the values that differ and emits settings.changed { key: 'thresholds' } once; no change, no event. */
  async set(update: Partial<MonitorThresholds>): Promise<void> {
    const changed = THRESHOLD_KEYS.filter((k) => update[k] !== undefined && update[k] !== this.values[k]);
    if (!changed.length) return;
    this.saving++;
    const next = { ...this.values };
    for (const k of changed) next[k] = update[k]!;
    this.values = next;
    try {
      await this.kv.set(KEY, { values: next, options: this.options } satisfies Stored);
    } finally {
      this.saving--;
      this.changes++;
    }
    this.bus.emit('settings.changed', { key: 'thresholds', value: { ...next } });
  }

  /**
   * Replicas (PostgreSQL): another replica may have tuned the thresholds in the shared database. Takes the stored
   * values when any differs, announced exactly like a local change (one settings.changed), and returns the keys taken.
   */
  async reload(): Promise<Array<keyof MonitorThresholds>> {
    const changes = this.changes;
    const stored = await read(this.kv, this.options);
    // A local change was being saved around the read: the next reload sees it in the database.
    if (this.saving || changes !== this.changes) return [];
    const changed = THRESHOLD_KEYS.filter((k) => stored[k] !== this.values[k]);
    if (!changed.length) return [];
    this.values = stored;
    this.bus.emit('settings.changed', { key: 'thresholds', value: { ...stored } });
    return changed;
  }
}

/** The stored thresholds whose option has not changed since they were set; the option value for the others. */
async function read(kv: KvStore, opts: MonitorThresholds): Promise<MonitorThresholds> {
  const stored = await kv.get<Stored>(KEY);
  const values = { ...opts };
  for (const k of THRESHOLD_KEYS) {
    const v = stored?.values[k];
    if (typeof v === 'number' && stored?.options[k] === opts[k]) values[k] = v;
  }
  return values;
}
