// The labelled set against the simulated Sonarr/Radarr lookups, through the real clients: the deterministic parser
// must read ≥ 90 % of the sentences right and the ranking must put the right title first (or ask, for the
// ambiguous ones) for ≥ 85 % of the requests. Prints the figures and every miss.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRegistry, type AppRegistry } from '../../src/apps/registry.js';
import { EventBus } from '../../src/bus/bus.js';
import { memoryLogger } from '../../src/log/logger.js';
import { arrLookupPort, findCandidates } from '../../src/request/lookup.js';
import { parseRequest } from '../../src/request/parse.js';
import { titleWords } from '../../src/request/similarity.js';
import type { Intent, RankOutcome } from '../../src/request/types.js';
import type { AppInstance } from '../../src/settings/settings.js';
import { settingsForSim, startSimStack, type SimStack } from '../../src/sim/index.js';
import { LABELLED, type Expected } from './labelled-set.js';

let stack: SimStack;
let apps: AppRegistry;
let instances: AppInstance[];

beforeAll(async () => {
  stack = await startSimStack({ seed: 7 });
  const base = settingsForSim(stack).filter((i) => i.app === 'sonarr' || i.app === 'radarr');
  instances = [...base, ...base.map((i) => ({ ...i, id: `${i.app}_4k`, name: `${i.name} 4K` }))];
  apps = createAppRegistry(instances, new EventBus(memoryLogger()), memoryLogger(), {
    client: { retryBaseMs: 1, timeoutMs: 5_000 },
  });
});

afterAll(async () => {
  await apps?.close();
  await stack?.stop();
});

function intentRight(intent: Intent, e: Expected): boolean {
  if (e.notRequest) {
    if (intent.kind === 'add') return false;
    if (!e.statusTitle) return true;
    return intent.kind === 'status' && titleWords(intent.title ?? '').join(' ') === titleWords(e.statusTitle).join(' ');
  }
  if (intent.kind !== 'add') return false;
  const fields = ['year', 'season', 'episode', 'scope', 'quality', 'instanceId'] as const;
  if (fields.some((f) => intent[f] !== e[f])) return false;
  return e.mediaType === undefined || intent.mediaType === e.mediaType;
}

function candidateRight(outcome: RankOutcome | undefined, e: Expected): boolean {
  if (!outcome) return false;
  if (e.ask) return outcome.kind === 'ambiguous';
  if (e.notFound) return outcome.kind === 'not_found';
  if (outcome.kind !== 'match') return false;
  const { best } = outcome;
  const app = e.movie ? 'radarr' : 'sonarr';
  return (
    best.app === app && best.title === (e.movie ?? e.series) && (e.titleYear === undefined || best.year === e.titleYear)
  );
}

function describeOutcome(o: RankOutcome | undefined): string {
  if (!o) return 'no lookup';
  if (o.kind === 'match') return `match ${o.best.title} (${o.best.year}) ${o.best.titleScore.toFixed(2)}`;
  if (o.kind === 'ambiguous') return `ask: ${o.options.map((c) => `${c.title} (${c.year})`).join(' | ')}`;
  return `not found; near: ${o.near.map((c) => `${c.title} ${c.titleScore.toFixed(2)}`).join(' | ')}`;
}

describe('plain-words requests: the labelled set', () => {
  it('has at least 200 sentences, with ambiguous, misspelled and non-requests among them', () => {
    expect(LABELLED.length).toBeGreaterThanOrEqual(200);
    expect(LABELLED.filter(([, e]) => e.ask).length).toBeGreaterThanOrEqual(8);
    expect(LABELLED.filter(([, e]) => e.notRequest).length).toBeGreaterThanOrEqual(30);
  });

  it('reaches ≥ 90 % correct intent and ≥ 85 % correct top candidate against the simulated libraries', async () => {
    const port = arrLookupPort(apps);
    const year = new Date(stack.control.now()).getUTCFullYear();
    let intents = 0;
    let candidates = 0;
    let candidateRows = 0;
    const misses: string[] = [];
    for (const [text, e] of LABELLED) {
      const intent = parseRequest(text, { instances, year });
      const iOk = intentRight(intent, e);
      if (iOk) intents++;
      let outcome: RankOutcome | undefined;
      if (!e.notRequest) {
        candidateRows++;
        if (intent.kind === 'add') outcome = (await findCandidates(intent, instances, port)).outcome;
        if (candidateRight(outcome, e)) candidates++;
        else misses.push(`candidate  "${text}": ${describeOutcome(outcome)}`);
      }
      if (!iOk) misses.push(`intent     "${text}": ${JSON.stringify(intent)}`);
    }
    const intentPct = (100 * intents) / LABELLED.length;
    const candidatePct = (100 * candidates) / candidateRows;
    console.log(
      [
        `labelled set: ${LABELLED.length} sentences (${candidateRows} requests)`,
        `  intent correct:        ${intents}/${LABELLED.length} = ${intentPct.toFixed(1)} % (threshold 90 %)`,
        `  top candidate correct: ${candidates}/${candidateRows} = ${candidatePct.toFixed(1)} % (threshold 85 %)`,
        ...misses.map((m) => `  miss: ${m}`),
      ].join('\n'),
    );
    expect(intentPct).toBeGreaterThanOrEqual(90);
    expect(candidatePct).toBeGreaterThanOrEqual(85);
  }, 120_000);
});
