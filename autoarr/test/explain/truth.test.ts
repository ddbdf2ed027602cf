// AutoArr's own explanation is true in each state the real monitor reaches against the simulated stack: it never
// promises a replacement the monitor will not make (an import "left for a person"), says what a recovery in
// progress is doing, how a SABnzbd-only retry ended, and the endpoints check the API token like every other.
import { afterEach, expect, it } from 'vitest';
import { explainFeature } from '../../src/explain/feature.js';
import { createHttpApp } from '../../src/http/app.js';
import { startMonitorHarness, type MonitorHarness } from '../monitor/harness.js';

const MIN = 60_000;
let h: MonitorHarness | undefined;
afterEach(async () => {
  await h?.close();
  await h?.sim.stop();
  h = undefined;
});

async function explained(x: MonitorHarness, state: string, app?: string) {
  const d = x.monitor.view.list().find((i) => i.state === state && (!app || i.app === app));
  expect(d, `a ${state} download`).toBeDefined();
  return (await explainFeature(x.ctx, { view: x.monitor.view }).service.download(d!.id)).text;
}

it('an import left for a person: no promise of a replacement, and what to fix where', async () => {
  h = await startMonitorHarness({ scenario: 'import_blocked' });
  await h.tick();
  expect(h.ctx.runtime.get()).toMatchObject({ autoRecovery: true, dryRun: false });
  const text = await explained(h, 'import_blocked', 'sonarr');
  expect(text).toContain('left for a person to decide (never removed)');
  expect(text).not.toMatch(/removes this release|AutoArr is replacing|Automatic recovery is on/);
  expect(text).toContain('Fix what Sonarr says');
});

it('a stalled download AutoArr is replacing says so, with its search count', async () => {
  h = await startMonitorHarness({ scenario: 'stalled' });
  await h.tick();
  await h.run(15 * MIN, MIN);
  const text = await explained(h, 'recovering', 'radarr');
  expect(text).toContain('in Radarr is being recovered by AutoArr.');
  expect(text).toMatch(/AutoArr removed the release and asked Radarr for another \(search 1 of \d\)/);
});

it('a SABnzbd-only job that failed again after its one retry: AutoArr does nothing more, a person can retry', async () => {
  h = await startMonitorHarness({ scenario: 'sab_failed' });
  await h.tick();
  await h.run(15 * MIN, MIN);
  const text = await explained(h, 'failed', 'sabnzbd');
  expect(text).toContain(
    'AutoArr retried it once in SABnzbd and it failed again, so it does nothing more for it by itself.',
  );
  expect(text).toContain('You can retry it in SABnzbd, or remove it.');
  expect(text).not.toContain('Replace…');
});

it('checks the API token, like the rest of the API', async () => {
  h = await startMonitorHarness({ scenario: 'healthy' });
  // Only the explanation routes are mounted: they carry their own access check. (app.request() has no socket, so
  // no token and a wrong one are both refused.)
  const http = createHttpApp(h.ctx, explainFeature(h.ctx, { view: h.monitor.view }).routes?.() ?? []);
  const wrong = { headers: { authorization: 'Bearer wrong-token' } };
  expect((await http.request('/api/downloads/x/explain')).status).toBe(401);
  expect((await http.request('/api/downloads/x/explain', wrong)).status).toBe(401);
  expect((await http.request('/api/audit/findings/f_000000000000/explain', wrong)).status).toBe(401);
  const ok = await http.request('/api/downloads/x/explain', { headers: { authorization: `Bearer ${h.token}` } });
  expect(ok.status).toBe(404);
});
