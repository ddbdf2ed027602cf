// "Why is this stuck?" for a download the real monitor judged against the simulated stack, over REST (app.request)
// and MCP (the SDK client): AutoArr's own text without an LLM, true for the switches in force; the LLM's text with
// one (Anthropic through the official SDK, and an OpenAI-compatible endpoint, both a local fake speaking the real
// shapes); every failure falls back to AutoArr's text with a note; what is sent holds no key, URL or folder layout.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainFeature } from '../../src/explain/feature.js';
import { createHttpApp } from '../../src/http/app.js';
import { createMcpServer } from '../../src/mcp/server.js';
import { anthropicClient } from '../../src/request/llm/anthropic.js';
import type { LlmClient } from '../../src/request/llm/client.js';
import { openAiClient } from '../../src/request/llm/openai.js';
import type { Explanation } from '../../src/shared/types.js';
import { startMonitorHarness, type MonitorHarness } from '../monitor/harness.js';
import { startFakeLlm, type FakeLlm } from '../request/fake-llm.js';

const MIN = 60_000;
const KEY = 'sk-ant-explain-0123456789abcdef';
const LLM_TEXT = 'Oppenheimer has not received any data for a while, so AutoArr counted it as stuck.';
// The LLM clients' clock, which the back-off after a rate limit is measured on (test/request/backoff.test.ts).
const at12 = () => new Date(Date.UTC(2026, 11, 7, 12, 0, 0));
let h: MonitorHarness;
let fake: FakeLlm;
let id: string;

beforeAll(async () => {
  h = await startMonitorHarness({ scenario: 'stalled' });
  await h.ctx.runtime.set('autoRecovery', false);
  await h.tick();
  await h.run(15 * MIN, MIN);
  id = h.monitor.view.list({ state: 'stalled' })[0]!.id;
  fake = await startFakeLlm();
  fake.answer = () => LLM_TEXT;
}, 60_000);

afterAll(async () => {
  await fake?.close();
  await h?.close();
  await h?.sim.stop();
});

function serve(llm?: LlmClient) {
  const explain = explainFeature(h.ctx, { view: h.monitor.view, ...(llm ? { llm } : {}) });
  const http = createHttpApp(h.ctx, [...(h.monitor.feature.routes?.() ?? []), ...(explain.routes?.() ?? [])]);
  const get = async (path: string) => {
    const res = await http.request(path, { headers: { authorization: `Bearer ${h.token}` } });
    const raw = await res.text();
    for (const app of Object.values(h.sim.apps)) {
      expect(raw).not.toContain(app.apiKey);
      expect(raw).not.toContain(app.url);
    }
    expect(raw).not.toContain(KEY);
    return { status: res.status, body: JSON.parse(raw) as Explanation & { code?: string; message?: string } };
  };
  return { explain, get };
}

describe('without an LLM', () => {
  it('says what is happening, what AutoArr did, and what it will not do with automatic recovery off', async () => {
    const { get } = serve();
    const { status, body } = await get(`/api/downloads/${encodeURIComponent(id)}/explain`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ about: 'download', id, by: 'rules' });
    expect(body.note).toBeUndefined();
    expect(body.title).toMatch(/^Oppenheimer/);
    const [what, did, next, can] = body.text.split('\n\n');
    expect(what).toMatch(/^Oppenheimer \(2023\) in Radarr is stuck: it is not getting any data\./);
    expect(what).toContain('It has 3 of 3 strikes');
    expect(what).toContain('would remove it and search again — automatic recovery is off');
    expect(did).toMatch(/^AutoArr's activity log has \d+ entries for it; the latest, /);
    expect(next).toBe('Automatic recovery is off, so AutoArr will not replace it by itself.');
    expect(can).toBe('You can replace it now (Replace… on the Downloads page), ignore it, or remove it.');
  });

  it('is true for dry run and for an ignored download too', async () => {
    const { get } = serve();
    await h.ctx.runtime.set('autoRecovery', true);
    await h.ctx.runtime.set('dryRun', true);
    try {
      const dry = (await get(`/api/downloads/${encodeURIComponent(id)}/explain`)).body;
      expect(dry.text).toContain('Dry run is on: AutoArr only records what it would do and changes nothing.');
      expect(dry.text).not.toContain('Automatic recovery is on');
      expect(await h.ctx.commands.run('download.ignore', { id, ignored: true, by: 'test' })).toMatchObject({
        ok: true,
      });
      const ignored = (await get(`/api/downloads/${encodeURIComponent(id)}/explain`)).body;
      expect(ignored.text).toContain('You told AutoArr to ignore it, so AutoArr only reports it.');
    } finally {
      await h.ctx.commands.run('download.ignore', { id, ignored: false, by: 'test' });
      await h.ctx.runtime.set('dryRun', false);
      await h.ctx.runtime.set('autoRecovery', false);
    }
  });

  it('answers 404 naming the id and where to find real ones', async () => {
    const { get } = serve();
    const { status, body } = await get('/api/downloads/SABnzbd_nzo_nothing/explain');
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: 'not_found' });
    expect(body.message).toBe(
      'No download with id SABnzbd_nzo_nothing is being watched; list them with GET /api/downloads.',
    );
  });
});

describe.each([
  [
    'Anthropic',
    () => anthropicClient({ apiKey: KEY, timeoutMs: 400, baseUrl: fake.url, now: at12 }),
    'Claude (Anthropic)',
  ],
  [
    'OpenAI-compatible',
    () => openAiClient({ baseUrl: `${fake.url}/v1`, apiKey: KEY, model: 'llama3.1', timeoutMs: 400, now: at12 }),
    'The LLM at 127.0.0.1',
  ],
])('with %s', (_name, make, label) => {
  const writer = () => (label.startsWith('The LLM') ? `${label}:${new URL(fake.url).port}` : label);

  it('shows the LLM’s words, sends only the facts, and asks once for the same facts', async () => {
    fake.mode = 'ok';
    fake.received.length = 0;
    const { get } = serve(make());
    const { body } = await get(`/api/downloads/${encodeURIComponent(id)}/explain`);
    expect(body).toMatchObject({ about: 'download', id, by: 'llm', writer: writer(), text: LLM_TEXT });
    expect(fake.received).toHaveLength(1);
    const sent = fake.received[0]!.body;
    expect(sent).toContain('Oppenheimer');
    expect(sent).toContain('3 of 3 strikes');
    expect(sent).toContain('\\"automaticRecovery\\": false');
    for (const app of Object.values(h.sim.apps)) {
      expect(sent).not.toContain(app.apiKey);
      expect(sent).not.toContain(app.url);
    }
    expect(sent).not.toContain(KEY);
    expect(sent).not.toContain(h.token);
    expect(sent).not.toContain(id); // the download id means nothing to the LLM
    const auth = fake.received[0]!.headers;
    expect(auth['x-api-key'] ?? auth.authorization).toMatch(new RegExp(`${KEY}$`));

    await get(`/api/downloads/${encodeURIComponent(id)}/explain`);
    expect(fake.received).toHaveLength(1);
  });

  it.each([
    ['slow', 'it did not answer within 0.4 s'],
    ['rate_limited', 'it is rate-limiting requests, so AutoArr will not ask it again before 12:01:00 UTC (in 1 min)'],
    [
      'bad_key',
      'its API key was refused; check ANTHROPIC_API_KEY or LLM_API_KEY (anthropic_api_key / llm_api_key in the add-on options)',
    ],
  ] as const)('falls back to AutoArr’s own text with a note when the LLM is %s', async (mode, why) => {
    fake.mode = mode;
    try {
      const rules = (await serve().get(`/api/downloads/${encodeURIComponent(id)}/explain`)).body;
      const { status, body } = await serve(make()).get(`/api/downloads/${encodeURIComponent(id)}/explain`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ by: 'rules', text: rules.text });
      expect(body.writer).toBeUndefined();
      expect(body.note).toBe(`${writer()} could not write this explanation (${why}); this is AutoArr's own.`);
    } finally {
      fake.mode = 'ok';
    }
  });
});

it('falls back with a note when the LLM is down (Anthropic and OpenAI-compatible)', async () => {
  const gone = await startFakeLlm();
  const url = gone.url;
  await gone.close();
  for (const llm of [
    anthropicClient({ apiKey: KEY, timeoutMs: 2_000, baseUrl: url }),
    openAiClient({ baseUrl: `${url}/v1`, timeoutMs: 2_000 }),
  ]) {
    const { body } = await serve(llm).get(`/api/downloads/${encodeURIComponent(id)}/explain`);
    expect(body.by).toBe('rules');
    expect(body.note).toBe(
      `${llm.name} could not write this explanation (it could not be reached); this is AutoArr's own.`,
    );
    expect(body.text).toContain('Automatic recovery is off');
  }
});

describe('MCP autoarr_explain (SDK client)', () => {
  async function call(args: Record<string, unknown>, llm?: LlmClient) {
    const { explain } = serve(llm);
    const server = createMcpServer({ ctx: h.ctx, view: h.monitor.view, explain: explain.service });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: 'explain-test', version: '1' });
    await client.connect(b);
    try {
      return await client.callTool({ name: 'autoarr_explain', arguments: args });
    } finally {
      await client.close();
    }
  }

  it('explains a download in the LLM’s words, fenced as untrusted text', async () => {
    fake.mode = 'ok';
    const r = await call({ id }, openAiClient({ baseUrl: `${fake.url}/v1`, timeoutMs: 2_000 }));
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ by: 'llm', untrusted: { text: LLM_TEXT } });
    const text = (r.content as Array<{ text: string }>).map((c) => c.text).join('\n');
    expect(text).toContain(`Written by The LLM at 127.0.0.1:${new URL(fake.url).port} from AutoArr's facts.`);
    expect(text).toContain(LLM_TEXT);
  });

  it('says so when the id is unknown, and when the LLM failed', async () => {
    const missing = await call({ id: 'nope' });
    expect(missing.isError).toBe(true);
    expect(JSON.stringify(missing.content)).toContain('No download with id nope is being watched');
    fake.mode = 'bad_key';
    try {
      const r = await call({ id }, anthropicClient({ apiKey: KEY, timeoutMs: 2_000, baseUrl: fake.url }));
      expect(r.structuredContent).toMatchObject({
        by: 'rules',
        note: "Claude (Anthropic) could not write this explanation (its API key was refused; check ANTHROPIC_API_KEY or LLM_API_KEY (anthropic_api_key / llm_api_key in the add-on options)); this is AutoArr's own.",
      });
      expect(JSON.stringify(r)).not.toContain(KEY);
    } finally {
      fake.mode = 'ok';
    }
  });
});
