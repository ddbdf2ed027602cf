// The explanations feature: "why is this stuck?" for a download and "what does this mean?" for an audit finding,
// over REST and MCP. It reads the monitor's view and the audit service it is handed, and asks the LLM the settings
// name (ANTHROPIC_API_KEY or LLM_BASE_URL), if any. It has no timers and no listeners.
import type { CoreContext } from '../core/context.js';
import type { Feature } from '../core/feature.js';
import type { LlmClient } from '../request/llm/client.js';
import { llmFrom } from '../request/llm/index.js';
import { explainDownloadRoute, explainFindingRoute } from './routes.js';
import { ExplainService, type ExplainDeps } from './service.js';
import { ExplanationWriter } from './writer.js';

export interface ExplainParts {
  view?: ExplainDeps['view'];
  audit?: ExplainDeps['audit'];
  /** Replaces the LLM from the settings (tests). */
  llm?: LlmClient;
}

export function explainFeature(ctx: CoreContext, parts: ExplainParts = {}): Feature & { service: ExplainService } {
  const llm = parts.llm ?? llmFrom(ctx.settings, ctx.now);
  const service = new ExplainService({
    ...(parts.view ? { view: parts.view } : {}),
    ...(parts.audit ? { audit: parts.audit } : {}),
    switches: () => ctx.runtime.get(),
    now: ctx.now,
    writer: new ExplanationWriter(llm, ctx.log.child({ component: 'explain' }), () => ctx.now().getTime()),
  });
  return {
    name: 'explanations',
    service,
    start() {},
    stop() {},
    routes: () => [
      { path: '/api/downloads/:id/explain', router: explainDownloadRoute(service) },
      { path: '/api/audit/findings/:id/explain', router: explainFindingRoute(service) },
    ],
  };
}
