// "What does this finding mean?" through the real composition root (startAutoArr) with the LLM set the way a person
// sets it (LLM_BASE_URL / LLM_API_KEY / LLM_MODEL, an OpenAI-compatible fake on loopback): the LLM's words for a
// finding of the simulated bad settings, only the finding's facts sent, and AutoArr's own text when it fails; after
// a rate limit neither explanations nor requests ask the LLM until its Retry-After is over.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../../src/app.js';
import { memoryLogger } from '../../src/log/logger.js';
import { loadSettings } from '../../src/settings/load.js';
import type { AuditFinding, AuditReport, Explanation } from '../../src/shared/types.js';
import { settingsForSim, startSimStack, type SimStack } from '../../src/sim/index.js';
import { startFakeLlm, type FakeLlm } from '../request/fake-llm.js';

const LLM_KEY = 'llm-key-explain-findings-0123';
// AutoArr's clock: the LLM's back-off after a rate limit is measured on it, and the tests move it past the wait.
const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);
let t = T0;
let sim: SimStack;
let autoarr: AutoArr;
let fake: FakeLlm;
let dataDir: string;
let finding: AuditFinding;
let critical: AuditFinding;

beforeAll(async () => {
  sim = await startSimStack({ speed: 0, scenario: 'bad_settings', seed: 7 });
  fake = await startFakeLlm();
  // Explanations send AutoArr's facts; a request sends the person's words and asks for an intent as JSON.
  fake.answer = (user) =>
    user.startsWith('FACTS:')
      ? 'Sonarr is set up in a way that can lose files; AutoArr can change it back for you.'
      : '{"kind":"add","title":"Arrival","mediaType":"movie"}';
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-explain-'));
  const r = loadSettings({
    env: {
      DATA_DIR: dataDir,
      LLM_BASE_URL: `${fake.url}/v1`,
      LLM_API_KEY: LLM_KEY,
      LLM_MODEL: 'llama3.1',
      AUTOARR_LLM_TIMEOUT_SECONDS: '2',
    },
    mode: 'container',
    version: 'test',
  });
  if (!r.ok) throw new Error(r.problems.join('; '));
  autoarr = await startAutoArr(
    { ...r.settings, instances: settingsForSim(sim), requestTimeoutMs: 3_000 },
    memoryLogger('error'),
    { listen: false, now: () => new Date(t) },
  );
  expect((await api<unknown>('POST', '/api/audit/run', {})).status).toBe(200);
  const report = (await api<AuditReport>('GET', '/api/audit')).body;
  // A finding about folders: what is sent names the last folder, never the whole layout.
  finding = report.run!.findings.find((f) => f.app === 'sonarr' && f.title === 'No remote path mappings')!;
  critical = report.run!.findings.find((f) => f.severity === 'critical' && f.fixable)!;
  expect(critical).toBeDefined();
  expect(finding).toBeDefined();
}, 60_000);

afterAll(async () => {
  await autoarr?.stop();
  await fake?.close();
  await sim?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function api<T>(method: string, p: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await autoarr.http.request(p, {
    method,
    headers: { authorization: `Bearer ${autoarr.ctx.apiToken()}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  for (const s of [LLM_KEY, autoarr.ctx.apiToken(), ...Object.values(sim.apps).map((a) => a.apiKey)])
    expect(text).not.toContain(s);
  return { status: res.status, body: JSON.parse(text) as T };
}

describe('GET /api/audit/findings/:id/explain', () => {
  it('answers in the LLM’s words, having sent only what the finding says', async () => {
    fake.mode = 'ok';
    fake.received.length = 0;
    const { status, body } = await api<Explanation>('GET', `/api/audit/findings/${finding.id}/explain`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      about: 'finding',
      id: finding.id,
      title: finding.title,
      by: 'llm',
      writer: `The LLM at 127.0.0.1:${new URL(fake.url).port}`,
      text: 'Sonarr is set up in a way that can lose files; AutoArr can change it back for you.',
    });
    expect(fake.received).toHaveLength(1);
    const sent = fake.received[0]!;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe(`Bearer ${LLM_KEY}`);
    expect(sent.body).toContain(finding.title);
    expect(sent.body).toContain(finding.settingUi);
    expect(finding.current).toBe('/config/Downloads/ → /downloads/');
    expect(sent.body).toContain('…/Downloads/ → /downloads/');
    expect(sent.body).not.toContain('/config/');
    for (const leak of [
      LLM_KEY,
      finding.id,
      finding.settingApi,
      finding.source,
      ...Object.values(sim.apps).flatMap((a) => [a.apiKey, a.url]),
    ])
      expect(sent.body).not.toContain(leak);
  });

  it('gives AutoArr’s own text with a note when the LLM is rate-limiting, saying when it will be asked again', async () => {
    fake.mode = 'rate_limited';
    fake.rateLimitHeaders = { 'retry-after': '120' };
    try {
      const { body } = await api<Explanation>('GET', `/api/audit/findings/${critical.id}/explain`);
      expect(body).toMatchObject({ about: 'finding', id: critical.id, by: 'rules' });
      expect(body.note).toBe(
        `The LLM at 127.0.0.1:${new URL(fake.url).port} could not write this explanation (it is rate-limiting requests, so AutoArr will not ask it again before 12:02:00 UTC (in 2 min)); this is AutoArr's own.`,
      );
      const [what, setting, why, fix] = body.text.split('\n\n');
      expect(what).toBe(
        `${critical.instanceName}: ${critical.title}. This is critical: it breaks downloads or imports, or risks losing files.`,
      );
      expect(setting).toMatch(new RegExp(`^The setting "${escape(critical.settingUi)}" is .+; AutoArr expects `));
      expect(why).toBe(`Why it matters: ${critical.why}`);
      expect(fix).toBe(
        'AutoArr can fix this for you (Fix… on the Audit page): it changes only this setting, reads it back to check, and you can roll the change back.',
      );
    } finally {
      fake.mode = 'ok';
      fake.rateLimitHeaders = {};
    }
  });

  it('holds requests back too until the wait is over (one LLM client for both), then asks again', async () => {
    fake.mode = 'ok';
    fake.received.length = 0;
    t = T0 + 60_000;
    const { body } = await api<{ outcome: string; interpretedBy: string; notes: string[] }>('POST', '/api/request', {
      text: 'add arival',
    });
    expect(body).toMatchObject({ outcome: 'not_found', interpretedBy: 'rules' });
    expect(body.notes).toContain(
      `The LLM at 127.0.0.1:${new URL(fake.url).port} could not help (it was rate-limiting requests, so AutoArr will not ask it again before 12:02:00 UTC (in 1 min)); AutoArr's built-in rules answered instead.`,
    );
    expect(fake.received).toHaveLength(0);

    t = T0 + 120_000;
    const after = await api<Explanation>('GET', `/api/audit/findings/${critical.id}/explain`);
    expect(after.body).toMatchObject({ by: 'llm', id: critical.id });
    expect(after.body.note).toBeUndefined();
    expect(fake.received).toHaveLength(1);
  });

  it('answers 404 for a finding that is not in the latest audit', async () => {
    const { status, body } = await api<{ code: string; message: string }>(
      'GET',
      '/api/audit/findings/f_000000000000/explain',
    );
    expect(status).toBe(404);
    expect(body.message).toBe(
      'No finding f_000000000000 in the latest audit; list the findings with GET /api/audit, or run the audit again.',
    );
  });
});

describe('the same LLM settings serve requests (POST /api/request)', () => {
  it('reads what the rules could not and answers with a preview, changing nothing', async () => {
    fake.mode = 'ok';
    fake.received.length = 0;
    const { status, body } = await api<{ outcome: string; interpretedBy: string; message: string }>(
      'POST',
      '/api/request',
      { text: 'add arival' },
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ outcome: 'preview', interpretedBy: 'llm' });
    expect(body.message).toMatch(/^Add Arrival \(2016\) to Radarr/);
    expect(sim.control.state.movies.some((m) => m.title === 'Arrival')).toBe(false);
    expect(fake.received.map((r) => r.path)).toEqual(['/v1/chat/completions']);
    expect(fake.received[0]!.body).toContain('add arival');
  });
});
