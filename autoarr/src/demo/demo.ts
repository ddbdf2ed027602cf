// The demo: the simulated stack (scenario "demo", sped up) plus AutoArr in demo mode pointed at it, sharing the
// sim clock so AutoArr's timestamps, strikes and minimum ages follow sim time. Writes $DATA_DIR/demo.json.
import fs from 'node:fs';
import path from 'node:path';
import { startAutoArr, type AutoArr } from '../app.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../ha/mqtt/embedded-broker.js';
import { packageVersion } from '../core/paths.js';
import { createLogger, type Logger } from '../log/logger.js';
import { loadSettings } from '../settings/load.js';
import { startSimStack, type SimStack } from '../sim/index.js';
import { SIM_APPS } from '../sim/types.js';

/** Sim-seconds per real second: the stall, the failure and both recoveries play out in under a minute. */
export const DEMO_SPEED = 30;

/**
 * Monitor options for the demo (AUTOARR_* env names, see settings/env.ts). At DEMO_SPEED a 2 s poll is one sim
 * minute, so a 3-minute stall is noticed within seconds. The monitor engineer may tune these.
 */
export const DEMO_OPTIONS: Record<string, string> = {
  AUTOARR_POLL_INTERVAL_SECONDS: '2',
  AUTOARR_STALL_MINUTES: '3',
  AUTOARR_MIN_QUEUE_AGE_MINUTES: '2',
  AUTOARR_MAX_STRIKES: '2',
};

export interface DemoOptions {
  /** AutoArr's port (default PORT or 8099; 0 = OS-assigned). */
  port?: number;
  dataDir?: string;
  speed?: number;
  log?: Logger;
  env?: Record<string, string | undefined>;
}

export interface DemoInfo {
  url: string;
  /** The MQTT broker Home Assistant entities go to: the embedded one unless MQTT_URL was set. */
  mqtt: string | null;
  apps: Record<string, { url: string; apiKey: string }>;
  /** Sim time (epoch ms) when last written; the next run starts after it so stored times never lie ahead. */
  simNow: number;
}

export interface Demo {
  url: string;
  info: DemoInfo;
  infoFile: string;
  sim: SimStack;
  autoarr: AutoArr;
  stop(): Promise<void>;
}

function previousSimNow(file: string): number {
  try {
    const v = (JSON.parse(fs.readFileSync(file, 'utf8')) as { simNow?: unknown }).simNow;
    return typeof v === 'number' && Number.isFinite(v) ? v : 0;
  } catch {
    return 0;
  }
}

const ENV_NAMES = {
  sabnzbd: ['SABNZBD_URL', 'SABNZBD_API_KEY'],
  sonarr: ['SONARR_URL', 'SONARR_API_KEY'],
  radarr: ['RADARR_URL', 'RADARR_API_KEY'],
  plex: ['PLEX_URL', 'PLEX_TOKEN'],
} as const;

export async function startDemo(opts: DemoOptions = {}): Promise<Demo> {
  const env = opts.env ?? process.env;
  const dataDir = path.resolve(opts.dataDir ?? env.DATA_DIR ?? './.demo-data');
  const port = opts.port ?? Number(env.PORT ?? 8099);
  fs.mkdirSync(dataDir, { recursive: true });
  const infoFile = path.join(dataDir, 'demo.json');
  // Each run tells the story afresh: new download ids (a new seed) and a clock that never goes back behind what an
  // earlier run stored in the same database.
  const startTime = Math.max(Date.now(), previousSimNow(infoFile) + 60_000);
  const sim = await startSimStack({
    speed: opts.speed ?? DEMO_SPEED,
    scenario: 'demo',
    startTime,
    seed: startTime % 2_147_483_647,
  });
  let broker: EmbeddedBroker | undefined;
  try {
    broker = env.MQTT_URL ? undefined : await startEmbeddedBroker();
    const synthetic: Record<string, string> = {
      ...DEMO_OPTIONS,
      DATA_DIR: dataDir,
      PORT: '8099',
      LOG_LEVEL: env.LOG_LEVEL ?? 'info',
      MQTT_URL: env.MQTT_URL ?? broker!.url,
      ...(env.MQTT_URL && env.MQTT_USERNAME ? { MQTT_USERNAME: env.MQTT_USERNAME } : {}),
      ...(env.MQTT_URL && env.MQTT_PASSWORD ? { MQTT_PASSWORD: env.MQTT_PASSWORD } : {}),
    };
    for (const app of SIM_APPS) {
      const [urlName, keyName] = ENV_NAMES[app];
      synthetic[urlName] = sim.apps[app].url;
      synthetic[keyName] = sim.apps[app].apiKey;
    }
    const result = loadSettings({ env: synthetic, version: packageVersion(), mode: 'demo' });
    if (!result.ok) throw new Error(`demo settings are invalid: ${result.problems.join('; ')}`);
    // loadSettings only takes ports 1–65535; the demo also allows 0 (tests).
    const settings = { ...result.settings, port };
    const log = opts.log ?? createLogger(settings.logLevel);
    const autoarr = await startAutoArr(settings, log, { now: () => new Date(sim.control.now()) });
    const url = `http://127.0.0.1:${autoarr.port()}`;
    const info: DemoInfo = {
      url,
      mqtt: settings.mqtt.url ?? null,
      apps: Object.fromEntries(settings.instances.map((i) => [i.id, { url: i.url, apiKey: i.apiKey }])),
      simNow: sim.control.now(),
    };
    const write = () => {
      info.simNow = sim.control.now();
      fs.writeFileSync(infoFile, `${JSON.stringify(info, null, 2)}\n`);
    };
    write();
    const timer = setInterval(write, 5_000);
    timer.unref();
    let stopping: Promise<void> | undefined;
    return {
      url,
      info,
      infoFile,
      sim,
      autoarr,
      stop: () =>
        (stopping ??= (async () => {
          clearInterval(timer);
          write();
          await autoarr.stop();
          await sim.stop();
          await broker?.stop();
        })()),
    };
  } catch (err) {
    await sim.stop();
    await broker?.stop();
    throw err;
  }
}
