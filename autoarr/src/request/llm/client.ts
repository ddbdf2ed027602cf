// One question to an LLM, one text answer. The request interpreter and the explanations both ask through this;
// implementations (Anthropic, OpenAI-compatible) throw LlmError with a plain reason (timeout, rate limit, wrong
// key, unreachable) and never retry: a slow or failing LLM must not hold anything up, the rules answer instead.
export interface LlmAsk {
  system: string;
  user: string;
  maxTokens: number;
}

export interface LlmClient {
  /** For messages: "Claude (Anthropic)", "The LLM at ollama:11434". */
  readonly name: string;
  complete(ask: LlmAsk): Promise<string>;
}
