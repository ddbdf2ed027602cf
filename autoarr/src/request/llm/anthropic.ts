// Claude through the official SDK (Anthropic Messages API). No retries: a slow or failing LLM must not hold a
// request up; the rules answer instead.
import type Anthropic from '@anthropic-ai/sdk';
import { retryAfterMs, withBackoff } from './backoff.js';
import type { LlmAsk, LlmClient } from './client.js';
import { describeStatus, LlmError } from './errors.js';
import { interpreterOf, type Interpreter } from './interpreter.js';

export const DEFAULT_ANTHROPIC_MODEL = 'claude-3-5-haiku-latest';

export interface AnthropicOptions {
  apiKey: string;
  model?: string;
  timeoutMs: number;
  /** Tests point the SDK at a local fake server. */
  baseUrl?: string;
  /** The clock the back-off after a rate limit is measured on (tests move it). */
  now?: () => Date;
}

export function anthropicClient(opts: AnthropicOptions): LlmClient {
  // The SDK (~200 ms and ~12 MB to load) is loaded on the first request that needs it, not at AutoArr's start.
  let loaded: Promise<{ Sdk: typeof Anthropic; client: Anthropic }> | undefined;
  const load = () =>
    (loaded ??= import('@anthropic-ai/sdk').then(({ default: Sdk }) => ({
      Sdk,
      client: new Sdk({
        apiKey: opts.apiKey,
        timeout: opts.timeoutMs,
        maxRetries: 0,
        ...(opts.baseUrl ? { baseURL: opts.baseUrl } : {}),
      }),
    })));
  const model = opts.model ?? DEFAULT_ANTHROPIC_MODEL;
  const now = opts.now ?? (() => new Date());
  const direct: LlmClient = {
    name: 'Claude (Anthropic)',
    async complete(ask: LlmAsk): Promise<string> {
      const { Sdk, client } = await load();
      try {
        const res = await client.messages.create({
          model,
          max_tokens: ask.maxTokens,
          system: ask.system,
          messages: [{ role: 'user', content: ask.user }],
        });
        return res.content.map((b) => (b.type === 'text' ? b.text : '')).join('');
      } catch (err) {
        throw asLlmError(Sdk, err, opts.timeoutMs, now().getTime());
      }
    },
  };
  return withBackoff(direct, now);
}

export const anthropicInterpreter = (opts: AnthropicOptions): Interpreter => interpreterOf(anthropicClient(opts));

function asLlmError(Sdk: typeof Anthropic, err: unknown, timeoutMs: number, at: number): LlmError {
  if (err instanceof Sdk.APIConnectionTimeoutError)
    return new LlmError('timeout', `it did not answer within ${timeoutMs / 1000} s`);
  if (err instanceof Sdk.APIConnectionError) return new LlmError('unreachable', 'it could not be reached');
  if (err instanceof Sdk.APIError && typeof err.status === 'number')
    return describeStatus(err.status, timeoutMs, retryAfterMs(err.headers, at));
  return new LlmError('upstream', 'it failed unexpectedly');
}
