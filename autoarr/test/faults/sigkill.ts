// The SIGKILL fault: AutoArr as a real process, killed with SIGKILL at the moment Sonarr has carried out the removal
// of a recovery but before the answer reaches AutoArr (so before the search), then started again on the same
// DATA_DIR. The sim's world must then hold exactly one removal (blocklist entry) and one search for the episode,
// and the activity must say what was found at the restart. Scenario sab_failed: SABnzbd fails The Bear S02E02, and
// with a short grace (STALL_MINUTES 1 / MAX_STRIKES 20 = 3 s of real time) AutoArr removes it and searches.
import fs from 'node:fs';
import { startSimStack, type SimStack } from '../../src/sim/index.js';
import {
  cleanEnv,
  freePort,
  killGroup,
  start as startProcess,
  waitForHealth,
  type Running as Proc,
} from '../packaging/process.js';
import { ROOT } from '../packaging/supervisor-rules.js';
import type { Fault } from './faults.js';
import { countSecrets, secretsOf, simEnv, tempDir, until } from './harness.js';

const TITLE = 'The.Bear.S02E02';

interface Entry {
  action: string;
  message: string;
  title?: string;
}

export function sigkillFault(): Fault {
  const name = 'SIGKILL mid-recovery, then a restart';
  return {
    name,
    async run() {
      const sim = await startSimStack({ speed: 0, scenario: 'sab_failed', seed: 11 });
      const dir = tempDir('sigkill');
      const port = await freePort();
      const token = 'fault-suite-token-0123456789';
      const env = cleanEnv({
        ...simEnv(sim, dir),
        // The child runs on real time: the failed job's grace (stallMinutes / maxStrikes) is 3 s.
        AUTOARR_STALL_MINUTES: '1',
        AUTOARR_MAX_STRIKES: '20',
        AUTOARR_MIN_QUEUE_AGE_MINUTES: '0',
        PORT: String(port),
        AUTOARR_API_TOKEN: token,
      });
      const url = `http://127.0.0.1:${port}`;
      const notes: string[] = [];
      const outputs: string[] = [];
      let proc: Proc | undefined;
      const spawnAutoArr = async () => {
        proc = startProcess(process.execPath, ['--import', 'tsx', 'autoarr/src/main.ts'], { cwd: ROOT, env });
        await waitForHealth(url, proc, 60_000);
        return proc;
      };
      let killedAt: string | undefined;
      try {
        const first = await spawnAutoArr();
        // The kill happens inside the sim's handling of the first write of the recovery to any *arr: the work is
        // done, the answer not yet sent, so AutoArr never learns the removal went through.
        const stop = sim.control.onRequest((r) => {
          if (killedAt || r.app === 'sabnzbd' || r.app === 'plex' || r.method === 'GET') return;
          killedAt = `${r.app} ${r.method} ${r.path}`;
          process.kill(-first.child.pid!, 'SIGKILL');
        });
        await until(sim, () => killedAt !== undefined, 'the first write of the recovery', 60_000).catch(
          (err: unknown) => notes.push((err as Error).message),
        );
        stop();
        await first.exited;
        outputs.push(first.output());
        const atKill = actionsForEpisode(sim);
        if (atKill.removals !== 1 || atKill.searches !== 0)
          notes.push(`at the kill (${killedAt}) expected 1 removal and no search, saw ${JSON.stringify(atKill)}`);

        const second = await spawnAutoArr();
        await until(sim, () => actionsForEpisode(sim).searches >= 1, 'the search after the restart', 60_000).catch(
          (err: unknown) => notes.push((err as Error).message),
        );
        const reads = () => sim.control.requests({ app: 'sonarr' }).filter((r) => r.path === '/api/v3/queue').length;
        const seen = reads();
        await until(sim, () => reads() >= seen + 3, 'three more polls', 30_000).catch((err: unknown) =>
          notes.push((err as Error).message),
        );
        const get = async (p: string) =>
          (await fetch(`${url}${p}`, { headers: { authorization: `Bearer ${token}` } })).text();
        const activity = await get('/api/activity?pageSize=200');
        notes.push(...activityProblems((JSON.parse(activity) as { items?: Entry[] }).items ?? []));
        const surfaces = [activity, await get('/api/health'), await get('/api/downloads'), await get('/api/settings')];
        const alive = (await fetch(`${url}/api/health`)).ok;
        second.child.kill('SIGTERM');
        await second.exited;
        outputs.push(second.output());
        const { removals, searches } = actionsForEpisode(sim);
        const entries = (JSON.parse(activity) as { items?: Entry[] }).items ?? [];
        const message = entries.find((e) => e.action === 'remove_confirmed')?.message ?? '';
        return {
          fault: name,
          survived: alive && message !== '',
          message,
          removals,
          searches,
          lost: Math.max(0, 1 - removals) + Math.max(0, 1 - searches),
          duplicated: Math.max(0, removals - 1) + Math.max(0, searches - 1),
          secrets: countSecrets([...surfaces, ...outputs], secretsOf(sim)),
          notes,
        };
      } finally {
        await killGroup(proc);
        await sim.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The activity must tell it as it happened: the removal found done at the restart, then one search, done. */
function activityProblems(items: Entry[]): string[] {
  const mine = items.filter((e) => e.title?.startsWith(TITLE));
  const count = (action: string, message?: RegExp) =>
    mine.filter((e) => e.action === action && (!message || message.test(e.message))).length;
  const problems: string[] = [];
  if (count('remove_confirmed', /blocklist has it, so the removal went through/) !== 1)
    problems.push('the activity does not say once that the removal was found done at the restart');
  if (count('search', /^Done: search Sonarr/) !== 1)
    problems.push('the activity does not say once that the search was done');
  for (const bad of ['remove_not_done', 'remove_failed', 'search_failed', 'search_not_sent'])
    if (count(bad)) problems.push(`the activity has a "${bad}" entry, which is not what happened`);
  if (problems.length) problems.push(`activity: ${JSON.stringify(mine.map((e) => `${e.action}: ${e.message}`))}`);
  return problems;
}

/** The recovery of the failed episode of scenario sab_failed (The Bear S02E02) as the sim's Sonarr saw it. */
export function actionsForEpisode(sim: SimStack): { removals: number; searches: number } {
  const w = sim.control.state;
  const series = w.series.find((x) => x.title === 'The Bear');
  const ep = w.episodes.find((e) => e.seriesId === series?.id && e.seasonNumber === 2 && e.episodeNumber === 2);
  if (!ep) return { removals: 0, searches: 0 };
  const removals = w.blocklist.filter((b) => b.app === 'sonarr' && b.episodeIds.includes(ep.id)).length;
  const searches = w.commands.filter(
    (c) =>
      c.app === 'sonarr' &&
      c.name === 'EpisodeSearch' &&
      Array.isArray(c.body.episodeIds) &&
      (c.body.episodeIds as unknown[]).includes(ep.id),
  ).length;
  return { removals, searches };
}
