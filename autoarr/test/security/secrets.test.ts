// Issue 16.6: an upstream that echoes secrets (an indexer apikey= in release names, *arr messages quoting the
// configured key) and AutoArr as a whole on a real socket with a real Mosquitto and the real MCP SDK client. None of
// the secrets may reach /api/downloads, /api/activity, the SSE stream, MQTT payloads, MCP answers or the log; a
// basic-auth password in an app URL is masked in /api/settings.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAutoArr, type AutoArr } from '../../src/app.js';
import { memoryLogger, type LogRecord } from '../../src/log/logger.js';
import { loadSettings } from '../../src/settings/load.js';
import { INDEXER_KEY } from '../../src/sim/hostile.js';
import { startSimStack, type SimStack } from '../../src/sim/index.js';
import { MqttWatcher, until } from '../ha/harness.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';

const TOKEN = 'api-token-for-the-secrets-test-0042';
const BASIC_PASSWORD = 'proxy-pass-7731';

let broker: Mosquitto;
let sim: SimStack;
let autoarr: AutoArr;
let w: MqttWatcher;
let logs: LogRecord[];
let secrets: string[];
let base: string;
const sse: string[] = [];
const sseAbort = new AbortController();

beforeAll(async () => {
  broker = await startMosquitto();
  sim = await startSimStack({ speed: 0, scenario: 'import_blocked', hostileText: true });
  // SABnzbd behind a reverse proxy with basic auth: the password sits in the URL the person typed.
  const sabUrl = sim.apps.sabnzbd.url.replace('http://', `http://autoarr:${BASIC_PASSWORD}@`);
  const env: Record<string, string> = {
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-secrets-')),
    MQTT_URL: broker.url,
    AUTOARR_API_TOKEN: TOKEN,
    AUTOARR_POLL_INTERVAL_SECONDS: '2',
    AUTOARR_MIN_QUEUE_AGE_MINUTES: '0',
    AUTOARR_AUTO_RECOVERY: 'false',
    SABNZBD_URL: sabUrl,
    SABNZBD_API_KEY: sim.apps.sabnzbd.apiKey,
    SONARR_URL: sim.apps.sonarr.url,
    SONARR_API_KEY: sim.apps.sonarr.apiKey,
    RADARR_URL: sim.apps.radarr.url,
    RADARR_API_KEY: sim.apps.radarr.apiKey,
    PLEX_URL: sim.apps.plex.url,
    PLEX_TOKEN: sim.apps.plex.apiKey,
    LOG_LEVEL: 'trace',
  };
  const r = loadSettings({ env, version: '0.0.0-secrets', mode: 'container' });
  if (!r.ok) throw new Error(r.problems.join('; '));
  secrets = [
    INDEXER_KEY,
    sim.apps.sabnzbd.apiKey,
    sim.apps.sonarr.apiKey,
    sim.apps.radarr.apiKey,
    sim.apps.plex.apiKey,
    TOKEN,
    BASIC_PASSWORD,
  ];
  w = await MqttWatcher.connect(broker.url);
  const log = memoryLogger('trace');
  logs = log.records;
  autoarr = await startAutoArr({ ...r.settings, host: '127.0.0.1', port: 0 }, log, {
    now: () => new Date(sim.control.now()),
  });
  base = `http://127.0.0.1:${autoarr.port()}`;
  void readSse();
});

afterAll(async () => {
  sseAbort.abort();
  await w?.close();
  await autoarr?.stop();
  await sim?.stop();
  await broker?.stop();
});

async function readSse(): Promise<void> {
  try {
    const res = await fetch(`${base}/api/events`, {
      headers: { authorization: `Bearer ${TOKEN}` },
      signal: sseAbort.signal,
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      sse.push(decoder.decode(value, { stream: true }));
    }
  } catch {
    // aborted at the end of the suite
  }
}

const api = async (p: string) => (await fetch(`${base}${p}`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();

function leaks(where: string, text: string): string[] {
  return secrets.filter((s) => text.includes(s)).map((s) => `${where} carries ${s.slice(0, 6)}…`);
}

describe('secrets echoed by an upstream', () => {
  it('reach no surface: REST, SSE, MQTT, MCP and the log', async () => {
    // The hostile names are in the view (masked), and the import-blocked message quoting the key is in the activity.
    await until(async () => (await api('/api/downloads')).includes('apikey=***'), 'the hostile downloads', 20_000);
    await until(async () => (await api('/api/activity')).includes('X-Api-Key'), 'the import-blocked activity', 20_000);
    await until(() => sse.join('').includes('apikey=***'), 'the downloads on the SSE stream', 20_000);
    await until(() => w.messages.some((m) => m.payload.includes('apikey=***')), 'the downloads on MQTT', 20_000);

    const client = new Client({ name: 'secrets-test', version: '1' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${base}/mcp`), {
        requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
      }),
    );
    const mcp: string[] = [];
    for (const [name, args] of [
      ['autoarr_list_downloads', {}],
      ['autoarr_list_activity', {}],
      ['sonarr_get_queue', {}],
      ['radarr_get_queue', {}],
      ['sabnzbd_get_queue', {}],
    ] as const) {
      mcp.push(JSON.stringify(await client.callTool({ name, arguments: args })));
    }
    await client.close();
    expect(mcp.join('\n')).toContain('apikey=***');

    const found = [
      ...leaks('/api/downloads', await api('/api/downloads')),
      ...leaks('/api/activity', await api('/api/activity?pageSize=200')),
      ...leaks('SSE', sse.join('')),
      ...leaks('MQTT', w.messages.map((m) => `${m.topic} ${m.payload}`).join('\n')),
      ...leaks('MCP', mcp.join('\n')),
      ...leaks('log', JSON.stringify(logs)),
    ];
    expect(found).toEqual([]);
  });

  it('masks a basic-auth password in the app URLs of /api/settings', async () => {
    const body = await api('/api/settings');
    expect(body).not.toContain(BASIC_PASSWORD);
    expect(body).toContain('autoarr:***@127.0.0.1');
  });
});
