// The audit end to end: the real composition root, the REST API and the command path against the simulated apps
// (scenario bad_settings), which record every write.
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditChange,
  AuditFixAllResult,
  AuditFixResult,
  AuditReport,
  AuditRollbackResult,
  AuditRun,
} from '../../src/shared/types.js';
import { startAuditHarness, type AuditHarness } from './harness.js';

let h: AuditHarness;
const responses: string[] = [];

async function api<T>(method: string, path: string, body?: unknown) {
  const r = await h.api<T>(method, path, body);
  responses.push(r.text);
  return r;
}

const run = async () => (await api<AuditRun>('POST', '/api/audit/run', {})).body;
const finding = (r: AuditRun, ruleId: string) => {
  const f = r.findings.find((x) => x.ruleId === ruleId);
  if (!f) throw new Error(`no finding for ${ruleId}: ${r.findings.map((x) => x.ruleId).join(', ')}`);
  return f;
};

beforeAll(async () => {
  h = await startAuditHarness('bad_settings');
});
afterAll(async () => {
  await h?.stop();
});

describe('audit against the simulated stack', () => {
  it('reports the broken settings of every app, with scores', async () => {
    const r = await run();
    expect(r.score).not.toBeNull();
    expect(r.score!).toBeLessThan(80);
    for (const id of [
      'sabnzbd.safe_postproc',
      'sabnzbd.sorting',
      'sonarr.hardlinks',
      'radarr.redownload_failed',
      'plex.video_preview_thumbnails',
    ])
      finding(r, id);
    expect(new Set(r.findings.map((f) => f.app))).toEqual(new Set(['sabnzbd', 'sonarr', 'radarr', 'plex']));
    for (const i of r.instances) expect(i.score, i.name).toBeLessThan(100);
    const report = (await api<AuditReport>('GET', '/api/audit')).body;
    expect(report.run!.id).toBeGreaterThanOrEqual(r.id);
    expect(report.rules.length).toBeGreaterThanOrEqual(45);
  });

  it('evaluates remote path mappings, quality sizes and torrent indexers from the *arr lists', async () => {
    const r = await run();
    for (const app of ['sonarr', 'radarr'] as const) {
      for (const rule of ['remote_path_mappings', 'quality_sizes', 'torrent_blocklist']) {
        const check = r.checks.find((c) => c.ruleId === `${app}.${rule}` && c.instanceId === app);
        expect(check?.status, `${app}.${rule}: ${check?.reason ?? ''}`).toBe('fail');
      }
      expect(finding(r, `${app}.quality_sizes`).current).toBe(0);
    }
    expect(finding(r, 'sonarr.remote_path_mappings').current).toBe('/config/Downloads/ → /downloads/');
    // Plex preferences the simulated server reports: each evaluates; bad_settings breaks two of them.
    for (const rule of [
      'media_deletion',
      'scanner_low_priority',
      'intro_markers',
      'credits_markers',
      'ipv6',
      'wan_as_lan',
    ]) {
      const check = r.checks.find((c) => c.ruleId === `plex.${rule}`);
      expect(check?.status, `plex.${rule}: ${check?.reason ?? ''}`).not.toBe('unknown');
    }
    expect(finding(r, 'plex.media_deletion').current).toBe(true);
    expect(finding(r, 'plex.intro_markers').current).toBe('asap');
  });

  it('fixes Remove Completed on the download client with one PUT of the whole client, then rolls back', async () => {
    const f = finding(await run(), 'radarr.remove_completed');
    expect(f.fixable).toBe(true);
    h.sim.control.clearRecords();
    const fixed = await api<AuditFixResult>('POST', `/api/audit/findings/${f.id}/fix`, {});
    expect(fixed.body.ok).toBe(true);
    const clients = h.sim.control.state.arrClients;
    expect(clients.radarr.removeCompletedDownloads).toBe(true);
    expect(clients.radarr.removeFailedDownloads).toBe(false);
    expect(clients.sonarr.removeCompletedDownloads).toBe(false);
    expect(h.sim.control.writes().map((w) => `${w.app} ${w.method} ${w.path}`)).toEqual([
      'radarr PUT /api/v3/downloadclient/1',
    ]);
    const rb = await api<AuditRollbackResult>('POST', `/api/audit/changes/${fixed.body.change!.id}/rollback`, {});
    expect(rb.body.ok).toBe(true);
    expect(clients.radarr.removeCompletedDownloads).toBe(false);
  });

  it('previews without writing, then fixes, verifies and rolls back through the API', async () => {
    const f = finding(await run(), 'sonarr.hardlinks');
    h.sim.control.clearRecords();
    const dry = await api<AuditFixResult>('POST', `/api/audit/findings/${f.id}/fix`, { dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.preview).toMatchObject({ current: false, proposed: true, instanceName: 'Sonarr' });
    expect(h.sim.control.writes()).toEqual([]);

    const fixed = await api<AuditFixResult>('POST', `/api/audit/findings/${f.id}/fix`, {});
    expect(fixed.body.ok).toBe(true);
    const writes = h.sim.control.writes({ app: 'sonarr' });
    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual(['PUT /api/v3/config/mediamanagement/1']);
    expect(h.sim.control.state.arrConfigs.sonarr.mediamanagement.copyUsingHardlinks).toBe(true);
    const after = (await api<AuditReport>('GET', '/api/audit')).body.run!;
    expect(after.trigger).toBe('after_fix');
    expect(after.findings.some((x) => x.ruleId === 'sonarr.hardlinks')).toBe(false);

    const changes = (await api<{ items: AuditChange[] }>('GET', '/api/audit/changes')).body.items;
    const change = changes.find((c) => c.id === fixed.body.change!.id)!;
    expect(change).toMatchObject({
      kind: 'fix',
      oldValue: false,
      newValue: true,
      canRollback: true,
      setting: expect.stringContaining('Hardlinks'),
    });

    const rb = await api<AuditRollbackResult>('POST', `/api/audit/changes/${change.id}/rollback`, {});
    expect(rb.body.ok).toBe(true);
    expect(h.sim.control.state.arrConfigs.sonarr.mediamanagement.copyUsingHardlinks).toBe(false);
    const again = await api<{ code: string }>('POST', `/api/audit/changes/${change.id}/rollback`);
    expect(again.status).toBe(409);
  });

  it('fixes SABnzbd and Plex settings through their own APIs', async () => {
    const r = await run();
    h.sim.control.clearRecords();
    expect(
      (await api<AuditFixResult>('POST', `/api/audit/findings/${finding(r, 'sabnzbd.safe_postproc').id}/fix`)).body.ok,
    ).toBe(true);
    expect(
      (await api<AuditFixResult>('POST', `/api/audit/findings/${finding(r, 'plex.secure_connections').id}/fix`)).body
        .ok,
    ).toBe(true);
    const sab = h.sim.control.writes({ app: 'sabnzbd' });
    expect(sab.map((w) => [w.query.mode, w.query.keyword, w.query.value])).toEqual([
      ['set_config', 'safe_postproc', '1'],
    ]);
    expect(h.sim.control.writes({ app: 'plex' }).map((w) => `${w.method} ${w.path}`)).toEqual(['PUT /:/prefs']);
    expect(h.sim.control.state.plexPrefs.get('secureConnections')!.value).toBe(1);
  });

  it('records nothing and says why when the app is down or rejects the key', async () => {
    const r = await run();
    const before = (await api<{ items: AuditChange[] }>('GET', '/api/audit/changes')).body.items.length;
    for (const [mode, words] of [
      ['down', /SABnzbd/],
      ['bad_key', /SABnzbd.*(key|API)/i],
    ] as const) {
      h.sim.control.setAppMode('sabnzbd', mode);
      const res = await api<AuditFixResult>(
        'POST',
        `/api/audit/findings/${finding(r, 'sabnzbd.encrypted_rar').id}/fix`,
      );
      expect(res.status).toBe(502);
      expect(res.body.ok).toBe(false);
      expect(res.body.message).toMatch(words);
      expect(res.body.message).toMatch(/Nothing was/);
    }
    h.sim.control.setAppMode('sabnzbd', 'ok');
    expect((await api<{ items: AuditChange[] }>('GET', '/api/audit/changes')).body.items).toHaveLength(before);
    expect(h.sim.control.state.sabConfig.misc.pause_on_pwrar).not.toBe(2);
  });

  it('validates request bodies', async () => {
    const f = (await api<AuditReport>('GET', '/api/audit')).body.run!.findings[0]!;
    const bad = await api<{ code: string; message: string }>('POST', `/api/audit/findings/${f.id}/fix`, {
      dryRun: 'yes',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('bad_request');
    expect(bad.body.message).toContain('dryRun must be true or false');
    expect((await api('POST', `/api/audit/findings/${f.id}/fix`, '{not json')).status).toBe(400);
    expect((await api('POST', '/api/audit/changes/abc/rollback')).status).toBe(400);
    expect((await api('POST', '/api/audit/findings/f_nope/fix')).status).toBe(404);
  });

  it('detects drift between two runs and emits audit.drift', async () => {
    await run();
    const drift: string[][] = [];
    const off = h.autoarr.ctx.bus.on('audit.drift', (e) => void drift.push(e.findings.map((f) => f.ruleId)));
    h.sim.control.state.arrConfigs.radarr.downloadclient.enableCompletedDownloadHandling = false;
    const r = await run();
    off();
    expect(r.findings.filter((f) => f.drift).map((f) => f.ruleId)).toEqual(['radarr.completed_download_handling']);
    expect(drift).toEqual([['radarr.completed_download_handling']]);
  });

  it('runs and fixes through the command path (MQTT button, MCP)', async () => {
    const res = await h.autoarr.ctx.commands.run('audit.run', { by: 'mqtt' });
    expect(res.ok).toBe(true);
    expect(res.message).toMatch(/score/);
    const latest = (await api<AuditReport>('GET', '/api/audit')).body.run!;
    expect(latest.id).toBe(res.runId);
    expect(latest.by).toBe('mqtt');
    const dry = await h.autoarr.ctx.commands.run('audit.fix_all_safe', { dryRun: true, by: 'mcp' });
    expect(dry.results.length).toBeGreaterThan(5);
    expect(dry.results.every((x) => x.dryRun)).toBe(true);
  });

  it('fixes all safe findings in one step and the score goes up', async () => {
    const before = await run();
    h.sim.control.clearRecords();
    const all = await api<AuditFixAllResult>('POST', '/api/audit/fix-all', {});
    expect(all.status).toBe(200);
    expect(all.body.ok).toBe(true);
    expect(h.sim.control.writes().length).toBeGreaterThanOrEqual(all.body.results.filter((x) => x.change).length);
    const after = (await api<AuditReport>('GET', '/api/audit')).body.run!;
    expect(after.id).toBe(all.body.runId);
    expect(after.score!).toBeGreaterThan(before.score!);
    expect(after.findings.filter((f) => f.fixable)).toEqual([]);
  });

  it('never stores or returns a secret of the apps', async () => {
    const misc = h.sim.control.state.sabConfig.misc as Record<string, unknown>;
    const secrets = [...Object.values(h.sim.apps).map((a) => a.apiKey), String(misc.nzb_key)];
    expect(secrets.every((s) => s.length >= 16)).toBe(true);
    for (const text of responses) for (const s of secrets) expect(text).not.toContain(s);
    const sqlite = new SQLite(h.dbFile, { readonly: true });
    const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as Array<{ name: string }>;
    for (const { name } of tables) {
      const dump = JSON.stringify(sqlite.prepare(`SELECT * FROM "${name}"`).all());
      for (const s of secrets) expect(dump, `table ${name}`).not.toContain(s);
    }
    sqlite.close();
  });
});
