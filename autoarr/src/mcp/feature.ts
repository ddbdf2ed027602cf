// The MCP feature: serves the tools over HTTP on AutoArr's own server. The monitor's view and the audit service
// come in through the arguments (never by reaching into those features); without them their tools explain why.
import type { CoreContext } from '../core/context.js';
import type { Feature } from '../core/feature.js';
import { busView, type BusView } from './bus-view.js';
import type { AuditPort, MonitorView } from './deps.js';
import { createMcpHttp, type McpHttp } from './http.js';

export function mcpFeature(ctx: CoreContext, parts: { view?: MonitorView; audit?: AuditPort } = {}): Feature {
  let http: McpHttp | undefined;
  // Without the monitor's view object, the same list arrives on the bus (downloads.updated).
  let fromBus: BusView | undefined;
  const get = () =>
    (http ??= createMcpHttp({ ctx, view: parts.view ?? (fromBus ??= busView(ctx)), audit: parts.audit }));
  return {
    name: 'mcp',
    start() {
      get();
    },
    async stop() {
      await http?.closeAll();
      fromBus?.stop();
      fromBus = undefined;
    },
    routes: () => get().mounts,
  };
}
