// Shared pieces of the Home Assistant tests: a CoreContext on a real SQLite file with a fake app registry (the
// simulated stack replaces the fakes where it is used), and an MQTT watcher that records what the broker holds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import { AppError } from '../../src/apps/common/errors.js';
import { createAppRegistry, type AppRegistry } from '../../src/apps/registry.js';
import { EventBus } from '../../src/bus/bus.js';
import { buildContext } from '../../src/core/build-context.js';
import { openDatabase } from '../../src/db/database.js';
import { mqttFeature } from '../../src/ha/mqtt/mqtt-feature.js';
import { memoryLogger, type Logger } from '../../src/log/logger.js';
import { createMetrics } from '../../src/metrics/metrics-feature.js';
import type { AppClientsPort } from '../../src/metrics/app-clients.js';
import type { AppInstance, Settings } from '../../src/settings/settings.js';
import { statsFeature } from '../../src/stats/feature.js';

export function testSettings(over: Partial<Settings> & { dbFile?: string } = {}): Settings {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-ha-'));
  const instances: AppInstance[] = [
    {
      id: 'sabnzbd',
      app: 'sabnzbd',
      name: 'SABnzbd',
      url: 'http://127.0.0.1:1',
      apiKey: 'sabkey1234',
      verifySsl: true,
    },
    { id: 'sonarr', app: 'sonarr', name: 'Sonarr', url: 'http://127.0.0.1:2', apiKey: 'sonkey1234', verifySsl: true },
    { id: 'radarr', app: 'radarr', name: 'Radarr', url: 'http://127.0.0.1:3', apiKey: 'radkey1234', verifySsl: true },
    { id: 'plex', app: 'plex', name: 'Plex', url: 'http://127.0.0.1:4', apiKey: 'plextoken1', verifySsl: true },
  ];
  const { dbFile, ...rest } = over;
  return {
    mode: 'container',
    version: '0.1.0-test',
    logLevel: 'trace',
    host: '127.0.0.1',
    port: 0,
    dataDir: dir,
    databasePath: dbFile ?? path.join(dir, 'autoarr.db'),
    instances,
    requestTimeoutMs: 5000,
    monitor: {
      pollIntervalMs: 10_000,
      stallMinutes: 15,
      maxStrikes: 3,
      strikeWindowHours: 24,
      minProgressBytes: 1,
      maxRemovalsPerHour: 10,
      minQueueAgeMinutes: 10,
      maxRecoveryAttempts: 3,
      autoRecovery: true,
      dryRun: false,
      cleanupFailedJobs: true,
      protectedCategories: [],
      protectedTags: [],
      failedImportPatterns: [],
      ignoredImportPatterns: [],
    },
    audit: { intervalHours: 24 },
    mqtt: { baseTopic: 'autoarr', discoveryPrefix: 'homeassistant' },
    homeAssistant: {},
    mcp: { readOnly: false, allowInternalNetwork: true },
    ...rest,
  };
}

export interface FakeStack {
  registry: AppRegistry;
  clients: AppClientsPort;
  calls: string[];
  sab: { paused: boolean; speedLimit: number };
  /** Takes an app down (or brings it back) and runs the registry's connection test, as the health feature would. */
  setState(id: string, state: 'connected' | 'unreachable'): Promise<void>;
}

/** The real registry over fake clients that record every call. */
export function fakeStack(instances: AppInstance[], bus: EventBus, log: Logger): FakeStack {
  const calls: string[] = [];
  const sab = { paused: false, speedLimit: 100 };
  const down = new Set<string>();
  const arr = (id: string) => ({
    queue: async () => ({ totalRecords: 3 }),
    wantedMissing: async () => ({ totalRecords: 7 }),
    health: async () => [{ type: 'warning', source: 'IndexerCheck', message: 'No indexers available' }],
    diskSpace: async () => [{ path: '/tv', freeSpace: 5e11 }],
    rootFolders: async () => [{ path: '/tv' }],
    command: async (name: never) => void calls.push(`${id}.command:${String(name)}`),
  });
  const fakes = {
    sabnzbd: (id: string) => ({
      queue: async () => ({
        paused: sab.paused,
        status: sab.paused ? 'Paused' : 'Downloading',
        speedBps: 2_500_000,
        speedLimitPercent: sab.speedLimit,
        sizeLeftBytes: 8e9,
        timeLeftSeconds: 3200,
        diskFreeBytes: 9e11,
        noOfSlots: 4,
      }),
      warnings: async () => [],
      pauseAll: async () => void (calls.push(`${id}.pauseAll`), (sab.paused = true)),
      resumeAll: async () => void (calls.push(`${id}.resumeAll`), (sab.paused = false)),
      setSpeedLimit: async (p: number) => void (calls.push(`${id}.setSpeedLimit:${p}`), (sab.speedLimit = p)),
    }),
    sonarr: arr,
    radarr: arr,
    plex: (id: string) => ({
      sessions: async () => [{}, {}],
      sections: async () => [{ key: '1' }, { key: '2' }],
      scanSection: async (k: string) => void calls.push(`${id}.scan:${k}`),
    }),
  };
  const registry = createAppRegistry(instances, bus, log, {
    createClient: (i) => ({
      instance: i,
      probe: async () => {
        if (down.has(i.id)) throw new AppError('unreachable', i, `${i.name} did not answer`);
        return { version: i.app === 'plex' ? '1.40.0' : '4.0.0' };
      },
      close: async () => undefined,
      ...fakes[i.app](i.id),
    }),
  });
  return {
    registry,
    clients: registry,
    calls,
    sab,
    async setState(id, state) {
      if (state === 'connected') down.delete(id);
      else down.add(id);
      await registry.test(id);
    },
  };
}

export async function makeContext(settings: Settings, apps?: (bus: EventBus) => AppRegistry) {
  const log = memoryLogger();
  const { db } = await openDatabase(settings.databasePath, log);
  let stack: FakeStack | undefined;
  const ctx = await buildContext({
    settings,
    log,
    bus: new EventBus(log),
    db,
    apps: (bus) => (apps ? apps(bus) : (stack = fakeStack(settings.instances, bus, log)).registry),
    switches: { autoRecovery: true, dryRun: false },
    apiToken: () => 'test-token-123456',
    rotateApiToken: async () => 'x',
  });
  // Like the health feature at start: every instance gets a state (and a version for its device block).
  await ctx.apps.testAll();
  return { ctx, log, stack, close: () => db.destroy() };
}

/**
 * The MQTT feature and the metrics it shows, on a fake stack, connected to a test broker. Its teardown is pushed
 * onto `cleanups` (run in reverse after each test).
 */
export async function startMqttStack(
  brokerUrl: string,
  cleanups: Array<() => Promise<void>>,
  over: Partial<Settings> & { dbFile?: string } = {},
) {
  const settings = testSettings({
    mqtt: { url: brokerUrl, baseTopic: 'autoarr', discoveryPrefix: 'homeassistant' },
    ...over,
  });
  const t = await makeContext(settings);
  const stack = t.stack!;
  const metrics = createMetrics(t.ctx, { clients: stack.clients, intervalMs: 3_600_000 });
  // The 24 h counters the hub shows: fed by the stats feature, started first as in app.ts.
  const stats = statsFeature(t.ctx);
  await stats.start();
  const mqtt = mqttFeature(t.ctx, { clients: stack.clients, refresh: (id) => metrics.pollNow(id), birthDelayMs: 0 });
  await mqtt.start();
  metrics.feature.start();
  cleanups.push(async () => {
    metrics.feature.stop();
    await mqtt.stop();
    await stats.stop();
    await t.close();
  });
  return { ...t, stack, mqtt, metrics, settings };
}

/** Records every message the broker delivers under the given filters; latest() is what a newcomer would see. */
export class MqttWatcher {
  readonly messages: Array<{ topic: string; payload: string; retain: boolean }> = [];
  private readonly latestMap = new Map<string, string>();
  private constructor(readonly client: MqttClient) {}

  static async connect(url: string, filters: string[] = ['homeassistant/#', 'autoarr/#']): Promise<MqttWatcher> {
    const client = connect(url, { reconnectPeriod: 200, clientId: `watch_${Math.random().toString(16).slice(2)}` });
    const w = new MqttWatcher(client);
    client.on('message', (topic, payload, packet) => {
      const text = payload.toString('utf8');
      w.messages.push({ topic, payload: text, retain: packet.retain });
      w.latestMap.set(topic, text);
    });
    client.on('connect', () => void client.subscribeAsync(filters, { qos: 1 }));
    await until(() => client.connected, 'the watcher to connect');
    await client.subscribeAsync(filters, { qos: 1 });
    return w;
  }

  latest(topic: string): string | undefined {
    return this.latestMap.get(topic);
  }

  json<T = Record<string, unknown>>(topic: string): T | undefined {
    const v = this.latestMap.get(topic);
    return v ? (JSON.parse(v) as T) : undefined;
  }

  /** Non-empty retained configs currently known. */
  configs(prefix = 'homeassistant'): Map<string, Record<string, unknown>> {
    const out = new Map<string, Record<string, unknown>>();
    for (const [t, v] of this.latestMap) {
      if (t.startsWith(`${prefix}/`) && t.endsWith('/config') && v !== '')
        out.set(t, JSON.parse(v) as Record<string, unknown>);
    }
    return out;
  }

  topics(): string[] {
    return [...this.latestMap.keys()];
  }

  clear(): void {
    this.messages.length = 0;
    this.latestMap.clear();
  }

  async publish(topic: string, payload: string, retain = false): Promise<void> {
    await this.client.publishAsync(topic, payload, { retain, qos: 1 });
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}

/** Waits for an observable effect with a bounded poll (never a fixed sleep). */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
