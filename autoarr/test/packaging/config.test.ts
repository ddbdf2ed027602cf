// autoarr/config.yaml against the Supervisor's rules, the zod options schema and the translations.
import { describe, expect, it } from 'vitest';
import { extraInstanceSchema, optionsSchema } from '../../src/settings/schema.js';
import {
  ARCH_ALLOWED,
  PORT_KEY,
  REQUIRED_KEYS,
  SCHEMA_ELEMENT,
  SERVICE,
  SLUG,
  STARTUP,
  WATCHDOG,
  readBytes,
  readText,
  readYaml,
  schemaProblems,
  valueProblems,
  type SchemaNode,
} from './supervisor-rules.js';

interface AddonConfig {
  [key: string]: unknown;
  options: Record<string, unknown>;
  schema: Record<string, SchemaNode>;
}

interface Translations {
  configuration: Record<string, { name?: string; description?: string; fields?: Record<string, Translation> }>;
  network?: Record<string, string>;
}
type Translation = { name?: string; description?: string };

const config = readYaml<AddonConfig>('autoarr/config.yaml');
const pkg = JSON.parse(readText('package.json')) as { version: string };
const zodKeys = Object.keys(optionsSchema.shape);
const isOptional = (el: SchemaNode) => typeof el === 'string' && el.endsWith('?');

describe('config.yaml follows the Supervisor rules', () => {
  it('has every required key with a non-empty value', () => {
    const missing = REQUIRED_KEYS.filter((k) => config[k] === undefined || config[k] === '' || config[k] === null);
    expect(missing).toEqual([]);
  });

  it('has the version of package.json, as a quoted x.y.z string', () => {
    expect(config.version).toBe(pkg.version);
    expect(typeof config.version).toBe('string');
    expect(readText('autoarr/config.yaml')).toMatch(/^version: (['"])\d+\.\d+\.\d+\1$/m);
  });

  it('uses only the supported architectures', () => {
    expect(Array.isArray(config.arch)).toBe(true);
    for (const a of config.arch as string[]) expect(ARCH_ALLOWED).toContain(a);
    expect([...(config.arch as string[])].sort()).toEqual(['aarch64', 'amd64']);
  });

  it('has a valid slug, startup, services, ports, watchdog and image', () => {
    expect(config.slug).toBe('autoarr');
    expect(config.slug).toMatch(SLUG);
    expect(STARTUP).toContain(config.startup);
    expect(config.init).toBe(false);
    for (const s of config.services as string[]) expect(s).toMatch(SERVICE);
    expect(config.services).toContain('mqtt:want');
    expect(config.discovery).toEqual(['autoarr']);
    const ports = config.ports as Record<string, number | null>;
    for (const key of Object.keys(ports)) expect(key).toMatch(PORT_KEY);
    expect(ports).toEqual({ '8099/tcp': null });
    expect(config.watchdog).toMatch(WATCHDOG);
    expect(config.watchdog).toBe('http://[HOST]:[PORT:8099]/api/health');
    expect(config.image).toMatch(/^ghcr\.io\/[a-z0-9-]+\/autoarr$/);
    expect(config.url).toMatch(/^https:\/\//);
  });

  it('serves ingress on the port the server listens on by default', () => {
    expect(config.ingress).toBe(true);
    expect(config.ingress_port).toBe(8099);
    expect(config.panel_icon).toMatch(/^mdi:[a-z0-9-]+$/);
    expect(config.panel_title).toBe('AutoArr');
    expect(config.homeassistant_api).toBe(true);
  });

  it('writes every schema element in the Supervisor grammar', () => {
    expect(schemaProblems(config.schema, 'schema')).toEqual([]);
  });

  it('only gives defaults for options in the schema, and none for optional ("?") ones', () => {
    const notInSchema = Object.keys(config.options).filter((k) => !(k in config.schema));
    expect(notInSchema).toEqual([]);
    const optionalWithDefault = Object.keys(config.options).filter((k) => isOptional(config.schema[k]!));
    expect(optionalWithDefault).toEqual([]);
  });

  it('gives every required (non-"?") option a default, so a fresh install starts', () => {
    const requiredWithoutDefault = Object.keys(config.schema).filter(
      (k) => !isOptional(config.schema[k]!) && !(k in config.options),
    );
    expect(requiredWithoutDefault).toEqual([]);
  });

  it('has defaults that pass their own schema element', () => {
    const problems = Object.entries(config.options).flatMap(([k, v]) => {
      const el = config.schema[k]!;
      if (typeof el === 'string') return valueProblems(el, v, k);
      return Array.isArray(v) ? [] : [`${k}: a list schema needs a list default`];
    });
    expect(problems).toEqual([]);
  });
});

describe('config.yaml matches the options schema in settings/schema.ts', () => {
  it('lists exactly the options the server understands', () => {
    expect(Object.keys(config.schema).sort()).toEqual([...zodKeys].sort());
  });

  it('marks an option optional exactly when the server has no default for it', () => {
    for (const key of zodKeys) {
      const parsed = optionsSchema.shape[key as keyof typeof optionsSchema.shape].safeParse(undefined);
      const hasDefault = parsed.success && parsed.data !== undefined;
      expect({ key, optional: isOptional(config.schema[key]!) }).toEqual({ key, optional: !hasDefault });
    }
  });

  it('uses the same defaults as the server', () => {
    const serverDefaults = optionsSchema.parse({}) as Record<string, unknown>;
    expect(config.options).toEqual(serverDefaults);
  });

  it('has the same bounds for every int option as the server', () => {
    for (const [key, el] of Object.entries(config.schema)) {
      if (typeof el !== 'string') continue;
      const g = SCHEMA_ELEMENT.exec(el)?.groups;
      if (g?.iMin === undefined || g.iMax === undefined) continue;
      const accepts = (n: number) => optionsSchema.safeParse({ [key]: n }).success;
      expect({ key, min: accepts(Number(g.iMin)), max: accepts(Number(g.iMax)) }).toEqual({
        key,
        min: true,
        max: true,
      });
      expect({ key, below: accepts(Number(g.iMin) - 1), above: accepts(Number(g.iMax) + 1) }).toEqual({
        key,
        below: false,
        above: false,
      });
    }
  });

  it('describes extra_instances with the same fields as the server', () => {
    const node = config.schema.extra_instances as Array<Record<string, string>>;
    expect(Array.isArray(node)).toBe(true);
    expect(Object.keys(node[0]!).sort()).toEqual(Object.keys(extraInstanceSchema.shape).sort());
    expect(node[0]!.app).toBe('list(sabnzbd|sonarr|radarr|plex)');
    expect(node[0]!.api_key).toBe('password');
    expect(node[0]!.verify_ssl).toBe('bool?');
  });

  it('uses password for every secret and url for every app address', () => {
    for (const key of ['sabnzbd_api_key', 'sonarr_api_key', 'radarr_api_key', 'plex_token', 'mqtt_password']) {
      expect(config.schema[key]).toBe('password?');
    }
    for (const app of ['sabnzbd', 'sonarr', 'radarr', 'plex']) expect(config.schema[`${app}_url`]).toBe('url?');
  });

  it('holds options the Supervisor would write that the server accepts', () => {
    const written = {
      ...config.options,
      sonarr_url: 'http://192.168.1.10:8989',
      sonarr_api_key: 'abcdef0123456789',
      mqtt_url: 'mqtt://core-mosquitto:1883',
      notify_service: 'notify.mobile_app_pixel',
      extra_instances: [{ app: 'sonarr', name: 'Sonarr 4K', url: 'http://sonarr4k:8989', api_key: 'k4k4k4k4' }],
    };
    expect(optionsSchema.safeParse(written).success).toBe(true);
    for (const [key, el] of Object.entries(config.schema)) {
      if (typeof el === 'string' && key in written) {
        expect(valueProblems(el, written[key as keyof typeof written], key)).toEqual([]);
      }
    }
  });
});

describe('translations/en.yaml', () => {
  const tr = readYaml<Translations>('autoarr/translations/en.yaml');

  it('names and describes every option', () => {
    const missing = Object.keys(config.schema).filter(
      (k) => !tr.configuration[k]?.name?.trim() || !tr.configuration[k]?.description?.trim(),
    );
    expect(missing).toEqual([]);
  });

  it('has no translation for an option that does not exist', () => {
    expect(Object.keys(tr.configuration).filter((k) => !(k in config.schema))).toEqual([]);
  });

  it('names and describes every field of extra_instances', () => {
    const fields = tr.configuration.extra_instances?.fields ?? {};
    const node = (config.schema.extra_instances as Array<Record<string, string>>)[0]!;
    expect(Object.keys(fields).sort()).toEqual(Object.keys(node).sort());
    for (const f of Object.values(fields)) {
      expect(f.name?.trim()).toBeTruthy();
      expect(f.description?.trim()).toBeTruthy();
    }
  });

  it('describes every network port', () => {
    expect(Object.keys(tr.network ?? {}).sort()).toEqual(Object.keys(config.ports as object).sort());
  });
});

describe('add-on folder', () => {
  it('holds the presentation files with the right image sizes', () => {
    const size = (rel: string) => {
      const b = readBytes(rel);
      expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
      return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
    };
    expect(size('autoarr/icon.png')).toEqual({ w: 128, h: 128 });
    const logo = size('autoarr/logo.png');
    expect(logo.w).toBeGreaterThanOrEqual(200);
    expect(logo.w).toBeLessThanOrEqual(300);
    expect(logo.h).toBeGreaterThanOrEqual(80);
    expect(logo.h).toBeLessThanOrEqual(120);
    for (const doc of ['autoarr/DOCS.md', 'autoarr/README.md', 'autoarr/CHANGELOG.md']) {
      expect(readText(doc).length).toBeGreaterThan(100);
    }
    expect(readText('autoarr/CHANGELOG.md')).toContain(`## [${pkg.version}]`);
  });
});
