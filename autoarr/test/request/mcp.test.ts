// autoarr_request through the real MCP SDK client against the simulated stack: preview, question and choice,
// confirm with the token, hidden in read-only mode, and no secret in any output.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../mcp/harness.js';

let h: Harness;
let client: Client;

beforeAll(async () => {
  h = await startHarness({ scenario: 'healthy', features: false });
  client = await h.client();
});
afterAll(() => h?.stop());

async function call(args: Record<string, unknown>): Promise<{ data: Record<string, unknown>; text: string }> {
  const r = (await client.callTool({ name: 'autoarr_request', arguments: args })) as CallToolResult;
  const text = r.content.map((c) => (c.type === 'text' ? c.text : '')).join('\n');
  for (const s of h.secrets) expect(text + JSON.stringify(r.structuredContent)).not.toContain(s);
  expect(r.isError, text).toBeFalsy();
  return { data: r.structuredContent as Record<string, unknown>, text };
}

describe('MCP autoarr_request', () => {
  it('is listed with write annotations, and not at all in read-only mode', async () => {
    const tools = (await client.listTools()).tools;
    const tool = tools.find((t) => t.name === 'autoarr_request');
    expect(tool?.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false });
    const ro = await startHarness({ scenario: 'healthy', features: false, readOnly: true });
    try {
      const names = (await (await ro.client()).listTools()).tools.map((t) => t.name);
      expect(names).not.toContain('autoarr_request');
    } finally {
      await ro.stop();
    }
  });

  it('previews, asks back on a question, and adds only with confirm and the token', async () => {
    const q = await call({ text: 'add little women' });
    expect(q.data).toMatchObject({ outcome: 'question', done: false, preview: true });
    const options = q.data.options as Array<{ year: number; instanceId: string; externalId: number }>;
    const pick = options.find((o) => o.year === 2019)!;
    const p = await call({
      text: 'add little women',
      choice: { instanceId: pick.instanceId, externalId: pick.externalId },
    });
    expect(p.data).toMatchObject({
      outcome: 'preview',
      done: false,
      plan: {
        action: 'add',
        app: 'radarr',
        title: 'Little Women',
        year: 2019,
        rootFolder: '/movies',
        qualityProfile: 'HD-1080p',
      },
    });
    expect(p.text).toMatch(/Nothing changed yet: with confirm: true and this previewId AutoArr will do it\./);
    expect(h.sim.control.state.movies.some((m) => m.title === 'Little Women')).toBe(false);

    const done = await call({ text: 'add little women', previewId: p.data.previewId, confirm: true });
    expect(done.data).toMatchObject({ outcome: 'done', done: true, preview: false });
    expect(done.text).toContain('Added Little Women (2019) to Radarr and started a search.');
    expect(h.sim.control.state.movies.find((m) => m.title === 'Little Women')?.year).toBe(2019);
  });

  it('the same call with confirm: true and no token previews and carries out in one go', async () => {
    const done = await call({ text: 'add the show silo', confirm: true });
    expect(done.data).toMatchObject({ outcome: 'done', done: true });
    expect(h.sim.control.state.series.some((s) => s.title === 'Silo')).toBe(true);
    // Nothing to confirm (already there): confirm: true changes nothing.
    const again = await call({ text: 'add dune part two', confirm: true });
    expect(again.data).toMatchObject({ outcome: 'exists', done: false });
  });
});
