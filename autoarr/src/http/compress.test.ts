// Compression (brotli / gzip by Accept-Encoding), ETag / Last-Modified with 304s on the cards bundle and the UI's
// assets, streams left alone, and the small audit summary the Overview reads. Needs the built web UI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt } from '../../../web/test/stack.js';
import { startAutoArr, type AutoArr } from '../app.js';
import { summarize } from '../audit/routes.js';
import { webDistDir } from '../core/paths.js';
import { memoryLogger } from '../log/logger.js';
import { loadSettings } from '../settings/load.js';
import type { AuditFinding, AuditSummary } from '../shared/types.js';
import { pickEncoding } from './compress.js';
import { withToken } from '../../test/helpers/http.js';

let a: AutoArr;
let dir: string;
beforeAll(async () => {
  await ensureWebBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-compress-'));
  const r = loadSettings({ env: { DATA_DIR: dir }, mode: 'demo', version: 'test' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  a = await startAutoArr(r.settings, memoryLogger('error'), { listen: false });
}, 120_000);
afterAll(async () => {
  await a?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

// With the token, as a client calls the API (in process there is no socket to be let in by).
const get = (url: string, headers: Record<string, string> = {}) => withToken(a)(url, { headers });

describe('Accept-Encoding', () => {
  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(pickEncoding('identity')).toBeUndefined();
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*, br;q=0, gzip;q=0')).toBeUndefined();
    expect(pickEncoding(undefined)).toBeUndefined();
  });
});

describe('static files', () => {
  const cardsFile = () => path.join(webDistDir(), 'cards', 'autoarr-cards.js');

  it('sends the cards bundle compressed with an ETag and Last-Modified, and 304 when unchanged', async () => {
    const original = fs.readFileSync(cardsFile());
    const br = await get('/cards/autoarr-cards.js', { 'accept-encoding': 'gzip, br' });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/Accept-Encoding/i);
    const body = Buffer.from(await br.arrayBuffer());
    expect(body.length).toBeLessThan(original.length / 2);
    expect(zlib.brotliDecompressSync(body).equals(original)).toBe(true);
    const etag = br.headers.get('etag')!;
    const modified = br.headers.get('last-modified')!;
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(new Date(modified).getTime()).toBe(Math.floor(fs.statSync(cardsFile()).mtimeMs / 1000) * 1000);

    const gz = await get('/cards/autoarr-cards.js', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(zlib.gunzipSync(Buffer.from(await gz.arrayBuffer())).equals(original)).toBe(true);
    const plain = await get('/cards/autoarr-cards.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await plain.arrayBuffer()).equals(original)).toBe(true);

    const again = await get('/cards/autoarr-cards.js', { 'if-none-match': etag, 'accept-encoding': 'br' });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect((await get('/cards/autoarr-cards.js', { 'if-modified-since': modified })).status).toBe(304);
    expect((await get('/cards/autoarr-cards.js', { 'if-none-match': '"other"' })).status).toBe(200);
    const old = new Date(Date.parse(modified) - 60_000).toUTCString();
    expect((await get('/cards/autoarr-cards.js', { 'if-modified-since': old })).status).toBe(200);
  });

  it('compresses the UI page and its hashed assets', async () => {
    const page = await get('/', { 'accept-encoding': 'br' });
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-encoding')).toBe('br');
    const html = zlib.brotliDecompressSync(Buffer.from(await page.arrayBuffer())).toString();
    const asset = /assets\/[^"]+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const js = await get(`/${asset}`, { 'accept-encoding': 'br' });
    expect(js.headers.get('content-encoding')).toBe('br');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(js.headers.get('etag')).toBeTruthy();
  });

  it('compresses JSON but never an event stream', async () => {
    const settings = await get('/api/settings', { 'accept-encoding': 'gzip' });
    expect(settings.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(zlib.gunzipSync(Buffer.from(await settings.arrayBuffer())).toString())).toHaveProperty('runtime');
    const events = await get('/api/events', { 'accept-encoding': 'br, gzip' });
    expect(events.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(events.headers.get('content-encoding')).toBeNull();
    const reader = events.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('event: hello');
    await reader.cancel();
  });
});

describe('audit summary', () => {
  it('counts findings by severity without the whole report', async () => {
    const res = await get('/api/audit/summary');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ score: null, findings: 0, critical: 0, warning: 0, info: 0, fixable: 0 });
    const f = (severity: AuditFinding['severity'], fixable: boolean) => ({ severity, fixable }) as AuditFinding;
    const summary: AuditSummary = summarize({
      run: {
        id: 1,
        startedAt: '2026-12-05T08:00:00.000Z',
        finishedAt: '2026-12-05T08:00:02.000Z',
        trigger: 'manual',
        by: 'api',
        score: 81.5,
        instances: [],
        checks: [],
        findings: [f('critical', true), f('warning', false), f('warning', true), f('info', false)],
        driftCount: 0,
      },
      rules: [],
      nextRunAt: '2026-12-06T08:00:00.000Z',
    });
    expect(summary).toEqual({
      runAt: '2026-12-05T08:00:02.000Z',
      score: 81.5,
      findings: 4,
      critical: 1,
      warning: 2,
      info: 1,
      fixable: 2,
      nextRunAt: '2026-12-06T08:00:00.000Z',
    });
  });
});
