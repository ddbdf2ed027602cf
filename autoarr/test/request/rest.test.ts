// Plain-words requests end to end through REST (app.request, no socket) against the simulated stack: preview,
// confirm, questions, "already there", dry run, an app that is down, bad bodies, and no secret in any answer.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../../src/app.js';
import { memoryLogger } from '../../src/log/logger.js';
import type { RequestAnswer } from '../../src/request/types.js';
import { loadSettings } from '../../src/settings/load.js';
import { settingsForSim, startSimStack, type SimStack } from '../../src/sim/index.js';

let sim: SimStack;
let autoarr: AutoArr;
let dataDir: string;
let secrets: string[];

beforeAll(async () => {
  sim = await startSimStack({ speed: 0, scenario: 'healthy', seed: 7 });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-request-'));
  const r = loadSettings({ env: { DATA_DIR: dataDir }, mode: 'container', version: 'test' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  const base = settingsForSim(sim);
  const sonarr = base.find((i) => i.app === 'sonarr')!;
  const instances = [...base, { ...sonarr, id: 'sonarr_4k', name: 'Sonarr 4K' }];
  autoarr = await startAutoArr({ ...r.settings, instances }, memoryLogger('error'), { listen: false });
  secrets = [...Object.values(sim.apps).map((a) => a.apiKey), autoarr.ctx.apiToken()];
});

afterAll(async () => {
  await autoarr?.stop();
  await sim?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function post(p: string, body: unknown): Promise<{ status: number; json: RequestAnswer; raw: string }> {
  const res = await autoarr.http.request(`/api/request${p}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${autoarr.ctx.apiToken()}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const raw = await res.text();
  for (const s of secrets) expect(raw).not.toContain(s);
  return { status: res.status, json: JSON.parse(raw) as RequestAnswer, raw };
}

const writes = (app: 'sonarr' | 'radarr') => sim.control.writes({ app }).map((w) => `${w.method} ${w.path}`);

describe('POST /api/request', () => {
  it('previews a new movie without changing anything, then adds it with the defaults on confirm', async () => {
    sim.control.clearRecords();
    const { status, json } = await post('', { text: 'add Interstellar' });
    expect(status).toBe(200);
    expect(json.outcome).toBe('preview');
    expect(json.message).toBe('Add Interstellar (2014) to Radarr, root /movies, profile HD-1080p, search now?');
    expect(json.previewId).toBeTruthy();
    expect(writes('radarr')).toEqual([]);
    expect(sim.control.state.movies.some((m) => m.title === 'Interstellar')).toBe(false);

    const done = await post('/confirm', { previewId: json.previewId });
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({
      outcome: 'done',
      message: 'Added Interstellar (2014) to Radarr and started a search.',
    });
    const added = sim.control.state.movies.find((m) => m.title === 'Interstellar');
    expect(added).toMatchObject({
      year: 2014,
      qualityProfileId: 1,
      monitored: true,
      path: '/movies/Interstellar (2014)',
    });
    expect(writes('radarr')).toContain('POST /api/v3/movie');
    expect(sim.control.state.commands.some((c) => c.name === 'MoviesSearch')).toBe(true);
    const activity = await autoarr.ctx.activity.list({ kind: 'action' });
    expect(activity.items.some((a) => a.message.startsWith('Added Interstellar (2014) to Radarr'))).toBe(true);

    // A token works once.
    const again = await post('/confirm', { previewId: json.previewId });
    expect(again.status).toBe(410);
    expect(again.json.outcome).toBe('expired');
    // Now it is in the library: asking again says so instead of adding twice.
    const now = await post('', { text: 'add interstellar' });
    expect(now.json.plan?.action).toBe('search');
    expect(now.json.message).toBe('Interstellar (2014) is already in Radarr but not on disk. Search for it now?');
  });

  it('asks which one when two titles fit, and previews the one picked', async () => {
    const q = await post('', { text: 'add dune' });
    expect(q.json.outcome).toBe('question');
    expect(q.json.message).toBe('Which one do you mean: Dune (2021), movie, or Dune (1984), movie?');
    expect(q.json.previewId).toBeUndefined();
    // Each choice carries a snippet of its summary, so same-name titles can be told apart.
    expect(q.json.options!.map((o) => o.overview)).toEqual([
      expect.stringMatching(/^Denis Villeneuve’s film/),
      expect.stringMatching(/^David Lynch’s adaptation/),
    ]);
    const pick = q.json.options!.find((o) => o.year === 1984)!;
    const p = await post('', {
      text: 'add dune',
      choice: { instanceId: pick.instanceId, externalId: pick.externalId },
    });
    expect(p.json.outcome).toBe('preview');
    expect(p.json.message).toMatch(/^Add Dune \(1984\) to Radarr/);
  });

  it('says a movie on disk is already there, and offers a search for missing episodes of a series it has', async () => {
    const dune = await post('', { text: 'get me dune part two' });
    expect(dune.json).toMatchObject({
      outcome: 'exists',
      message: 'Dune: Part Two (2024) is already in Radarr and on disk.',
    });
    expect(dune.json.previewId).toBeUndefined();

    sim.control.clearRecords();
    const sev = await post('', { text: 'add severance season 2' });
    expect(sev.json.outcome).toBe('preview');
    expect(sev.json.message).toMatch(
      /^Severance \(2022\) season 2 is already in Sonarr; \d+ of \d+ aired episode\(s\) are missing/,
    );
    const done = await post('/confirm', { previewId: sev.json.previewId });
    expect(done.json.outcome).toBe('done');
    expect(writes('sonarr')).toContain('POST /api/v3/command');
    expect(sim.control.state.commands.some((c) => c.name === 'EpisodeSearch')).toBe(true);
  });

  it('adds one season of a new series to the 4K instance when asked for 4K, saying which profile it uses', async () => {
    const p = await post('', { text: 'add breaking bad season 2 in 4k' });
    expect(p.json.outcome).toBe('preview');
    expect(p.json.message).toBe(
      'Add Breaking Bad (2008), season 2, to Sonarr 4K, root /tv, profile HD-1080p, search now?',
    );
    expect(p.json.notes.join(' ')).toMatch(/Sonarr 4K has no quality profile named for 4K \(2160p\)/);
    expect(p.json.plan).toMatchObject({ instanceId: 'sonarr_4k', season: 2, monitor: 'unknown' });
    const done = await post('/confirm', { previewId: p.json.previewId });
    expect(done.json.message).toBe('Added Breaking Bad (2008) to Sonarr 4K and started a search.');
    expect(sim.control.state.series.find((s) => s.title === 'Breaking Bad')).toBeDefined();
  });

  it('answers questions and small talk without proposing anything', async () => {
    const q = await post('', { text: "what's downloading?" });
    expect(q.json).toMatchObject({ outcome: 'status' });
    expect(q.json.previewId).toBeUndefined();
    const st = await post('', { text: 'is Dune Part Two downloading?' });
    expect(st.json).toMatchObject({
      outcome: 'exists',
      message: 'Dune: Part Two (2024) is already in Radarr and on disk.',
    });
    const not = await post('', { text: 'is Inception downloading?' });
    expect(not.json).toMatchObject({
      outcome: 'status',
      message: 'Inception (2010), movie is not in Radarr. Say "add Inception" to request it.',
    });
    const none = await post('', { text: 'thanks!' });
    expect(none.json.outcome).toBe('not_a_request');
    const nf = await post('', { text: 'add qwxzzyzx' });
    expect(nf.json.outcome).toBe('not_found');
    expect(nf.json.message).toMatch(/found nothing called "qwxzzyzx"/);
  });

  it('in dry run, confirming records what would be done and changes nothing', async () => {
    await autoarr.ctx.runtime.set('dryRun', true);
    try {
      const p = await post('', { text: 'add the movie whiplash' });
      expect(p.json.dryRun).toBe(true);
      expect(p.json.message).toMatch(/Dry run is on: confirming will only record what would be done\.$/);
      sim.control.clearRecords();
      const done = await post('/confirm', { previewId: p.json.previewId });
      expect(done.json).toMatchObject({ outcome: 'done', dryRun: true });
      expect(done.json.message).toBe(
        'Dry run is on, so nothing was changed. AutoArr would add Whiplash (2014) to Radarr.',
      );
      expect(writes('radarr')).toEqual([]);
      expect(sim.control.state.movies.some((m) => m.title === 'Whiplash')).toBe(false);
    } finally {
      await autoarr.ctx.runtime.set('dryRun', false);
    }
  });

  it('says which app could not be reached when Sonarr is down, and still searches Radarr', async () => {
    await sim.control.setAppMode('sonarr', 'down');
    try {
      const down = await post('', { text: 'add the last of us season 2' });
      expect(down.json.outcome).toBe('unavailable');
      expect(down.json.message).toBe(
        'Sonarr could not be reached, so nothing was looked up. Check that it is running, then ask again.',
      );
      const either = await post('', { text: 'add heat 1995' });
      expect(either.json.outcome).toBe('preview');
      expect(either.json.notes.join(' ')).toMatch(/^Sonarr could not be searched/);
    } finally {
      await sim.control.setAppMode('sonarr', 'ok');
    }
  });

  it("says the key was refused, and where to copy it from, when Radarr rejects AutoArr's API key", async () => {
    await sim.control.setAppMode('radarr', 'bad_key');
    try {
      const refused = await post('', { text: 'add the movie heat' });
      expect(refused.json.outcome).toBe('unavailable');
      expect(refused.json.message).toMatch(
        /^Nothing was looked up\. Radarr rejected the API key: copy it from Settings → General → Security/,
      );
      expect(refused.json.message).not.toMatch(/could not be reached/);
    } finally {
      await sim.control.setAppMode('radarr', 'ok');
    }
  });

  it('refuses bad bodies with a message that says what to send', async () => {
    const bad = await post('', '{not json');
    expect(bad.status).toBe(400);
    expect(bad.raw).toMatch(/not valid JSON/);
    const empty = await post('', { text: '' });
    expect(empty.status).toBe(400);
    const extra = await post('', { text: 'add heat', apiKey: 'x' });
    expect(extra.status).toBe(400);
    const tooLong = await post('', { text: 'a'.repeat(501) });
    expect(tooLong.status).toBe(400);
    const odd = await post('', { text: '\u0000\u202e add 🎬🎬 ((( ]]] season season s99e999 2160p 4k 4k' });
    expect(odd.status).toBe(200);
  });
});
