// tools/list through the SDK client over Streamable HTTP: the exact names, truthful annotations, schemas,
// per-app endpoints and read-only mode.
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED } from './expected.js';
import { startHarness, type Harness } from './harness.js';

const DESTRUCTIVE = [
  'sabnzbd_delete_job',
  'sonarr_remove_queue_item',
  'radarr_remove_queue_item',
  'autoarr_retry_download',
  'autoarr_fix_finding',
  'autoarr_rollback_change',
];
const ALL = Object.values(EXPECTED).flat();

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('tools/list on /mcp', () => {
  let tools: Tool[];
  beforeAll(async () => {
    tools = (await (await h.client()).listTools()).tools;
  });

  it('lists exactly the tools of the issue', () => {
    expect(tools.map((t) => t.name).sort()).toEqual([...ALL].sort());
  });

  it('sets all four annotations on every tool, and they match what the tool does', () => {
    for (const t of tools) {
      const a = t.annotations!;
      for (const hint of ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const)
        expect(typeof a[hint], `${t.name}.${hint}`).toBe('boolean');
      const readOnly =
        /_(get|list|lookup|search_media|stack_health|diagnose|explain)/.test(t.name) &&
        !/search_(episodes|series|movie)$/.test(t.name);
      expect(a.readOnlyHint, t.name).toBe(readOnly);
      expect(a.destructiveHint, t.name).toBe(DESTRUCTIVE.includes(t.name));
      if (a.readOnlyHint) expect(a.idempotentHint, t.name).toBe(true);
    }
    const open = tools
      .filter((t) => t.annotations!.openWorldHint)
      .map((t) => t.name)
      .sort();
    expect(open).toEqual(
      [
        'autoarr_explain',
        'autoarr_request',
        'radarr_add_movie',
        'radarr_lookup_movie',
        'radarr_search_movie',
        'sabnzbd_add_nzb_url',
        'sonarr_add_series',
        'sonarr_lookup_series',
        'sonarr_search_episodes',
        'sonarr_search_series',
      ].sort(),
    );
  });

  it('describes inputs and outputs with JSON schemas an assistant can act on', () => {
    for (const t of tools) {
      expect(t.description!.length, t.name).toBeGreaterThan(40);
      expect(t.inputSchema.type).toBe('object');
      expect(t.outputSchema?.type, t.name).toBe('object');
      for (const [prop, schema] of Object.entries(t.inputSchema.properties ?? {}))
        expect((schema as { description?: string }).description, `${t.name}.${prop}`).toBeTruthy();
    }
    const queue = tools.find((t) => t.name === 'sonarr_get_queue')!;
    expect(queue.inputSchema.properties!.pageSize).toMatchObject({ maximum: 200, default: 25 });
  });

  it('gives every destructive tool a confirm argument', () => {
    for (const name of DESTRUCTIVE) {
      const t = tools.find((x) => x.name === name)!;
      expect(t.inputSchema.properties, name).toHaveProperty('confirm');
      expect(t.inputSchema.required ?? [], name).not.toContain('confirm');
    }
  });
});

describe('per-app endpoints', () => {
  for (const group of Object.keys(EXPECTED) as Array<keyof typeof EXPECTED>) {
    it(`/mcp/${group} lists only ${group} tools`, async () => {
      const { tools } = await (await h.client(`/mcp/${group}`)).listTools();
      expect(tools.map((t) => t.name).sort()).toEqual([...EXPECTED[group]].sort());
    });
  }

  it('an unknown app gets a 404 naming the endpoints', async () => {
    const res = await fetch(`${h.baseUrl}/mcp/lidarr`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { message: string }).message).toContain('/mcp/<sabnzbd|sonarr|radarr|plex|autoarr>');
  });
});

describe('read-only mode', () => {
  it('does not list write tools at all, and calling one fails without touching the app', async () => {
    const ro = await startHarness({ readOnly: true });
    try {
      const client = await ro.client();
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('sabnzbd_get_queue');
      expect(names).toContain('autoarr_diagnose');
      for (const n of [
        'sabnzbd_pause_queue',
        'sabnzbd_delete_job',
        'sonarr_add_series',
        'plex_scan_library',
        'autoarr_fix_finding',
      ])
        expect(names).not.toContain(n);
      const all = (await (await h.client()).listTools()).tools;
      expect(names.sort()).toEqual(
        all
          .filter((t) => t.annotations!.readOnlyHint)
          .map((t) => t.name)
          .sort(),
      );
      ro.sim.control.clearRecords();
      const res = await client
        .callTool({ name: 'sabnzbd_pause_queue', arguments: {} })
        .catch((e: Error) => ({ isError: true, content: [{ type: 'text', text: e.message }] }));
      expect(res.isError).toBe(true);
      expect(ro.sim.control.writes()).toEqual([]);
    } finally {
      await ro.stop();
    }
  });
});
