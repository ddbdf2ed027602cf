// AutoArr's compact tools/list held against the SDK's own listing (McpServer's handler, kept with listing: 'sdk'),
// both read through the SDK client: the same tools, names, descriptions, hints and input schemas (less only the
// `$schema` keys and safe-integer bounds), output schemas that keep every top-level field with its type, and the
// whole list within 40 KB. Direct stdio lists only the tools that work without the running AutoArr.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMcpServer, type ServerOptions } from '../../src/mcp/server.js';
import { EXPECTED } from './expected.js';
import { fakeCtx } from './fake-ctx.js';

const ALL = Object.values(EXPECTED).flat();
const SAFE = Number.MAX_SAFE_INTEGER;

function fourApps() {
  const { ctx } = fakeCtx();
  const list = ctx.apps.instances();
  const base = list[0]!;
  for (const app of ['sonarr', 'radarr', 'plex'] as const) list.push({ ...base, id: app, app, name: app });
  return ctx;
}

async function listing(ctx: ReturnType<typeof fourApps>, opts: ServerOptions = {}) {
  const server = createMcpServer({ ctx }, opts);
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const client = new Client({ name: 'listing-test', version: '1' });
  await client.connect(b);
  const result = await client.listTools();
  await client.close();
  return { result, instructions: client.getInstructions() ?? '' };
}

/** Every path where two JSON values differ, with the value on each side. */
function differences(a: unknown, b: unknown, at = ''): Array<{ at: string; a: unknown; b: unknown }> {
  if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) =>
      differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}/${k}`),
    );
  }
  return Object.is(a, b) ? [] : [{ at, a, b }];
}

const typesOf = (s: Record<string, unknown>): string[] => {
  if (Array.isArray(s.anyOf)) return (s.anyOf as Array<Record<string, unknown>>).flatMap(typesOf);
  return Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
};

describe('tools/list against the SDK listing', () => {
  let sdk: Tool[];
  let ours: Tool[];
  let bytes: number;
  beforeAll(async () => {
    const ctx = fourApps();
    sdk = (await listing(ctx, { listing: 'sdk' })).result.tools;
    const compact = (await listing(ctx)).result;
    ours = compact.tools;
    bytes = Buffer.byteLength(JSON.stringify({ jsonrpc: '2.0', id: 1, result: compact }));
  });

  it('lists the same tools in the same order, with the same descriptions and all four hints', () => {
    expect(ours.map((t) => t.name)).toEqual(sdk.map((t) => t.name));
    expect([...ours.map((t) => t.name)].sort()).toEqual([...ALL].sort());
    ours.forEach((t, i) => {
      const s = sdk[i]!;
      expect(t.description, t.name).toBe(s.description);
      const { title, ...hints } = s.annotations!;
      expect(title, t.name).toBe(s.title);
      expect(t.annotations, t.name).toEqual(hints);
      expect(Object.keys(t.annotations!).sort(), t.name).toEqual(
        ['destructiveHint', 'idempotentHint', 'openWorldHint', 'readOnlyHint'].sort(),
      );
    });
  });

  it('keeps input schemas whole except the $schema keys and the safe-integer bounds', () => {
    let dropped = 0;
    ours.forEach((t, i) => {
      for (const d of differences(sdk[i]!.inputSchema, t.inputSchema)) {
        dropped++;
        expect(d.b, `${t.name}${d.at}`).toBeUndefined();
        const key = d.at.split('/').pop();
        if (key === '$schema') expect(d.a).toBe('http://json-schema.org/draft-07/schema#');
        else {
          expect(['minimum', 'maximum'], `${t.name}${d.at}`).toContain(key);
          expect(Math.abs(d.a as number), `${t.name}${d.at}`).toBe(SAFE);
        }
      }
    });
    // The SDK's listing really carries that noise, so this comparison is not vacuous.
    expect(dropped).toBeGreaterThan(ours.length);
  });

  it('keeps every top-level output field with its type', () => {
    ours.forEach((t, i) => {
      const full = sdk[i]!.outputSchema!;
      const mine = t.outputSchema!;
      expect(mine.type, t.name).toBe('object');
      const fullProps = full.properties as Record<string, Record<string, unknown>>;
      const props = mine.properties as Record<string, Record<string, unknown>>;
      expect(Object.keys(props), t.name).toEqual(Object.keys(fullProps));
      for (const [k, v] of Object.entries(props))
        expect(new Set(typesOf(v)), `${t.name}.${k}`).toEqual(new Set(typesOf(fullProps[k]!)));
    });
  });

  it('fits in 40 KB with no schema noise left', () => {
    expect(bytes).toBeLessThanOrEqual(40_000);
    const text = JSON.stringify(ours);
    expect(text).not.toContain('$schema');
    expect(text).not.toContain(String(SAFE));
  });
});

describe('direct stdio (standalone)', () => {
  it('lists only the tools that work without the running AutoArr, and says where the others are', async () => {
    const ctx = fourApps();
    const { result, instructions } = await listing(ctx, { standalone: true });
    const names = result.tools.map((t) => t.name);
    const serverOnly = [
      'autoarr_list_downloads',
      'autoarr_retry_download',
      'autoarr_run_audit',
      'autoarr_get_audit',
      'autoarr_fix_finding',
      'autoarr_rollback_change',
      'autoarr_request',
      'autoarr_explain',
    ];
    for (const n of serverOnly) expect(names).not.toContain(n);
    expect(names.sort()).toEqual(ALL.filter((n) => !serverOnly.includes(n)).sort());
    expect(instructions).toContain('autoarr mcp --url');
    // The server's own endpoint still lists them (with the monitor and audit, they work there).
    const full = (await listing(ctx)).result.tools.map((t) => t.name);
    for (const n of serverOnly) expect(full).toContain(n);
  });
});
