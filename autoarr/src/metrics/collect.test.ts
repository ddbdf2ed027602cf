import { describe, expect, it } from 'vitest';
import type { ArrPort } from './app-clients.js';
import { collectArr, collectSabnzbd, countOf } from './collect.js';

describe('metrics collection', () => {
  it('counts list-shaped answers of every kind', () => {
    expect(countOf([1, 2, 3])).toBe(3);
    expect(countOf({ size: 4 })).toBe(4);
    expect(countOf({ MediaContainer: { Metadata: [{}, {}] } })).toBe(2);
    expect(countOf('nonsense')).toBe(0);
  });

  it('reads SABnzbd status, speed and warnings, and survives a failing warnings call', async () => {
    const queue = async () => ({
      paused: false,
      status: 'Downloading',
      speedBps: 1234.6,
      speedLimitPercent: 80,
      sizeLeftBytes: 10,
      timeLeftSeconds: 60.4,
      diskFreeBytes: 99,
      noOfSlots: 2,
    });
    const noop = async () => undefined;
    const m = await collectSabnzbd({
      queue,
      warnings: async () => [{ type: 'WARNING', text: 'Disk almost full', time: 1 }],
      pauseAll: noop,
      resumeAll: noop,
      setSpeedLimit: noop,
    });
    expect(m).toMatchObject({
      status: 'Downloading',
      speedBps: 1235,
      timeLeftSeconds: 60,
      queueCount: 2,
      warnings: ['Disk almost full'],
    });
    const quiet = await collectSabnzbd({
      queue,
      warnings: async () => Promise.reject(new Error('x')),
      pauseAll: noop,
      resumeAll: noop,
      setSpeedLimit: noop,
    });
    expect(quiet.warnings).toEqual([]);
  });

  it('takes the free space of the fullest disk that holds a root folder', async () => {
    const arr: ArrPort = {
      queue: async () => ({ totalRecords: 5 }),
      wantedMissing: async () => ({ totalRecords: null }),
      health: async () => [
        { type: 'error', source: 'RootFolderCheck', message: 'Missing root folder' },
        { message: null },
      ],
      diskSpace: async () => [
        { path: '/', freeSpace: 1 },
        { path: '/media', freeSpace: 500 },
        { path: '/media2', freeSpace: 200 },
      ],
      rootFolders: async () => [{ path: '/media/tv' }, { path: '/media2/tv' }],
      command: async () => undefined,
    };
    expect(await collectArr('sonarr', arr)).toEqual({
      kind: 'sonarr',
      queueCount: 5,
      missingCount: 0,
      healthIssues: [
        { type: 'error', source: 'RootFolderCheck', message: 'Missing root folder' },
        { type: 'warning', message: '' },
      ],
      diskFreeBytes: 200,
    });
  });
});
