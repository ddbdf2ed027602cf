// Runtime switches that people flip from the UI, Home Assistant or an assistant, persisted in the database.
// The add-on options give the start value; a switch set at run time wins until it is set again.
import type { EventBus } from '../bus/bus.js';
import type { KvStore } from '../db/kv.js';

export interface RuntimeValues {
  autoRecovery: boolean;
  dryRun: boolean;
}

export class RuntimeSwitches {
  private values: RuntimeValues;

  private constructor(
    private readonly kv: KvStore,
    private readonly bus: EventBus,
    initial: RuntimeValues,
  ) {
    this.values = initial;
  }

  static async load(kv: KvStore, bus: EventBus, defaults: RuntimeValues): Promise<RuntimeSwitches> {
    const stored = (await kv.get<Partial<RuntimeValues>>('runtime')) ?? {};
    return new RuntimeSwitches(kv, bus, { ...defaults, ...stored });
  }

  get(): Readonly<RuntimeValues> {
    return this.values;
  }

  async set<K extends keyof RuntimeValues>(key: K, value: RuntimeValues[K]): Promise<void> {
    if (this.values[key] === value) return;
    this.values = { ...this.values, [key]: value };
    await this.kv.set('runtime', this.values);
    this.bus.emit('settings.changed', { key, value });
  }
}
