import { beforeEach, describe, expect, it } from 'vitest';
import { ActivityLog } from '../activity/activity-log.js';
import { EventBus } from '../bus/bus.js';
import { UserError } from '../core/errors.js';
import type { Db } from '../db/database.js';
import { BACKENDS, dumpTables, useBackend } from '../../test/helpers/backends.js';
import { memoryLogger } from '../log/logger.js';
import type { BusEvents } from '../bus/events.js';
import { fakeApps, type FakeApps } from './__tests__/fake-apps.js';
import {
  FAILING,
  goodStack,
  PLEX_TOKEN,
  SAB_API_KEY,
  SAB_NZB_KEY,
  SERVER_PASSWORD,
  source,
} from './__tests__/fixtures.js';
import { catalogue } from './rules/index.js';
import { createAuditService, type AuditService } from './service.js';
import { AuditStore } from './store.js';

describe.each(BACKENDS)('AuditService (%s)', (kind) => {
  const backend = useBackend(kind);
  let db: Db;
  let apps: FakeApps;
  let service: AuditService;
  let bus: EventBus;
  const events: Array<{ name: string; payload: unknown }> = [];

  beforeEach(async () => {
    const log = memoryLogger();
    ({ db } = await backend.open(log));
    bus = new EventBus(log);
    events.length = 0;
    for (const name of ['audit.completed', 'audit.drift', 'audit.changed'] as const)
      bus.on(name, (payload: BusEvents[typeof name]) => void events.push({ name, payload }));
    apps = fakeApps(goodStack());
    let t = Date.parse('2026-11-25T06:00:00Z');
    service = createAuditService({
      apps,
      store: new AuditStore(db),
      bus,
      activity: new ActivityLog(db, bus),
      log,
      rules: catalogue(),
      now: () => new Date((t += 1000)),
    });
  });

  const breakRule = (id: string) => FAILING[id]!(apps.stack);
  const findingOf = async (ruleId: string) => (await service.latest()).run!.findings.find((f) => f.ruleId === ruleId)!;

  it('reports no run before the first one, with the whole catalogue', async () => {
    const report = await service.latest();
    expect(report.run).toBeNull();
    expect(report.rules.length).toBe(catalogue().length);
    expect(report.rules.find((r) => r.id === 'sabnzbd.sorting')).toMatchObject({ ref: 'N1', severity: 'critical' });
  });

  it('scores a clean stack 100 % and stores the run', async () => {
    const run = await service.run({ by: 'test' });
    expect(run.score).toBe(100);
    expect(run.findings).toEqual([]);
    expect(run.instances.map((i) => i.score)).toEqual([100, 100, 100, 100]);
    expect((await service.latest()).run!.id).toBe(run.id);
    expect(events.filter((e) => e.name === 'audit.completed')).toHaveLength(1);
  });

  it('weights the score by severity', async () => {
    breakRule('sabnzbd.safe_postproc'); // critical (5)
    const run = await service.run();
    const sab = run.instances.find((i) => i.app === 'sabnzbd')!;
    const weights = { critical: 5, warning: 3, info: 1 };
    const total = catalogue()
      .filter((r) => r.app === 'sabnzbd')
      .reduce((n, r) => n + weights[r.severity], 0);
    expect(sab.score).toBe(Math.round(((total - 5) / total) * 1000) / 10);
    expect(sab.failed).toBe(1);
    expect(run.instances.find((i) => i.app === 'plex')!.score).toBe(100);
  });

  it('flags findings new since the previous run as drift and emits audit.drift', async () => {
    breakRule('sonarr.hardlinks');
    const first = await service.run();
    expect(first.findings.map((f) => f.drift)).toEqual([false]); // the first run is the baseline
    breakRule('plex.media_deletion');
    breakRule('sabnzbd.sorting');
    const second = await service.run();
    expect(
      second.findings
        .filter((f) => f.drift)
        .map((f) => f.ruleId)
        .sort(),
    ).toEqual(['plex.media_deletion', 'sabnzbd.sorting']);
    expect(second.driftCount).toBe(2);
    const drift = events.filter((e) => e.name === 'audit.drift');
    expect(drift).toHaveLength(1);
    expect((drift[0]!.payload as BusEvents['audit.drift']).findings.map((f) => f.ruleId).sort()).toEqual([
      'plex.media_deletion',
      'sabnzbd.sorting',
    ]);
    const third = await service.run();
    expect(third.driftCount).toBe(0);
    expect(events.filter((e) => e.name === 'audit.drift')).toHaveLength(1);
  });

  it('does not call it drift when an app that was down comes back with old problems', async () => {
    breakRule('sabnzbd.safe_postproc');
    apps.mode.sabnzbd = 'down';
    const first = await service.run();
    const sab = first.instances.find((i) => i.app === 'sabnzbd')!;
    expect(sab.score).toBeNull();
    expect(sab.errors.join(' ')).toContain('did not answer');
    apps.mode.sabnzbd = 'ok';
    const second = await service.run();
    expect(second.findings.map((f) => [f.ruleId, f.drift])).toEqual([['sabnzbd.safe_postproc', false]]);
  });

  it('previews, fixes, verifies, records and reruns; rollback restores and verifies', async () => {
    breakRule('sonarr.hardlinks');
    await service.run();
    const f = await findingOf('sonarr.hardlinks');
    expect(f.fixable).toBe(true);

    const dry = await service.fix(f.id, { dryRun: true, by: 'tester' });
    expect(dry).toMatchObject({ ok: true, dryRun: true, preview: { current: false, proposed: true } });
    expect(dry.preview!.effect).toMatch(/hardlink/i);
    expect(apps.writes).toEqual([]);

    const fixed = await service.fix(f.id, { by: 'tester' });
    expect(fixed.ok).toBe(true);
    expect(fixed.change).toMatchObject({
      kind: 'fix',
      oldValue: false,
      newValue: true,
      by: 'tester',
      canRollback: true,
    });
    expect(source(apps.stack, 'sonarr', 'mediamanagement').copyUsingHardlinks).toBe(true);
    expect(apps.writes).toHaveLength(1);
    const after = (await service.latest()).run!;
    expect(after.trigger).toBe('after_fix');
    expect(after.findings).toEqual([]);
    expect(events.some((e) => e.name === 'audit.changed')).toBe(true);

    const rb = await service.rollback(fixed.change!.id, { by: 'tester' });
    expect(rb.ok).toBe(true);
    expect(rb.change).toMatchObject({
      kind: 'rollback',
      oldValue: true,
      newValue: false,
      revertsChangeId: fixed.change!.id,
    });
    expect(source(apps.stack, 'sonarr', 'mediamanagement').copyUsingHardlinks).toBe(false);
    const changes = await service.changes();
    expect(changes.find((c) => c.id === fixed.change!.id)).toMatchObject({
      canRollback: false,
      rolledBackByChangeId: rb.change!.id,
    });
    const reopened = await findingOf('sonarr.hardlinks');
    expect(reopened.id).toBe(f.id);
    expect(reopened.drift).toBe(false); // our own rollback is not drift
    expect(events.some((e) => e.name === 'audit.drift')).toBe(false);
    await expect(service.rollback(fixed.change!.id)).rejects.toMatchObject({
      code: 'already_rolled_back',
      status: 409,
    });
    await expect(service.rollback(rb.change!.id)).rejects.toBeInstanceOf(UserError);
  });

  it('fixes SABnzbd misc and Plex preferences through their own write paths', async () => {
    breakRule('sabnzbd.encrypted_rar');
    breakRule('plex.video_preview_thumbnails');
    await service.run();
    expect((await service.fix((await findingOf('sabnzbd.encrypted_rar')).id)).ok).toBe(true);
    expect((await service.fix((await findingOf('plex.video_preview_thumbnails')).id)).ok).toBe(true);
    expect(apps.writes).toEqual([
      { instanceId: 'sabnzbd', what: 'misc.pause_on_pwrar', value: 2 },
      { instanceId: 'plex', what: 'prefs', value: { GenerateBIFBehavior: 'never' } },
    ]);
  });

  it('fixes a download client flag by putting the whole client back, and rolls it back', async () => {
    breakRule('sonarr.remove_completed');
    await service.run();
    const f = await findingOf('sonarr.remove_completed');
    expect(f.fixable).toBe(true);
    const client = () =>
      (
        apps.stack.instances.find((i) => i.instance.id === 'sonarr')!.sources.downloadClients as Array<
          Record<string, unknown>
        >
      )[0]!;
    const fixed = await service.fix(f.id, { by: 'tester' });
    expect(fixed).toMatchObject({ ok: true, change: { oldValue: false, newValue: true } });
    expect(client().removeCompletedDownloads).toBe(true);
    // The rest of the client went back unchanged, the app's own key included (never stored by AutoArr).
    const put = apps.writes[0]!;
    expect(put.what).toBe('downloadclient/1');
    expect(put.value).toMatchObject({ name: 'SABnzbd', removeFailedDownloads: true, enable: true });
    expect(JSON.stringify(put.value)).toContain(SAB_API_KEY);
    expect((await service.latest()).run!.findings).toEqual([]);
    const rb = await service.rollback(fixed.change!.id);
    expect(rb.ok).toBe(true);
    expect(client().removeCompletedDownloads).toBe(false);
  });

  it('reports remote path mappings, quality sizes and torrent indexers read through the clients', async () => {
    for (const id of ['sonarr.remote_path_mappings', 'radarr.quality_sizes', 'radarr.torrent_blocklist']) breakRule(id);
    const run = await service.run();
    const failing = run.findings.map((f) => f.ruleId);
    expect(failing).toEqual(
      expect.arrayContaining(['sonarr.remote_path_mappings', 'radarr.quality_sizes', 'radarr.torrent_blocklist']),
    );
    expect(run.checks.filter((c) => c.status === 'unknown')).toEqual([]);
  });

  it('puts nothing on record when Sonarr ignores a download client change', async () => {
    breakRule('sonarr.remove_failed');
    await service.run();
    apps.mode.sonarr = 'ignore_writes';
    const result = await service.fix((await findingOf('sonarr.remove_failed')).id);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/still reports off instead of on; the old value was put back/);
    expect(await service.changes()).toEqual([]);
  });

  it('refuses to roll back a setting that was changed again since the fix', async () => {
    breakRule('sabnzbd.auto_sort');
    await service.run();
    const fixed = await service.fix((await findingOf('sabnzbd.auto_sort')).id);
    source(apps.stack, 'sabnzbd', 'misc').auto_sort = 'avg_age desc';
    const rb = await service.rollback(fixed.change!.id);
    expect(rb.ok).toBe(false);
    expect(rb.message).toMatch(/changed again/);
    expect(source(apps.stack, 'sabnzbd', 'misc').auto_sort).toBe('avg_age desc');
  });

  it.each([
    ['down', /did not answer/],
    ['reject_writes', /refused the change/],
    ['ignore_writes', /still reports/],
    ['down_after_write', /could not be verified/],
  ] as const)('records nothing when the write fails (%s) and says why', async (mode, why) => {
    breakRule('radarr.redownload_failed');
    await service.run();
    const f = await findingOf('radarr.redownload_failed');
    apps.mode.radarr = mode;
    const result = await service.fix(f.id);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(why);
    expect(result.message).toContain('Radarr');
    expect(result.message).toMatch(/Nothing was (recorded as )?changed/);
    expect(await service.changes()).toEqual([]);
    const logged = await db.selectFrom('activity').selectAll().where('action', '=', 'fix_failed').execute();
    expect(logged.map((a) => a.instance_id)).toEqual(['radarr']);
    if (mode === 'ignore_writes')
      expect(source(apps.stack, 'radarr', 'downloadclient').autoRedownloadFailed).toBe(false);
  });

  it('previews from the live value, and treats a finding fixed meanwhile as resolved', async () => {
    breakRule('plex.partial_scan');
    await service.run();
    const f = await findingOf('plex.partial_scan');
    expect(await service.preview(f.id)).toMatchObject({ current: '0', proposed: true, instanceName: 'Plex' });
    source(apps.stack, 'plex', 'prefs').FSEventLibraryPartialScanEnabled = true; // someone fixed it in Plex
    const result = await service.fix(f.id);
    expect(result).toMatchObject({ ok: true, message: expect.stringMatching(/no longer fails/) });
    expect(apps.writes).toEqual([]);
    await expect(service.preview(f.id)).rejects.toMatchObject({ status: 409 });
  });

  it('does not fix judgement rules', async () => {
    breakRule('sonarr.naming_file_format');
    await service.run();
    const f = await findingOf('sonarr.naming_file_format');
    expect(f.fixable).toBe(false);
    await expect(service.fix(f.id)).rejects.toMatchObject({ code: 'not_fixable', status: 409 });
    await expect(service.fix('f_doesnotexist')).rejects.toMatchObject({ status: 404 });
  });

  it('fixes all safe findings in one step, after a dry run that writes nothing', async () => {
    for (const id of [
      'sonarr.hardlinks',
      'radarr.rss_sync',
      'sabnzbd.safe_postproc',
      'sabnzbd.unwanted_extensions',
      'sabnzbd.host_whitelist',
      'plex.secure_connections',
      'plex.relay',
      'sabnzbd.servers_ssl',
    ])
      breakRule(id);
    const before = await service.run();
    const dry = await service.fixAllSafe({ dryRun: true });
    expect(dry.results).toHaveLength(6);
    expect(dry.results.every((r) => r.ok && r.dryRun && r.preview)).toBe(true);
    expect(apps.writes).toEqual([]);

    const all = await service.fixAllSafe({ by: 'tester' });
    expect(all.ok).toBe(true);
    expect(all.results.filter((r) => r.change)).toHaveLength(6);
    const after = (await service.latest()).run!;
    expect(after.id).toBe(all.runId);
    expect(after.findings.map((f) => f.ruleId).sort()).toEqual(['plex.relay', 'sabnzbd.servers_ssl']);
    expect(after.score!).toBeGreaterThan(before.score!);
    expect(source(apps.stack, 'sabnzbd', 'misc').host_whitelist).toEqual(['nas.local', 'sabnzbd']);
  });

  it('never stores or returns a secret', async () => {
    for (const id of [
      'sabnzbd.safe_postproc',
      'sabnzbd.servers_ssl',
      'plex.media_deletion',
      'sonarr.sab_category',
      'radarr.remove_completed',
    ])
      breakRule(id);
    await service.run();
    const responses = [
      await service.latest(),
      await service.fixAllSafe({ dryRun: true }),
      await service.fixAllSafe(),
      await service.changes(),
    ];
    const secrets = [SAB_API_KEY, SAB_NZB_KEY, SERVER_PASSWORD, PLEX_TOKEN];
    const text = JSON.stringify(responses);
    for (const s of secrets) expect(text).not.toContain(s);
    expect(text).not.toContain('news-user');

    let rows = 0;
    for (const [name, all] of Object.entries(await dumpTables(db))) {
      const dump = JSON.stringify(all);
      rows += dump.length;
      for (const s of secrets) expect(dump, `${name} holds a secret`).not.toContain(s);
    }
    expect(rows).toBeGreaterThan(1000);
  });
});
