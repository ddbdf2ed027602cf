// What the request service needs from an LLM: read a sentence into an intent. Built on an LlmClient (Anthropic,
// OpenAI-compatible), which throws LlmError with a plain reason (timeout, rate limit, wrong key, unreachable).
import type { ParseContext } from '../parse.js';
import type { Intent } from '../types.js';
import type { LlmClient } from './client.js';
import { readReply, systemPrompt } from './prompt.js';

export interface Interpreter {
  /** For messages: "Claude (Anthropic)", "the LLM at http://ollama:11434". */
  readonly name: string;
  interpret(text: string, ctx: ParseContext): Promise<Intent>;
}

export function interpreterOf(client: LlmClient): Interpreter {
  return {
    name: client.name,
    async interpret(text: string, ctx: ParseContext): Promise<Intent> {
      return readReply(await client.complete({ system: systemPrompt(ctx), user: text, maxTokens: 300 }), ctx);
    },
  };
}
