// The LLM path against a local fake LLM speaking the real Anthropic and OpenAI shapes (the official SDK pointed at
// it): it reads what the rules could not, it only proposes (preview first), and a timeout, a rate limit, a wrong
// key, a down endpoint or a garbled answer fall back to the rules with a clear note. No secret leaves or leaks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppRegistry, type AppRegistry } from '../../src/apps/registry.js';
import { EventBus } from '../../src/bus/bus.js';
import { memoryLogger } from '../../src/log/logger.js';
import { anthropicInterpreter } from '../../src/request/llm/anthropic.js';
import type { Interpreter } from '../../src/request/llm/interpreter.js';
import { openAiInterpreter } from '../../src/request/llm/openai.js';
import { RequestService } from '../../src/request/service.js';
import { settingsForSim, startSimStack, type SimStack } from '../../src/sim/index.js';
import { startFakeLlm, type FakeLlm } from './fake-llm.js';

const KEY = 'sk-ant-fake-0123456789abcdef';
let sim: SimStack;
let apps: AppRegistry;
let fake: FakeLlm;

beforeAll(async () => {
  sim = await startSimStack({ speed: 0, seed: 7 });
  apps = createAppRegistry(settingsForSim(sim), new EventBus(memoryLogger()), memoryLogger(), {
    client: { retryBaseMs: 1, timeoutMs: 5_000 },
  });
  fake = await startFakeLlm();
  fake.answer = (text) =>
    /arival/.test(text)
      ? '{"kind":"add","title":"Arrival","mediaType":"movie","year":null,"season":null,"episode":null,"scope":null,"quality":null,"instance":null}'
      : /dream heist/.test(text)
        ? 'Here you go: {"kind":"add","title":"Inception","mediaType":"movie"}'
        : '{"kind":"none"}';
});

afterAll(async () => {
  await fake?.close();
  await apps?.close();
  await sim?.stop();
});

function service(llm: Interpreter): RequestService {
  return new RequestService({
    apps,
    activity: { add: async () => 1 },
    dryRun: () => false,
    now: () => new Date(sim.control.now()),
    log: memoryLogger(),
    llm,
  });
}

// The clients' clock, which the back-off after a rate limit is measured on (test/request/backoff.test.ts moves it).
const at12 = () => new Date(Date.UTC(2026, 11, 7, 12, 0, 0));
const secrets = () => [KEY, ...Object.values(sim.apps).map((a) => a.apiKey)];

describe.each([
  [
    'Anthropic',
    () => anthropicInterpreter({ apiKey: KEY, timeoutMs: 400, baseUrl: fake.url, now: at12 }),
    'Claude (Anthropic)',
  ],
  [
    'OpenAI-compatible',
    () => openAiInterpreter({ baseUrl: `${fake.url}/v1`, apiKey: KEY, model: 'llama3.1', timeoutMs: 400, now: at12 }),
    'The LLM at 127.0.0.1',
  ],
])('%s', (_name, make, label) => {
  it('reads what the rules could not, and only proposes: the answer is a preview', async () => {
    fake.mode = 'ok';
    fake.received.length = 0;
    const s = service(make());
    const a = await s.preview({ text: 'add arival', by: 'test' });
    expect(a).toMatchObject({ outcome: 'preview', interpretedBy: 'llm' });
    expect(a.message).toMatch(/^Add Arrival \(2016\) to Radarr, root \/movies/);
    expect(sim.control.state.movies.some((m) => m.title === 'Arrival')).toBe(false);
    const b = await s.preview({ text: 'could you sort me out with that film about the dream heist', by: 'test' });
    expect(b).toMatchObject({ outcome: 'preview', interpretedBy: 'llm' });
    expect(b.message).toMatch(/^Add Inception \(2010\)/);
    // What was sent: the text, the instance names and the year; never an app URL or key.
    const sent = fake.received.map((r) => r.body).join('\n');
    expect(sent).toContain('add arival');
    expect(sent).toMatch(/Radarr\\" \(movies\)/);
    for (const app of Object.values(sim.apps)) {
      expect(sent).not.toContain(app.apiKey);
      expect(sent).not.toContain(app.url);
    }
    const auth = fake.received[0]!.headers;
    expect(auth['x-api-key'] ?? auth.authorization).toMatch(new RegExp(`${KEY}$`));
  });

  it('does not call the LLM when the rules already understood the request', async () => {
    fake.mode = 'ok';
    fake.received.length = 0;
    const a = await service(make()).preview({ text: 'add interstellar', by: 'test' });
    expect(a).toMatchObject({ outcome: 'preview', interpretedBy: 'rules' });
    expect(fake.received).toHaveLength(0);
  });

  it.each([
    ['slow', 'it did not answer within 0.4 s'],
    ['rate_limited', 'it is rate-limiting requests, so AutoArr will not ask it again before 12:01:00 UTC (in 1 min)'],
    [
      'bad_key',
      'its API key was refused; check ANTHROPIC_API_KEY or LLM_API_KEY (anthropic_api_key / llm_api_key in the add-on options)',
    ],
    ['garbage', 'it answered something other than the JSON asked for'],
  ] as const)('falls back to the rules with a clear note when the LLM is %s', async (mode, why) => {
    fake.mode = mode;
    const a = await service(make()).preview({ text: 'add arival', by: 'test' });
    expect(a).toMatchObject({ outcome: 'not_found', interpretedBy: 'rules' });
    expect(a.notes).toContain(
      `${label}${label.startsWith('The LLM') ? `:${new URL(fake.url).port}` : ''} could not help (${why}); AutoArr's built-in rules answered instead.`,
    );
    for (const s of secrets()) expect(JSON.stringify(a)).not.toContain(s);
    fake.mode = 'ok';
  });
});

it('an LLM that is down: the rules answer, and say so', async () => {
  const gone = await startFakeLlm();
  const url = gone.url;
  await gone.close();
  const a = await service(anthropicInterpreter({ apiKey: KEY, timeoutMs: 2_000, baseUrl: url })).preview({
    text: 'add arival',
    by: 'test',
  });
  expect(a.notes).toContain(
    "Claude (Anthropic) could not help (it could not be reached); AutoArr's built-in rules answered instead.",
  );
  const b = await service(openAiInterpreter({ baseUrl: `${url}/v1`, timeoutMs: 2_000 })).preview({
    text: 'add arival',
    by: 'test',
  });
  expect(b.notes.join(' ')).toMatch(/could not help \(it could not be reached\)/);
  // Requests the rules handle still work with the LLM down.
  const c = await service(anthropicInterpreter({ apiKey: KEY, timeoutMs: 2_000, baseUrl: url })).preview({
    text: 'add the batman',
    by: 'test',
  });
  expect(c.outcome).toBe('preview');
});
