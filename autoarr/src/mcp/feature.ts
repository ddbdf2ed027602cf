// The MCP feature: serves the tools over HTTP on AutoArr's own server. The monitor's view and the audit service
// come in through the arguments (never by reaching into those features); without them their tools explain why.
import type { CoreContext } from '../core/context.js';
import type { Feature } from '../core/feature.js';
import type { AuditPort, MonitorView } from './deps.js';
import { createMcpHttp, type McpHttp } from './http.js';

export function mcpFeature(ctx: CoreContext, parts: { view?: MonitorView; audit?: AuditPort } = {}): Feature {
  let http: McpHttp | undefined;
  const get = () => (http ??= createMcpHttp({ ctx, ...parts }));
  return {
    name: 'mcp',
    start() {
      get();
    },
    async stop() {
      await http?.closeAll();
    },
    routes: () => get().mounts,
  };
}
