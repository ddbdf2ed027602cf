// Issues 16.5 and 17.4 on the simulated stack with a real Mosquitto: an app's health follows the monitor poll that
// saw the fault (not a minute later), with the current fault's message; an outage and its end are one activity
// entry each; MQTT availability and the app's Problem sensor follow within that poll; SABnzbd's own pause for low
// disk is a degraded state in /api/health, /api/apps and Home Assistant, in SABnzbd's own figures.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { appHealthFeature } from '../../src/apps/health-feature.js';
import { appRoutes } from '../../src/apps/routes.js';
import type { CoreContext } from '../../src/core/context.js';
import type { Feature } from '../../src/core/feature.js';
import { mqttFeature } from '../../src/ha/mqtt/mqtt-feature.js';
import { buildHealth } from '../../src/http/routes/health.js';
import type { AppInfo } from '../../src/shared/types.js';
import { startMosquitto, type Mosquitto } from '../helpers/mosquitto.js';
import { startMonitorHarness, type MonitorHarness } from '../monitor/harness.js';
import { MqttWatcher, until } from './harness.js';

const LOW_DISK =
  'SABnzbd paused: low disk space (0.31 GB free, needs 500 MB). Nothing downloads until you free space on that ' +
  'disk; then resume it: it does not resume by itself ("fulldisk_autoresume" is off)';

let broker: Mosquitto;
beforeAll(async () => {
  broker = await startMosquitto();
});
afterAll(async () => {
  await broker.stop();
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  await broker.restart();
});

/** The monitor on the simulated stack (manual ticks), plus the app health and MQTT features on the same context. */
async function setup(scenario: string) {
  const h: MonitorHarness = await startMonitorHarness({ scenario });
  const ctx: CoreContext = {
    ...h.ctx,
    settings: {
      ...h.ctx.settings,
      mqtt: { url: broker.url, baseTopic: 'autoarr', discoveryPrefix: 'homeassistant' },
    },
  };
  // The minute timer never fires in these tests: every change below comes from a monitor poll.
  const health: Feature = appHealthFeature(ctx, 3_600_000);
  const mqtt = mqttFeature(ctx, { birthDelayMs: 0 });
  await health.start();
  await mqtt.start();
  const w = await MqttWatcher.connect(broker.url);
  cleanups.push(async () => {
    await w.close();
    await mqtt.stop();
    await h.close();
    await health.stop();
    await h.sim.stop();
  });
  await ctx.apps.testAll();
  return { h, ctx, w };
}

const activity = async (ctx: CoreContext, instanceId: string) =>
  (await ctx.activity.list({ instanceId, kind: 'system', pageSize: 50 })).items
    .reverse()
    .map((a) => `${a.action}: ${a.message}`);

describe('app health follows every monitor poll', () => {
  it('a failed poll sets the state at once, a good one clears it; MQTT follows within that poll', async () => {
    const { h, ctx, w } = await setup('healthy');
    await h.tick();
    await until(() => w.latest('autoarr/sonarr/availability') === 'online', 'Sonarr online');
    await until(() => w.json('autoarr/sonarr/state')?.problem === 'OFF', 'Sonarr problem OFF');
    expect(w.json('autoarr/sonarr/state')).toMatchObject({ connected: 'ON', app_state: 'connected' });

    await h.sim.control.setAppMode('sonarr', 'down');
    await h.tick();
    // Set by the poll itself, not by the minute check.
    const down = ctx.apps.status('sonarr')!;
    expect(down.state).toBe('unreachable');
    expect(down.message).toMatch(/^Sonarr did not answer at http:\/\/127\.0\.0\.1:\d+ \(connection refused\)/);
    expect(buildHealth(ctx)).toMatchObject({ status: 'degraded', apps: { sonarr: { state: 'unreachable' } } });
    await until(() => w.latest('autoarr/sonarr/availability') === 'offline', 'Sonarr offline after one poll');
    await until(() => w.json('autoarr/sonarr/state')?.problem === 'ON', 'Sonarr problem ON');
    expect(w.json('autoarr/sonarr/state')).toMatchObject({ app_state: 'unreachable', problem_message: down.message });
    expect(w.latest('autoarr/radarr/availability')).toBe('online');

    // More polls in the same outage add no activity; a new kind of fault replaces the message.
    await h.tick();
    await h.tick();
    await h.sim.control.setAppMode('sonarr', 'html');
    await h.tick();
    const html = ctx.apps.status('sonarr')!;
    expect(html.state).toBe('unsupported');
    expect(html.message).toContain('with an HTML page instead of JSON');
    expect(html.message).not.toContain('connection refused');

    await h.sim.control.setAppMode('sonarr', 'ok');
    await h.tick();
    await until(() => ctx.apps.status('sonarr')!.state === 'connected', 'Sonarr connected after one good poll');
    expect(ctx.apps.status('sonarr')!.message).toBeUndefined();
    await until(() => w.latest('autoarr/sonarr/availability') === 'online', 'Sonarr online again');
    await until(() => w.json('autoarr/sonarr/state')?.problem === 'OFF', 'Sonarr problem OFF');
    expect(buildHealth(ctx).status).toBe('ok');

    const entries = await activity(ctx, 'sonarr');
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatch(/^app_unreachable: Sonarr is not answering: Sonarr did not answer at /);
    expect(entries[1]).toMatch(/^app_unsupported: Sonarr is answering in a way AutoArr does not understand: /);
    expect(entries[2]).toBe('app_connected: Sonarr is connected again after less than a minute');
  });
});

describe('a SABnzbd outage in the activity', () => {
  it('is one entry when it starts and one when it ends, saying what failed and what to do', async () => {
    const { h, ctx } = await setup('stalled');
    await h.tick();
    await h.sim.control.setAppMode('sabnzbd', 'down');
    // Many polls in the outage, each one a failed read of SABnzbd; the monitor holds the strikes meanwhile.
    await h.run(5 * 60_000, 60_000);
    await until(() => ctx.apps.status('sabnzbd')!.state === 'unreachable', 'SABnzbd unreachable');
    await h.sim.control.setAppMode('sabnzbd', 'ok');
    await h.tick();
    await until(() => ctx.apps.status('sabnzbd')!.state === 'connected', 'SABnzbd connected again');

    const entries = await activity(ctx, 'sabnzbd');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatch(
      /^app_unreachable: SABnzbd is not answering: SABnzbd did not answer at http:\/\/127\.0\.0\.1:\d+\/sabnzbd \([a-z ]+\): check the URL and port, and that SABnzbd is running\. Until it is back, AutoArr adds no strikes to its downloads\.$/,
    );
    // Counted from the first poll that failed (one minute in) to the first that worked.
    expect(entries[1]).toBe('app_connected: SABnzbd is connected again after 4 min');
  });
});

describe("SABnzbd's own pause", () => {
  it("low disk space is degraded, in SABnzbd's figures, in /api/health, /api/apps and the Problem sensor", async () => {
    const { h, ctx, w } = await setup('low_disk_pause');
    await h.tick(); // the monitor's first poll sees the pause
    const sab = ctx.apps.status('sabnzbd')!;
    expect(sab.state).toBe('degraded');
    expect(sab.message).toBe(LOW_DISK);
    const health = buildHealth(ctx);
    expect(health.status).toBe('degraded');
    expect(health.apps.sabnzbd).toMatchObject({ state: 'degraded', message: LOW_DISK });
    const apps = (await (await appRoutes(ctx).request('/')).json()) as AppInfo[];
    expect(apps.find((a) => a.id === 'sabnzbd')).toMatchObject({ state: 'degraded', message: LOW_DISK });

    // It still answers: its entities stay available, and the Problem sensor says why.
    await until(() => w.json('autoarr/sabnzbd/state')?.problem === 'ON', 'SABnzbd problem ON');
    expect(w.json('autoarr/sabnzbd/state')).toMatchObject({
      connected: 'ON',
      app_state: 'degraded',
      problem_message: LOW_DISK,
    });
    expect(w.latest('autoarr/sabnzbd/availability')).toBe('online');
    const config = w.json('homeassistant/binary_sensor/autoarr/sabnzbd_problem/config')!;
    expect(config).toMatchObject({ device_class: 'problem', availability: [{ topic: 'autoarr/status' }] });

    // Space freed (download_free cleared) and SABnzbd resumed: the next poll clears it.
    await ctx.apps.sabnzbd().setConfig('misc', 'download_free', '');
    await ctx.apps.sabnzbd().resumeAll();
    await h.tick();
    await until(() => ctx.apps.status('sabnzbd')!.state === 'connected', 'SABnzbd connected after the poll');
    await until(() => w.json('autoarr/sabnzbd/state')?.problem === 'OFF', 'SABnzbd problem OFF');
    expect(buildHealth(ctx).status).toBe('ok');
    // One entry when it paused and one when it resumed: the monitor's, which says why and what it means for strikes.
    const entries = await activity(ctx, 'sabnzbd');
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatch(
      /^sab_paused: SABnzbd is paused \(only [\d.]+ [KMGT]?B free on the download disk\) — no strikes on its downloads/,
    );
    expect(entries[1]).toBe('sab_resumed: SABnzbd is downloading again');
  });
});
