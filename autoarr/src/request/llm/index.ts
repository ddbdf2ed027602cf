// Picks the LLM from the settings: Anthropic when ANTHROPIC_API_KEY is set, else an OpenAI-compatible endpoint
// when LLM_BASE_URL is set, else none (the built-in rules alone).
import type { Settings } from '../../settings/settings.js';
import { anthropicClient } from './anthropic.js';
import type { LlmClient } from './client.js';
import { interpreterOf, type Interpreter } from './interpreter.js';
import { openAiClient } from './openai.js';

export function llmFrom(
  settings: Pick<Settings, 'anthropicApiKey' | 'llm'>,
  now: () => Date = () => new Date(),
): LlmClient | undefined {
  const timeoutMs = settings.llm?.timeoutMs ?? 20_000;
  const model = settings.llm?.model;
  if (settings.anthropicApiKey)
    return anthropicClient({ apiKey: settings.anthropicApiKey, timeoutMs, now, ...(model ? { model } : {}) });
  if (settings.llm?.baseUrl)
    return openAiClient({
      baseUrl: settings.llm.baseUrl,
      timeoutMs,
      now,
      ...(settings.llm.apiKey ? { apiKey: settings.llm.apiKey } : {}),
      ...(model ? { model } : {}),
    });
  return undefined;
}

export function interpreterFrom(
  settings: Pick<Settings, 'anthropicApiKey' | 'llm'>,
  now?: () => Date,
): Interpreter | undefined {
  const client = llmFrom(settings, now);
  return client ? interpreterOf(client) : undefined;
}
