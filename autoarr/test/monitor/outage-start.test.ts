// Issue 17.2 on the simulated stack: AutoArr starts while an app is unavailable (a host reboot where AutoArr comes up
// first). No strike counts while an app a download's judgement depends on is down or rejects the key — also for
// downloads first seen during the outage — and nothing is removed within a stall period of the app's return.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimStack, type AppMode, type SimApp } from '../../src/sim/index.js';
import { startMonitorHarness, type MonitorHarness } from './harness.js';

const MIN = 60_000;
let h: MonitorHarness | undefined;
afterEach(async () => {
  await h?.close();
  await h?.sim.stop();
  h = undefined;
});

const cases: Array<{ app: SimApp; mode: AppMode; held: RegExp; words: RegExp }> = [
  {
    app: 'sonarr',
    mode: 'down',
    held: /^Slow\.Horses/,
    words:
      /^Sonarr is not answering — AutoArr cannot tell whether Sonarr grabbed this job, so no strikes until it is back$/,
  },
  {
    app: 'radarr',
    mode: 'down',
    held: /^Perfect\.Days/,
    words:
      /^Radarr is not answering — AutoArr cannot tell whether Radarr grabbed this job, so no strikes until it is back$/,
  },
  {
    app: 'sabnzbd',
    mode: 'bad_key',
    held: /^(Perfect\.Days|Slow\.Horses)/,
    words: /^SABnzbd rejects AutoArr's API key — no strikes until it is back$/,
  },
];

describe('starting during an outage (issue 17.2)', () => {
  it.each(cases)(
    '$app $mode from the first poll: no strikes, no removal within a stall period of its return',
    {
      timeout: 120_000,
    },
    async ({ app, mode, held, words }) => {
      const sim = await startSimStack({ speed: 0, scenario: 'long_queue_stuck', modes: { [app]: mode } });
      h = await startMonitorHarness({ sim });
      const writesTo = () => h!.sim.control.writes().filter((w) => w.method === 'DELETE' && held.test(deleted(w.path)));
      const titles = new Map(h.sim.control.state.downloads.map((d) => [String(d.arrQueueId), d.title]));
      const deleted = (path: string) => titles.get(path.split('/').pop() ?? '') ?? '';

      await h.run(30 * MIN);
      const during = h.monitor.view.list().filter((d) => held.test(d.title));
      expect(during.length).toBeGreaterThan(0);
      for (const d of during) {
        expect(d.strikes.count).toBe(0);
        expect(d.explanation).toMatch(words);
      }
      const struck = (await h.ctx.activity.list({ pageSize: 500 })).items.filter(
        (e) => e.action === 'strike' && held.test(e.title ?? ''),
      );
      expect(struck).toEqual([]);
      expect(writesTo()).toEqual([]);

      await h.sim.control.setAppMode(app, 'ok');
      await h.run(14 * MIN + 50_000);
      // Back for almost a full stall period (15 min): the stuck jobs are being struck again, but nothing is removed.
      expect(writesTo()).toEqual([]);
      expect(h.monitor.view.list().filter((d) => held.test(d.title) && d.strikes.count > 0).length).toBeGreaterThan(0);

      // The stuck jobs really are stuck: they are removed once a full stall period has passed since the return.
      await h.run(2 * MIN);
      expect(writesTo().length).toBe(during.length);
    },
  );
});
