// Why an LLM could not help, in words a person understands; the request then falls back to the built-in rules.
export type LlmErrorKind = 'timeout' | 'rate_limited' | 'auth' | 'unreachable' | 'upstream' | 'bad_answer';

export class LlmError extends Error {
  override name = 'LlmError';
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    /** For a rate limit: how long the LLM asked to be left alone (its Retry-After), when it said. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export function describeStatus(status: number, timeoutMs: number, retryAfterMs?: number): LlmError {
  if (status === 401 || status === 403)
    return new LlmError(
      'auth',
      'its API key was refused; check ANTHROPIC_API_KEY or LLM_API_KEY (anthropic_api_key / llm_api_key in the add-on options)',
    );
  if (status === 429) return new LlmError('rate_limited', 'it is rate-limiting requests', retryAfterMs);
  if (status === 408 || status === 504)
    return new LlmError('timeout', `it did not answer within ${timeoutMs / 1000} s`);
  return new LlmError('upstream', `it answered with an error (HTTP ${status})`);
}
