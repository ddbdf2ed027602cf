import { describe, expect, it } from 'vitest';
import type { Download } from '../../shared/types.js';
import { StackState } from './state.js';

const d = (id: string, state: Download['state'], ignored = false) =>
  ({
    id,
    title: `T ${id}`,
    app: 'sonarr',
    instanceId: 'sonarr',
    state,
    ignored,
    progress: 50,
    sizeBytes: 1,
    bytesLeft: 1,
    strikes: { count: 0, max: 3 },
    media: { kind: 'unknown' },
  }) as unknown as Download;

const none = { failed24h: 0, recoveries24h: 0 };

describe('StackState', () => {
  it('shows the counters and the last recovery from the Stats summary', () => {
    const s = new StackState();
    const stats = {
      failed24h: 2,
      recoveries24h: 1,
      lastRecovery: {
        at: '2026-06-01T12:00:00.000Z',
        id: 'a',
        title: 'T a',
        app: 'sonarr',
        instance: 'sonarr',
        reason: 'Searched again',
      },
      audit: { score: 87, findings: 4 },
    };
    expect(s.hubState({ autoRecovery: true, dryRun: false }, stats)).toMatchObject({
      failed_24h: 2,
      recoveries_24h: 1,
      audit_score: 87,
      audit_findings: 4,
    });
    expect(s.lastRecovery(stats)).toEqual({
      at: '2026-06-01T12:00:00.000Z',
      attributes: { title: 'T a', download_id: 'a', app: 'sonarr', instance: 'sonarr', reason: 'Searched again' },
    });
    expect(s.hubState({ autoRecovery: true, dryRun: false }, none)).toMatchObject({
      audit_score: null,
      audit_findings: null,
    });
    expect(s.lastRecovery(none)).toBeUndefined();
  });

  it('flags a problem only for downloads that are not ignored', () => {
    const s = new StackState();
    s.downloads = [d('a', 'stalled', true), d('b', 'downloading'), d('c', 'completed')];
    expect(s.hubState({ autoRecovery: true, dryRun: true }, none)).toMatchObject({
      problem: 'OFF',
      stalled: 0,
      downloads: 2,
      dry_run: 'ON',
    });
    s.downloads = [d('a', 'import_blocked')];
    expect(s.hubState({ autoRecovery: true, dryRun: false }, none).problem).toBe('ON');
  });

  it('lists the top 20 with speed and the retry topic, under 16 KB even with long titles', () => {
    const s = new StackState();
    s.downloads = Array.from({ length: 40 }, (_, i) => ({
      ...d(`SABnzbd_nzo_${i}`, i === 7 ? 'stalled' : 'downloading'),
      title: `A.Very.Long.Release.Name.${'x'.repeat(300)}.${i}`,
      speedBps: 1000 * i + 0.6,
      etaSeconds: 60,
    })) as Download[];
    const out = s.downloadsAttributes('autoarr/hub/retry_download/set') as {
      total: number;
      retry_topic: string;
      downloads: Array<{ id: string; speed: number; title: string }>;
    };
    expect(out.total).toBe(40);
    expect(out.retry_topic).toBe('autoarr/hub/retry_download/set');
    expect(out.downloads).toHaveLength(20);
    expect(out.downloads[0]).toMatchObject({ id: 'SABnzbd_nzo_7', speed: 7001 });
    expect(out.downloads.every((x) => x.title.length <= 90 && Number.isInteger(x.speed))).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(out))).toBeLessThan(16_000);
    expect(s.downloadsAttributes()).not.toHaveProperty('retry_topic');
  });
});
