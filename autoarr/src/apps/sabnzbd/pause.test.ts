import { describe, expect, it } from 'vitest';
import { parseSabSize, selfPauseMessage, selfPauseReason } from './pause.js';
import type { SabQueue } from './types.js';

const GIB = 1024 ** 3;
const queue = (over: Partial<SabQueue> = {}): SabQueue => ({
  paused: true,
  status: 'Paused',
  speedBps: 0,
  speedLimitPercent: 100,
  sizeLeftBytes: 5 * GIB,
  timeLeftSeconds: 0,
  diskFreeBytes: 0.31 * GIB,
  completeDiskFreeBytes: 200 * GIB,
  diskTotalBytes: 465 * GIB,
  noOfSlots: 2,
  noOfSlotsTotal: 2,
  haveWarnings: 1,
  version: '5.0.1',
  slots: [],
  ...over,
});
const warning = { type: 'WARNING', text: 'Too little diskspace forcing PAUSE', time: 1, origin: 'downloader.py812' };

describe("SABnzbd's own pause", () => {
  it('reads SABnzbd size settings', () => {
    expect(parseSabSize('500M')).toEqual({ bytes: 500 * 1024 ** 2, text: '500 MB' });
    expect(parseSabSize('1.5G')).toEqual({ bytes: 1.5 * GIB, text: '1.5 GB' });
    expect(parseSabSize('200000')).toEqual({ bytes: 200000, text: '200000 bytes' });
    expect(parseSabSize('')).toBeUndefined();
    expect(parseSabSize('0')).toBeUndefined();
    expect(parseSabSize('lots')).toBeUndefined();
  });

  it('is low disk space in its own figures when free space is under download_free or complete_free', () => {
    expect(selfPauseReason(queue(), { download_free: '500M' }, [])).toBe(
      'paused: low disk space (0.31 GB free, needs 500 MB)',
    );
    expect(
      selfPauseReason(queue({ diskFreeBytes: 50 * GIB, completeDiskFreeBytes: 2 * GIB }), { complete_free: '5G' }, []),
    ).toBe('paused: low disk space in the complete folder (2.00 GB free, needs 5 GB)');
  });

  it('is not a fault when a person paused it, or when it is not paused, even with an old warning', () => {
    expect(selfPauseReason(queue({ diskFreeBytes: 50 * GIB }), { download_free: '500M' }, [warning])).toBeUndefined();
    expect(selfPauseReason(queue({ paused: false }), { download_free: '500M' }, [warning])).toBeUndefined();
    expect(selfPauseReason(queue(), undefined, [])).toBeUndefined();
  });

  it("without access to the config, SABnzbd's own warning is the evidence", () => {
    expect(selfPauseReason(queue(), undefined, [warning])).toBe(
      'paused: low disk space (0.31 GB free on the download disk)',
    );
  });

  it('says whether SABnzbd resumes by itself only when its config says so', () => {
    const reason = 'paused: low disk space (0.31 GB free, needs 500 MB)';
    expect(selfPauseMessage('SABnzbd', reason, { fulldisk_autoresume: true })).toContain(
      'it resumes by itself once there is room',
    );
    expect(selfPauseMessage('SABnzbd', reason, { fulldisk_autoresume: false })).toContain(
      'it does not resume by itself',
    );
    expect(selfPauseMessage('SABnzbd', reason, undefined)).toContain('then resume it if it does not resume by itself');
  });
});
