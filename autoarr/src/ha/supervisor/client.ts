// The Supervisor REST API as an add-on sees it (Bearer SUPERVISOR_TOKEN, {result, data|message} envelope).
// The base URL is injectable so tests run against a local fake Supervisor.
import { redactText } from '../../log/redact.js';

export type SupervisorResult<T> = { ok: true; data: T } | { ok: false; message: string; status?: number };

export interface MqttService {
  host: string;
  port: number;
  ssl: boolean;
  username?: string;
  password?: string;
}

export interface SelfInfo {
  slug?: string;
  hostname?: string;
  ingress_url?: string;
  ip_address?: string;
  /** The host port mapped to each container port ("8099/tcp" → 8099), null when not mapped. */
  network?: Record<string, number | null> | null;
}

export interface SupervisorClient {
  mqttService(): Promise<SupervisorResult<MqttService>>;
  /** Announces (or updates) a discovery message; the Supervisor answers with its uuid. */
  discovery(service: string, config: Record<string, unknown>): Promise<SupervisorResult<{ uuid: string }>>;
  removeDiscovery(uuid: string): Promise<SupervisorResult<unknown>>;
  /** This add-on's info: slug (for the ingress link), hostname, ingress_url, mapped ports. */
  selfInfo(): Promise<SupervisorResult<SelfInfo>>;
}

export function createSupervisorClient(
  token: string,
  baseUrl = 'http://supervisor',
  timeoutMs = 10_000,
): SupervisorClient {
  const base = baseUrl.replace(/\/+$/, '');

  async function call<T>(method: string, path: string, body?: unknown): Promise<SupervisorResult<T>> {
    const what = `Supervisor ${method} ${path}`;
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      return { ok: false, message: `${what} failed: ${redactText((err as Error).message)}` };
    }
    let json: { result?: string; data?: T; message?: string } | undefined;
    try {
      json = (await res.json()) as typeof json;
    } catch {
      return { ok: false, status: res.status, message: `${what} answered ${res.status} without JSON` };
    }
    if (!res.ok || json?.result !== 'ok') {
      return {
        ok: false,
        status: res.status,
        message: `${what}: ${redactText(json?.message ?? `HTTP ${res.status}`)}`,
      };
    }
    return { ok: true, data: json.data as T };
  }

  let info: Promise<SupervisorResult<SelfInfo>> | undefined;
  return {
    async mqttService() {
      const r = await call<Record<string, unknown>>('GET', '/services/mqtt');
      if (!r.ok) {
        const why = /not enabled|no access/i.test(r.message)
          ? 'install and start the Mosquitto broker app (AutoArr asks for mqtt:want), then restart AutoArr'
          : 'check that the Supervisor is running';
        return { ok: false, status: r.status, message: `No MQTT broker from the Supervisor (${r.message}); ${why}.` };
      }
      const d = r.data;
      const port = Number(d.port ?? 1883);
      return {
        ok: true,
        data: {
          host: String(d.host ?? 'core-mosquitto'),
          port: Number.isFinite(port) ? port : 1883,
          ssl: d.ssl === true || d.ssl === 'true',
          username: typeof d.username === 'string' ? d.username : undefined,
          password: typeof d.password === 'string' ? d.password : undefined,
        },
      };
    },
    discovery: (service, config) => call('POST', '/discovery', { service, config }),
    removeDiscovery: (uuid) => call('DELETE', `/discovery/${encodeURIComponent(uuid)}`),
    // The add-on's slug, hostname and port mapping do not change while it runs (the Supervisor restarts it to
    // change a mapping): ask once (again only after a failure).
    selfInfo() {
      info ??= call<SelfInfo>('GET', '/addons/self/info').then((r) => {
        if (!r.ok) info = undefined;
        return r;
      });
      return info;
    },
  };
}
