// Restarts: strikes survive in the SQLite file; a kill during a recovery neither repeats the search nor loses it.
import { afterEach, describe, expect, it } from 'vitest';
import type { ArrPortEntry, MonitorPorts, RadarrPort } from '../../src/monitor/ports.js';
import { startMonitorHarness, type MonitorHarness } from './harness.js';

const MIN = 60_000;
const open: MonitorHarness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) {
    await h.close().catch(() => undefined);
    await h.sim.stop();
  }
});

const oppenheimer = (h: MonitorHarness) => h.monitor.view.list().find((d) => d.title.startsWith('Oppenheimer'))!;
const searches = (h: MonitorHarness) =>
  h.sim.control
    .writes({ app: 'radarr' })
    .filter((w) => (w.body as { name?: string } | undefined)?.name === 'MoviesSearch');

describe('restart', () => {
  it('keeps strikes across a restart (real SQLite file, reopened)', async () => {
    const first = await startMonitorHarness({ scenario: 'stalled' });
    await first.tick();
    await first.run(10 * MIN, MIN);
    expect(oppenheimer(first).strikes.count).toBe(2);
    await first.close();

    const second = await startMonitorHarness({ sim: first.sim, file: first.file });
    open.push(second);
    await second.tick();
    expect(oppenheimer(second).strikes.count).toBe(2);
    // The clock restarts at the first poll after the restart; one more interval makes the third strike.
    await second.run(5 * MIN, MIN);
    expect(oppenheimer(second).state).not.toBe('downloading');
    expect(second.named('download.stalled')).toHaveLength(1);
    expect(searches(second)).toHaveLength(1);
  });

  it('a kill while the search is in flight: after the restart the search is not repeated and the grab is seen', async () => {
    let hang = true;
    const wrapPorts = (p: MonitorPorts): MonitorPorts => ({
      ...p,
      arrs: p.arrs.map((a): ArrPortEntry => {
        if (a.app !== 'radarr') return a;
        const real = a.client;
        const client: RadarrPort = {
          queueAll: () => real.queueAll(),
          removeFromQueue: (id, o) => real.removeFromQueue(id, o),
          history: (o) => real.history(o),
          // The request reaches Radarr, then AutoArr is killed before it records the answer.
          command: async (name, body) => {
            const r = await real.command(name, body);
            return hang ? new Promise<never>(() => undefined) : r;
          },
        };
        return { ...a, client };
      }),
    });
    const first = await startMonitorHarness({ scenario: 'stalled', wrapPorts });
    await first.tick();
    await first.run(14 * MIN, MIN);
    first.sim.control.advance(MIN);
    void first.monitor.tick();
    for (let i = 0; i < 200 && searches(first).length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(searches(first)).toHaveLength(1);
    await first.crash();
    hang = false;

    const second = await startMonitorHarness({ sim: first.sim, file: first.file });
    open.push(second);
    await second.tick();
    const interrupted = (await second.ctx.activity.list()).items.filter((e) => e.action === 'search_interrupted');
    expect(interrupted).toHaveLength(1);
    expect(oppenheimer(second).state).toBe('recovering');
    await second.run(2 * MIN, MIN);
    expect(second.named('download.recovered')).toHaveLength(1);
    await second.run(60 * MIN, 5 * MIN);
    expect(searches(second)).toHaveLength(1);
    expect(second.sim.control.writes({ app: 'radarr' }).filter((w) => w.method === 'DELETE')).toHaveLength(1);
  });

  it('stop() in the middle of a poll starts no new action; after the restart it recovers exactly once', async () => {
    const h = await startMonitorHarness({ scenario: 'stalled' });
    await h.tick();
    await h.run(14 * MIN, MIN);
    h.sim.control.advance(MIN);
    const tick = h.monitor.tick();
    await h.monitor.feature.stop();
    await tick;
    const actions = await h.db.selectFrom('monitor_action').selectAll().execute();
    expect(actions.every((a) => a.status !== 'pending')).toBe(true);
    await h.close();
    const again = await startMonitorHarness({ sim: h.sim, file: h.file });
    open.push(again);
    await again.run(10 * MIN, MIN);
    expect(searches(again)).toHaveLength(1);
    expect(again.sim.control.writes({ app: 'radarr' }).filter((w) => w.method === 'DELETE')).toHaveLength(1);
  });
});
