// Per-instance cooldown (R23): two downloads of one Sonarr stall together; AutoArr removes one, waits the cooldown,
// then the other. In-memory fakes of the clients (the sim has one stall per scenario) and a real SQLite database.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppRegistry } from '../../src/apps/registry.js';
import type { SabQueue } from '../../src/apps/sabnzbd/types.js';
import type { QueueResource } from '../../src/apps/sonarr/types.js';
import { EventBus } from '../../src/bus/bus.js';
import { buildContext } from '../../src/core/build-context.js';
import { openDatabase, type Db } from '../../src/db/database.js';
import { memoryLogger } from '../../src/log/logger.js';
import { INSTANCE_COOLDOWN_MS } from '../../src/monitor/executor.js';
import { createMonitor } from '../../src/monitor/monitor.js';
import type { MonitorPorts, SonarrPort } from '../../src/monitor/ports.js';
import { loadSettings } from '../../src/settings/load.js';

const MIN = 60_000;
const MB = 1_000_000;
let db: Db | undefined;
afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

describe('per-instance cooldown (R23)', () => {
  it('removes one download per Sonarr instance per cooldown', async () => {
    let now = Date.parse('2026-01-01T12:00:00Z');
    const ids = ['SABnzbd_nzo_a', 'SABnzbd_nzo_b'];
    const removed: number[] = [];
    // Both stall together: SABnzbd downloads a third job behind them (it overtook them, so both are judged).
    const start = now;
    const queue = (): SabQueue =>
      ({
        paused: false,
        speedBps: 1 * MB,
        diskFreeBytes: 900e9,
        sizeLeftBytes: 0,
        slots: [...ids, 'SABnzbd_nzo_c'].map((nzoId, index) => ({
          nzoId,
          filename: nzoId,
          status: 'Downloading',
          category: 'tv',
          sizeBytes: index === 2 ? 100_000 * MB : 1000 * MB,
          bytesLeft: index === 2 ? 100_000 * MB - ((now - start) / 1000) * MB : 500 * MB,
          labels: [],
          index,
          timeLeftSeconds: 0,
        })),
      }) as unknown as SabQueue;
    const records = (): QueueResource[] =>
      ids
        .map((downloadId, i): QueueResource => ({
          id: 100 + i,
          downloadId,
          seriesId: 1,
          episodeId: 10 + i,
          title: downloadId,
          size: 1000 * MB,
          sizeleft: 500 * MB,
          status: 'downloading',
          protocol: 'usenet',
        }))
        .filter((r) => !removed.includes(r.id ?? -1));
    const sonarr = {
      queueAll: async () => ({ page: 1, pageSize: 2, totalRecords: 2, records: records() }),
      removeFromQueue: async (id: number) => void removed.push(id),
      command: async () => ({}),
      history: async () => ({ page: 1, pageSize: 0, totalRecords: 0, records: [] }),
    } as unknown as SonarrPort;
    const ports: MonitorPorts = {
      sabs: [
        {
          instanceId: 'sabnzbd',
          name: 'SABnzbd',
          client: {
            queue: async () => queue(),
            history: async () => ({ noOfSlots: 0, slots: [], unchanged: false }),
            retry: async (x) => x,
            deleteHistory: async () => undefined,
            deleteJob: async () => true,
          },
        },
      ],
      arrs: [{ instanceId: 'sonarr', name: 'Sonarr', app: 'sonarr', client: sonarr }],
    };
    const r = loadSettings({ env: { DATA_DIR: '/tmp' }, mode: 'container', version: 'test' });
    if (!r.ok) throw new Error(r.problems.join('; '));
    const log = memoryLogger('error');
    db = (await openDatabase(':memory:', log)).db;
    const monitor = { ...r.settings.monitor, minQueueAgeMinutes: 0 };
    const ctx = await buildContext({
      settings: { ...r.settings, monitor },
      log,
      bus: new EventBus(log),
      db,
      apps: {} as AppRegistry,
      switches: { autoRecovery: true, dryRun: false },
      apiToken: () => 't',
      rotateApiToken: async () => 't',
      now: () => new Date(now),
    });
    const m = createMonitor(ctx, { ports: () => ports, autoTick: false });
    await m.feature.start();
    for (let t = 0; t <= 15 * MIN; t += MIN) {
      await m.tick();
      now += MIN;
    }
    expect(removed).toHaveLength(1);
    const skipped = (await ctx.activity.list()).items.filter((e) => e.action === 'skipped');
    expect(skipped.map((e) => e.message)).toEqual([
      expect.stringContaining('Sonarr had a removal less than 2 min ago (cooldown)'),
    ]);
    for (let t = 0; t < INSTANCE_COOLDOWN_MS; t += MIN) {
      await m.tick();
      now += MIN;
    }
    expect(removed).toHaveLength(2);
    await m.feature.stop();
  });
});
