// The broker connection: where the credentials come from (settings, the Supervisor's MQTT service), the bridge's
// availability with a last will, and reconnecting forever with a growing delay. Broken or missing brokers never
// stop AutoArr: the state is reported through /api/health.
import type { IClientOptions, MqttClient } from 'mqtt';
import type { Logger } from '../../log/logger.js';
import { redactText, registerSecret } from '../../log/redact.js';
import type { Settings } from '../../settings/settings.js';
import type { SupervisorClient } from '../supervisor/client.js';

export interface BrokerConfig {
  url: string;
  username?: string;
  password?: string;
  /** Where the credentials came from, for messages. */
  source: 'settings' | 'supervisor';
}

export type BrokerResolution = { ok: true; broker: BrokerConfig } | { ok: false; message: string };

export async function resolveBroker(settings: Settings, supervisor?: SupervisorClient): Promise<BrokerResolution> {
  const m = settings.mqtt;
  if (m.url)
    return { ok: true, broker: { url: m.url, username: m.username, password: m.password, source: 'settings' } };
  if (settings.mode === 'addon' && supervisor) {
    const svc = await supervisor.mqttService();
    if (!svc.ok) return { ok: false, message: svc.message };
    const s = svc.data;
    registerSecret(s.password);
    return {
      ok: true,
      broker: {
        url: `${s.ssl ? 'mqtts' : 'mqtt'}://${s.host}:${s.port}`,
        username: s.username,
        password: s.password,
        source: 'supervisor',
      },
    };
  }
  const hint =
    settings.mode === 'addon'
      ? 'install the Mosquitto broker app, or set mqtt_url'
      : 'set MQTT_URL (and MQTT_USERNAME/MQTT_PASSWORD)';
  return {
    ok: false,
    message: `No MQTT broker configured; Home Assistant entities are off. To turn them on, ${hint}.`,
  };
}

export type LinkState = 'connecting' | 'connected' | 'disconnected';

export interface LinkHandlers {
  onConnect(): void;
  onMessage(topic: string, payload: string): void;
}

const MIN_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;

export class MqttLink {
  private client: MqttClient | undefined;
  private loginRejected = false;
  private lastWarning = '';
  private stopping = false;
  state: LinkState = 'connecting';
  message = 'Connecting to the MQTT broker';

  constructor(
    private readonly broker: BrokerConfig,
    private readonly bridgeTopic: string,
    private readonly log: Logger,
    private readonly handlers: LinkHandlers,
    private readonly clientId = `autoarr_${Math.random().toString(16).slice(2, 10)}`,
  ) {}

  /** Connects in the background; the mqtt library is loaded here, so installs without a broker never load it. */
  start(): void {
    void import('mqtt').then(
      ({ connect }) => {
        if (!this.stopping) this.open(connect);
      },
      (err: unknown) => this.fail(err instanceof Error ? err : new Error(String(err))),
    );
  }

  private open(connect: typeof import('mqtt').connect): void {
    const opts: IClientOptions = {
      clientId: this.clientId,
      username: this.broker.username,
      password: this.broker.password,
      protocolVersion: 4,
      reconnectPeriod: MIN_DELAY_MS,
      connectTimeout: 10_000,
      // Nothing is queued while offline: everything is republished on reconnect, so stale queues would only lag.
      queueQoSZero: false,
      will: { topic: this.bridgeTopic, payload: Buffer.from('offline'), retain: true, qos: 1 },
    };
    const client = connect(this.broker.url, opts);
    this.client = client;
    client.on('connect', () => {
      client.options.reconnectPeriod = MIN_DELAY_MS;
      this.loginRejected = false;
      this.lastWarning = '';
      this.state = 'connected';
      this.message = `Connected to ${this.where()}`;
      this.log.info(`MQTT connected to ${this.where()}`);
      this.publish(this.bridgeTopic, 'online', { retain: true, qos: 1 }).catch((err: unknown) =>
        this.log.warn('MQTT: could not publish the online status', { err }),
      );
      this.handlers.onConnect();
    });
    client.on('message', (topic, payload) => this.handlers.onMessage(topic, payload.toString('utf8')));
    client.on('error', (err) => {
      if (!this.stopping) this.fail(err);
    });
    client.on('close', () => {
      if (this.stopping) return; // our own stop, not a lost connection
      // Back off: 1 s, 2 s, 4 s … up to a minute, forever.
      const next = Math.min((client.options.reconnectPeriod ?? MIN_DELAY_MS) * 2, MAX_DELAY_MS);
      if (this.state === 'connected') {
        this.log.warn(`MQTT connection to ${this.where()} lost; reconnecting`);
        client.options.reconnectPeriod = MIN_DELAY_MS;
      } else client.options.reconnectPeriod = next;
      // Keep a login failure's message: it says what to fix; "not reachable" would hide it.
      if (!this.loginRejected) {
        this.message = `The MQTT broker at ${this.where()} is not reachable; retrying. Check that it runs and the URL is right.`;
      }
      this.state = 'disconnected';
    });
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  async publish(topic: string, payload: string, opts: { retain: boolean; qos: 0 | 1 }): Promise<void> {
    const c = this.client;
    if (!c?.connected) return;
    await c.publishAsync(topic, payload, opts);
  }

  async subscribe(topics: string[]): Promise<void> {
    if (this.client?.connected) await this.client.subscribeAsync(topics, { qos: 1 });
  }

  async stop(): Promise<void> {
    this.stopping = true; // also stops a start whose library is still loading
    const c = this.client;
    if (!c) return;
    this.client = undefined;
    this.log.info(`MQTT stopping: telling Home Assistant AutoArr is offline and disconnecting from ${this.where()}`);
    if (c.connected) {
      // Bounded: a broker that vanished mid-stop would hold a QoS 1 publish (and the stop) forever.
      await within(c.publishAsync(this.bridgeTopic, 'offline', { retain: true, qos: 1 }), 2_000);
      // A clean DISCONNECT makes the broker drop the last will, so "offline" goes out once, not twice.
      if (await within(c.endAsync(false), 2_000)) {
        this.state = 'disconnected';
        return;
      }
    }
    await c.endAsync(true).catch(() => undefined);
    this.state = 'disconnected';
  }

  private where(): string {
    return redactText(this.broker.url);
  }

  private fail(err: Error & { code?: string | number }): void {
    const code = err.code;
    const auth =
      code === 4 || code === 5 || code === 134 || code === 135 || /not authori[sz]ed|bad user/i.test(err.message);
    const fix =
      this.broker.source === 'supervisor'
        ? 'restart the Mosquitto app so it registers its credentials again'
        : 'check MQTT_USERNAME and MQTT_PASSWORD (mqtt_username / mqtt_password)';
    this.loginRejected = auth;
    const message = auth
      ? `The MQTT broker at ${this.where()} rejected the login; ${fix}.`
      : `MQTT error at ${this.where()}: ${redactText(err.message)}`;
    this.state = 'disconnected';
    // Reconnect attempts repeat the same error: log it once, not every attempt.
    if (message !== this.lastWarning) this.log.warn(message);
    this.lastWarning = message;
    this.message = message;
  }
}

/** Whether p settled within ms (errors count as settled: the broker went away while stopping). */
async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      p.then(
        () => true as const,
        () => true as const,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
