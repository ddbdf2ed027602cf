import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventBus } from '../bus/bus.js';
import { openDatabase, type Db } from '../db/database.js';
import { KvStore } from '../db/kv.js';
import { memoryLogger } from '../log/logger.js';
import { RuntimeSwitches } from './runtime.js';

describe('RuntimeSwitches', () => {
  const dbs: Db[] = [];
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.destroy();
  });

  async function open(file: string) {
    const log = memoryLogger();
    const { db } = await openDatabase(file, log);
    dbs.push(db);
    return { kv: new KvStore(db), bus: new EventBus(log) };
  }

  it('keeps a switch set at run time across restarts, until the add-on option itself changes', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-rt-')), 'a.db');
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
