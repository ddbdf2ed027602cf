import { describe, expect, it } from 'vitest';
import { BACKENDS, useBackend, type StoreTarget } from '../../test/helpers/backends.js';
import { EventBus } from '../bus/bus.js';
import { KvStore } from '../db/kv.js';
import { memoryLogger } from '../log/logger.js';
import { RuntimeSwitches } from './runtime.js';

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
});
