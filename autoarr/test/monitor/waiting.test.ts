// Issue 16.1 on the simulated stack: a SABnzbd that words every unpaused job `Downloading`. Jobs waiting behind the
// one SABnzbd serves are never struck or removed (nor the replacement AutoArr grabbed); a stuck job is still found.
import { afterEach, describe, expect, it } from 'vitest';
import { startMonitorHarness, type MonitorHarness } from './harness.js';

const MIN = 60_000;
let h: MonitorHarness | undefined;
afterEach(async () => {
  await h?.close();
  await h?.sim.stop();
  h = undefined;
});

const WAITING =
  /^Waiting behind Oppenheimer\.\S+ \(position \d\) — SABnzbd is downloading another job; waiting jobs are never judged$/;

async function strikes(x: MonitorHarness): Promise<string[]> {
  const items = (await x.ctx.activity.list({ pageSize: 500 })).items;
  return items.filter((e) => e.action === 'strike').map((e) => e.title ?? '');
}

describe('waiting jobs that say "Downloading" (issue 16.1)', () => {
  it(
    'a 2-hour head download and 5 waiting jobs, default settings: no strike, no removal, the head completes',
    {
      timeout: 240_000,
    },
    async () => {
      h = await startMonitorHarness({ scenario: 'long_queue' });
      await h.tick();
      const sab = (await h.ctx.apps.sabnzbd('sabnzbd').queue({})).slots;
      expect(sab.map((j) => j.status)).toEqual(Array(6).fill('Downloading'));

      await h.run(60 * MIN);
      const list = h.monitor.view.list();
      const head = list.find((d) => d.title.startsWith('Oppenheimer'))!;
      expect(head.state).toBe('downloading');
      expect(head.explanation).toMatch(/^Downloading at 2\.1 MB\/s, [\d.]+ GB left$/);
      const waiting = list.filter((d) => d.id !== head.id && d.state !== 'completed');
      expect(waiting).toHaveLength(5);
      for (const d of waiting) {
        expect(d.state).toBe('queued');
        expect(d.strikes.count).toBe(0);
        expect(d.explanation).toMatch(WAITING);
      }

      await h.run(70 * MIN);
      expect(h.sim.control.state.movies.find((m) => m.title === 'Oppenheimer')!.file).toBeDefined();
      expect(h.monitor.view.get(head.id)!.state).toBe('completed');
      expect(h.named('download.completed').map((e) => e.download.title)).toContain(head.title);
      expect(await strikes(h)).toEqual([]);
      expect(h.named('download.stalled')).toEqual([]);
      expect(h.sim.control.writes()).toEqual([]);
      // The next job got its turn and moves.
      expect(h.monitor.view.list().filter((d) => d.state === 'downloading')).toHaveLength(1);
    },
  );

  it(
    'finds the jobs stuck on top, and the replacements it grabbed wait behind the others and are never removed',
    {
      timeout: 240_000,
    },
    async () => {
      h = await startMonitorHarness({ scenario: 'long_queue_stuck' });
      await h.tick();
      const stuck = h.monitor.view.list().filter((d) => /^(Perfect|Slow)/.test(d.title));
      expect(stuck).toHaveLength(2);

      await h.run(20 * MIN);
      // Both were overtaken by Oppenheimer, struck, removed with blocklist and searched (one per *arr).
      expect(
        h
          .named('download.stalled')
          .map((e) => e.download.id)
          .sort(),
      ).toEqual(stuck.map((d) => d.id).sort());
      const deletes = () => h!.sim.control.writes().filter((w) => w.method === 'DELETE');
      expect(
        deletes()
          .map((w) => w.app)
          .sort(),
      ).toEqual(['radarr', 'sonarr']);
      expect(h.named('download.recovered')).toHaveLength(2);
      const replacements = stuck.map((d) => h!.monitor.view.get(d.id)!.recovery!.newDownloadId!);
      expect(replacements.every(Boolean)).toBe(true);

      await h.run(60 * MIN);
      for (const id of replacements) {
        const d = h.monitor.view.get(id)!;
        expect(d.state).toBe('queued');
        expect(d.strikes.count).toBe(0);
        expect(d.explanation).toMatch(WAITING);
      }
      // Nothing else was ever struck: only the two stuck jobs.
      expect([...new Set(await strikes(h))].sort()).toEqual(stuck.map((d) => d.title).sort());
      expect(deletes()).toHaveLength(2);
      const queue = (await h.ctx.apps.sabnzbd('sabnzbd').queue({})).slots;
      expect(queue.map((j) => j.nzoId)).toEqual(expect.arrayContaining(replacements));
    },
  );
});
