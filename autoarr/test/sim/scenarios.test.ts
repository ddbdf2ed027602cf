// What each scenario looks like from the outside, through the apps' own APIs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimStack, type SimStack } from '../../src/sim/index.js';
import { arr, call, obj, sab } from './sim-client.js';

let stack: SimStack;
beforeAll(async () => {
  stack = await startSimStack({ startTime: Date.UTC(2026, 10, 25, 6), seed: 5 });
});
afterAll(() => stack.stop());

const sabQueue = async () => obj(obj((await sab(stack, 'mode=queue')).json).queue);
const slots = async () => (await sabQueue()).slots as Record<string, unknown>[];
const sabHistory = async (q = '') =>
  obj(obj((await sab(stack, `mode=history&limit=100${q}`)).json).history).slots as Record<string, unknown>[];
const arrQueue = async (app: 'sonarr' | 'radarr') =>
  arr(obj((await call(stack, app, 'GET', '/api/v3/queue?pageSize=100')).json).records);

describe('scenarios', () => {
  it('lists the scenarios the team contract names', () => {
    expect(stack.control.scenarios()).toEqual(
      expect.arrayContaining([
        'healthy',
        'stalled',
        'sab_failed',
        'import_blocked',
        'low_disk_pause',
        'bad_settings',
        'demo',
      ]),
    );
    expect(() => stack.control.setScenario('nope')).toThrow(/Unknown sim scenario/);
  });

  it('healthy: one job downloading, the rest queued, everything tracked', async () => {
    stack.control.setScenario('healthy');
    stack.control.advance(2_000);
    const s = await slots();
    expect(s.map((x) => x.status)).toEqual(['Downloading', 'Queued']);
    expect(Number((await sabQueue()).kbpersec)).toBeGreaterThan(0);
    const ids = [...(await arrQueue('sonarr')), ...(await arrQueue('radarr'))].map((q) => q.downloadId).sort();
    expect(ids).toEqual(s.map((x) => x.nzo_id).sort());
    expect(arr((await call(stack, 'sonarr', 'GET', '/api/v3/health')).json)).toEqual([]);
  });

  it('stalled: the top job keeps its mbleft while SABnzbd downloads the next one', async () => {
    stack.control.setScenario('stalled');
    stack.control.advance(1_000);
    const before = await slots();
    expect(before[0]!.status).toBe('Downloading');
    stack.control.advance(10 * 60_000);
    const after = await slots();
    expect(after[0]!.nzo_id).toBe(before[0]!.nzo_id);
    expect(after[0]!.mbleft).toBe(before[0]!.mbleft);
    expect(after[0]!.timeleft).toBe('0:00:00');
    const other = [...after, ...(await sabHistory())].find((x) => x.nzo_id === before[1]!.nzo_id)!;
    expect(other.mbleft === undefined || Number(other.mbleft) < Number(before[1]!.mbleft)).toBe(true);
    const radarr = (await arrQueue('radarr'))[0]!;
    expect(radarr.downloadId).toBe(before[0]!.nzo_id);
    expect(radarr.status).toBe('downloading');
    expect(radarr.sizeleft).toBe(Math.round(Number(before[0]!.mbleft) * 1_048_576));
    expect(radarr.timeleft).toBeNull();
  });

  it('sab_failed: the job fails in SABnzbd and the *arr queue shows it as failed with a warning', async () => {
    stack.control.setScenario('sab_failed');
    stack.control.advance(40_000);
    const failed = (await sabHistory('&failed_only=1')).find((s) => s.category === 'tv')!;
    expect(failed.fail_message).toBe('Aborted, cannot be completed - https://sabnzbd.org/not-complete');
    const item = (await arrQueue('sonarr')).find((q) => q.downloadId === failed.nzo_id)!;
    expect(item).toMatchObject({
      status: 'failed',
      trackedDownloadStatus: 'warning',
      trackedDownloadState: 'failedPending',
    });
    expect(item.errorMessage).toBe(failed.fail_message);
    expect(arr(item.statusMessages)[0]!.messages).toEqual([failed.fail_message]);
    // The job no *arr tracks fails too, and appears in no *arr queue.
    const untracked = (await sabHistory('&failed_only=1')).find((s) => s.category === '*');
    expect(untracked?.status).toBe('Failed');
    expect((await arrQueue('radarr')).some((q) => q.downloadId === untracked?.nzo_id)).toBe(false);
  });

  it('import_blocked: completed downloads wait in the queue with the real status messages', async () => {
    stack.control.setScenario('import_blocked');
    stack.control.advance(30 * 60_000);
    const sonarr = await arrQueue('sonarr');
    const messages = sonarr.map((q) => [q.trackedDownloadState, arr(q.statusMessages)[0]!.messages]);
    expect(messages).toEqual(
      expect.arrayContaining([
        ['importBlocked', ['Not an upgrade for existing episode file(s)']],
        ['importPending', ['Episode has a TBA title and recently aired']],
      ]),
    );
    expect(sonarr.every((q) => q.status === 'completed' && q.trackedDownloadStatus === 'warning')).toBe(true);
    const radarr = (await arrQueue('radarr'))[0]!;
    expect(radarr.trackedDownloadState).toBe('importBlocked');
    expect(String(arr(radarr.statusMessages)[0]!.messages)).toMatch(/^Not an upgrade for existing movie file/);
    expect((await sabHistory()).filter((s) => s.status === 'Completed').length).toBeGreaterThanOrEqual(3);
  });

  it('low_disk_pause: SABnzbd pauses itself with a warning and stays paused on resume', async () => {
    stack.control.setScenario('low_disk_pause');
    const q = await sabQueue();
    expect(q).toMatchObject({ paused: true, status: 'Paused', have_warnings: '1' });
    expect(Number(q.diskspace1)).toBeLessThan(0.5);
    const warnings = obj((await sab(stack, 'mode=warnings')).json).warnings as Record<string, unknown>[];
    expect(warnings[0]!.text).toBe('Too little diskspace forcing PAUSE');
    const mbleft = q.mbleft;
    await sab(stack, 'mode=resume');
    stack.control.advance(5 * 60_000);
    expect((await sabQueue()).paused).toBe(true);
    expect((await sabQueue()).mbleft).toBe(mbleft);
    expect((await arrQueue('sonarr'))[0]!.status).toBe('paused');
  });

  it('bad_settings: every app reports settings that break best practice, and writes are read back', async () => {
    stack.control.setScenario('bad_settings');
    const mm = obj((await call(stack, 'sonarr', 'GET', '/api/v3/config/mediamanagement')).json);
    expect(mm.copyUsingHardlinks).toBe(false);
    expect(obj((await call(stack, 'radarr', 'GET', '/api/v3/config/downloadclient')).json).autoRedownloadFailed).toBe(
      false,
    );
    expect(arr((await call(stack, 'radarr', 'GET', '/api/v3/downloadclient')).json)[0]!.removeCompletedDownloads).toBe(
      false,
    );
    const misc = obj(obj(obj((await sab(stack, 'mode=get_config&section=misc')).json).config).misc);
    expect(misc).toMatchObject({ fail_hopeless_jobs: false, pause_on_post_processing: true });
    const sorters = obj(obj((await sab(stack, 'mode=get_config&section=sorters')).json).config).sorters as Record<
      string,
      unknown
    >[];
    expect(sorters[0]!.is_active).toBe(1);
    const prefs = arr(obj(obj((await call(stack, 'plex', 'GET', '/:/prefs')).json).MediaContainer).Setting);
    expect(prefs.find((p) => p.id === 'GenerateBIFBehavior')?.value).toBe('asap');

    stack.control.clearRecords();
    const put = await call(stack, 'sonarr', 'PUT', '/api/v3/config/mediamanagement/1', {
      ...mm,
      copyUsingHardlinks: true,
    });
    expect(put.status).toBe(202);
    expect(obj((await call(stack, 'sonarr', 'GET', '/api/v3/config/mediamanagement')).json).copyUsingHardlinks).toBe(
      true,
    );
    await sab(stack, 'mode=set_config&section=misc&keyword=fail_hopeless_jobs&value=1');
    expect(
      obj(obj(obj((await sab(stack, 'mode=get_config&section=misc&keyword=fail_hopeless_jobs')).json).config).misc)
        .fail_hopeless_jobs,
    ).toBe(true);
    expect((await call(stack, 'plex', 'PUT', '/:/prefs?GenerateBIFBehavior=never')).status).toBe(200);
    const after = arr(obj(obj((await call(stack, 'plex', 'GET', '/:/prefs')).json).MediaContainer).Setting);
    expect(after.find((p) => p.id === 'GenerateBIFBehavior')?.value).toBe('never');
    expect((await call(stack, 'plex', 'PUT', '/:/prefs?NoSuchPref=1')).status).toBe(400);

    const writes = stack.control.writes();
    expect(writes.map((w) => `${w.app} ${w.method} ${w.path}`)).toEqual([
      'sonarr PUT /api/v3/config/mediamanagement/1',
      'sabnzbd GET /sabnzbd/api',
      'plex PUT /:/prefs',
      'plex PUT /:/prefs',
    ]);
    expect(obj(writes[0]!.body).copyUsingHardlinks).toBe(true);
    expect(writes[1]!.query).toMatchObject({ mode: 'set_config', keyword: 'fail_hopeless_jobs', apikey: 'REDACTED' });
  });

  it('demo: a stalled job, a healthy one that reaches Plex and one that fails, within 30 sim minutes', async () => {
    stack.control.setScenario('demo');
    stack.control.advance(20 * 60_000);
    const q = await slots();
    expect(q[0]).toMatchObject({ status: 'Downloading', percentage: '37' });
    const history = await sabHistory();
    expect(history.map((h) => [String(h.name).split('.').slice(0, 2).join(' '), h.status])).toEqual(
      expect.arrayContaining([
        ['Severance S02E05', 'Completed'],
        ['The Bear', 'Failed'],
      ]),
    );
    const plex = arr(
      obj(obj((await call(stack, 'plex', 'GET', '/library/recentlyAdded?X-Plex-Container-Size=1')).json).MediaContainer)
        .Metadata,
    );
    expect(plex[0]).toMatchObject({ grandparentTitle: 'Severance', index: 5 });
    // AutoArr's recovery of the stalled movie: blocklist, then a targeted search grabs another release.
    const stuck = (await arrQueue('radarr'))[0]!;
    await call(
      stack,
      'radarr',
      'DELETE',
      `/api/v3/queue/${String(stuck.id)}?removeFromClient=true&blocklist=true&skipRedownload=true`,
    );
    await call(stack, 'radarr', 'POST', '/api/v3/command', { name: 'MoviesSearch', movieIds: [stuck.movieId] });
    stack.control.advance(30_000);
    const next = (await arrQueue('radarr'))[0]!;
    expect(next.movieId).toBe(stuck.movieId);
    expect(next.title).not.toBe(stuck.title);
  });
});

describe('app modes', () => {
  it('bad_key: every app rejects its key the way the real one does', async () => {
    stack.control.setScenario('healthy');
    for (const app of ['sabnzbd', 'sonarr', 'radarr', 'plex'] as const) await stack.control.setAppMode(app, 'bad_key');
    try {
      const s = await sab(stack, 'mode=queue');
      expect([s.status, s.text]).toEqual([403, 'API Key Incorrect']);
      expect((await call(stack, 'sonarr', 'GET', '/api/v3/system/status')).status).toBe(401);
      expect((await call(stack, 'radarr', 'GET', '/api/v3/queue')).status).toBe(401);
      expect((await call(stack, 'plex', 'GET', '/library/sections/all')).status).toBe(401);
      expect((await call(stack, 'sonarr', 'GET', '/api/v3/system/status', undefined, 'wrong')).status).toBe(401);
    } finally {
      for (const app of ['sabnzbd', 'sonarr', 'radarr', 'plex'] as const) await stack.control.setAppMode(app, 'ok');
    }
    expect((await call(stack, 'sonarr', 'GET', '/api/v3/system/status')).status).toBe(200);
  });

  it('down: connection refused, and back on the same URL; the *arr apps report SABnzbd unreachable', async () => {
    await stack.control.setAppMode('sabnzbd', 'down');
    await expect(fetch(`${stack.apps.sabnzbd.url}/api?mode=version`)).rejects.toThrow();
    const health = arr((await call(stack, 'sonarr', 'GET', '/api/v3/health')).json);
    expect(health.map((h) => h.source)).toContain('DownloadClientCheck');
    expect((await arrQueue('sonarr'))[0]?.status).toBe('downloadClientUnavailable');
    await stack.control.setAppMode('sabnzbd', 'ok');
    expect((await sab(stack, 'mode=version')).json).toEqual({ version: '5.0.1' });
    expect(arr((await call(stack, 'sonarr', 'GET', '/api/v3/health')).json)).toEqual([]);
  });

  it('html: a 200 login page instead of JSON', async () => {
    await stack.control.setAppMode('radarr', 'html');
    const r = await call(stack, 'radarr', 'GET', '/api/v3/system/status');
    expect(r.status).toBe(200);
    expect(r.contentType).toContain('text/html');
    expect(r.text).toContain('<title>Login - Radarr</title>');
    await stack.control.setAppMode('radarr', 'ok');
  });

  it('slow: the request is held until the mode changes', async () => {
    await stack.control.setAppMode('plex', 'slow');
    let settled = false;
    const pending = call(stack, 'plex', 'GET', '/identity').then((r) => {
      settled = true;
      return r;
    });
    // Another app answers meanwhile; the held request still has not.
    expect((await call(stack, 'sonarr', 'GET', '/api/v3/system/status')).status).toBe(200);
    expect(settled).toBe(false);
    await stack.control.setAppMode('plex', 'ok');
    expect((await pending).status).toBe(503);
  });

  it('records requests with keys redacted; GETs are not writes', async () => {
    stack.control.clearRecords();
    await sab(stack, 'mode=queue');
    await call(stack, 'plex', 'GET', '/identity?X-Plex-Token=secret-token');
    await sab(stack, 'mode=pause');
    const all = stack.control.requests();
    expect(all.map((r) => r.query.apikey ?? r.query['X-Plex-Token'])).toEqual(['REDACTED', 'REDACTED', 'REDACTED']);
    expect(JSON.stringify(all)).not.toContain(stack.apps.sabnzbd.apiKey);
    expect(stack.control.writes().map((w) => w.query.mode)).toEqual(['pause']);
    expect(stack.control.requests({ app: 'plex' })).toHaveLength(1);
  });
});

describe('*arr and Plex input handling', () => {
  it('answers bad requests with 4xx, never a crash', async () => {
    const { url, apiKey } = stack.apps.sonarr;
    const bad = await fetch(`${url}/api/v3/command`, {
      method: 'POST',
      headers: { 'X-Api-Key': apiKey, 'Content-Type': 'application/json' },
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    const put = await fetch(`${url}/api/v3/config/naming/1`, {
      method: 'PUT',
      headers: { 'X-Api-Key': apiKey, 'Content-Type': 'application/json' },
      body: '[]',
    });
    expect(put.status).toBe(400);
    expect((await call(stack, 'sonarr', 'GET', '/api/v3/series/999')).status).toBe(404);
    expect((await call(stack, 'radarr', 'GET', '/api/v3/config/nope')).status).toBe(404);
    expect((await call(stack, 'radarr', 'GET', '/api/v3/command/424242')).status).toBe(404);
    expect((await call(stack, 'plex', 'GET', '/hubs/search')).status).toBe(400);
    expect((await call(stack, 'plex', 'GET', '/library/sections/9/all')).status).toBe(404);
    expect((await call(stack, 'plex', 'PUT', '/:/prefs?DlnaEnabled=maybe')).status).toBe(400);
    expect((await call(stack, 'sonarr', 'GET', '/api/v3/system/status')).status).toBe(200);
  });

  it('keeps PUT config to known keys of the right type', async () => {
    stack.control.setScenario('healthy');
    const r = await call(stack, 'radarr', 'PUT', '/api/v3/config/downloadclient/1', {
      autoRedownloadFailed: 'yes',
      bogus: 1,
      enableCompletedDownloadHandling: false,
    });
    expect(r.status).toBe(202);
    expect(obj(r.json)).toMatchObject({ autoRedownloadFailed: true, enableCompletedDownloadHandling: false });
    expect(obj(r.json).bogus).toBeUndefined();
  });

  it('Plex answers XML unless JSON is asked for', async () => {
    const { url, apiKey } = stack.apps.plex;
    const res = await fetch(`${url}/library/sections/all`, { headers: { 'X-Plex-Token': apiKey } });
    expect(res.headers.get('content-type')).toContain('xml');
    expect(await res.text()).toMatch(/<MediaContainer size="2"[^>]*>\n<Directory /);
  });
});
