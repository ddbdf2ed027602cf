// REST and commands through the HTTP app (app.request, no socket), zod-validated bodies, one JSON error shape.
import { afterEach, describe, expect, it } from 'vitest';
import { sabAddUrl } from '../../src/sim/world/actions.js';
import type { ActivityEntry, Download, DownloadPage, Paged } from '../../src/shared/types.js';
import { startMonitorHarness, type MonitorHarness } from './harness.js';

const MIN = 60_000;
let h: MonitorHarness | undefined;
afterEach(async () => {
  await h?.close();
  await h?.sim.stop();
  h = undefined;
});

function call(x: MonitorHarness, method: string, path: string, body?: unknown) {
  return x.http.request(path, {
    method,
    headers: {
      authorization: `Bearer ${x.token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
}

describe('/api/downloads and /api/activity', () => {
  it('lists, filters, shows a timeline, ignores, retries and validates input', async () => {
    h = await startMonitorHarness({ scenario: 'stalled' });
    await h.ctx.runtime.set('autoRecovery', false);
    await h.tick();
    await h.run(15 * MIN, MIN);

    const all = (await (await call(h, 'GET', '/api/downloads')).json()) as { items: Download[] };
    expect(all.items.map((d) => `${d.app} ${d.state}`).sort()).toEqual(['radarr stalled', 'sonarr completed']);
    const stalled = (await (await call(h, 'GET', '/api/downloads?state=stalled&app=radarr')).json()) as {
      items: Download[];
    };
    expect(stalled.items.map((d) => d.title)).toEqual([expect.stringMatching(/^Oppenheimer/)]);
    const id = stalled.items[0]!.id;
    expect((await call(h, 'GET', '/api/downloads?state=nonsense')).status).toBe(400);

    const one = (await (await call(h, 'GET', `/api/downloads/${id}`)).json()) as Download & {
      timeline: ActivityEntry[];
    };
    expect(one.strikes).toMatchObject({ count: 3, max: 3 });
    expect(one.timeline.map((e) => e.action)).toEqual(['strike', 'strike', 'stalled', 'skipped']);
    const missing = await call(h, 'GET', '/api/downloads/nope');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'not_found' });

    expect((await call(h, 'POST', `/api/downloads/${id}/ignore`, { ignored: 'yes' })).status).toBe(400);
    expect((await call(h, 'POST', `/api/downloads/${id}/ignore`, '{bad')).status).toBe(400);
    expect((await call(h, 'POST', `/api/downloads/${id}/remove`, {})).status).toBe(400);
    expect((await call(h, 'POST', `/api/downloads/${id}/ignore`)).status).toBe(200);
    expect(h.monitor.view.get(id)!.ignored).toBe(true);
    expect((await call(h, 'POST', `/api/downloads/${id}/ignore`, { ignored: false })).status).toBe(200);
    expect(h.monitor.view.get(id)!.ignored).toBe(false);

    const retry = await call(h, 'POST', `/api/downloads/${id}/retry`);
    expect(retry.status).toBe(200);
    expect(h.sim.control.writes({ app: 'radarr' }).map((w) => w.method)).toEqual(['DELETE', 'POST']);

    const page = (await (
      await call(h, 'GET', `/api/activity?pageSize=3&downloadId=${id}`)
    ).json()) as Paged<ActivityEntry>;
    expect(page.items).toHaveLength(3);
    expect(page.total).toBeGreaterThan(6);
    expect((await call(h, 'GET', '/api/activity?pageSize=5000')).status).toBe(400);
  });

  it('emits one event per transition and downloads.updated only when something changed', async () => {
    h = await startMonitorHarness({ scenario: 'import_blocked' });
    await h.tick();
    await h.tick();
    await h.tick();
    expect(h.named('download.import_blocked')).toHaveLength(2);
    expect(h.named('downloads.updated')).toHaveLength(1);
  });

  it('monitor.retry_stalled retries every stalled download', async () => {
    h = await startMonitorHarness({ scenario: 'stalled' });
    await h.ctx.runtime.set('autoRecovery', false);
    await h.tick();
    await h.run(15 * MIN, MIN);
    const r = await h.ctx.commands.run('monitor.retry_stalled', { by: 'test' });
    expect(r).toMatchObject({ ok: true, count: 1 });
    // The same over REST (Home Assistant's autoarr.retry_stalled): nothing is stalled any more.
    const rest = await call(h, 'POST', '/api/downloads/retry-stalled');
    expect(rest.status).toBe(200);
    expect(await rest.json()).toMatchObject({
      ok: true,
      count: 0,
      message: '0 of 0 stalled or failed downloads retried',
    });
    const removal = await h.ctx.commands.run('download.remove', { id: 'nope', blocklist: false, by: 'test' });
    expect(removal.ok).toBe(false);
  });
});

describe('/api/downloads paging', () => {
  it('with 1 250 queued jobs the default answer is one small page, and totals and filters are right', async () => {
    h = await startMonitorHarness({ scenario: 'healthy' });
    for (let i = 0; i < 1250; i++)
      sabAddUrl(h.sim.control.state, `https://indexer.example/get/${i}.nzb`, `Linux.ISO.${i}`, '*', 0);
    await h.tick();
    const arrCount = h.monitor.view.list().filter((d) => d.app !== 'sabnzbd').length;
    expect(arrCount).toBeGreaterThan(0);

    const res = await call(h, 'GET', '/api/downloads');
    const text = await res.text();
    const first = JSON.parse(text) as DownloadPage;
    expect(first.items).toHaveLength(50);
    expect(first).toMatchObject({ page: 1, pageSize: 50, total: 1250 + arrCount });
    expect(Buffer.byteLength(text)).toBeLessThan(30_000); // the whole list is ~640 KB
    expect(first.byState.queued).toBeGreaterThanOrEqual(1250);

    const sab = (await (await call(h, 'GET', '/api/downloads?app=sabnzbd&pageSize=500&page=3')).json()) as DownloadPage;
    expect(sab).toMatchObject({ total: 1250, page: 3, pageSize: 500 });
    expect(sab.items).toHaveLength(250);
    expect(sab.items.every((d) => d.app === 'sabnzbd')).toBe(true);

    const arr = (await (await call(h, 'GET', '/api/downloads?app=sonarr')).json()) as DownloadPage;
    expect(arr.items.every((d) => d.app === 'sonarr')).toBe(true);
    const none = (await (await call(h, 'GET', '/api/downloads?state=stalled,failed')).json()) as DownloadPage;
    expect(none).toMatchObject({ total: 0, items: [] });
    expect(none.byState.queued).toBe(first.byState.queued);

    expect((await call(h, 'GET', '/api/downloads?pageSize=501')).status).toBe(400);
    expect((await call(h, 'GET', '/api/downloads?page=0')).status).toBe(400);
  });
});
