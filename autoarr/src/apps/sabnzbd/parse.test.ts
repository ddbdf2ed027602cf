import { describe, expect, it } from 'vitest';
import { ShapeError } from '../common/shape.js';
import {
  mapFullStatus,
  mapHistory,
  mapQueue,
  mapWarnings,
  parseAge,
  parsePauseInt,
  parseSize,
  parseTimeLeft,
} from './parse.js';

const MB = 1024 * 1024;
const GB = 1024 * MB;

// Shapes as documented in ../shared/contracts/sabnzbd-api.md (numbers as strings, 0/1 booleans, H:MM:SS).
const queueSlot = {
  index: 0,
  nzo_id: 'SABnzbd_nzo_3k9w_vqa',
  unpackopts: '3',
  priority: 'Normal',
  script: 'None',
  filename: 'Example.Show.S02E05.1080p.WEB-DL.DDP5.1.H.264-GRP',
  labels: [],
  password: '',
  cat: 'tv',
  mbleft: '1024.50',
  mb: '4096.00',
  size: '4.0 GB',
  sizeleft: '1.0 GB',
  percentage: '74',
  mbmissing: '0.00',
  direct_unpack: '12/41',
  status: 'Downloading',
  timeleft: '0:00:40',
  avg_age: '3d',
  time_added: 1767225600,
};
const queueBody = {
  queue: {
    version: '5.0.1',
    paused: false,
    pause_int: '0',
    paused_all: false,
    diskspace1: '812.44',
    diskspace2: '3120.87',
    diskspacetotal1: '931.51',
    speedlimit: '100',
    speedlimit_abs: '0',
    have_warnings: '1',
    finishaction: null,
    kbpersec: '25600.00',
    mbleft: '2524.50',
    mb: '5596.00',
    noofslots_total: 2,
    noofslots: 2,
    status: 'Downloading',
    timeleft: '0:01:40',
    slots: [queueSlot],
  },
};

describe('value conversion', () => {
  it('parses time left in H:MM:SS and D:HH:MM:SS', () => {
    expect(parseTimeLeft('0:16:44')).toBe(16 * 60 + 44);
    expect(parseTimeLeft('1:02:03:04')).toBe(((24 + 2) * 60 + 3) * 60 + 4);
    expect(parseTimeLeft('0:00:00')).toBe(0);
    expect(parseTimeLeft('')).toBe(0);
    expect(parseTimeLeft('soon')).toBe(0);
  });

  it('parses to_units sizes in every documented form', () => {
    expect(parseSize('0')).toBe(0);
    expect(parseSize('0 ')).toBe(0);
    expect(parseSize('0 B')).toBe(0);
    expect(parseSize('512')).toBe(512);
    expect(parseSize('1 K')).toBe(1024);
    expect(parseSize('1.3 M')).toBe(Math.round(1.3 * MB));
    expect(parseSize('1.2 GB')).toBe(Math.round(1.2 * GB));
    expect(parseSize('161.2 G')).toBe(Math.round(161.2 * GB));
  });

  it('parses ages and timed pauses', () => {
    expect(parseAge('12d')).toBe(12);
    expect(parseAge('12h')).toBe(0.5);
    expect(parseAge('-')).toBeUndefined();
    expect(parsePauseInt('0')).toBeUndefined();
    expect(parsePauseInt('4:30')).toBe(270);
  });
});

describe('mapQueue', () => {
  it('converts strings to numbers and units to bytes', () => {
    const q = mapQueue(queueBody);
    expect(q).toMatchObject({
      paused: false,
      status: 'Downloading',
      speedBps: 25600 * 1024,
      speedLimitPercent: 100,
      sizeLeftBytes: Math.round(2524.5 * MB),
      timeLeftSeconds: 100,
      diskFreeBytes: Math.round(812.44 * GB),
      noOfSlots: 2,
      haveWarnings: 1,
    });
    expect(q.speedLimitBps).toBeUndefined();
    expect(q.pausedInt).toBeUndefined();
    expect(q.slots[0]).toEqual({
      nzoId: 'SABnzbd_nzo_3k9w_vqa',
      filename: 'Example.Show.S02E05.1080p.WEB-DL.DDP5.1.H.264-GRP',
      status: 'Downloading',
      category: 'tv',
      priority: 'Normal',
      sizeBytes: 4096 * MB,
      bytesLeft: Math.round(1024.5 * MB),
      percentage: 74,
      timeLeftSeconds: 40,
      labels: [],
      index: 0,
      addedAt: 1767225600,
      avgAgeDays: 3,
      missingBytes: 0,
      directUnpack: '12/41',
    });
  });

  it('accepts a paused queue with a timed pause, an absolute limit, empty strings and no slots', () => {
    const q = mapQueue({
      queue: {
        ...queueBody.queue,
        paused: true,
        pause_int: '9:59',
        speedlimit_abs: '5242880',
        kbpersec: '',
        slots: [],
      },
    });
    expect(q.paused).toBe(true);
    expect(q.pausedInt).toBe(599);
    expect(q.speedLimitBps).toBe(5242880);
    expect(q.speedBps).toBe(0);
    expect(q.slots).toEqual([]);
  });

  it('keeps unicode names and labels', () => {
    const q = mapQueue({
      queue: {
        ...queueBody.queue,
        slots: [{ ...queueSlot, filename: 'Ünïcödé.Shöw.東京.S01E01', labels: ['DUPLICATE', 'ENCRYPTED'] }],
      },
    });
    expect(q.slots[0]!.filename).toBe('Ünïcödé.Shöw.東京.S01E01');
    expect(q.slots[0]!.labels).toEqual(['DUPLICATE', 'ENCRYPTED']);
  });

  it('throws a ShapeError naming the place when the body is not a queue', () => {
    expect(() => mapQueue({ status: true })).toThrow(ShapeError);
    expect(() => mapQueue({ queue: { slots: [{ filename: 'x' }] } })).toThrow('queue.slots[0].nzo_id is missing');
  });
});

describe('mapHistory', () => {
  const failed = {
    completed: 1767236500,
    name: 'Example.Show.S02E03',
    nzb_name: 'Example.Show.S02E03.nzb',
    category: 'tv',
    status: 'Failed',
    nzo_id: 'SABnzbd_nzo_w7lk3uya',
    storage: '',
    path: '/downloads/incomplete/Example.Show.S02E03',
    download_time: 131,
    postproc_time: 0,
    stage_log: [{ name: 'Download', actions: ['Aborted'] }],
    downloaded: 123,
    completeness: null,
    fail_message: 'Aborted, cannot be completed - https://sabnzbd.org/not-complete',
    bytes: 3214000000,
    meta: null,
    series: null,
    password: null,
    archive: false,
    time_added: 1767236000,
    loaded: false,
    retry: true,
  };

  it('maps a failed item with its fail message and retry flag', () => {
    const h = mapHistory({ history: { noofslots: 1, last_history_update: 1842, slots: [failed] } });
    expect(h.unchanged).toBe(false);
    expect(h.lastHistoryUpdate).toBe(1842);
    expect(h.slots[0]).toMatchObject({
      nzoId: 'SABnzbd_nzo_w7lk3uya',
      status: 'Failed',
      failMessage: 'Aborted, cannot be completed - https://sabnzbd.org/not-complete',
      bytes: 3214000000,
      completedAt: 1767236500,
      downloadTime: 131,
      retry: true,
      stageLog: [{ name: 'Download', actions: ['Aborted'] }],
    });
    expect(h.slots[0]!.postProcessing).toBeUndefined();
  });

  it('marks items in post-processing with their current action', () => {
    const h = mapHistory({
      history: {
        noofslots: 1,
        slots: [{ ...failed, status: 'Extracting', loaded: true, action_line: 'Unpacking 7/41' }],
      },
    });
    expect(h.slots[0]!.postProcessing).toBe('Unpacking 7/41');
  });

  it('understands {"history": false} (nothing changed) and missing fields', () => {
    expect(mapHistory({ history: false })).toEqual({ noOfSlots: 0, slots: [], unchanged: true });
    const h = mapHistory({ history: { slots: [{ nzo_id: 'SABnzbd_nzo_x', retry: 0, stage_log: null }] } });
    expect(h.noOfSlots).toBe(1);
    expect(h.slots[0]).toMatchObject({ name: '', failMessage: '', bytes: 0, retry: false, stageLog: [] });
  });

  it('names the history slot that is not an object or has no id, and takes numeric ids', () => {
    const ok = { ...failed, nzo_id: 'SABnzbd_nzo_ok' };
    expect(() => mapHistory({ history: { slots: [ok, ok, ['x']] } })).toThrow('history.slots[2] is not an object');
    expect(() => mapHistory({ history: { slots: [ok, { name: 'x' }] } })).toThrow('history.slots[1].nzo_id is missing');
    const h = mapHistory({ history: { slots: [{ ...ok, nzo_id: 42 }] } });
    expect(h.slots[0]!.nzoId).toBe('42');
  });

  it('keeps only the strings of a stage action list', () => {
    const stage_log = [
      { name: 'Unpack', actions: ['done', 3, null, 'ok'] },
      { name: 'Repair', actions: ['fine'] },
    ];
    const h = mapHistory({ history: { slots: [{ ...failed, stage_log }] } });
    expect(h.slots[0]!.stageLog).toEqual([
      { name: 'Unpack', actions: ['done', 'ok'] },
      { name: 'Repair', actions: ['fine'] },
    ]);
  });

  it('maps a 10 000-item history', () => {
    const slots = Array.from({ length: 10_000 }, (_, i) => ({ ...failed, nzo_id: `SABnzbd_nzo_${i}` }));
    const h = mapHistory({ history: { noofslots: 10_000, slots } });
    expect(h.slots).toHaveLength(10_000);
    expect(h.slots[9_999]!.nzoId).toBe('SABnzbd_nzo_9999');
  });
});

describe('status and warnings', () => {
  it('maps fullstatus without the key and converts server flags', () => {
    const s = mapFullStatus({
      status: {
        version: '5.0.1',
        paused: true,
        paused_all: false,
        pause_int: '0',
        apikey: 'secret-key-value',
        completedir: '/downloads/complete',
        downloaddir: '/downloads/incomplete',
        diskspace1: '0.40',
        folders: ['orphan'],
        warnings: [{ type: 'WARNING', text: 'Too little diskspace forcing PAUSE', time: 1767233000, origin: 'x' }],
        new_release: false,
        servers: [
          { servername: 'news', serveractive: true, serveractiveconn: 8, serveroptional: 0, serverbps: '11.1 M' },
        ],
      },
    });
    expect(JSON.stringify(s)).not.toContain('secret-key-value');
    expect(s.completeDir).toBe('/downloads/complete');
    expect(s.diskFreeBytes).toBe(Math.round(0.4 * GB));
    expect(s.newRelease).toBeUndefined();
    expect(s.servers[0]).toMatchObject({ name: 'news', active: true, activeConnections: 8, optional: false });
    expect(s.warnings[0]!.text).toContain('diskspace');
  });

  it('accepts warnings as objects or as plain strings (old versions)', () => {
    expect(mapWarnings(['disk full'])[0]).toEqual({ type: 'WARNING', text: 'disk full', time: 0, origin: '' });
    expect(mapWarnings(undefined)).toEqual([]);
  });
});
