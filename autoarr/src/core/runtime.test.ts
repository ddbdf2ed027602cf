import { describe, expect, it } from 'vitest';
import { BACKENDS, useBackend, type StoreTarget } from '../../test/helpers/backends.js';
import { EventBus } from '../bus/bus.js';
import { KvStore } from '../db/kv.js';
import { memoryLogger } from '../log/logger.js';
import { RuntimeSwitches } from './runtime.js';
import { Thresholds } from './thresholds.js';

describe.each(BACKENDS)('RuntimeSwitches (%s)', (kind) => {
  const backend = useBackend(kind);

  async function open(target: StoreTarget) {
    const log = memoryLogger();
    const { db } = await backend.reopen(target, log);
    return { kv: new KvStore(db), bus: new EventBus(log) };
  }

  it('keeps a switch set at run time across restarts, until the add-on option itself changes', async () => {
    const file = await backend.target();
    const first = await open(file);
    const seen: unknown[] = [];
    first.bus.on('settings.changed', (e) => void seen.push(e));
    const rt = await RuntimeSwitches.load(first.kv, first.bus, { autoRecovery: true, dryRun: false });
    await rt.set('autoRecovery', false);
    expect(seen).toEqual([{ key: 'autoRecovery', value: false }]);

    const second = await open(file);
    const again = await RuntimeSwitches.load(second.kv, second.bus, { autoRecovery: true, dryRun: false });
    expect(again.get()).toEqual({ autoRecovery: false, dryRun: false });

    // The person changed the auto_recovery option in the add-on configuration: the new option value wins,
    // while dry run (whose option did not change) keeps its run-time value.
    await again.set('dryRun', true);
    const third = await RuntimeSwitches.load(second.kv, second.bus, { autoRecovery: false, dryRun: false });
    expect(third.get()).toEqual({ autoRecovery: false, dryRun: true });
    const fourth = await RuntimeSwitches.load(second.kv, second.bus, { autoRecovery: true, dryRun: false });
    expect(fourth.get()).toEqual({ autoRecovery: false, dryRun: true });
  });

  it('reload() takes a switch another replica saved, announced like a local change, once', async () => {
    const target = await backend.target();
    const a = await open(target);
    const b = await open(target);
    const options = { autoRecovery: true, dryRun: false };
    const here = await RuntimeSwitches.load(a.kv, a.bus, options);
    const there = await RuntimeSwitches.load(b.kv, b.bus, options);
    const seen: unknown[] = [];
    b.bus.on('settings.changed', (e) => void seen.push(e));

    await here.set('autoRecovery', false);
    expect(there.get().autoRecovery).toBe(true);
    expect(await there.reload()).toEqual(['autoRecovery']);
    expect(there.get()).toEqual({ autoRecovery: false, dryRun: false });
    expect(seen).toEqual([{ key: 'autoRecovery', value: false }]);
    expect(await there.reload()).toEqual([]);
    expect(seen).toHaveLength(1);

    // A local change being saved while a reload reads the database is not undone by what the reload read.
    const [taken] = await Promise.all([there.reload(), there.set('dryRun', true)]);
    expect(taken).toEqual([]);
    expect(there.get().dryRun).toBe(true);
    expect(await there.reload()).toEqual([]);
    expect(await here.reload()).toEqual(['dryRun']);
  });

  it('Thresholds.reload() takes the values another replica saved with one settings.changed', async () => {
    const target = await backend.target();
    const a = await open(target);
    const b = await open(target);
    const options = {
      stallMinutes: 30,
      maxStrikes: 3,
      strikeWindowHours: 6,
      maxRemovalsPerHour: 10,
      minQueueAgeMinutes: 10,
      maxRecoveryAttempts: 3,
    };
    const here = await Thresholds.load(a.kv, a.bus, options);
    const there = await Thresholds.load(b.kv, b.bus, options);
    const seen: unknown[] = [];
    b.bus.on('settings.changed', (e) => void seen.push(e));

    await here.set({ stallMinutes: 45, maxStrikes: 5 });
    expect(await there.reload()).toEqual(['stallMinutes', 'maxStrikes']);
    expect(there.get()).toEqual({ ...options, stallMinutes: 45, maxStrikes: 5 });
    expect(seen).toEqual([{ key: 'thresholds', value: { ...options, stallMinutes: 45, maxStrikes: 5 } }]);
    expect(await there.reload()).toEqual([]);
    expect(seen).toHaveLength(1);
  });
});
