// The deterministic request parser: plain words → an intent, with no network and no LLM. It only takes the
// request's own words off (verbs, "season 2", "in 4K", the year …); deciding which title was meant is the
// lookup's and the ranking's job.
import type { AddIntent, Intent, MediaKind, QualityWish, SeriesScope } from './types.js';

export interface ParseContext {
  /** Configured Sonarr/Radarr instances, so "to Sonarr 4K" is understood. */
  instances: ReadonlyArray<{ id: string; name: string; app: string }>;
  /** The current year: a number above it + 3 is part of a title ("Blade Runner 2049"), not a year. */
  year: number;
}

const ORDINALS: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const NUM = `(\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})`;
const ORD = `(${Object.keys(ORDINALS).join('|')})`;

const toNumber = (s: string): number => NUMBER_WORDS[s.toLowerCase()] ?? ORDINALS[s.toLowerCase()] ?? Number(s);

const POLITE =
  /^(?:(?:hey|hi|hello|ok(?:ay)?|yo)\s+(?:autoarr|assistant|there)?[\s,:!-]*|please[\s,]+|pls[\s,]+|kindly\s+)+/i;
const ASK = String.raw`(?:(?:can|could|would|will)\s+you\s+(?:please\s+|pls\s+)?|please\s+|pls\s+|go\s+(?:and\s+)?|let'?s\s+|lets\s+)*`;
const ADD_VERBS = String.raw`(?:add|get|grab|download|fetch|find|request|queue(?:\s+up)?|snag|pull(?:\s+down)?|record|pick\s+up|search\s+for|look\s+for|look\s+up|put|start\s+downloading|track|monitor)`;
const WANT = String.raw`(?:i|we)\s+(?:really\s+)?(?:want|need|wanna|would\s+(?:like|love)|am\s+looking\s+for|are\s+looking\s+for)(?:\s+to\s+(?:watch|see|have|get|add|download))?`;
const ADD_START = new RegExp(`^${ASK}(?:${ADD_VERBS}|${WANT})\\b\\s*(?:(?:me|us)\\b\\s*)?`, 'i');

const STATUS_START =
  /^(?:is|are|has|have|did|does|do|was|were|when|where|what|what's|whats|which|how|how's|hows|why|who|show\s+me|list|tell\s+me|status|check|any)\b/i;
const NOT_REQUEST_START =
  /^(?:remove|delete|pause|resume|stop|cancel|restart|retry|unmonitor|thanks|thank\s+you|thx|hello|hi|hey|good\s+(?:morning|night|evening)|turn|set|open|play|watch)\b/i;

/** Words after the title that say what the request is, not what it is for. */
const TRAILING_NOISE = new RegExp(
  String.raw`\s*(?:\b(?:please|pls|for\s+me|for\s+us|now|right\s+now|tonight|asap|thanks|thank\s+you|thx|too|as\s+well|also|again|when\s+(?:it'?s|it\s+is)\s+out|when\s+available|if\s+(?:you\s+can|possible))\b|[.!?,;:…]+)\s*$`,
  'i',
);

export function parseRequest(text: string, ctx: ParseContext): Intent {
  let t = text
    .replace(/[’‘`´]/g, "'")
    .replace(/[“”«»]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
  t = t
    .replace(POLITE, '')
    .replace(/^(i|we)'d\b/i, '$1 would')
    .replace(/^(i|we)'m\b/i, '$1 am')
    .trim();
  if (!t) return { kind: 'none' };

  // Questions about what is happening ("is Dune downloading?", "what's downloading") are not requests;
  // "can you get me Dune?" is one.
  const add = ADD_START.exec(t);
  if (!add) {
    if (STATUS_START.test(t) || /\?\s*$/.test(t)) return statusIntent(t);
    if (NOT_REQUEST_START.test(t)) return { kind: 'none' };
  }
  const rest = add ? t.slice(add[0].length) : t;
  return addIntent(rest, ctx) ?? { kind: 'none' };
}

function statusIntent(t: string): Intent {
  const m =
    /^(?:is|are|has|have|did|was|were)\s+(.+?)\s+(?:still\s+)?(?:downloading|done|finished|ready|available|there|stuck|stalled|failed|importing|imported|in\s+(?:the\s+)?(?:queue|library)|on\s+plex|coming|grabbed|downloaded|complete|completed)\b/i.exec(
      t,
    ) ??
    /^(?:where|how\s+far\s+along|how\s+far|how\s+long|what\s+happened\s+to|what's\s+up\s+with|whats\s+up\s+with|why\s+is|why\s+isn'?t|why\s+hasn'?t|when\s+(?:will|does|is))\s+(?:is\s+|are\s+|with\s+)?(.+?)(?:\s+(?:stuck|downloading|done|coming|ready|finished|arriving|along|at|be\s+ready|be\s+done|download(?:ing)?|finish|arrive|stalled|failing|failed))*\s*\??$/i.exec(
      t,
    ) ??
    /^(?:do|does)\s+(?:i|we|you)\s+(?:have|own|got)\s+(.+?)\s*\??$/i.exec(t) ??
    /^(?:status\s+of|check\s+on|check)\s+(.+?)\s*\??$/i.exec(t);
  const title = m?.[1]?.replace(/^(?:the\s+)?(?:movie|film|show|series)\s+/i, '').trim();
  const generic = /^(?:it|that|this|anything|something|everything|my\s+\w+|the\s+(?:queue|download|downloads))$/i;
  return title && !generic.test(title) ? { kind: 'status', title } : { kind: 'status' };
}

function addIntent(input: string, ctx: ParseContext): AddIntent | undefined {
  let t = ` ${input} `;
  let mediaType: MediaKind | undefined;
  let quality: QualityWish | undefined;
  let season: number | undefined;
  let episode: number | undefined;
  let scope: SeriesScope | undefined;
  let year: number | undefined;
  let instanceId: string | undefined;
  const take = (re: RegExp, fn: (m: RegExpExecArray) => void): boolean => {
    const m = re.exec(t);
    if (!m) return false;
    fn(m);
    t = `${t.slice(0, m.index)} ${t.slice(m.index + m[0].length)}`;
    return true;
  };

  // A named instance first: "to Sonarr 4K" must not leave "4K" behind as a quality or in the title.
  const named = [...ctx.instances].sort((a, b) => b.name.length - a.name.length);
  for (const inst of named) {
    const esc = inst.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    if (
      take(
        new RegExp(`\\s(?:(?:to|in|on|into|using|via|with|from)\\s+)?(?:my\\s+|the\\s+)?${esc}(?=\\s)`, 'i'),
        () => {},
      )
    ) {
      instanceId = inst.id;
      mediaType = inst.app === 'radarr' ? 'movie' : 'series';
      break;
    }
  }
  take(/\s(?:to|in|on|into|onto)\s+(?:my\s+|the\s+)?(radarr|sonarr)(?=\s)/i, (m) => {
    mediaType = m[1]!.toLowerCase() === 'radarr' ? 'movie' : 'series';
  });
  take(/\s(?:to|in|into|on|onto)\s+(?:my|the)\s+(?:library|collection|plex|list|watchlist|queue)(?=\s)/i, () => {});

  const first = (rules: Array<[RegExp, (m: RegExpExecArray) => void]>): boolean =>
    rules.some(([re, fn]) => take(re, fn));

  first([
    [
      /\s(?:in\s+|at\s+)?(?:4\s?k|uhd|2160p?|ultra\s*hd)(?:\s+(?:quality|resolution|please))?(?=\s)/i,
      () => (quality = '2160p'),
    ],
    [/\s(?:in\s+|at\s+)?(?:1080p?|full\s*hd|fhd|hd)(?:\s+(?:quality|resolution))?(?=\s)/i, () => (quality = '1080p')],
    [/\s(?:in\s+|at\s+)?720p?(?:\s+(?:quality|resolution))?(?=\s)/i, () => (quality = '720p')],
  ]);

  const seasonEpisode = (s: string, e: string) => {
    season = toNumber(s);
    episode = toNumber(e);
  };
  first([
    [/\s(?:(?:of|from)\s+)?s(\d{1,2})\s*e(\d{1,3})(?=\s)/i, (m) => seasonEpisode(m[1]!, m[2]!)],
    [/\s(\d{1,2})x(\d{2,3})(?=\s)/i, (m) => seasonEpisode(m[1]!, m[2]!)],
    [
      new RegExp(`\\s(?:of\\s+)?(?:season|series)\\s+${NUM},?\\s+(?:episode|ep\\.?)\\s+${NUM}(?:\\s+of)?(?=\\s)`, 'i'),
      (m) => seasonEpisode(m[1]!, m[2]!),
    ],
    [
      new RegExp(
        `\\s(?:the\\s+)?(?:episode|ep\\.?)\\s+${NUM}\\s+of\\s+(?:season|series)\\s+${NUM}(?:\\s+of)?(?=\\s)`,
        'i',
      ),
      (m) => seasonEpisode(m[2]!, m[1]!),
    ],
  ]);
  if (season === undefined) {
    first([
      [
        /\s(?:the\s+)?(?:newest|latest|new|next|last|upcoming|current|most\s+recent)\s+(?:season|series)(?:\s+of)?(?=\s)/i,
        () => (scope = 'latest'),
      ],
      [
        new RegExp(`\\s(?:the\\s+)?${ORD}\\s+(?:season|series)(?:\\s+of)?(?=\\s)`, 'i'),
        (m) => (season = toNumber(m[1]!)),
      ],
      [
        new RegExp(`\\s(?:of\\s+)?(?:season|series)\\s+${NUM}(?:\\s+of)?(?=\\s)`, 'i'),
        (m) => (season = toNumber(m[1]!)),
      ],
      [/\s(?:of\s+)?s(\d{1,2})(?=\s)/i, (m) => (season = Number(m[1]))],
    ]);
  }
  if (episode === undefined && season !== undefined) {
    take(new RegExp(`\\s(?:episode|ep\\.?)\\s+${NUM}(?=\\s)`, 'i'), (m) => {
      episode = toNumber(m[1]!);
    });
  }
  take(
    /\s(?:the\s+)?(?:whole|entire|complete|full|all\s+of|every\s+season\s+of|all\s+seasons\s+of|all\s+episodes\s+of)(?:\s+(?:series|show|thing|run))?(?:\s+of)?(?=\s)/i,
    () => {
      scope = 'whole';
    },
  );
  take(
    /\s(?:all\s+(?:the\s+)?(?:seasons|episodes)|every\s+(?:season|episode)|(?:the\s+)?complete\s+series)(?=\s)/i,
    () => {
      scope = 'whole';
    },
  );
  if (season !== undefined) scope = episode !== undefined ? 'episode' : 'season';
  if (scope) mediaType = 'series';

  // The year: in brackets anywhere, or at the end ("Dune 1984", "Dune from 1984"), never the whole title.
  const yearOk = (y: number) => y >= 1900 && y <= ctx.year + 3;
  const bracket = /\s?\((\d{4})\)(?=\s)/.exec(t);
  if (bracket && yearOk(Number(bracket[1]))) {
    year = Number(bracket[1]);
    t = `${t.slice(0, bracket.index)} ${t.slice(bracket.index + bracket[0].length)}`;
  } else {
    const end =
      /\s(?:(?:from|of|released\s+in|made\s+in|in)\s+)?(?:the\s+)?(?:(\d{4})\s+(?:version|one|movie|film|remake|original)|(\d{4}))\s*[.!?]*\s*$/i.exec(
        t,
      );
    const y = Number(end?.[1] ?? end?.[2]);
    if (end && yearOk(y) && t.slice(0, end.index).trim().length > 0) {
      year = y;
      t = t.slice(0, end.index) + ' ';
    }
  }

  let title = t.replace(/\s+/g, ' ').trim();
  for (let i = 0; i < 3; i++) title = title.replace(TRAILING_NOISE, '').trim();
  title = title.replace(/^(?:a\s+copy\s+of|a\s+few\s+episodes\s+of|episodes\s+of|the\s+episodes\s+of)\s+/i, '');
  title = title.replace(/^[\s:,.;!-]+/, '');
  const rawTitle = stripQuotes(title);
  // "the movie Heat", "Heat the movie", "the show Dark", "Bluey tv show"
  title = title
    .replace(/^(?:the\s+)?(?:movie|film)\s+/i, () => ((mediaType ??= 'movie'), ''))
    .replace(/^(?:the\s+)?(?:tv\s+)?(?:show|series)\s+/i, () => ((mediaType ??= 'series'), ''))
    .replace(/\s+(?:the\s+)?(?:movie|film)$/i, () => ((mediaType ??= 'movie'), ''))
    .replace(/\s+(?:the\s+)?(?:tv\s+show|tv\s+series|tv|show|series)$/i, () => ((mediaType ??= 'series'), ''));
  title = stripQuotes(title.replace(TRAILING_NOISE, '').trim());
  if (!title || /^(?:(?:something|anything)\b.*|it|that|this|stuff|a\s+(?:movie|film|show|series))$/i.test(title))
    return undefined;
  return {
    kind: 'add',
    title,
    rawTitle: rawTitle || title,
    ...(mediaType ? { mediaType } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(season !== undefined ? { season } : {}),
    ...(episode !== undefined ? { episode } : {}),
    ...(scope ? { scope } : {}),
    ...(quality ? { quality } : {}),
    ...(instanceId ? { instanceId } : {}),
  };
}

function stripQuotes(s: string): string {
  return s.replace(/^["']+|["']+$/g, '').trim();
}
