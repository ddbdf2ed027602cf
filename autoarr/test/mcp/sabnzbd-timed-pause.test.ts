// sabnzbd_pause_queue with minutes / until, called through the SDK client over Streamable HTTP against the sim:
// the sim records the set_pause write with the right minutes, its queue shows the timed pause, and the structured
// output says until when.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localStamp, minutesUntil } from '../../src/mcp/tools/pause-until.js';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
let client: Client;

beforeAll(async () => {
  h = await startHarness({ scenario: 'healthy', features: false });
  client = await h.client();
});
afterAll(async () => {
  await h.stop();
});
beforeEach(async () => {
  await h.autoarr.ctx.apps.sabnzbd().resumeAll();
  h.sim.control.clearRecords();
});

const call = async (args: Record<string, unknown>) =>
  (await client.callTool({ name: 'sabnzbd_pause_queue', arguments: args })) as CallToolResult;
const text = (r: CallToolResult) => (r.content[0] as { text: string }).text;
const setPauseWrites = () =>
  h.sim.control
    .writes({ app: 'sabnzbd' })
    .map((w) => w.query)
    .filter((q) => q.mode === 'config' && q.name === 'set_pause');
const simQueue = () => h.autoarr.ctx.apps.sabnzbd().queue();

describe('sabnzbd_pause_queue with a time limit', () => {
  it('pauses for the given minutes and says until when', async () => {
    const before = Date.now();
    const r = await call({ minutes: 90 });
    expect(r.isError, text(r)).toBeFalsy();
    expect(setPauseWrites()).toEqual([expect.objectContaining({ value: '90' })]);
    const q = await simQueue();
    expect(q.paused).toBe(true);
    expect(q.pausedInt).toBe(90 * 60);
    const data = r.structuredContent as { minutes: number; pausedUntil: string; pausedUntilLocal: string };
    expect(data).toMatchObject({ done: true, preview: false, minutes: 90 });
    const end = Date.parse(data.pausedUntil);
    expect(end).toBeGreaterThanOrEqual(before + 90 * 60_000);
    expect(end).toBeLessThanOrEqual(Date.now() + 90 * 60_000);
    expect(data.pausedUntilLocal).toBe(localStamp(new Date(end)));
    expect(text(r)).toContain('for 90 minutes, until');
  });

  it('pauses until a local time of day, converted to minutes from now', async () => {
    // Two and a half hours ahead, so "today or tomorrow" is not in question whatever the time.
    const target = new Date(Date.now() + 150 * 60_000);
    const until = localStamp(target).slice(11);
    const low = minutesUntil(until, new Date());
    const r = await call({ until });
    const high = minutesUntil(until, new Date());
    expect(r.isError, text(r)).toBeFalsy();
    const data = r.structuredContent as { minutes: number; pausedUntilLocal: string };
    // The call may cross a minute boundary: the minutes lie between those computed just before and just after.
    expect(data.minutes).toBeGreaterThanOrEqual(high);
    expect(data.minutes).toBeLessThanOrEqual(low);
    expect(data.minutes).toBeGreaterThan(140);
    expect(data.pausedUntilLocal.slice(11)).toBe(until);
    expect(setPauseWrites()).toEqual([expect.objectContaining({ value: String(data.minutes) })]);
    const q = await simQueue();
    expect(q.paused).toBe(true);
    expect(q.pausedInt).toBe(data.minutes * 60);
  });

  it('a time that has passed today means tomorrow', async () => {
    const past = localStamp(new Date(Date.now() - 60 * 60_000)).slice(11);
    const r = await call({ until: past });
    expect(r.isError, text(r)).toBeFalsy();
    const { minutes } = r.structuredContent as { minutes: number };
    expect(minutes).toBeGreaterThanOrEqual(22 * 60);
    expect(minutes).toBeLessThanOrEqual(23 * 60 + 1);
    expect(setPauseWrites()).toEqual([expect.objectContaining({ value: String(minutes) })]);
  });

  it('without a limit it pauses until resumed, and says so', async () => {
    const r = await call({});
    expect(r.isError, text(r)).toBeFalsy();
    expect(r.structuredContent).toMatchObject({ done: true, pausedUntil: null, pausedUntilLocal: null, minutes: null });
    expect(h.sim.control.writes({ app: 'sabnzbd' }).map((w) => w.query.mode)).toEqual(['pause']);
    const q = await simQueue();
    expect(q.paused).toBe(true);
    expect(q.pausedInt).toBeUndefined();
  });

  it('rejects bad limits and both at once, changing nothing', async () => {
    for (const args of [{ minutes: 0 }, { minutes: 10_081 }, { minutes: 2.5 }, { until: '25:00' }, { until: '11pm' }]) {
      const r = await call(args);
      expect(r.isError, JSON.stringify(args)).toBe(true);
    }
    const both = await call({ minutes: 30, until: '23:00' });
    expect(both.isError).toBe(true);
    expect(text(both)).toContain('either minutes or until');
    expect(h.sim.control.writes({ app: 'sabnzbd' })).toEqual([]);
    expect((await simQueue()).paused).toBe(false);
  });

  it('lists minutes and until in the input schema with descriptions', async () => {
    const { tools } = await client.listTools();
    const tool = tools.find((t) => t.name === 'sabnzbd_pause_queue')!;
    const props = tool.inputSchema.properties as Record<string, { description?: string; type?: string }>;
    // The one-week limit is the schema's maximum (the description stays short).
    expect(props.minutes).toMatchObject({ type: 'integer', minimum: 1, maximum: 10080 });
    expect(props.minutes!.description).toContain('resume');
    expect(props.until!.description).toContain('HH:MM');
    expect(tool.inputSchema.required ?? []).not.toContain('minutes');
  });
});
