// Runtime switches that people flip from the UI, Home Assistant or an assistant, persisted in the database.
// The add-on options give the start value; a switch set at run time wins until the person changes that option in
// the add-on configuration (then the new option value wins), so neither place silently overrides the other.
import type { EventBus } from '../bus/bus.js';
import type { KvStore } from '../db/kv.js';

export interface RuntimeValues {
  autoRecovery: boolean;
  dryRun: boolean;
}

interface Stored {
  values: Partial<RuntimeValues>;
  /** The option values in force when the switches were last set. */
  options: Partial<RuntimeValues>;
}

const KEY = 'runtime_switches';

export class RuntimeSwitches {
  private constructor(
    private readonly kv: KvStore,
    private readonly bus: EventBus,
    private readonly options: RuntimeValues,
    private values: RuntimeValues,
  ) {}

  /** Local changes being saved, and saved so far: a reload() that read the database meanwhile does not undo one. */
  private saving = 0;
  private changes = 0;

  static async load(kv: KvStore, bus: EventBus, options: RuntimeValues): Promise<RuntimeSwitches> {
    return new RuntimeSwitches(kv, bus, options, await read(kv, options));
  }

  get(): Readonly<RuntimeValues> {
    return this.values;
  }

  async set<K extends keyof RuntimeValues>(key: K, value: RuntimeValues[K]): Promise<void> {
    if (this.values[key] === value) return;
    this.saving++;
    this.values = { ...this.values, [key]: value };
    try {
      await this.kv.set(KEY, { values: this.values, options: this.options } satisfies Stored);
    } finally {
      this.saving--;
      this.changes++;
    }
    this.bus.emit('settings.changed', { key, value });
  }

  /**
   * Replicas (PostgreSQL): another replica may have set a switch in the shared database. Takes each stored value that
   * differs from this one's, announced exactly like a local change (settings.changed), and returns the keys taken.
   */
  async reload(): Promise<Array<keyof RuntimeValues>> {
    const changes = this.changes;
    const stored = await read(this.kv, this.options);
    // A local change was being saved around the read: the next reload sees it in the database.
    if (this.saving || changes !== this.changes) return [];
    const changed = (Object.keys(stored) as Array<keyof RuntimeValues>).filter((k) => stored[k] !== this.values[k]);
    for (const key of changed) {
      this.values = { ...this.values, [key]: stored[key] };
      this.bus.emit('settings.changed', { key, value: stored[key] });
    }
    return changed;
  }
}

/** The stored switches whose option has not changed since they were set; the option value for the others. */
async function read(kv: KvStore, options: RuntimeValues): Promise<RuntimeValues> {
  const stored = await kv.get<Stored>(KEY);
  const values = { ...options };
  for (const key of Object.keys(options) as Array<keyof RuntimeValues>) {
    const v = stored?.values[key];
    if (typeof v === 'boolean' && stored?.options[key] === options[key]) values[key] = v;
  }
  return values;
}
