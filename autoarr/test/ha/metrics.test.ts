import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/metrics-feature.js';
import type { AppMetricsEvent } from '../../src/shared/types.js';
import { makeContext, testSettings, until } from './harness.js';

describe('stack metrics feature', () => {
  it('emits app.metrics per instance, and one app that fails neither stops the others nor floods the log', async () => {
    const t = await makeContext(testSettings());
    const seen: AppMetricsEvent[] = [];
    t.ctx.bus.on('app.metrics', (e) => void seen.push(e));
    const clients = t.stack!.clients;
    const broken = {
      ...clients,
      plex: () => ({ ...clients.plex('plex'), sessions: () => Promise.reject(new Error('Plex did not answer')) }),
    };
    const m = createMetrics(t.ctx, { clients: broken, intervalMs: 3_600_000 });
    await m.pollNow();
    await m.pollNow();
    expect(seen.map((e) => e.instanceId).sort()).toEqual([
      'radarr',
      'radarr',
      'sabnzbd',
      'sabnzbd',
      'sonarr',
      'sonarr',
    ]);
    expect(seen.find((e) => e.instanceId === 'sabnzbd')!.metrics).toMatchObject({
      kind: 'sabnzbd',
      speedBps: 2_500_000,
      queueCount: 4,
    });
    expect(t.log.records.filter((r) => r.msg === 'Could not read metrics from Plex')).toHaveLength(1);
    expect(m.latest()).toHaveLength(3);
    await t.close();
  });
});

describe('SABnzbd metrics from the monitor poll', () => {
  it("shows the monitor's queue figures without reading the queue again, and reads it itself when the monitor did not poll", async () => {
    const t = await makeContext(testSettings());
    const seen: AppMetricsEvent[] = [];
    t.ctx.bus.on('app.metrics', (e) => void seen.push(e));
    const clients = t.stack!.clients;
    let queueReads = 0;
    let warningReads = 0;
    const counted = {
      ...clients,
      sabnzbd: (id?: string) => {
        const sab = clients.sabnzbd(id);
        return {
          ...sab,
          queue: (o?: { start?: number; limit?: number }) => (queueReads++, sab.queue(o)),
          warnings: () => (warningReads++, Promise.resolve([{ text: 'Disk almost full' }])),
        };
      },
    };
    const m = createMetrics(t.ctx, { clients: counted, intervalMs: 3_600_000 });
    m.feature.start();
    const sabSeen = () => seen.filter((e) => e.instanceId === 'sabnzbd');
    await until(() => sabSeen().length === 1, 'the first metrics at start');
    queueReads = 0;
    warningReads = 0;

    t.ctx.bus.emit('app.polled', {
      instanceId: 'sabnzbd',
      paused: false,
      queue: {
        paused: false,
        status: 'Downloading',
        speedBps: 1_234_567.4,
        speedLimitPercent: 80,
        sizeLeftBytes: 5e9,
        timeLeftSeconds: 100,
        diskFreeBytes: 7e11,
        noOfSlots: 9,
      },
    });
    await m.tick();
    expect(queueReads).toBe(0);
    expect(warningReads).toBe(1);
    expect(sabSeen().at(-1)!.metrics).toMatchObject({
      kind: 'sabnzbd',
      speedBps: 1_234_567,
      speedLimitPercent: 80,
      queueCount: 9,
      warnings: ['Disk almost full'],
    });

    // No monitor poll since the last tick (monitor stopped, or a failed read): the metrics read the queue again.
    t.ctx.bus.emit('app.polled', {
      instanceId: 'sabnzbd',
      error: { kind: 'unreachable', message: 'SABnzbd did not answer' },
    });
    await m.tick();
    expect(queueReads).toBe(1);
    expect(sabSeen().at(-1)!.metrics).toMatchObject({ speedBps: 2_500_000, queueCount: 4 });
    m.feature.stop();
    await t.close();
  });
});
