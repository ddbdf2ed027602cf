import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/metrics-feature.js';
import type { AppMetricsEvent } from '../../src/shared/types.js';
import { makeContext, testSettings } from './harness.js';

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
