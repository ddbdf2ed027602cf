// The monitor's view as seen from the bus: `downloads.updated` carries the full list, so when the composition root
// does not hand the MCP feature the monitor's own view object, the tools still read the same data this way.
import type { CoreContext } from '../core/context.js';
import type { Download } from '../shared/types.js';
import type { MonitorView } from './deps.js';

export interface BusView extends MonitorView {
  /** False until the monitor has published once (then the tools say it has not reported yet). */
  ready(): boolean;
  stop(): void;
}

export function busView(ctx: CoreContext): BusView {
  let downloads: Download[] | undefined;
  const off = ctx.bus.on('downloads.updated', (e) => {
    downloads = e.downloads;
  });
  return {
    ready: () => downloads !== undefined,
    list: () => downloads ?? [],
    get: (id) => downloads?.find((d) => d.id === id),
    timeline: async (id) => (await ctx.activity.list({ downloadId: id, pageSize: 200 })).items.reverse(),
    stop: off,
  };
}
