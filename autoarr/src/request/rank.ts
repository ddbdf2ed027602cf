// Ranks lookup results against a request: title likeness first, then the year, then popularity. Two titles that
// fit equally well (Dune 1984 and 2021, The Office US and UK, Fargo the film and the series) are not guessed
// between: the request is answered with a question.
import { similarity, strictKey, titleWords } from './similarity.js';
import type { AddIntent, Candidate, RankOutcome, RankedCandidate } from './types.js';

/** Below this title likeness a result is not what was asked for. */
export const MIN_TITLE_SCORE = 0.6;
/** Results whose title likeness is this close to the best one's are equally good answers. */
const TIE = 0.04;

/** 0–1 likeness of the best-fitting name; 1.05 when it is the very same words, article included. */
export function titleScore(intent: Pick<AddIntent, 'title' | 'rawTitle'>, c: Candidate): number {
  let best = 0;
  for (const asked of new Set([intent.title, intent.rawTitle]))
    for (const name of [c.title, ...c.names]) {
      const s = similarity(asked, name);
      best = Math.max(best, s === 1 && strictKey(asked) === strictKey(name) ? 1.05 : s, partOf(asked, name));
    }
  return best;
}

/** "Furiosa" for "Furiosa: A Mad Max Saga", "Totoro" for "My Neighbor Totoro": the start counts more. */
function partOf(asked: string, name: string): number {
  const a = titleWords(asked);
  const n = titleWords(name);
  if (a.length === 0 || a.length >= n.length) return 0;
  if (a.every((w, i) => n[i] === w)) return 0.8;
  for (let i = 1; i + a.length <= n.length; i++) if (a.every((w, j) => n[i + j] === w)) return 0.7;
  return 0;
}

export function rankCandidates(intent: AddIntent, candidates: Candidate[]): RankOutcome {
  const seen = new Set<string>();
  const ranked: RankedCandidate[] = [];
  for (const c of candidates) {
    const key = `${c.instanceId}:${c.externalId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (intent.mediaType && (intent.mediaType === 'movie') !== (c.app === 'radarr')) continue;
    const ts = titleScore(intent, c);
    let score = ts + Math.min(c.popularity, 100) / 1000;
    if (intent.year !== undefined)
      score += c.year === intent.year ? 0.3 : Math.abs(c.year - intent.year) === 1 ? 0.1 : -0.3;
    ranked.push({ ...c, score, titleScore: ts });
  }
  ranked.sort((a, b) => b.score - a.score);
  const good = ranked.filter((c) => c.titleScore >= MIN_TITLE_SCORE);
  const best = good[0];
  if (!best) return { kind: 'not_found', near: ranked.slice(0, 3) };
  // The same title on two instances of one app (Radarr and Radarr 4K) is one title, not a question.
  const rivals = good.filter(
    (c) =>
      c !== best &&
      !(c.app === best.app && c.externalId === best.externalId) &&
      c.titleScore >= best.titleScore - TIE &&
      (intent.year === undefined || c.year === best.year),
  );
  if (rivals.length > 0) {
    const options = [best, ...rivals].filter(
      (c, i, all) => all.findIndex((o) => o.app === c.app && o.externalId === c.externalId) === i,
    );
    return { kind: 'ambiguous', options: options.slice(0, 5) };
  }
  return { kind: 'match', best, others: good.slice(1, 4) };
}
