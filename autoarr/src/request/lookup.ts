// Finds candidates for a request through Sonarr's/Radarr's own lookup (their metadata sources), choosing the
// instance a request is for. Metadata searches do not correct spelling, so when the title finds nothing close,
// the first letters of its longest words are looked up too and the ranking picks the likeliest.
import { AppError, type AppErrorKind } from '../apps/common/errors.js';
import type { AppInstance } from '../settings/settings.js';
import { rankCandidates } from './rank.js';
import { titleWords } from './similarity.js';
import type { AddIntent, Candidate, RankOutcome } from './types.js';

/** What the request service needs from Sonarr/Radarr (the registry's clients in the app; fakes never needed). */
export interface LookupPort {
  lookup(instance: AppInstance, term: string): Promise<Candidate[]>;
}

const FOUR_K = /\b(?:4k|uhd|2160p?)\b/i;
const CLOSE_ENOUGH = 0.85;

/** The Sonarr and/or Radarr instance a request goes to: the one named, else by quality wish, else the first. */
export function targetInstances(intent: AddIntent, instances: readonly AppInstance[]): AppInstance[] {
  const named = instances.find((i) => i.id === intent.instanceId);
  if (named) return [named];
  const kinds: Array<'sonarr' | 'radarr'> =
    intent.mediaType === 'movie' ? ['radarr'] : intent.mediaType === 'series' ? ['sonarr'] : ['radarr', 'sonarr'];
  const out: AppInstance[] = [];
  for (const kind of kinds) {
    const of = instances.filter((i) => i.app === kind);
    const pick =
      intent.quality === '2160p'
        ? (of.find((i) => FOUR_K.test(i.name) || FOUR_K.test(i.id)) ?? of[0])
        : (of.find((i) => !FOUR_K.test(i.name) && !FOUR_K.test(i.id)) ?? of[0]);
    if (pick) out.push(pick);
  }
  return out;
}

export interface FindResult {
  outcome: RankOutcome;
  instances: AppInstance[];
  /** Instances whose lookup failed (down, wrong key …), with the reason. */
  failed: Array<{ instance: AppInstance; error: string; kind?: AppErrorKind }>;
}

export async function findCandidates(
  intent: AddIntent,
  instances: readonly AppInstance[],
  port: LookupPort,
): Promise<FindResult> {
  const targets = targetInstances(intent, instances);
  const failed: FindResult['failed'] = [];
  const all: Candidate[] = [];
  const run = async (terms: string[]) => {
    const jobs = targets.flatMap((inst) => terms.map((term) => ({ inst, term })));
    const results = await Promise.allSettled(jobs.map((j) => port.lookup(j.inst, j.term)));
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') all.push(...r.value);
      else if (!failed.some((f) => f.instance.id === jobs[i]!.inst.id))
        failed.push({
          instance: jobs[i]!.inst,
          error: r.reason instanceof Error ? r.reason.message : String(r.reason),
          ...(r.reason instanceof AppError ? { kind: r.reason.kind } : {}),
        });
    });
  };
  await run([...new Set([intent.title, intent.rawTitle])]);
  let outcome = rankCandidates(intent, all);
  const bestScore = outcome.kind === 'match' ? outcome.best.titleScore : outcome.kind === 'ambiguous' ? 1 : 0;
  if (bestScore < CLOSE_ENOUGH && failed.length < targets.length) {
    const prefixes = [...new Set(titleWords(intent.title).filter((w) => w.length >= 4))]
      .sort((a, b) => b.length - a.length)
      .slice(0, 2)
      .map((w) => w.slice(0, 4));
    if (prefixes.length > 0) {
      await run(prefixes);
      outcome = rankCandidates(intent, all);
    }
  }
  return { outcome, instances: targets, failed };
}

/** The registry-backed port: maps the *arr lookup resources to candidates. */
export function arrLookupPort(clients: {
  sonarr(id: string): { lookupSeries(term: string): Promise<SeriesLike[]> };
  radarr(id: string): { lookupMovie(term: string): Promise<MovieLike[]> };
}): LookupPort {
  return {
    async lookup(instance, term) {
      if (instance.app === 'sonarr') {
        const found = await clients.sonarr(instance.id).lookupSeries(term);
        return found
          .filter((s) => typeof s.tvdbId === 'number' && s.tvdbId > 0)
          .map((s) => seriesCandidate(instance, s));
      }
      const found = await clients.radarr(instance.id).lookupMovie(term);
      return found.filter((m) => typeof m.tmdbId === 'number' && m.tmdbId > 0).map((m) => movieCandidate(instance, m));
    },
  };
}

interface SeriesLike {
  id?: number;
  title?: string | null;
  year?: number;
  tvdbId?: number;
  alternateTitles?: Array<{ title?: string | null }> | null;
  ratings?: { votes?: number } | null;
  overview?: string | null;
  seasons?: Array<{ seasonNumber?: number }> | null;
}

interface MovieLike {
  id?: number;
  title?: string | null;
  originalTitle?: string | null;
  year?: number;
  tmdbId?: number;
  alternateTitles?: Array<{ title?: string | null }> | null;
  popularity?: number;
  overview?: string | null;
}

function seriesCandidate(instance: AppInstance, s: SeriesLike): Candidate {
  return {
    app: 'sonarr',
    instanceId: instance.id,
    instanceName: instance.name,
    title: s.title ?? '',
    year: s.year ?? 0,
    externalId: s.tvdbId ?? 0,
    ...(s.id ? { libraryId: s.id } : {}),
    names: (s.alternateTitles ?? []).map((a) => a.title ?? '').filter(Boolean),
    // Sonarr has no popularity; the number of votes is the closest thing (capped to 0–100).
    popularity: Math.min(100, (s.ratings?.votes ?? 0) / 1000),
    seasons: (s.seasons ?? []).map((x) => x.seasonNumber ?? 0).filter((n) => n > 0),
    ...snippet(s.overview),
  };
}

function movieCandidate(instance: AppInstance, m: MovieLike): Candidate {
  return {
    app: 'radarr',
    instanceId: instance.id,
    instanceName: instance.name,
    title: m.title ?? '',
    year: m.year ?? 0,
    externalId: m.tmdbId ?? 0,
    ...(m.id ? { libraryId: m.id } : {}),
    names: [m.originalTitle ?? '', ...(m.alternateTitles ?? []).map((a) => a.title ?? '')].filter(Boolean),
    popularity: Math.min(100, m.popularity ?? 0),
    ...snippet(m.overview),
  };
}

const SNIPPET = 160;

/** The first words of a summary, cut at a word boundary. */
function snippet(text: string | null | undefined): { overview?: string } {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  if (!t) return {};
  if (t.length <= SNIPPET) return { overview: t };
  const cut = t.slice(0, SNIPPET);
  return { overview: `${cut.slice(0, Math.max(cut.lastIndexOf(' '), SNIPPET / 2)).replace(/[,;:.]$/, '')}…` };
}
