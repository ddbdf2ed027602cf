// What the request service needs from an LLM: read a sentence into an intent. Implementations (Anthropic,
// OpenAI-compatible) throw LlmError with a plain reason (timeout, rate limit, wrong key, unreachable).
import type { ParseContext } from '../parse.js';
import type { Intent } from '../types.js';

export interface Interpreter {
  /** For messages: "Claude (Anthropic)", "the LLM at http://ollama:11434". */
  readonly name: string;
  interpret(text: string, ctx: ParseContext): Promise<Intent>;
}
