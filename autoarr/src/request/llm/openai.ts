// Any OpenAI-compatible chat endpoint (Ollama, LM Studio, vLLM, OpenAI itself): POST {base}/chat/completions.
import { retryAfterMs, withBackoff } from './backoff.js';
import type { LlmAsk, LlmClient } from './client.js';
import { describeStatus, LlmError } from './errors.js';
import { interpreterOf, type Interpreter } from './interpreter.js';

export interface OpenAiOptions {
  /** e.g. http://ollama:11434/v1 */
  baseUrl: string;
  apiKey?: string;
  model?: string;
  timeoutMs: number;
  /** The clock the back-off after a rate limit is measured on (tests move it). */
  now?: () => Date;
}

export const DEFAULT_OPENAI_MODEL = 'llama3.1';

export function openAiClient(opts: OpenAiOptions): LlmClient {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const host = new URL(opts.baseUrl).host;
  const now = opts.now ?? (() => new Date());
  const direct: LlmClient = {
    name: `The LLM at ${host}`,
    async complete(ask: LlmAsk): Promise<string> {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {}),
          },
          body: JSON.stringify({
            model: opts.model ?? DEFAULT_OPENAI_MODEL,
            temperature: 0,
            max_tokens: ask.maxTokens,
            messages: [
              { role: 'system', content: ask.system },
              { role: 'user', content: ask.user },
            ],
          }),
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
      } catch (err) {
        if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
          throw new LlmError('timeout', `it did not answer within ${opts.timeoutMs / 1000} s`);
        throw new LlmError('unreachable', 'it could not be reached');
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw describeStatus(res.status, opts.timeoutMs, retryAfterMs(res.headers, now().getTime()));
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new LlmError('bad_answer', 'it answered something that is not JSON');
      }
      const content = (body as { choices?: Array<{ message?: { content?: unknown } }> }).choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw new LlmError('bad_answer', 'its answer had no message');
      return content;
    },
  };
  return withBackoff(direct, now);
}

export const openAiInterpreter = (opts: OpenAiOptions): Interpreter => interpreterOf(openAiClient(opts));
