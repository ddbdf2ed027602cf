// autoarr_diagnose on the sim's scenarios: each stage of SABnzbd → Sonarr/Radarr → Plex, the problem in words,
// what AutoArr did, and the next step.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

interface Diagnosis {
  found: boolean;
  download?: { id: string; state: string };
  chain: Array<{ stage: string; status: string; untrusted: { detail: string } }>;
  untrusted: { problem: string };
  autoarrActions: Array<{ action: string }>;
  suggestions: string[];
}

async function diagnose(h: Harness, query: string): Promise<Diagnosis & { text: string }> {
  const client = await h.client();
  const r = (await client.callTool({ name: 'autoarr_diagnose', arguments: { query } })) as CallToolResult;
  expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
  return { ...(r.structuredContent as unknown as Diagnosis), text: (r.content[0] as { text: string }).text };
}
const stage = (d: Diagnosis, name: string) => d.chain.find((s) => s.stage === name);

async function inScenario(scenario: string, fn: (h: Harness) => Promise<void>, simMinutes = 0) {
  const h = await startHarness({ scenario });
  try {
    for (let i = 0; i < simMinutes; i++) h.sim.control.advance(60_000);
    await h.monitor!.tick();
    await fn(h);
  } finally {
    await h.stop();
  }
}

describe('autoarr_diagnose', () => {
  it('a job SABnzbd failed: both stages report the failure and the next step is a retry', () =>
    inScenario(
      'sab_failed',
      async (h) => {
        const d = await diagnose(h, 'The Bear S02E02');
        expect(d.download?.state).toBe('failed');
        expect(stage(d, 'sabnzbd')).toMatchObject({
          status: 'problem',
          untrusted: { detail: expect.stringContaining('Aborted') },
        });
        expect(stage(d, 'sonarr')?.status).toBe('problem');
        expect(stage(d, 'plex')?.status).toBe('skipped');
        expect(d.untrusted.problem).toContain('SABnzbd failed it');
        expect(d.autoarrActions.map((a) => a.action)).toContain('detect/failed');
        expect(d.suggestions[0]).toContain(`autoarr_retry_download with id ${d.download!.id}`);
        expect(d.text).toContain('<untrusted-data>');
      },
      60,
    ));

  it('an import Sonarr/Radarr will not do: the *arr stage holds the reason, SABnzbd is fine', () =>
    inScenario('import_blocked', async (h) => {
      const tv = await diagnose(h, 'Severance S02E03');
      expect(tv.download?.state).toBe('import_blocked');
      expect(stage(tv, 'sabnzbd')?.status).toBe('ok');
      expect(stage(tv, 'sonarr')).toMatchObject({
        status: 'problem',
        untrusted: { detail: expect.stringContaining('importBlocked') },
      });
      expect(tv.suggestions[0]).toContain('Activity → Queue');
      const movie = await diagnose(h, 'Amélie');
      expect(stage(movie, 'radarr')?.untrusted.detail).toContain('Not an upgrade');
    }));

  it('SABnzbd paused for low disk: the SABnzbd stage says so and the next step is to resume', () =>
    inScenario('low_disk_pause', async (h) => {
      const d = await diagnose(h, 'Severance');
      expect(stage(d, 'sabnzbd')).toMatchObject({
        status: 'problem',
        untrusted: { detail: expect.stringContaining('PAUSED') },
      });
      expect(stage(d, 'sabnzbd')?.untrusted.detail).toContain('free on the download disk');
      expect(d.suggestions.join(' ')).toContain('sabnzbd_resume_queue');
    }));

  it('a finished episode is followed into Plex; a finished movie Plex lacks gets a scan suggestion', () =>
    inScenario('healthy', async (h) => {
      const ep = await diagnose(h, 'The Bear S02E01');
      expect(ep.found).toBe(true);
      expect(ep.chain.map((s) => [s.stage, s.status])).toEqual([
        ['sabnzbd', 'ok'],
        ['sonarr', 'ok'],
        ['plex', 'ok'],
      ]);
      expect(ep.untrusted.problem).toBe('');
      const movie = await diagnose(h, 'Spirited Away');
      expect(stage(movie, 'radarr')?.status).toBe('ok');
      const plex = stage(movie, 'plex')!;
      if (plex.status === 'not_found') expect(movie.suggestions.join(' ')).toContain('plex_scan_library');
      else expect(plex.status).toBe('ok');
      expect(plex.untrusted.detail).toContain('Spirited Away');
      expect(plex.untrusted.detail).not.toContain('1080p');
    }));

  it('nothing anywhere: says so and suggests looking it up and searching', () =>
    inScenario('healthy', async (h) => {
      const d = await diagnose(h, 'A Show That Does Not Exist');
      expect(d.found).toBe(false);
      expect(d.untrusted.problem).toContain('No stage');
      expect(d.suggestions.join(' ')).toMatch(/sonarr_lookup_series[\s\S]*sonarr_search_episodes/);
    }));
});
