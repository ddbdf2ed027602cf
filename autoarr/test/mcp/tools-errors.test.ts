// The error path of every tool: with its app down (or the monitor/audit missing, or an unknown id) a call returns
// isError with a message that names the app or says what is missing, never a crash and never a secret.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED } from './expected.js';
import { startHarness, type Harness } from './harness.js';

const nzoId = 'SABnzbd_nzo_missing1';
const ARGS: Record<string, Record<string, unknown>> = {
  sabnzbd_pause_job: { nzoId },
  sabnzbd_resume_job: { nzoId },
  sabnzbd_delete_job: { nzoId, confirm: true },
  sabnzbd_retry_job: { nzoId },
  sabnzbd_set_speed_limit: { percent: 50 },
  sabnzbd_set_job_priority: { nzoId, priority: 'high' },
  sabnzbd_change_job_category: { nzoId, category: 'tv' },
  sabnzbd_add_nzb_url: { url: 'https://indexer.example/a.nzb' },
  sonarr_get_series: { seriesId: 1 },
  sonarr_lookup_series: { term: 'The Bear' },
  sonarr_add_series: { tvdbId: 1 },
  sonarr_get_episodes: { seriesId: 1 },
  sonarr_search_episodes: { episodeIds: [1] },
  sonarr_search_series: { seriesId: 1 },
  sonarr_remove_queue_item: { queueId: 1 },
  radarr_get_movie: { movieId: 1 },
  radarr_lookup_movie: { term: 'Dune' },
  radarr_add_movie: { tmdbId: 1 },
  radarr_search_movie: { movieIds: [1] },
  radarr_remove_queue_item: { queueId: 1 },
  plex_scan_library: { library: 'Movies' },
  plex_search_media: { query: 'Dune' },
};
const LABEL = { sabnzbd: 'SABnzbd', sonarr: 'Sonarr', radarr: 'Radarr', plex: 'Plex' } as const;

let h: Harness;
let client: Client;
const outputs: CallToolResult[] = [];
async function call(name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
  outputs.push(r);
  return r;
}
const text = (r: CallToolResult) => (r.content[0] as { text: string }).text;

beforeAll(async () => {
  h = await startHarness({ scenario: 'healthy', features: false });
  client = await h.client();
});
afterAll(async () => {
  await h.stop();
});

describe('app down', () => {
  for (const app of ['sabnzbd', 'sonarr', 'radarr', 'plex'] as const) {
    it(`every ${LABEL[app]} tool answers isError naming ${LABEL[app]}`, async () => {
      await h.sim.control.setAppMode(app, 'down');
      try {
        for (const name of EXPECTED[app]) {
          const r = await call(name, ARGS[name] ?? {});
          expect(r.isError, `${name}: ${JSON.stringify(r.structuredContent)}`).toBe(true);
          expect(text(r), name).toContain(LABEL[app]);
        }
      } finally {
        await h.sim.control.setAppMode(app, 'ok');
      }
    }, 90_000); // the clients retry reads with back-off before they give up
  }

  it('a wrong API key is reported as such, naming the app', async () => {
    await h.sim.control.setAppMode('sonarr', 'bad_key');
    try {
      const r = await call('sonarr_get_queue');
      expect(r.isError).toBe(true);
      expect(text(r)).toMatch(/Sonarr[\s\S]*(key|API)/i);
    } finally {
      await h.sim.control.setAppMode('sonarr', 'ok');
    }
  });

  it('stack health reports the app that is down instead of failing', async () => {
    await h.sim.control.setAppMode('sabnzbd', 'down');
    try {
      const r = await call('autoarr_stack_health');
      expect(r.isError).toBeFalsy();
      expect(r.structuredContent).toMatchObject({ status: 'degraded' });
      expect(text(r)).toContain('SABnzbd is unreachable');
      const diag = await call('autoarr_diagnose', { query: 'Severance' });
      expect(diag.isError).toBeFalsy();
      const chain = (
        diag.structuredContent as { chain: Array<{ stage: string; status: string; untrusted: { detail: string } }> }
      ).chain;
      expect(chain.find((s) => s.stage === 'sabnzbd')).toMatchObject({
        status: 'unknown',
        untrusted: { detail: expect.stringContaining('SABnzbd did not answer') },
      });
      expect((diag.structuredContent as { suggestions: string[] }).suggestions[0]).toContain('Check that SABnzbd');
    } finally {
      await h.sim.control.setAppMode('sabnzbd', 'ok');
    }
  });
});

describe('AutoArr tools without the monitor or the audit, and unknown ids', () => {
  it('say what is missing', async () => {
    for (const [name, args, words] of [
      ['autoarr_list_downloads', {}, 'download monitor is not running'],
      ['autoarr_retry_download', { id: 'x' }, 'download monitor is not running'],
      ['autoarr_get_audit', {}, 'settings audit is not running'],
    ] as const) {
      const r = await call(name, args);
      expect(r.isError, name).toBe(true);
      expect(text(r), name).toContain(words);
    }
  });

  it('unknown finding and change ids', async () => {
    const fix = await call('autoarr_fix_finding', { findingId: 'no-such-finding' });
    expect(fix.isError).toBe(true);
    expect(text(fix).length).toBeGreaterThan(10);
    const rb = await call('autoarr_rollback_change', { changeId: 9999, confirm: true });
    expect(rb.isError).toBe(true);
  });

  it('bad arguments are refused by the schema with the field named', async () => {
    const r = await call('sabnzbd_set_speed_limit', { percent: 500 });
    expect(r.isError).toBe(true);
    expect(text(r)).toContain('percent');
    const big = await call('sonarr_get_queue', { pageSize: 1000 });
    expect(big.isError).toBe(true);
  });

  it('no error output carries a secret', () => {
    const all = JSON.stringify(outputs);
    for (const secret of h.secrets) expect(all.includes(secret)).toBe(false);
  });
});

describe('unknown ids in the apps', () => {
  it('answer "not found" naming the id and the tool that lists valid ones, not a URL problem', async () => {
    for (const [name, args, id, lister] of [
      ['sonarr_get_series', { seriesId: 987654 }, '987654', 'sonarr_list_series'],
      ['radarr_get_movie', { movieId: 987654 }, '987654', 'radarr_list_movies'],
      ['sonarr_remove_queue_item', { queueId: 987654, confirm: true }, '987654', 'sonarr_get_queue'],
      ['radarr_remove_queue_item', { queueId: 987654, confirm: true }, '987654', 'radarr_get_queue'],
      ['sabnzbd_retry_job', { nzoId }, nzoId, 'sabnzbd_get_history'],
      ['sabnzbd_set_job_priority', { nzoId, priority: 'high' }, nzoId, 'sabnzbd_get_queue'],
      ['sabnzbd_delete_job', { nzoId, confirm: true }, nzoId, 'sabnzbd_get_queue'],
      ['sabnzbd_pause_job', { nzoId }, nzoId, 'sabnzbd_get_queue'],
    ] as const) {
      const r = await call(name, args);
      expect(r.isError, name).toBe(true);
      expect(text(r), name).toContain(id);
      expect(text(r), name).toContain(lister);
      expect(text(r), name).not.toMatch(/URL|check the/i);
    }
  });
});
