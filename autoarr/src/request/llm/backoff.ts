// After a rate limit the LLM is left alone until the time it asked for (Retry-After), or a minute when it named
// none: asking sooner only earns more refusals. Meanwhile every request and explanation is answered by AutoArr's
// own rules, and the reason given says when the LLM will be asked again. One gate per client, so requests and
// explanations (which share the client) hold back together.
import { formatDuration } from '../../monitor/explain.js';
import type { LlmAsk, LlmClient } from './client.js';
import { LlmError } from './errors.js';

export const DEFAULT_BACKOFF_MS = 60_000;
// A server asking for more than an hour (or a garbled header) would switch the LLM off for good; an hour is plenty.
const MAX_BACKOFF_MS = 60 * 60_000;
const MIN_BACKOFF_MS = 1_000;

export function withBackoff(client: LlmClient, now: () => Date): LlmClient {
  let until = 0;
  return {
    name: client.name,
    async complete(ask: LlmAsk): Promise<string> {
      if (now().getTime() < until) throw waiting('was', until, now().getTime());
      try {
        return await client.complete(ask);
      } catch (err) {
        if (!(err instanceof LlmError) || err.kind !== 'rate_limited') throw err;
        const at = now().getTime();
        const wait = Math.min(MAX_BACKOFF_MS, Math.max(MIN_BACKOFF_MS, err.retryAfterMs ?? DEFAULT_BACKOFF_MS));
        until = Math.max(until, at + wait);
        throw waiting('is', until, at);
      }
    },
  };
}

function waiting(tense: 'is' | 'was', until: number, at: number): LlmError {
  const clock = new Date(until).toISOString().slice(11, 19);
  return new LlmError(
    'rate_limited',
    `it ${tense} rate-limiting requests, so AutoArr will not ask it again before ${clock} UTC (in ${formatDuration(until - at)})`,
  );
}

/** Retry-After as a delay: "retry-after-ms" (OpenAI), "retry-after" in seconds or as an HTTP date; else undefined. */
export function retryAfterMs(
  headers: { get(name: string): string | null } | undefined,
  at: number,
): number | undefined {
  const number = (name: string) => {
    const raw = headers?.get(name)?.trim();
    return raw && /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : undefined;
  };
  const ms = number('retry-after-ms');
  if (ms !== undefined) return ms;
  const seconds = number('retry-after');
  if (seconds !== undefined) return seconds * 1000;
  const raw = headers?.get('retry-after')?.trim();
  if (!raw) return undefined;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - at);
}
