// Restarts: strikes survive in the SQLite file; a kill during a recovery neither repeats the search nor loses it.
import { afterEach, describe, expect, it } from 'vitest';
import type { MonitorOptions } from '../../src/monitor/monitor.js';
import type { ArrPortEntry, MonitorPorts, RadarrPort } from '../../src/monitor/ports.js';
import type { MonitorSettings } from '../../src/settings/settings.js';
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
const deletes = (h: MonitorHarness) => h.sim.control.writes({ app: 'radarr' }).filter((w) => w.method === 'DELETE');
const actions = async (h: MonitorHarness, action: string) =>
  (await h.ctx.activity.list({ pageSize: 200 })).items.filter((e) => e.action === action).map((e) => e.message);

/**
 * Radarr's removal or search hangs, as if AutoArr were killed during it: 'before' the request is sent (it never
 * reaches Radarr) or 'after' Radarr received it (the answer never arrives).
 */
function hangingRadarr(o: { remove?: 'before' | 'after'; command?: 'before' | 'after' }) {
  const never = () => new Promise<never>(() => undefined);
  const w = {
    hang: true,
    removeCalls: 0,
    commandCalls: 0,
    wrapPorts: (p: MonitorPorts): MonitorPorts => ({
      ...p,
      arrs: p.arrs.map((a): ArrPortEntry => {
        if (a.app !== 'radarr') return a;
        const real = a.client;
        const client: RadarrPort = {
          queueAll: () => real.queueAll(),
          history: (q) => real.history(q),
          ...(real.blocklist ? { blocklist: real.blocklist.bind(real) } : {}),
          ...(real.commands ? { commands: real.commands.bind(real) } : {}),
          removeFromQueue: async (id, opts) => {
            w.removeCalls++;
            if (w.hang && o.remove === 'before') return never();
            await real.removeFromQueue(id, opts);
            return w.hang && o.remove === 'after' ? never() : undefined;
          },
          command: async (name, body) => {
            w.commandCalls++;
            if (w.hang && o.command === 'before') return never();
            const r = await real.command(name, body);
            return w.hang && o.command === 'after' ? never() : r;
          },
        };
        return { ...a, client };
      }),
    }),
  };
  return w;
}

/** Runs the stalled scenario until the recovery starts and `reached()` says the hanging call was made. */
async function killedDuringRecovery(
  w: ReturnType<typeof hangingRadarr>,
  reached: (h: MonitorHarness) => boolean,
  monitor: Partial<MonitorSettings> = {},
  options: MonitorOptions = {},
): Promise<MonitorHarness> {
  const h = await startMonitorHarness({ scenario: 'stalled', wrapPorts: w.wrapPorts, monitor, options });
  await h.tick();
  await h.run(14 * MIN, MIN);
  h.sim.control.advance(MIN);
  void h.monitor.tick();
  for (let i = 0; i < 500 && !reached(h); i++) await new Promise((r) => setTimeout(r, 10));
  expect(reached(h)).toBe(true);
  return h;
}

async function restart(h: MonitorHarness, monitor: Partial<MonitorSettings> = {}): Promise<MonitorHarness> {
  const next = await startMonitorHarness({ sim: h.sim, file: h.file, monitor });
  open.push(next);
  return next;
}

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
    const w = hangingRadarr({ command: 'after' });
    const first = await killedDuringRecovery(w, (x) => searches(x).length > 0);
    expect(searches(first)).toHaveLength(1);
    await first.crash();
    w.hang = false;

    const second = await restart(first);
    await second.tick();
    expect(await actions(second, 'search_confirmed')).toEqual([
      expect.stringMatching(
        /^AutoArr stopped while it asked Radarr to search for Oppenheimer \(2023\); Radarr has that search \(command \d+, queued\), so it is not sent again\.$/,
      ),
    ]);
    expect(oppenheimer(second).state).toBe('recovering');
    await second.run(2 * MIN, MIN);
    expect(second.named('download.recovered')).toHaveLength(1);
    await second.run(60 * MIN, 5 * MIN);
    expect(searches(second)).toHaveLength(1);
    expect(deletes(second)).toHaveLength(1);
  });

  it('a kill between the journal write and the DELETE: still queued, so it says nothing was removed, makes no search and the attempt does not count', async () => {
    const w = hangingRadarr({ remove: 'before' });
    const first = await killedDuringRecovery(w, () => w.removeCalls > 0, { maxRemovalsPerHour: 1 });
    expect(deletes(first)).toHaveLength(0);
    await first.crash();
    w.hang = false;

    const second = await restart(first, { maxRemovalsPerHour: 1 });
    const id = oppenheimer(second).id;
    const lastId = (await second.ctx.activity.list({ pageSize: 1 })).items[0]!.id;
    second.sim.control.clearRecords();
    await second.tick();
    const log = await second.ctx.activity.list({ downloadId: id, pageSize: 200 });
    const after = log.items.reverse().filter((e) => e.id > lastId);
    // First the truth about the interrupted removal, then the rules judge it again and (still stalled) recover it;
    // the hourly cap of 1 is not used up by the removal that never happened.
    expect(after.map((e) => e.action)).toEqual([
      'remove_not_done',
      'stalled',
      'remove',
      'remove',
      'search',
      'search',
      'recovering',
    ]);
    expect(after[0]!.message).toBe(
      `AutoArr stopped before it could remove ${second.monitor.view.get(id)!.title} from Radarr's queue: it is still in Radarr's queue, so nothing was removed and no search was made. This does not count as a recovery attempt; AutoArr judges the download again from this poll.`,
    );
    expect(second.sim.control.writes({ app: 'radarr' }).map((x) => x.method)).toEqual(['DELETE', 'POST']);
    expect(second.monitor.view.get(id)!.recovery).toMatchObject({ attempts: 1, phase: 'watching' });
    const rows = await second.db.selectFrom('monitor_action').select(['kind', 'status']).orderBy('id').execute();
    expect(rows.map((r) => `${r.kind} ${r.status}`)).toEqual(['remove not_done', 'remove done', 'search done']);
  });

  it('a kill after the DELETE reached Radarr: gone and blocklisted, so the search is made at the restart', async () => {
    const w = hangingRadarr({ remove: 'after' });
    const first = await killedDuringRecovery(w, (x) => deletes(x).length > 0);
    expect(searches(first)).toHaveLength(0);
    await first.crash();
    w.hang = false;

    const second = await restart(first);
    await second.tick();
    const title = oppenheimer(second).title;
    expect(await actions(second, 'remove_confirmed')).toEqual([
      `AutoArr stopped while it was told to remove ${title} from Radarr's queue; ${title} is no longer in the queue and Radarr's blocklist has it, so the removal went through. AutoArr makes the search that should follow now.`,
    ]);
    expect(searches(second)).toHaveLength(1);
    expect(deletes(second)).toHaveLength(1);
    const id = oppenheimer(second).id;
    await second.run(2 * MIN, MIN);
    expect(second.monitor.view.get(id)).toMatchObject({
      state: 'replaced',
      recovery: { phase: 'recovered', attempts: 1 },
    });
  });

  it('a kill before the search reached Radarr: it is sent once at the restart, as the same attempt', async () => {
    const w = hangingRadarr({ command: 'before' });
    const first = await killedDuringRecovery(w, () => w.commandCalls > 0);
    expect(deletes(first)).toHaveLength(1);
    expect(searches(first)).toHaveLength(0);
    await first.crash();
    w.hang = false;

    const second = await restart(first);
    await second.tick();
    expect(await actions(second, 'search_not_sent')).toEqual([
      'AutoArr stopped before its search for Oppenheimer (2023) reached Radarr (Radarr has no such search and grabbed nothing new), so it sends the search now. This is the same recovery attempt, not a new one.',
    ]);
    expect(searches(second)).toHaveLength(1);
    const id = oppenheimer(second).id;
    await second.run(2 * MIN, MIN);
    expect(second.monitor.view.get(id)).toMatchObject({
      state: 'replaced',
      recovery: { phase: 'recovered', attempts: 1 },
    });
    expect(searches(second)).toHaveLength(1);
  });

  it('SIGTERM during a hung search: stop() gives up on it at once, and the restart makes the search without costing an attempt', async () => {
    const w = hangingRadarr({ command: 'before' });
    const first = await killedDuringRecovery(w, () => w.commandCalls > 0, {}, { stopGraceMs: 50 });
    await first.close(); // resolves although the search never answers
    w.hang = false;

    const second = await restart(first);
    expect(await actions(second, 'search_stopped')).toEqual([
      'Stopped waiting: search Radarr for Oppenheimer (2023) — AutoArr stopped before the app answered; it checks what happened when it starts again',
    ]);
    const rows = await second.db.selectFrom('monitor_action').select(['kind', 'status']).orderBy('id').execute();
    expect(rows.map((r) => `${r.kind} ${r.status}`)).toEqual(['remove done', 'search interrupted']);
    await second.tick();
    expect(await actions(second, 'search_not_sent')).toHaveLength(1);
    expect(searches(second)).toHaveLength(1);
    const id = oppenheimer(second).id;
    await second.run(2 * MIN, MIN);
    expect(second.monitor.view.get(id)).toMatchObject({
      state: 'replaced',
      recovery: { phase: 'recovered', attempts: 1 },
    });
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
