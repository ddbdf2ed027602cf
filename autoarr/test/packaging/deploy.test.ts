// The deployment files under deploy/ (Docker Compose, Kubernetes, Unraid) are checked, not just present: they parse
// strictly; they name the image of this version; every variable they set is one AutoArr reads and, filled in, makes
// settings AutoArr accepts; ports agree; probe paths are ones a running AutoArr answers; secrets come from Secrets.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { startAutoArr, type AutoArr } from '../../src/app.js';
import { memoryLogger } from '../../src/log/logger.js';
import { loadSettings } from '../../src/settings/load.js';
import { isKnownEnvName } from '../../src/settings/unknown.js';
import { readText } from './supervisor-rules.js';
import { parseXml, type XmlElement } from './xml.js';

type Obj = Record<string, unknown>;
const pkg = JSON.parse(readText('package.json')) as { version: string };
const IMAGE = `ghcr.io/autoarr/autoarr:${pkg.version}`;
const SECRETISH = /(API_KEY|TOKEN|PASSWORD|DATABASE_URL)$/;
/** The one variable a pod fills in from itself: its IP, as the address other replicas reach it at. */
const POD_IP = ['AUTOARR_ADVERTISE_URL', 'status.podIP'];

function yamlDocs(rel: string): Obj[] {
  const docs = parseAllDocuments(readText(rel), { uniqueKeys: true, strict: true });
  for (const d of docs)
    expect(
      d.errors.map((e) => e.message),
      rel,
    ).toEqual([]);
  return docs.map((d) => d.toJS() as Obj);
}

/** Loads settings from a deployment's environment; the problems, if any, say what is wrong. */
function settingsOf(env: Record<string, string>) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-deploy-'));
  return loadSettings({ env: { ...env, DATA_DIR: dataDir }, version: pkg.version, mode: 'container' });
}

// Probe paths are checked against a running AutoArr (SQLite, in process).
let app: AutoArr;
beforeAll(async () => {
  const r = settingsOf({ AUTOARR_API_TOKEN: 'deploy-test-token-0123456789' });
  if (!r.ok) throw new Error(r.problems.join('\n'));
  app = await startAutoArr(r.settings, memoryLogger('error'), { listen: false });
});
afterAll(async () => {
  await app?.stop();
});
async function answers(probePath: string): Promise<number> {
  return (await app.http.request(probePath)).status;
}

describe('deploy/docker-compose.yml', () => {
  const [compose] = yamlDocs('deploy/docker-compose.yml') as [Obj];
  const services = compose.services as Record<string, Obj>;
  const autoarr = services.autoarr!;
  const env = autoarr.environment as Record<string, string>;

  /** Compose's ${VAR}, ${VAR:-default} and ${VAR:?message}, from the given .env values. */
  const interpolate = (value: string, vars: Record<string, string>) =>
    value.replace(/\$\{(\w+)(?:(:-|:\?)([^}]*))?\}/g, (_m, name: string, op?: string, arg?: string) => {
      if (vars[name] !== undefined) return vars[name]!;
      if (op === ':?') throw new Error(`compose would stop: ${name} unset (${arg})`);
      return op === ':-' ? (arg ?? '') : '';
    });
  const resolved = (vars: Record<string, string>) =>
    Object.fromEntries(Object.entries(env).map(([k, v]) => [k, interpolate(String(v), vars)]));

  it('uses only the keys it is meant to, and this version of the image', () => {
    expect(Object.keys(compose).sort()).toEqual(['name', 'services', 'volumes']);
    const allowed = ['image', 'restart', 'ports', 'volumes', 'environment', 'healthcheck', 'depends_on', 'profiles'];
    for (const [name, s] of Object.entries(services))
      expect(
        Object.keys(s).filter((k) => !allowed.includes(k)),
        name,
      ).toEqual([]);
    expect(autoarr.image).toBe(IMAGE);
    for (const v of (autoarr.volumes as string[]).concat((services.postgres!.volumes as string[]) ?? []))
      expect(Object.keys(compose.volumes as Obj)).toContain(v.split(':')[0]);
  });

  it('sets only variables AutoArr reads; keys come from .env, never from the file', () => {
    expect(Object.keys(env).filter((n) => !isKnownEnvName(n))).toEqual([]);
    for (const [name, value] of Object.entries(env))
      if (SECRETISH.test(name)) expect(String(value), name).toMatch(/^\$\{\w+(:-|:\?)?[^}]*\}$/);
  });

  it('publishes the port AutoArr listens on, and health-checks a probe AutoArr answers', async () => {
    expect(autoarr.ports).toEqual([`${env.PORT}:${env.PORT}`]);
    const test = (autoarr.healthcheck as { test: string[] }).test.join(' ');
    const url = /http:\/\/127\.0\.0\.1:(\d+)(\/api\/health\/\w+)/.exec(test);
    expect(url?.[1]).toBe(env.PORT);
    expect(url?.[2]).toBe('/api/health/ready');
    expect(await answers(url![2]!)).toBe(200);
  });

  it('filled in from a .env, starts on SQLite by default and on PostgreSQL with the postgres profile', () => {
    const base = {
      AUTOARR_API_TOKEN: 'a-long-random-token-123',
      SONARR_URL: 'http://sonarr:8989',
      SONARR_API_KEY: 'k',
    };
    expect(() => resolved({})).toThrow(/AUTOARR_API_TOKEN unset/);
    const sqlite = settingsOf(resolved(base));
    expect(sqlite.ok ? sqlite.settings.postgres : sqlite.problems).toBeUndefined();
    const pgEnv = resolved({ ...base, DATABASE_URL: 'postgres://autoarr:pw@postgres:5432/autoarr' });
    const pg = settingsOf(pgEnv);
    expect(pg.ok ? pg.settings.postgres?.shown : pg.problems).toBe('postgres://autoarr:***@postgres:5432/autoarr');
    expect(pg.ok && pg.settings.role).toBe('all');
    // The database service runs only with the profile, and AutoArr does not require it otherwise.
    expect(services.postgres!.profiles).toEqual(['postgres']);
    expect((autoarr.depends_on as Obj).postgres).toMatchObject({ condition: 'service_healthy', required: false });
    expect(pgEnv.DATABASE_URL).toContain('@postgres:5432/');
  });
});

describe('deploy/kubernetes', () => {
  const API: Record<string, string> = {
    Secret: 'v1',
    PersistentVolumeClaim: 'v1',
    Service: 'v1',
    Deployment: 'apps/v1',
  };
  const files = ['deploy/kubernetes/sqlite.yaml', 'deploy/kubernetes/postgres-replicas.yaml'];

  for (const file of files) {
    describe(file, () => {
      const docs = yamlDocs(file);
      const byKind = (kind: string) => docs.filter((d) => d.kind === kind);
      const deployment = byKind('Deployment')[0] as Obj & { spec: Obj };
      const spec = deployment.spec as {
        replicas: number;
        strategy: { type: string };
        selector: { matchLabels: Obj };
        template: { metadata: { labels: Obj }; spec: { containers: Obj[]; volumes: Obj[] } };
      };
      const container = spec.template.spec.containers[0] as {
        image: string;
        ports: Array<{ name: string; containerPort: number }>;
        env: Array<{
          name: string;
          value?: string;
          valueFrom?: { secretKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } };
        }>;
        volumeMounts: Array<{ name: string; mountPath: string }>;
        livenessProbe: { httpGet: { path: string; port: string } };
        readinessProbe: { httpGet: { path: string; port: string } };
        startupProbe: { httpGet: { path: string; port: string } };
      };
      const secret = byKind('Secret')[0] as { metadata: { name: string }; stringData: Record<string, string> };

      it('has known kinds with their apiVersion and names; labels and selectors agree', () => {
        for (const d of docs) {
          expect(API[d.kind as string], `kind ${String(d.kind)}`).toBeDefined();
          expect(d.apiVersion).toBe(API[d.kind as string]);
          expect((d.metadata as Obj).name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
        }
        expect(spec.template.metadata.labels).toMatchObject(spec.selector.matchLabels);
        const service = byKind('Service')[0] as { spec: { selector: Obj; ports: Array<{ targetPort: string }> } };
        expect(spec.template.metadata.labels).toMatchObject(service.spec.selector);
        expect(container.ports.map((p) => p.name)).toContain(service.spec.ports[0]!.targetPort);
        expect(container.image).toBe(IMAGE);
      });

      it('sets only variables AutoArr reads; every key comes from the Secret; the port agrees with PORT', () => {
        expect(container.env.map((e) => e.name).filter((n) => !isKnownEnvName(n))).toEqual([]);
        for (const e of container.env) {
          if (SECRETISH.test(e.name)) expect(e.valueFrom?.secretKeyRef?.name, e.name).toBe(secret.metadata.name);
          // From the pod itself: only its IP, for the address the other replicas reach it at.
          if (e.valueFrom?.fieldRef) expect([e.name, e.valueFrom.fieldRef.fieldPath]).toEqual(POD_IP);
          else if (e.valueFrom) expect(Object.keys(secret.stringData)).toContain(e.valueFrom.secretKeyRef?.key);
        }
        const port = container.env.find((e) => e.name === 'PORT')?.value;
        expect(container.ports[0]!.containerPort).toBe(Number(port));
        const mounts = container.volumeMounts.map((m) => m.name).sort();
        expect(spec.template.spec.volumes.map((v) => v.name).sort()).toEqual(mounts);
      });

      it('probes liveness and readiness on the endpoints a running AutoArr answers', async () => {
        expect(container.livenessProbe.httpGet.path).toBe('/api/health/live');
        expect(container.startupProbe.httpGet.path).toBe('/api/health/live');
        expect(container.readinessProbe.httpGet.path).toBe('/api/health/ready');
        for (const p of [container.livenessProbe, container.readinessProbe, container.startupProbe]) {
          expect(container.ports.map((x) => x.name)).toContain(p.httpGet.port);
          expect(await answers(p.httpGet.path)).toBe(200);
        }
      });

      it('filled in from its Secret, makes settings AutoArr accepts', () => {
        const env: Record<string, string> = {};
        for (const e of container.env)
          env[e.name] = e.valueFrom?.fieldRef
            ? '10.42.0.17' // what Kubernetes puts there: the pod's IP
            : (e.value ?? secret.stringData[e.valueFrom!.secretKeyRef!.key]!);
        const r = settingsOf(env);
        expect(r.ok ? r.settings.role : r.problems).toBe('all');
        if (file.includes('postgres')) {
          expect(spec.replicas).toBe(3);
          expect(r.ok && r.settings.postgres?.kind).toBe('postgres');
          // Followers pass actions to the leader at its pod IP and port.
          expect(r.ok && r.settings.advertiseUrl).toBe(`http://10.42.0.17:${env.PORT}`);
        } else {
          // SQLite is one file on one disk: one replica, the old pod gone before the new one opens it.
          expect(spec.replicas).toBe(1);
          expect(spec.strategy.type).toBe('Recreate');
          expect(r.ok && r.settings.postgres).toBeUndefined();
          const claim = (spec.template.spec.volumes[0] as { persistentVolumeClaim: { claimName: string } })
            .persistentVolumeClaim.claimName;
          expect(byKind('PersistentVolumeClaim').map((d) => (d.metadata as Obj).name)).toContain(claim);
          expect(container.volumeMounts[0]!.mountPath).toBe(env.DATA_DIR);
        }
      });
    });
  }
});

describe('deploy/unraid/autoarr.xml', () => {
  const root = parseXml(readText('deploy/unraid/autoarr.xml'));
  const child = (name: string) => root.children.find((c) => c.name === name);
  const configs = root.children.filter((c) => c.name === 'Config');

  it('is a well-formed Community Applications template (strict reader) for this image', () => {
    expect(() => parseXml('<Container><Name>x</Container>')).toThrow(/expected <\/Name>/);
    expect(() => parseXml('<a b=c/>')).toThrow(/name="value"/);
    expect(root).toMatchObject({ name: 'Container', attrs: { version: '2' } });
    for (const n of ['Name', 'Repository', 'Network', 'WebUI', 'Overview', 'Category', 'Icon', 'Support'])
      expect(child(n)?.text, n).toBeTruthy();
    expect(child('Repository')!.text).toBe(IMAGE);
    for (const c of configs)
      for (const a of ['Name', 'Target', 'Default', 'Type', 'Display', 'Required', 'Mask'])
        expect(c.attrs[a], `${c.attrs.Name}.${a}`).toBeDefined();
  });

  it('maps the web port and /data; every variable is one AutoArr reads; secrets are masked', () => {
    const of = (type: string) => configs.filter((c: XmlElement) => c.attrs.Type === type);
    expect(of('Port').map((c) => c.attrs.Target)).toEqual(['8099']);
    expect(child('WebUI')!.text).toBe('http://[IP]:[PORT:8099]/');
    expect(of('Path').map((c) => c.attrs.Target)).toEqual(['/data']);
    const vars = of('Variable');
    expect(vars.map((c) => c.attrs.Target).filter((n) => !isKnownEnvName(n!))).toEqual([]);
    for (const c of vars) if (SECRETISH.test(c.attrs.Target!)) expect(c.attrs.Mask, c.attrs.Target).toBe('true');
  });

  it('health-checks a probe AutoArr answers', async () => {
    const probe = /http:\/\/127\.0\.0\.1:8099(\/api\/health\/\w+)/.exec(child('ExtraParams')!.text)?.[1];
    expect(probe).toBe('/api/health/live');
    expect(await answers(probe!)).toBe(200);
  });
});
