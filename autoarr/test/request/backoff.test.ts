// After a rate limit the LLM client leaves the endpoint alone until the time it asked for (Retry-After as seconds,
// as an HTTP date, or OpenAI's retry-after-ms), or a minute when it named none; what asks meanwhile is told when
// the LLM will be asked again, and the fake LLM (Anthropic through the official SDK, and OpenAI-compatible) counts
// that it was not called. The clients run on a fake clock, so no test waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExplanationWriter } from '../../src/explain/writer.js';
import { memoryLogger } from '../../src/log/logger.js';
import { anthropicClient } from '../../src/request/llm/anthropic.js';
import type { LlmClient } from '../../src/request/llm/client.js';
import { LlmError } from '../../src/request/llm/errors.js';
import { openAiClient } from '../../src/request/llm/openai.js';
import { startFakeLlm, type FakeLlm } from './fake-llm.js';

const KEY = 'sk-ant-backoff-0123456789abcdef';
const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);
const S = 1_000;
let fake: FakeLlm;
let t: number;
const now = () => new Date(t);
const ask = { system: 'You answer.', user: 'FACTS: {}', maxTokens: 50 };

beforeAll(async () => {
  fake = await startFakeLlm();
  fake.answer = () => 'An answer.';
});

afterAll(async () => {
  await fake?.close();
});

/** Calls the client and returns the reason it gave for not answering. */
async function refusal(llm: LlmClient): Promise<LlmError> {
  const err: unknown = await llm.complete(ask).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(LlmError);
  expect((err as LlmError).kind).toBe('rate_limited');
  return err as LlmError;
}

describe.each([
  ['Anthropic', () => anthropicClient({ apiKey: KEY, timeoutMs: 2_000, baseUrl: fake.url, now })],
  ['OpenAI-compatible', () => openAiClient({ baseUrl: `${fake.url}/v1`, apiKey: KEY, timeoutMs: 2_000, now })],
])('%s client', (_name, make) => {
  it.each([
    ['Retry-After in seconds', { 'retry-after': '120' }, 120 * S, '12:02:00', '2 min'],
    ['no Retry-After: a minute', {}, 60 * S, '12:01:00', '1 min'],
    [
      'Retry-After as an HTTP date',
      { 'retry-after': new Date(T0 + 90 * S).toUTCString() },
      90 * S,
      '12:01:30',
      '2 min',
    ],
    ['retry-after-ms', { 'retry-after-ms': '45000' }, 45 * S, '12:00:45', '45 s'],
    ['a garbled Retry-After: a minute', { 'retry-after': 'soon' }, 60 * S, '12:01:00', '1 min'],
    ['a Retry-After of a day: an hour at most', { 'retry-after': '86400' }, 3_600 * S, '13:00:00', '60 min'],
  ] as const)('%s', async (_case, headers, waitMs, clock, inWords) => {
    t = T0;
    fake.mode = 'rate_limited';
    fake.rateLimitHeaders = headers;
    fake.received.length = 0;
    try {
      const llm = make();
      expect((await refusal(llm)).message).toBe(
        `it is rate-limiting requests, so AutoArr will not ask it again before ${clock} UTC (in ${inWords})`,
      );
      expect(fake.received).toHaveLength(1);

      // The LLM would answer now, but its time is not up: it is not asked, and the reason says when it will be.
      fake.mode = 'ok';
      t = T0 + waitMs - S;
      expect((await refusal(llm)).message).toBe(
        `it was rate-limiting requests, so AutoArr will not ask it again before ${clock} UTC (in 1 s)`,
      );
      expect(fake.received).toHaveLength(1);

      t = T0 + waitMs;
      await expect(llm.complete(ask)).resolves.toBe('An answer.');
      expect(fake.received).toHaveLength(2);
    } finally {
      fake.mode = 'ok';
      fake.rateLimitHeaders = {};
    }
  });

  it('other failures do not hold the LLM back: the next question is asked', async () => {
    t = T0;
    fake.mode = 'bad_key';
    fake.received.length = 0;
    try {
      const llm = make();
      await expect(llm.complete(ask)).rejects.toMatchObject({ kind: 'auth' });
      fake.mode = 'ok';
      await expect(llm.complete(ask)).resolves.toBe('An answer.');
      expect(fake.received).toHaveLength(2);
    } finally {
      fake.mode = 'ok';
    }
  });
});

it('explanations during the back-off are AutoArr’s own, with a note saying when the LLM will be asked again', async () => {
  t = T0;
  fake.mode = 'rate_limited';
  fake.rateLimitHeaders = { 'retry-after': '30' };
  fake.received.length = 0;
  try {
    const llm = openAiClient({ baseUrl: `${fake.url}/v1`, timeoutMs: 2_000, now });
    const writer = new ExplanationWriter(llm, memoryLogger(), () => t);
    const who = `The LLM at 127.0.0.1:${new URL(fake.url).port}`;
    expect(await writer.write({ state: 'stalled' }, 'AutoArr says it is stuck.')).toEqual({
      text: 'AutoArr says it is stuck.',
      by: 'rules',
      note: `${who} could not write this explanation (it is rate-limiting requests, so AutoArr will not ask it again before 12:00:30 UTC (in 30 s)); this is AutoArr's own.`,
    });
    fake.mode = 'ok';
    t = T0 + 10 * S;
    // Other facts, so not an answer kept from before: still not asked.
    expect(await writer.write({ state: 'failed' }, 'AutoArr says it failed.')).toEqual({
      text: 'AutoArr says it failed.',
      by: 'rules',
      note: `${who} could not write this explanation (it was rate-limiting requests, so AutoArr will not ask it again before 12:00:30 UTC (in 20 s)); this is AutoArr's own.`,
    });
    expect(fake.received).toHaveLength(1);
    t = T0 + 30 * S;
    expect(await writer.write({ state: 'failed' }, 'AutoArr says it failed.')).toEqual({
      text: 'An answer.',
      by: 'llm',
      writer: who,
    });
    expect(fake.received).toHaveLength(2);
  } finally {
    fake.mode = 'ok';
    fake.rateLimitHeaders = {};
  }
});
