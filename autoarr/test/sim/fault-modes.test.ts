// The sim's fault modes for the fault suite: truncated (the work is done, the JSON answer is cut in half) and huge
// (an endless JSON body, streamed, instead of doing the work).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimStack, type SimStack } from '../../src/sim/index.js';

let stack: SimStack;
beforeAll(async () => {
  stack = await startSimStack({ scenario: 'stalled', seed: 3 });
});
afterAll(() => stack.stop());

const radarr = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.apps.radarr.url}${path}`, {
    ...init,
    headers: { 'X-Api-Key': stack.apps.radarr.apiKey, 'content-type': 'application/json' },
  });

describe('sim fault modes', () => {
  it('truncated: carries out a write and answers half of its JSON', async () => {
    await stack.control.setAppMode('radarr', 'truncated');
    const before = stack.control.state.commands.length;
    const res = await radarr('/api/v3/command', {
      method: 'POST',
      body: JSON.stringify({ name: 'RefreshMonitoredDownloads' }),
    });
    const text = await res.text();
    expect(res.status).toBe(201);
    expect(() => JSON.parse(text) as unknown).toThrow();
    expect(text.startsWith('{')).toBe(true);
    expect(stack.control.state.commands.length).toBe(before + 1);
    await stack.control.setAppMode('radarr', 'ok');
  });

  it('huge: answers with a JSON body far larger than any real answer, without doing the work', async () => {
    await stack.control.setAppMode('radarr', 'huge');
    const before = stack.control.state.commands.length;
    const res = await radarr('/api/v3/command', {
      method: 'POST',
      body: JSON.stringify({ name: 'RefreshMonitoredDownloads' }),
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let bytes = 0;
    let head = '';
    while (bytes < 8 * 1024 * 1024) {
      const { value, done } = await reader.read();
      if (done) break;
      if (!head) head = new TextDecoder().decode(value.slice(0, 20));
      bytes += value.length;
    }
    await reader.cancel();
    expect(bytes).toBeGreaterThanOrEqual(8 * 1024 * 1024);
    expect(head.startsWith('{"records":[]')).toBe(true);
    expect(stack.control.state.commands.length).toBe(before);
    await stack.control.setAppMode('radarr', 'ok');
  });
});
