// Issue 16.2 through the real MCP SDK client: with the Sonarr and Radarr URLs swapped, MCP read and write tools
// answer isError with which app answered and what to fix, and nothing reaches either *arr. The refusal is the
// registry's, the same one the monitor and the audit pass through.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsForSim } from '../../src/sim/index.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    scenario: 'stalled',
    features: false,
    instances: (sim) =>
      settingsForSim(sim).map((i) => {
        const other = i.app === 'sonarr' ? sim.apps.radarr : i.app === 'radarr' ? sim.apps.sonarr : undefined;
        return other ? { ...i, url: other.url, apiKey: other.apiKey } : i;
      }),
  });
});
afterAll(async () => {
  await h?.stop();
});

const text = (r: CallToolResult) => (r.content[0] as { text: string }).text;

describe('MCP tools on an *arr URL that reaches the other *arr', () => {
  it('refuse writes and reads with what to fix, and send nothing', async () => {
    const client = await h.client();
    const calls: Array<[string, Record<string, unknown>, string]> = [
      [
        'sonarr_search_series',
        { seriesId: 1 },
        'This URL is Radarr, not Sonarr — check SONARR_URL / the sonarr_url option',
      ],
      [
        'radarr_search_movie',
        { movieIds: [1] },
        'This URL is Sonarr, not Radarr — check RADARR_URL / the radarr_url option',
      ],
      ['sonarr_list_series', {}, 'This URL is Radarr, not Sonarr'],
    ];
    for (const [name, args, said] of calls) {
      const r = (await client.callTool({ name, arguments: args })) as CallToolResult;
      expect(r.isError, name).toBe(true);
      expect(text(r), name).toContain(said);
    }
    expect([...h.sim.control.writes({ app: 'sonarr' }), ...h.sim.control.writes({ app: 'radarr' })]).toEqual([]);
  });
});
