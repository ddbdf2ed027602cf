// What a plain-words request means, and what AutoArr proposes to do about it.

export type MediaKind = 'movie' | 'series';
export type QualityWish = '2160p' | '1080p' | '720p';
/** Which part of a series: all of it, the newest season, one season or one episode. */
export type SeriesScope = 'whole' | 'latest' | 'season' | 'episode';

export interface AddIntent {
  kind: 'add';
  /** The title as typed, without the request's own words ("add", "in 4K", "season 2" …). */
  title: string;
  /** The title before words such as "show" or "movie" were taken off ("The Truman Show"). */
  rawTitle: string;
  mediaType?: MediaKind;
  year?: number;
  season?: number;
  episode?: number;
  scope?: SeriesScope;
  quality?: QualityWish;
  /** An instance named in the text ("Sonarr 4K"): its id. */
  instanceId?: string;
}

export interface StatusIntent {
  kind: 'status';
  /** "is Dune downloading?" → "Dune"; "what's downloading?" → none. */
  title?: string;
}

export interface NoIntent {
  kind: 'none';
}

export type Intent = AddIntent | StatusIntent | NoIntent;

/** One title found by an *arr lookup, as the ranking sees it. */
export interface Candidate {
  app: 'sonarr' | 'radarr';
  instanceId: string;
  instanceName: string;
  title: string;
  year: number;
  /** TVDB id (series) or TMDB id (movies). */
  externalId: number;
  /** The *arr's own id when it is already in its library. */
  libraryId?: number;
  /** Other names of the title (original, translations, alternates). */
  names: string[];
  /** 0–100, from the metadata source. */
  popularity: number;
  seasons?: number[];
  /** The metadata source's summary, cut to a snippet (tells same-name titles apart). */
  overview?: string;
}

export interface RankedCandidate extends Candidate {
  score: number;
  titleScore: number;
}

export type RankOutcome =
  | { kind: 'match'; best: RankedCandidate; others: RankedCandidate[] }
  | { kind: 'ambiguous'; options: RankedCandidate[] }
  | { kind: 'not_found'; near: RankedCandidate[] };

/** One of the titles offered when a request was ambiguous; send it back as `choice`. */
export interface RequestOption {
  title: string;
  year: number;
  mediaType: MediaKind;
  instanceId: string;
  instanceName: string;
  externalId: number;
  inLibrary: boolean;
  /** A snippet of the summary, when the metadata source has one. */
  overview?: string;
}

/** What a preview or confirm answers, on every path (REST, MCP, UI, Home Assistant). */
export interface RequestAnswer {
  outcome:
    | 'preview'
    | 'question'
    | 'exists'
    | 'downloading'
    | 'not_found'
    | 'status'
    | 'not_a_request'
    | 'unavailable'
    | 'done'
    | 'expired';
  /** One plain sentence (or two) for the person. */
  message: string;
  /** What else they should know: an app that could not be searched, the LLM falling back … */
  notes: string[];
  /** Who read the text: the built-in rules or the LLM. */
  interpretedBy: 'rules' | 'llm';
  intent?: Intent;
  /** Send back to confirm the previewed plan (valid 15 minutes, once). */
  previewId?: string;
  plan?: import('./plan.js').RequestPlan;
  options?: RequestOption[];
  /** Dry run is on: confirming records what would be done and changes nothing. */
  dryRun?: boolean;
}
