// The request feature: builds the request service (with an LLM when one is set up), registers the
// request.preview / request.confirm commands and serves /api/request.
import type { CoreContext } from '../core/context.js';
import type { Feature } from '../core/feature.js';
import { interpreterFrom } from './llm/index.js';
import type { Interpreter } from './llm/interpreter.js';
import { requestRoutes } from './routes.js';
import { RequestService } from './service.js';

export interface RequestFeatureOptions {
  llm?: Interpreter;
}

export function requestFeature(
  ctx: CoreContext,
  opts: RequestFeatureOptions = {},
): Feature & { service: RequestService } {
  const llm = opts.llm ?? interpreterFrom(ctx.settings, ctx.now);
  const service = new RequestService({
    apps: ctx.apps,
    activity: ctx.activity,
    dryRun: () => ctx.runtime.get().dryRun,
    now: ctx.now,
    log: ctx.log.child({ component: 'request' }),
    ...(llm ? { llm } : {}),
  });
  let offs: Array<() => void> = [];
  return {
    name: 'requests',
    service,
    start() {
      offs = [
        ctx.commands.register('request.preview', (args) => service.preview(args)),
        ctx.commands.register('request.confirm', (args) => service.confirm(args)),
      ];
    },
    stop() {
      for (const off of offs) off();
      offs = [];
    },
    routes: () => [{ path: '/api/request', router: requestRoutes(ctx.commands) }],
  };
}
