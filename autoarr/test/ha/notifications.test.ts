import { afterEach, describe, expect, it } from 'vitest';
import { notificationsFeature } from '../../src/ha/notify/notifications-feature.js';
import { HaLink } from '../../src/ha/websocket/ha-link.js';
import { startHaWsServer } from '../helpers/ha-ws-server.js';
import { download } from './fixtures.js';
import { makeContext, testSettings, until } from './harness.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(batchMs = 3_600_000) {
  const s = await startHaWsServer();
  cleanups.push(() => s.stop());
  const t = await makeContext(testSettings({ homeAssistant: { notifyService: 'notify.mobile_app_pixel' } }));
  const link = new HaLink({ url: s.url, token: s.token }, t.log, 200);
  let clock = 1_000_000;
  // Long windows so only flush() sends: the test decides when, never a timer.
  const f = notificationsFeature(t.ctx, link, {
    batchMs,
    minIntervalMs: 60_000,
    now: () => clock,
    link: () => '/hassio/ingress/x',
  });
  await f.start();
  link.start();
  cleanups.push(async () => {
    await f.stop();
    link.stop();
    await t.close();
  });
  await until(() => link.connected && s.subscriberCount('mobile_app_notification_action') === 1, 'subscribed');
  const ran: string[] = [];
  t.ctx.commands.register(
    'download.retry',
    async (a) => (ran.push(`retry ${a.id} by ${a.by}`), { ok: true, message: 'ok' }),
  );
  t.ctx.commands.register(
    'download.ignore',
    async (a) => (ran.push(`ignore ${a.id} ${a.ignored}`), { ok: true, message: 'ok' }),
  );
  t.ctx.commands.register(
    'monitor.retry_stalled',
    async () => (ran.push('retry all'), { ok: true, message: 'ok', count: 3 }),
  );
  return { s, t, f, ran, advance: (ms: number) => (clock += ms) };
}

describe('Actionable notifications', () => {
  it('sends Retry and Ignore actions carrying the download id, and performs them when the action comes back', async () => {
    const { s, t, f, ran } = await setup();
    t.ctx.bus.emit('download.stalled', { download: download(7, 'stalled'), reason: 'No progress for 20 minutes' });
    await f.notifier()!.flush();
    expect(s.calls).toHaveLength(1);
    const call = s.calls[0]!;
    expect(call).toMatchObject({ domain: 'notify', service: 'mobile_app_pixel' });
    expect(call.service_data).toMatchObject({
      title: 'Download stalled',
      message: 'Some Show S01E7: No progress for 20 minutes',
      data: {
        tag: 'autoarr_SABnzbd_nzo_7',
        url: '/hassio/ingress/x',
        actions: [
          { action: 'AUTOARR_RETRY_SABnzbd_nzo_7', title: 'Retry' },
          { action: 'AUTOARR_IGNORE_SABnzbd_nzo_7', title: 'Ignore' },
        ],
      },
    });
    s.emit('mobile_app_notification_action', { action: 'AUTOARR_RETRY_SABnzbd_nzo_7' });
    s.emit('mobile_app_notification_action', { action: 'AUTOARR_IGNORE_SABnzbd_nzo_7' });
    s.emit('mobile_app_notification_action', { action: 'SOMEONE_ELSES_ACTION' });
    s.emit('mobile_app_notification_action', { nonsense: true });
    await until(() => ran.length === 2, 'both actions');
    expect(ran).toEqual(['retry SABnzbd_nzo_7 by home_assistant_notification', 'ignore SABnzbd_nzo_7 true']);
  });

  it('groups many downloads failing at once into one notification with a Retry stalled action', async () => {
    const { s, t, f, ran } = await setup();
    for (let i = 1; i <= 8; i++)
      t.ctx.bus.emit('download.gave_up', { download: download(i, 'failed'), reason: 'gave up' });
    await f.notifier()!.flush();
    expect(s.calls).toHaveLength(1);
    expect(s.calls[0]!.service_data).toMatchObject({
      title: '8 downloads need attention',
      message: expect.stringContaining('and 3 more'),
      data: { actions: [{ action: 'AUTOARR_RETRY_STALLED', title: 'Retry stalled' }] },
    });
    s.emit('mobile_app_notification_action', { action: 'AUTOARR_RETRY_STALLED' });
    await until(() => ran.length === 1, 'retry all');
    expect(ran).toEqual(['retry all']);
  });

  it('does not notify more often than the minimum interval', async () => {
    // A short batch window, so only the minimum interval can hold the second one back.
    const { s, t, f, advance } = await setup(1_000);
    const n = f.notifier()!;
    t.ctx.bus.emit('download.import_blocked', { download: download(1, 'import_blocked'), reason: 'Not an upgrade' });
    const first = advance(0);
    expect(n.dueAt).toBe(first + 1_000);
    await n.flush();
    const sentAt = advance(10_000) - 10_000;
    t.ctx.bus.emit('download.import_blocked', { download: download(2, 'import_blocked'), reason: 'Not an upgrade' });
    expect(n.dueAt).toBe(sentAt + 60_000);
    expect(s.calls).toHaveLength(1);
    // The same download for the same reason within the hour is not news.
    await n.flush();
    t.ctx.bus.emit('download.import_blocked', { download: download(2, 'import_blocked'), reason: 'Not an upgrade' });
    expect(n.dueAt).toBeUndefined();
    expect(s.calls).toHaveLength(2);
  });
});
