// Scenarios where the monitor must NOT act: import problems a person owns, a SABnzbd-wide pause, an outage.
import { afterEach, describe, expect, it } from 'vitest';
import { startMonitorHarness, type MonitorHarness } from './harness.js';

const MIN = 60_000;
let h: MonitorHarness | undefined;
afterEach(async () => {
  await h?.close();
  await h?.sim.stop();
  h = undefined;
});

describe('import problems (R15–R17) on the simulated stack', () => {
  it('reports "Not an upgrade" and TBA titles, and never removes them', async () => {
    h = await startMonitorHarness({ scenario: 'import_blocked' });
    await h.run(60 * MIN, MIN);
    const list = h.monitor.view.list();
    const blocked = list.filter((d) => d.state === 'import_blocked');
    expect(blocked).toHaveLength(2);
    for (const d of blocked) {
      expect(d.explanation).toMatch(/left for a person to decide \(never removed\)$/);
      expect(d.strikes.count).toBe(0);
    }
    const tba = list.find((d) => d.title.startsWith('Slow.Horses'))!;
    expect(tba.state).toBe('import_pending');
    expect(tba.explanation).toContain('never removed');
    expect(h.named('download.import_blocked')).toHaveLength(2);
    expect(h.sim.control.writes()).toEqual([]);
  });

  it("removes them when the person's include pattern says another release can fix it", async () => {
    h = await startMonitorHarness({
      scenario: 'import_blocked',
      monitor: { failedImportPatterns: ['Not an upgrade'] },
    });
    await h.run(20 * MIN, MIN);
    expect(h.named('download.recovering')).toHaveLength(2);
    expect(h.sim.control.writes().filter((w) => w.method === 'DELETE')).toHaveLength(2);
  });
});

describe('SABnzbd-wide pause (R11)', () => {
  it('is a health problem in the activity log, not strikes on its jobs', async () => {
    h = await startMonitorHarness({ scenario: 'low_disk_pause' });
    await h.run(60 * MIN, MIN);
    for (const d of h.monitor.view.list()) {
      expect(d.state).toBe('paused');
      expect(d.strikes.count).toBe(0);
      expect(d.explanation).toMatch(/^SABnzbd is paused \(only [\d.]+ MB free on the download disk\)/);
    }
    const system = await h.ctx.activity.list({ kind: 'system' });
    expect(system.items.map((e) => e.action)).toEqual(['sab_paused']);
    expect(h.sim.control.writes()).toEqual([]);
  });
});

describe('outage guard (R5)', () => {
  it('adds no strikes while SABnzbd is down, and starts the clock again when it is back', async () => {
    h = await startMonitorHarness({ scenario: 'stalled' });
    await h.run(4 * MIN, MIN);
    await h.sim.control.setAppMode('sabnzbd', 'down');
    await h.run(30 * MIN, MIN);
    const during = h.monitor.view.list().find((d) => d.title.startsWith('Oppenheimer'))!;
    expect(during.strikes.count).toBe(0);
    expect(during.explanation).toBe('SABnzbd is not answering — no strikes until it is back');
    // The outage itself is the app health feature's entry (test/ha/app-health.test.ts), not the monitor's.
    expect((await h.ctx.activity.list({ kind: 'system' })).items).toEqual([]);

    await h.sim.control.setAppMode('sabnzbd', 'ok');
    await h.run(4 * MIN, MIN);
    expect(h.monitor.view.get(during.id)!.strikes.count).toBe(0);
    await h.run(2 * MIN, MIN);
    expect(h.monitor.view.get(during.id)!.strikes.count).toBe(1);
    expect((await h.ctx.activity.list({ kind: 'system' })).items).toEqual([]);
    expect(h.sim.control.writes()).toEqual([]);
  });

  it('adds no strikes while Radarr is down and keeps the item as Radarr’s', async () => {
    h = await startMonitorHarness({ scenario: 'stalled' });
    await h.run(2 * MIN, MIN);
    await h.sim.control.setAppMode('radarr', 'down');
    await h.run(30 * MIN, MIN);
    const d = h.monitor.view.list().find((x) => x.title.startsWith('Oppenheimer'))!;
    expect(d.app).toBe('radarr');
    expect(d.explanation).toBe('Radarr is not answering — no strikes until it is back');
    expect(h.named('download.stalled')).toHaveLength(0);
    expect(h.sim.control.writes()).toEqual([]);
  });
});
