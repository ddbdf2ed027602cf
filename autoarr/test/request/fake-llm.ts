// A loopback server speaking the Anthropic Messages API (POST /v1/messages) and the OpenAI chat API
// (POST /v1/chat/completions) in their real shapes, with switchable failures: slow (never answers), HTTP 429 (with
// the Retry-After a test sets), 401, or a text that is not the JSON asked for. It records what it was sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeMode = 'ok' | 'slow' | 'rate_limited' | 'bad_key' | 'garbage';

export interface FakeLlm {
  url: string;
  mode: FakeMode;
  /** The JSON text the model "answers" for a user message. */
  answer: (userText: string) => string;
  received: Array<{ path: string; headers: http.IncomingHttpHeaders; body: string }>;
  /** Headers sent with a 429, e.g. { 'retry-after': '120' }; none by default. */
  rateLimitHeaders: Record<string, string>;
  close(): Promise<void>;
}

export async function startFakeLlm(): Promise<FakeLlm> {
  const held: http.ServerResponse[] = [];
  const fake: FakeLlm = {
    url: '',
    mode: 'ok',
    answer: () => '{"kind":"none"}',
    received: [],
    rateLimitHeaders: {},
    close: async () => {
      for (const r of held) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      fake.received.push({ path: req.url ?? '', headers: req.headers, body });
      const anthropic = req.url === '/v1/messages';
      const json = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', ...(status === 429 ? fake.rateLimitHeaders : {}) });
        res.end(JSON.stringify(value));
      };
      if (fake.mode === 'slow') return void held.push(res);
      if (fake.mode === 'rate_limited')
        return anthropic
          ? json(429, {
              type: 'error',
              error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit' },
            })
          : json(429, { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } });
      if (fake.mode === 'bad_key')
        return anthropic
          ? json(401, { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } })
          : json(401, {
              error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' },
            });
      const parsed = JSON.parse(body) as { messages: Array<{ role: string; content: string }>; model: string };
      const user = parsed.messages.filter((m) => m.role === 'user').at(-1)?.content ?? '';
      const text = fake.mode === 'garbage' ? 'Sure! I think you mean Arrival.' : fake.answer(user);
      if (anthropic)
        return json(200, {
          id: 'msg_01fake',
          type: 'message',
          role: 'assistant',
          model: parsed.model,
          content: [{ type: 'text', text }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage: { input_tokens: 120, output_tokens: 40 },
        });
      return json(200, {
        id: 'chatcmpl-fake',
        object: 'chat.completion',
        created: 1_764_900_000,
        model: parsed.model,
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 120, completion_tokens: 40, total_tokens: 160 },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
