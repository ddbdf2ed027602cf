// Issue 17.1 on the simulated stack: Sonarr/Radarr "unknown" queue items (no series/episode, no movie) that stall or
// fail are never removed — no search could follow — and AutoArr says so in words instead.
import { afterEach, describe, expect, it } from 'vitest';
import { startMonitorHarness, type MonitorHarness } from './harness.js';

const MIN = 60_000;
let h: MonitorHarness | undefined;
afterEach(async () => {
  await h?.close();
  await h?.sim.stop();
  h = undefined;
});

describe('unknown *arr queue items (issue 17.1)', () => {
  it(
    'a stalled unknown episode and a failed unknown movie are reported and left alone',
    { timeout: 60_000 },
    async () => {
      h = await startMonitorHarness({ scenario: 'unknown_items' });
      await h.run(30 * MIN);
      const list = h.monitor.view.list();
      const episode = list.find((d) => d.title.startsWith('The.Rehearsal'))!;
      expect(episode).toMatchObject({ app: 'sonarr', state: 'stalled', media: { kind: 'unknown' } });
      expect(episode.strikes.count).toBe(3);
      expect(episode.explanation).toMatch(
        /strike 3 of 3; not recovered automatically: unknown to Sonarr, so AutoArr cannot search for it again \(import it by hand or remove it\)$/,
      );
      const movie = list.find((d) => d.title.startsWith('Nosferatu'))!;
      expect(movie).toMatchObject({ app: 'radarr', state: 'failed' });
      expect(movie.explanation).toContain(
        'unknown to Radarr, so AutoArr cannot search for it again (import it by hand or remove it)',
      );

      const notes = (await h.ctx.activity.list({ pageSize: 500 })).items.filter((e) => e.action === 'not_searchable');
      expect(notes.map((e) => e.message).sort()).toEqual([
        expect.stringMatching(
          /^Nosferatu\.\S+ is failed but left alone: unknown to Radarr, so AutoArr cannot search for it again \(import it by hand or remove it\)$/,
        ),
        expect.stringMatching(/^The\.Rehearsal\.\S+ is stalled but left alone: unknown to Sonarr, /),
      ]);

      // A person's retry does not remove it either: there would be nothing to search for.
      const r = await h.ctx.commands.run('download.retry', { id: episode.id, by: 'test' });
      expect(r.ok).toBe(false);
      expect(r.message).toMatch(/^Not done: unknown to Sonarr/);
      expect(h.sim.control.writes()).toEqual([]);
      expect(h.sim.control.state.downloads.find((d) => d.title === episode.title)!.sab).toBe('queued');
    },
  );
});
