import type { Download, DownloadState } from '../../src/shared/types.js';

export function download(n: number, state: DownloadState = 'downloading', over: Partial<Download> = {}): Download {
  return {
    id: `SABnzbd_nzo_${n}`,
    instanceId: n % 2 ? 'sonarr' : 'radarr',
    app: n % 2 ? 'sonarr' : 'radarr',
    downloadClientInstanceId: 'sabnzbd',
    title: `Some.Show.S01E${String(n).padStart(2, '0')}.1080p.WEB.h264-GROUP`,
    media: { kind: 'episode', seriesId: 1, episodeIds: [n], label: `Some Show S01E${n}` },
    protocol: 'usenet',
    category: 'tv',
    state,
    progress: 42.7,
    sizeBytes: 2_000_000_000,
    bytesLeft: 1_146_000_000,
    speedBps: 1_000_000,
    etaSeconds: 1146,
    strikes: { count: state === 'stalled' ? 2 : 0, max: 3 },
    firstSeen: '2026-01-01T00:00:00.000Z',
    explanation: 'Downloading',
    ignored: false,
    ...over,
  };
}
