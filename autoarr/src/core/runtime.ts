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

  static async load(kv: KvStore, bus: EventBus, options: RuntimeValues): Promise<RuntimeSwitches> {
    const stored = await kv.get<Stored>(KEY);
    const values = { ...options };
    for (const key of Object.keys(options) as Array<keyof RuntimeValues>) {
      const v = stored?.values[key];
      if (typeof v === 'boolean' && stored?.options[key] === options[key]) values[key] = v;
    }
    return new RuntimeSwitches(kv, bus, options, values);
  }

  get(): Readonly<RuntimeValues> {
    return this.values;
  }

  async set<K extends keyof RuntimeValues>(key: K, value: RuntimeValues[K]): Promise<void> {
    if (this.values[key] === value) return;
    this.values = { ...this.values, [key]: value };
    await this.kv.set(KEY, { values: this.values, options: this.options } satisfies Stored);
    this.bus.emit('settings.changed', { key, value });
  }
}
