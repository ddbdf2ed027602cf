import { describe, expect, it } from 'vitest';
import { useBackend, type StoreTarget } from '../../test/helpers/backends.js';
import { EventBus } from '../bus/bus.js';
import { RuntimeSwitches } from '../core/runtime.js';
import { Thresholds } from '../core/thresholds.js';
import { KvStore } from '../db/kv.js';
import { memoryLogger } from '../log/logger.js';
import { settingsSync } from './settings-sync.js';

const SWITCHES = { autoRecovery: true, dryRun: false };
const THRESHOLDS = {
  stallMinutes: 30,
  maxStrikes: 3,
  strikeWindowHours: 6,
  maxRemovalsPerHour: 10,
  minQueueAgeMinutes: 10,
  maxRecoveryAttempts: 3,
};

describe('settingsSync (two replicas on one PostgreSQL)', () => {
  const backend = useBackend('postgres');

  async function replica(target: StoreTarget) {
    const log = memoryLogger();
    const { db } = await backend.reopen(target, log);
    const kv = new KvStore(db);
    const bus = new EventBus(log);
    const runtime = await RuntimeSwitches.load(kv, bus, SWITCHES);
    const thresholds = await Thresholds.load(kv, bus, THRESHOLDS);
    const seen: unknown[] = [];
    bus.on('settings.changed', (e) => void seen.push(e));
    return { log, runtime, thresholds, seen, sync: settingsSync({ runtime, thresholds }, log) };
  }

  it("takes the other replica's switch and thresholds once, and logs each as coming from another replica", async () => {
    const target = await backend.target();
    const here = await replica(target);
    const leader = await replica(target);

    await here.runtime.set('autoRecovery', false);
    await here.thresholds.set({ maxStrikes: 6 });
    // A poll and a live update at the same moment: the change is announced once, not twice.
    await Promise.all([leader.sync(), leader.sync()]);

    expect(leader.runtime.get()).toEqual({ autoRecovery: false, dryRun: false });
    expect(leader.thresholds.get().maxStrikes).toBe(6);
    expect(leader.seen).toEqual([
      { key: 'autoRecovery', value: false },
      { key: 'thresholds', value: { ...THRESHOLDS, maxStrikes: 6 } },
    ]);
    const infos = leader.log.records.filter((r) => r.level === 'info').map((r) => r.msg);
    expect(infos).toEqual([
      'Automatic recovery was turned off on another replica; this replica follows',
      'Monitor thresholds were changed on another replica (maxStrikes); this replica follows',
    ]);
    // The replica that made the change has nothing to take.
    await here.sync();
    expect(here.seen).toHaveLength(2);
    expect(here.log.records.filter((r) => r.msg.includes('another replica'))).toEqual([]);
  });

  it('a read that fails is a warning saying what failed; the next call takes the change', async () => {
    const target = await backend.target();
    const here = await replica(target);
    const leader = await replica(target);
    let fail = true;
    const flaky = {
      get: () => leader.runtime.get(),
      reload: () => {
        if (!fail) return leader.runtime.reload();
        fail = false;
        return Promise.reject(new Error('connection terminated'));
      },
    } as unknown as RuntimeSwitches;
    const sync = settingsSync({ runtime: flaky, thresholds: leader.thresholds }, leader.log);
    await here.runtime.set('autoRecovery', false);

    await expect(sync()).resolves.toBeUndefined();
    expect(leader.runtime.get().autoRecovery).toBe(true);
    const warn = leader.log.records.find((r) => r.level === 'warning');
    expect(warn).toMatchObject({
      msg: 'The switches and thresholds could not be re-read from the database; the next poll tries again',
      err: { message: 'connection terminated' },
    });
    await sync();
    expect(leader.runtime.get().autoRecovery).toBe(false);
    expect(leader.seen).toEqual([{ key: 'autoRecovery', value: false }]);
  });
});
