import { describe, expect, it } from 'vitest';
import { fakeApps } from './__tests__/fake-apps.js';
import { goodStack, PLEX_TOKEN, SAB_API_KEY, SAB_NZB_KEY, SERVER_PASSWORD } from './__tests__/fixtures.js';
import { prefsMap, readInstance, readTarget, writeTarget } from './io.js';
import { dropSecrets } from './secrets.js';
import type { WriteTarget } from './types.js';

describe('reading settings', () => {
  it('drops every secret the apps return, the moment it is read', async () => {
    const apps = fakeApps(goodStack());
    const snaps = await Promise.all(apps.instances().map((i) => readInstance(apps, i)));
    const text = JSON.stringify(snaps);
    for (const s of [SAB_API_KEY, SAB_NZB_KEY, SERVER_PASSWORD, PLEX_TOKEN, 'news-user']) expect(text).not.toContain(s);
    // …while keeping the settings the rules need.
    const sab = snaps.find((s) => s.instance.app === 'sabnzbd')!;
    expect(sab.sources.misc).toMatchObject({ safe_postproc: true, host_whitelist: ['sabnzbd'] });
    expect(sab.sources.servers).toEqual([{ name: 'news.example', displayname: 'News', enable: 1, ssl: 1 }]);
    const sonarr = snaps.find((s) => s.instance.app === 'sonarr')!;
    expect(JSON.stringify(sonarr.sources.downloadClients)).toContain('"tvCategory"');
    expect(snaps.every((s) => Object.keys(s.errors).length === 0)).toBe(true);
  });

  it('records a read error per source with the app’s message instead of failing the whole read', async () => {
    const apps = fakeApps(goodStack());
    apps.mode.plex = 'down';
    const snap = await readInstance(apps, { id: 'plex', app: 'plex', name: 'Plex' });
    expect(snap.sources).toEqual({});
    expect(snap.errors.prefs).toMatch(/Plex did not answer/);
  });

  it('turns a missing client into read errors instead of failing the run', async () => {
    const apps = fakeApps(goodStack());
    apps.plex = () => {
      throw new Error('No Plex instance with id plex');
    };
    const snap = await readInstance(apps, { id: 'plex', app: 'plex', name: 'Plex' });
    expect(Object.keys(snap.errors).sort()).toEqual(['identity', 'prefs', 'sections']);
    expect(snap.errors.prefs).toContain('No Plex instance');
  });

  it('drops secret entries from key/value lists (*arr fields, Plex settings)', () => {
    const out = dropSecrets({
      fields: [
        { name: 'host', value: 'sab', privacy: 'normal' },
        { name: 'apiKey', value: 'k', privacy: 'apiKey' },
        { name: 'nzbFolder', value: 'x', privacy: 'password' },
      ],
      Setting: [
        { id: 'PlexOnlineToken', value: 't' },
        { id: 'FriendlyName', value: 'srv' },
      ],
      api_key: 'a',
      nested: { password: 'p', keep: 1 },
    });
    expect(out).toEqual({
      fields: [{ name: 'host', value: 'sab', privacy: 'normal' }],
      Setting: [{ id: 'FriendlyName', value: 'srv' }],
      nested: { keep: 1 },
    });
  });

  it('reads Plex preferences from the list, the MediaContainer, or a ready map', () => {
    const list = [{ id: 'A', value: true }];
    expect(prefsMap(list)).toEqual({ A: true });
    expect(prefsMap({ MediaContainer: { Setting: list } })).toEqual({ A: true });
    expect(prefsMap({ A: 1 })).toEqual({ A: 1 });
  });

  it('reads and writes one download client flag, and says clearly when the client is gone or cannot be changed', async () => {
    const apps = fakeApps(goodStack());
    const sonarr = { id: 'sonarr', app: 'sonarr' as const, name: 'Sonarr' };
    const target: WriteTarget = { kind: 'arr_download_client', clientId: 1, field: 'removeFailedDownloads' };
    expect(await readTarget(apps, sonarr, target)).toBe(true);
    await writeTarget(apps, sonarr, target, false);
    expect(await readTarget(apps, sonarr, target)).toBe(false);
    const gone: WriteTarget = { ...target, clientId: 9 };
    await expect(readTarget(apps, sonarr, gone)).rejects.toThrow(/Sonarr has no download client with id 9/);
    await expect(writeTarget(apps, sonarr, gone, true)).rejects.toThrow(/run the audit again/);
    const { updateDownloadClient: _drop, ...readOnly } = apps.sonarr('sonarr');
    apps.sonarr = () => readOnly;
    await expect(writeTarget(apps, sonarr, target, true)).rejects.toThrow(/cannot change download clients/);
  });
});
