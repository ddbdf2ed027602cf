// autoarr_diagnose: a title or download id → where it is in SABnzbd → Sonarr/Radarr → Plex, what went wrong, what
// AutoArr already did and what the person can do next. Deterministic: the rules below, not a model's guess.
import { z } from 'zod';
import type { ActivityEntry, Download } from '../../shared/types.js';
import { UNTRUSTED_NOTE, untrustedText } from '../common.js';
import { defineTool, type ToolEnv } from '../define.js';
import { downloadItem, mapDownload } from './autoarr.js';
import { arrStage, matchesWords, plexStage, sabStage, wordsOf, type Key, type Stage } from './diagnose-chain.js';
import { APP_LABEL, isProblemState } from '../../shared/domain.js';

const isIdLike = (q: string) => /^SABnzbd_nzo_\S+$/i.test(q) || /^[a-f0-9]{32,40}$/i.test(q);
const rank = (d: Download) => (isProblemState(d.state) ? 0 : d.state === 'completed' ? 2 : 1);

async function findDownload(env: ToolEnv, query: string, words: string[]) {
  const view = env.deps.view;
  if (!view) return { others: [] as Download[] };
  const byId = await view.get(query);
  if (byId) return { download: byId, others: [] as Download[] };
  const hits = (await view.list())
    .filter((d) => matchesWords(d.title, words) || matchesWords(d.media.label, words))
    .sort((a, b) => rank(a) - rank(b));
  return { download: hits[0], others: hits.slice(1, 6) };
}

async function chain(env: ToolEnv, key: Key, d: Download | undefined): Promise<Stage[]> {
  const instances = env.deps.ctx.apps.instances();
  const sabIds = instances
    .filter((i) => i.app === 'sabnzbd' && (!d?.downloadClientInstanceId || i.id === d.downloadClientInstanceId))
    .map((i) => i.id);
  const arrs = instances.filter(
    (i): i is typeof i & { app: 'sonarr' | 'radarr' } =>
      (i.app === 'sonarr' || i.app === 'radarr') && (!d || d.app === 'sabnzbd' || i.id === d.instanceId),
  );
  const [sab, arr] = await Promise.all([
    Promise.all(sabIds.map((id) => sabStage(env, id, key))),
    Promise.all(arrs.map((i) => arrStage(env, i.app, i.id, key))),
  ]);
  // With several instances, the ones that know the download are the story; keep one "not found" otherwise.
  const keep = (stages: Stage[]) => {
    const found = stages.filter((s) => s.status !== 'not_found');
    return found.length ? found : stages.slice(0, 1);
  };
  const stages = [...keep(sab), ...keep(arr)];
  const plexId = instances.find((i) => i.app === 'plex')?.id;
  if (plexId) {
    const imported = d?.state === 'completed' || stages.some((s) => s.imported);
    const label = d?.media.label ?? stages.find((s) => s.imported)?.name ?? d?.title;
    stages.push(
      imported && label
        ? await plexStage(env, plexId, label)
        : { stage: 'plex', instanceId: plexId, status: 'skipped', detail: 'Not imported yet, so Plex cannot have it' },
    );
  }
  return stages;
}

function suggest(d: Download | undefined, stages: Stage[], autoRecovery: boolean): string[] {
  const out: string[] = [];
  for (const s of stages.filter((x) => x.status === 'unknown'))
    out.push(
      `Check that ${APP_LABEL[s.stage]} (${s.instanceId}) is running and reachable from AutoArr (autoarr_stack_health).`,
    );
  const arr = d ? APP_LABEL[d.app] : 'Sonarr/Radarr';
  switch (d?.state) {
    case 'stalled':
      out.push(
        `It has ${d.strikes.count} of ${d.strikes.max} strikes; ${autoRecovery ? 'AutoArr replaces it automatically when they run out' : 'automatic recovery is off, so AutoArr will not replace it'}.`,
        `To replace it now: autoarr_retry_download with id ${d.id}.`,
      );
      break;
    case 'failed':
      out.push(`autoarr_retry_download with id ${d.id} blocklists this release and searches for another.`);
      break;
    case 'import_blocked':
      out.push(
        `Fix what ${arr}'s message says (folder path, permissions, a wrong episode match), then import it from ${arr} → Activity → Queue; or autoarr_retry_download with id ${d.id} to get a different release.`,
      );
      break;
    case 'import_pending':
      out.push(
        `${arr} is waiting to import it; if it stays there, check that ${arr} sees SABnzbd's complete folder (remote path mapping).`,
      );
      break;
    case 'paused':
      out.push('Resume it: sabnzbd_resume_queue, or sabnzbd_resume_job with its nzo id.');
      break;
    case 'recovering':
      out.push(
        'AutoArr is already replacing it: it removed the bad release and asked for a search. Check again in a few minutes.',
      );
      break;
    case 'replaced':
      out.push(
        `Nothing to do: it left ${arr}'s queue and ${arr} grabbed another release for it (see the new download).`,
      );
      break;
    case 'removed':
      out.push(
        `It left ${arr}'s queue and nothing replaced it yet; if the episode or movie is still missing, search for it: sonarr_search_episodes / radarr_search_movie.`,
      );
      break;
    case 'queued':
    case 'downloading':
    case 'post_processing':
      out.push('Nothing to do: it is on its way.');
      break;
  }
  if (!d && stages.some((s) => s.stage === 'sabnzbd' && s.status === 'problem' && /paused/i.test(s.detail)))
    out.push('SABnzbd is paused: sabnzbd_resume_queue.');
  const plex = stages.find((s) => s.stage === 'plex');
  if (plex?.status === 'not_found')
    out.push(
      "Imported but not in Plex yet: plex_scan_library for its library, and check that Plex's library folder is the same as the *arr root folder.",
    );
  if (!d && stages.every((s) => s.status === 'not_found' || s.status === 'skipped'))
    out.push(
      'Nothing matching is downloading. Check it is in Sonarr/Radarr and monitored (sonarr_lookup_series / radarr_lookup_movie), then search: sonarr_search_episodes / radarr_search_movie.',
    );
  return out;
}

export const diagnose = defineTool({
  name: 'autoarr_diagnose',
  title: 'Why is this download stuck?',
  description: 'One download (title or id) stage by stage: what went wrong, what AutoArr did, what next.',
  group: 'autoarr',
  effect: 'read',
  input: { query: z.string().min(1).max(300).describe('A title, release name or download id (SABnzbd nzo_id).') },
  output: {
    query: z.string(),
    found: z.boolean().describe('True when any stage knows the download.'),
    download: downloadItem.optional(),
    otherMatches: z.array(z.object({ id: z.string(), state: z.string(), untrusted: z.object({ title: z.string() }) })),
    chain: z.array(
      z.object({
        stage: z.enum(['sabnzbd', 'sonarr', 'radarr', 'plex']),
        instanceId: z.string(),
        status: z.enum(['ok', 'in_progress', 'problem', 'not_found', 'unknown', 'skipped']),
        untrusted: z.object({ detail: z.string() }).describe(UNTRUSTED_NOTE),
      }),
    ),
    untrusted: z.object({ problem: z.string() }).describe(UNTRUSTED_NOTE),
    autoarrActions: z.array(
      z.object({
        time: z.string(),
        action: z.string(),
        dryRun: z.boolean(),
        untrusted: z.object({ message: z.string() }),
      }),
    ),
    suggestions: z.array(z.string()).describe('What the person can do next, most useful first.'),
  },
  async run({ query }, env) {
    const words = wordsOf(query);
    const { download, others } = await findDownload(env, query.trim(), words);
    const key: Key = {
      ...(download ? { id: download.id } : isIdLike(query.trim()) ? { id: query.trim() } : {}),
      words,
    };
    const stages = await chain(env, key, download);
    let timeline: ActivityEntry[] = [];
    if (download && env.deps.view) timeline = await env.deps.view.timeline(download.id);
    else if (key.id) timeline = (await env.deps.ctx.activity.list({ downloadId: key.id, pageSize: 10 })).items;
    const problemStage = stages.find((s) => s.status === 'problem') ?? stages.find((s) => s.status === 'unknown');
    const problem = download && isProblemState(download.state) ? download.explanation : problemStage?.detail;
    const found = !!download || stages.some((s) => !['not_found', 'skipped', 'unknown'].includes(s.status));
    const problemText = problem ?? (found ? '' : 'No stage of the stack knows a download matching this.');
    const chainOut = stages.map((s) => ({
      stage: s.stage,
      instanceId: s.instanceId,
      status: s.status,
      untrusted: { detail: untrustedText(s.detail) },
    }));
    const actions = timeline.slice(0, 10).map((e) => ({
      time: e.time,
      action: `${e.kind}/${e.action}`,
      dryRun: !!e.dryRun,
      untrusted: { message: untrustedText(e.message) },
    }));
    const suggestions = suggest(download, stages, env.deps.ctx.runtime.get().autoRecovery);
    const where = stages
      .filter((s) => s.status !== 'skipped' && s.status !== 'not_found')
      .map((s) => `${APP_LABEL[s.stage]}: ${s.status}`);
    return {
      data: {
        query: untrustedText(query),
        found,
        ...(download ? { download: mapDownload(download) } : {}),
        otherMatches: others.map((o) => ({ id: o.id, state: o.state, untrusted: { title: untrustedText(o.title) } })),
        chain: chainOut,
        untrusted: { problem: untrustedText(problemText) },
        autoarrActions: actions,
        suggestions,
      },
      summary: [
        found
          ? `${download ? `Download ${download.id} is ${download.state}.` : 'Found it.'} ${where.join(' → ')}.`
          : 'AutoArr found no download matching this.',
        actions.length ? `AutoArr took ${actions.length} recorded step(s) for it.` : 'AutoArr has not acted on it.',
        `Next: ${suggestions[0] ?? 'nothing to do.'}`,
      ].join(' '),
      untrusted: [
        ...(download ? [`title: ${download.title}`] : []),
        ...chainOut.map((s) => `${s.stage} (${s.instanceId}) ${s.status}: ${s.untrusted.detail}`),
        ...(problemText ? [`problem: ${problemText}`] : []),
        ...actions.map((a) => `${a.time} ${a.action}: ${a.untrusted.message}`),
      ],
    };
  },
});
