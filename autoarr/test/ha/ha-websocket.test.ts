import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_BACKOFF, HaLink } from '../../src/ha/websocket/ha-link.js';
import { websocketUrl } from '../../src/ha/websocket/socket.js';
import { haWebsocketFeature } from '../../src/ha/websocket/websocket-feature.js';
import { startHaWsServer, type HaWsServer } from '../helpers/ha-ws-server.js';
import { download } from './fixtures.js';
import { makeContext, testSettings, until } from './harness.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(server: HaWsServer, token = server.token, queueSize?: number) {
  const t = await makeContext(testSettings());
  const link = new HaLink({ url: server.url, token }, t.log, 200);
  const f = haWebsocketFeature(t.ctx, link, {
    disabledMessage: 'off',
    uiLink: () => '/hassio/ingress/local_autoarr',
    queueSize,
  });
  await f.start();
  cleanups.push(async () => {
    await f.stop();
    await t.close();
  });
  return { ...t, link, f };
}

async function server(opts: Parameters<typeof startHaWsServer>[0] = {}) {
  const s = await startHaWsServer(opts);
  cleanups.push(() => s.stop());
  return s;
}

describe('Home Assistant events over the websocket', () => {
  it('authenticates through the Supervisor proxy path and fires autoarr_* events with their data', async () => {
    const s = await server({ path: '/core/websocket', token: 'supervisor-token-abc' });
    const url = websocketUrl({ addon: true, supervisorUrl: `http://127.0.0.1:${s.port}` });
    expect(url).toBe(`ws://127.0.0.1:${s.port}/core/websocket`);
    const t = await setup({ ...s, url: url! }, 'supervisor-token-abc');
    await until(() => t.ctx.health.parts().homeAssistant?.state === 'connected', 'connected');
    expect(t.ctx.health.parts().homeAssistant?.message).toContain('2026.8.0');

    t.ctx.bus.emit('download.stalled', { download: download(3, 'stalled'), reason: 'No progress for 20 minutes' });
    t.ctx.bus.emit('download.import_blocked', { download: download(4, 'import_blocked'), reason: 'Not an upgrade' });
    t.ctx.bus.emit('download.completed', { download: download(5, 'completed'), reason: 'Imported' });
    await until(() => s.fired.length === 3, 'three events');
    expect(s.fired.map((e) => e.event_type)).toEqual([
      'autoarr_download_stalled',
      'autoarr_import_blocked',
      'autoarr_download_completed',
    ]);
    expect(s.fired[0]!.event_data).toMatchObject({
      download_id: 'SABnzbd_nzo_3',
      title: download(3).title,
      app: 'sonarr',
      media: { kind: 'episode', label: 'Some Show S01E3' },
      reason: 'No progress for 20 minutes',
      strikes: 2,
      explanation: 'Downloading',
      link: '/hassio/ingress/local_autoarr',
    });
  });

  it('builds the container URL from HA_URL', () => {
    expect(websocketUrl({ addon: false, haUrl: 'https://ha.example:8123/' })).toBe(
      'wss://ha.example:8123/api/websocket',
    );
    expect(websocketUrl({ addon: false })).toBeUndefined();
  });

  it('keeps events in a bounded queue while Home Assistant is away and delivers them when it is back', async () => {
    const s = await server();
    const t = await setup(s, s.token, 3);
    await until(() => t.link.connected, 'connected');
    await s.stop();
    await until(() => !t.link.connected, 'disconnected');
    for (let i = 1; i <= 5; i++)
      t.ctx.bus.emit('download.failed', { download: download(i, 'failed'), reason: `fail ${i}` });
    expect(t.f.bridge()!.pending).toBe(3);
    expect(t.f.bridge()!.dropped).toBe(2);
    expect(t.ctx.health.parts().homeAssistant?.state).toBe('disconnected');
    await s.start();
    await until(() => s.fired.length === 3, 'queued events delivered', 20_000);
    expect(s.fired.map((e) => e.event_data.reason)).toEqual(['fail 3', 'fail 4', 'fail 5']);
  });

  it('says so once when the token is rejected, degrades health, and keeps trying less and less often', async () => {
    const s = await server();
    const t = await makeContext(testSettings());
    // The real back-off is 1 min doubling to 1 h; the same schedule scaled down.
    const link = new HaLink({ url: s.url, token: 'wrong-token-000' }, t.log, 200, 30_000, { firstMs: 150, maxMs: 600 });
    const f = haWebsocketFeature(t.ctx, link, { disabledMessage: 'off' });
    await f.start();
    cleanups.push(async () => {
      await f.stop();
      await t.close();
    });
    await until(() => s.auths.length >= 5, 'five attempts', 20_000);
    expect(s.auths.every((a) => a === 'invalid')).toBe(true);
    const gaps = s.authAt.slice(1, 5).map((at, i) => at - s.authAt[i]!);
    const expected = [150, 300, 600, 600];
    gaps.forEach((g, i) => expect(g, `gap ${i}: ${gaps.join(', ')}`).toBeGreaterThanOrEqual(expected[i]! - 10));
    expect(gaps[3], 'capped at the maximum').toBeLessThan(600 + 500);
    const said = t.log.records.filter((r) => /rejected the access token/.test(r.msg));
    expect(said.map((r) => r.level)).toEqual(['warning']);
    const parts = t.ctx.health.parts();
    expect(parts.homeAssistant).toMatchObject({
      state: 'disconnected',
      message: expect.stringContaining('rejected the access token'),
    });
    expect(parts.problems).toEqual([{ source: 'home-assistant', message: parts.homeAssistant!.message }]);
    // The bus never waits for Home Assistant.
    t.ctx.bus.emit('download.stalled', { download: download(1, 'stalled'), reason: 'x' });
    expect(f.bridge()!.pending).toBe(1);
  });

  it('waits a minute after a rejected token by default, and tries at once when the settings change', async () => {
    const s = await server();
    const t = await setup(s, 'wrong-token-000');
    await until(() => s.auths.length === 1 && t.link.rejected, 'the first rejection');
    expect(AUTH_BACKOFF).toEqual({ firstMs: 60_000, maxMs: 3_600_000 });
    const changedAt = performance.now();
    t.ctx.bus.emit('settings.changed', { key: 'dryRun', value: true });
    await until(() => s.auths.length === 2, 'a second attempt right after the change');
    expect(s.authAt[1]! - changedAt).toBeLessThan(5_000);
    expect(t.log.records.filter((r) => /rejected the access token/.test(r.msg))).toHaveLength(1);
  });

  it('reconnects when Home Assistant stops answering pings', async () => {
    const s = await server();
    const t = await makeContext(testSettings());
    const link = new HaLink({ url: s.url, token: s.token }, t.log, 200, 100);
    cleanups.push(async () => {
      link.stop();
      await t.close();
    });
    link.start();
    await until(() => link.connected, 'connected');
    s.ignorePings = true;
    await until(
      () => t.log.records.some((r) => /did not answer a ping/.test(r.msg)),
      'the missing pong noticed',
      20_000,
    );
    s.ignorePings = false;
    await until(() => s.auths.length >= 2 && link.connected, 'a new connection', 20_000);
  });

  it('reports Home Assistant as disabled when nothing is configured', async () => {
    const t = await makeContext(testSettings());
    const f = haWebsocketFeature(t.ctx, undefined, { disabledMessage: 'Home Assistant events are off; set HA_URL' });
    await f.start();
    expect(t.ctx.health.parts().homeAssistant).toEqual({
      state: 'disabled',
      message: 'Home Assistant events are off; set HA_URL',
    });
    await f.stop();
    await t.close();
  });
});
