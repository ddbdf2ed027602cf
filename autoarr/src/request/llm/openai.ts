// Any OpenAI-compatible chat endpoint (Ollama, LM Studio, vLLM, OpenAI itself): POST {base}/chat/completions.
import type { ParseContext } from '../parse.js';
import type { Intent } from '../types.js';
import { describeStatus, LlmError } from './errors.js';
import type { Interpreter } from './interpreter.js';
import { readReply, systemPrompt } from './prompt.js';

export interface OpenAiOptions {
  /** e.g. http://ollama:11434/v1 */
  baseUrl: string;
  apiKey?: string;
  model?: string;
  timeoutMs: number;
}

export const DEFAULT_OPENAI_MODEL = 'llama3.1';

export function openAiInterpreter(opts: OpenAiOptions): Interpreter {
  const url = `${opts.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const host = new URL(opts.baseUrl).host;
  return {
    name: `The LLM at ${host}`,
    async interpret(text: string, ctx: ParseContext): Promise<Intent> {
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
            max_tokens: 300,
            messages: [
              { role: 'system', content: systemPrompt(ctx) },
              { role: 'user', content: text },
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
        throw describeStatus(res.status, opts.timeoutMs);
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new LlmError('bad_answer', 'it answered something that is not JSON');
      }
      const content = (body as { choices?: Array<{ message?: { content?: unknown } }> }).choices?.[0]?.message?.content;
      if (typeof content !== 'string') throw new LlmError('bad_answer', 'its answer had no message');
      return readReply(content, ctx);
    },
  };
}
