import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { redactText } from '../log/redact.js';
import { databasePathFrom, loadSettings, type SettingsResult } from './load.js';
import type { Settings } from './settings.js';

const fromEnv = (env: Record<string, string>) => loadSettings({ env, version: '1.2.3', mode: 'container' });

function problems(r: SettingsResult): string[] {
  if (r.ok) throw new Error('expected the settings to be refused');
  return r.problems;
}
function settings(r: SettingsResult): Settings {
  if (!r.ok) throw new Error(`expected valid settings, got:\n${r.problems.join('\n')}`);
  return r.settings;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'autoarr-settings-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
function optionsFile(content: unknown): string {
  const file = path.join(tmp, `options-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}
const fromOptions = (content: unknown, env: Record<string, string> = {}) =>
  loadSettings({ env, version: '1.2.3', mode: 'addon', optionsPath: optionsFile(content) });

describe('settings from the environment (container)', () => {
  it('gives working defaults with nothing set: every app optional', () => {
    const s = settings(fromEnv({}));
    expect(s.mode).toBe('container');
    expect(s.instances).toEqual([]);
    expect(s.port).toBe(8099);
    expect(s.host).toBe('0.0.0.0');
    // Outside the image (which sets DATA_DIR=/data) the data stays beside the checkout.
    expect(s.dataDir).toBe(path.resolve('data'));
    expect(s.databasePath).toBe(path.join(path.resolve('data'), 'autoarr.db'));
    expect(s.logLevel).toBe('info');
    expect(s.version).toBe('1.2.3');
    expect(s.monitor.stallMinutes).toBe(15);
    expect(s.monitor.minProgressBytes).toBe(1024 * 1024);
  });

  it('reads the names users of the original AutoArr know', () => {
    const s = settings(
      fromEnv({
        SABNZBD_URL: 'http://sab:8080/',
        SABNZBD_API_KEY: 'sabkey123456',
        SONARR_URL: 'http://sonarr:8989',
        SONARR_API_KEY: 'sonarrkey123',
        RADARR_URL: 'https://radarr.example:7878',
        RADARR_API_KEY: 'radarrkey123',
        PLEX_URL: 'http://plex:32400',
        PLEX_TOKEN: 'plextoken123',
        LOG_LEVEL: 'WARN',
        PORT: '9000',
        DATA_DIR: tmp,
        MQTT_URL: 'mqtt://broker:1883',
        MQTT_USERNAME: 'u',
        MQTT_PASSWORD: 'mqttpass123',
        HA_URL: 'http://homeassistant.local:8123',
        HA_TOKEN: 'hatoken123456',
        AUTOARR_API_TOKEN: 'apitoken123456',
        ANTHROPIC_API_KEY: 'sk-ant-123456',
        AUTOARR_STALL_MINUTES: '20',
        AUTOARR_DRY_RUN: 'yes',
        AUTOARR_PROTECTED_CATEGORIES: 'software, books ,',
      }),
    );
    expect(s.instances.map((i) => [i.id, i.app, i.name, i.url, i.apiKey])).toEqual([
      ['sabnzbd', 'sabnzbd', 'SABnzbd', 'http://sab:8080', 'sabkey123456'],
      ['sonarr', 'sonarr', 'Sonarr', 'http://sonarr:8989', 'sonarrkey123'],
      ['radarr', 'radarr', 'Radarr', 'https://radarr.example:7878', 'radarrkey123'],
      ['plex', 'plex', 'Plex', 'http://plex:32400', 'plextoken123'],
    ]);
    expect(s.logLevel).toBe('warning');
    expect(s.port).toBe(9000);
    expect(s.databasePath).toBe(path.join(tmp, 'autoarr.db'));
    expect(s.mqtt).toMatchObject({ url: 'mqtt://broker:1883', username: 'u', password: 'mqttpass123' });
    expect(s.homeAssistant).toMatchObject({ url: 'http://homeassistant.local:8123', token: 'hatoken123456' });
    expect(s.apiToken).toBe('apitoken123456');
    expect(s.anthropicApiKey).toBe('sk-ant-123456');
    expect(s.monitor.stallMinutes).toBe(20);
    expect(s.monitor.dryRun).toBe(true);
    expect(s.monitor.protectedCategories).toEqual(['software', 'books']);
  });

  it('registers every secret so later redaction hides it', () => {
    settings(
      fromEnv({
        SONARR_URL: 'http://s:8989',
        SONARR_API_KEY: 'registered-key-777',
        HA_URL: 'http://h:8123',
        HA_TOKEN: 'registered-token-888',
      }),
    );
    expect(redactText('key registered-key-777 token registered-token-888')).toBe('key *** token ***');
  });

  it('supports more instances of an app: SONARR_2_URL, SONARR_2_API_KEY, SONARR_2_NAME, SONARR_2_VERIFY_SSL', () => {
    const s = settings(
      fromEnv({
        SONARR_URL: 'http://sonarr:8989',
        SONARR_API_KEY: 'k1k1k1k1',
        SONARR_2_URL: 'http://sonarr4k:8989',
        SONARR_2_API_KEY: 'k2k2k2k2',
        SONARR_2_NAME: 'Sonarr 4K',
        SONARR_2_VERIFY_SSL: 'false',
        RADARR_3_URL: 'http://radarr-anime:7878',
        RADARR_3_API_KEY: 'k3k3k3k3',
        PLEX_2_URL: 'http://plex2:32400',
        PLEX_2_TOKEN: 'ptptptpt',
      }),
    );
    expect(s.instances.map((i) => [i.id, i.app, i.name, i.url, i.apiKey, i.verifySsl])).toEqual([
      ['sonarr', 'sonarr', 'Sonarr', 'http://sonarr:8989', 'k1k1k1k1', true],
      ['sonarr_4k', 'sonarr', 'Sonarr 4K', 'http://sonarr4k:8989', 'k2k2k2k2', false],
      ['radarr_3', 'radarr', 'Radarr 3', 'http://radarr-anime:7878', 'k3k3k3k3', true],
      ['plex_2', 'plex', 'Plex 2', 'http://plex2:32400', 'ptptptpt', true],
    ]);
  });

  it('names the variable of an extra instance in its problem', () => {
    const p = problems(
      fromEnv({ SONARR_2_URL: 'http://sonarr4k:8989', RADARR_2_URL: 'nope', RADARR_2_API_KEY: 'kkkkkkkk' }),
    );
    expect(p).toContain('SONARR_2_API_KEY: missing; it must not be empty');
    expect(p).toContain('RADARR_2_URL: "nope" is not a URL; expected http(s)://host:port');
  });

  it.each([
    [
      { SONARR_URL: 'htp://x', SONARR_API_KEY: 'kkkk1234' },
      'SONARR_URL: "htp://x" is not a URL; expected http(s)://host:port',
    ],
    [
      { PLEX_URL: 'plex:32400', PLEX_TOKEN: 'tttt1234' },
      'PLEX_URL: "plex:32400" is not a URL; expected http(s)://host:port',
    ],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: "loud" is not allowed; expected one of trace, debug, info, warning, error'],
    [{ AUTOARR_STALL_MINUTES: '0' }, 'AUTOARR_STALL_MINUTES: "0" is too small; expected at least 1'],
    [{ AUTOARR_MAX_STRIKES: '99' }, 'AUTOARR_MAX_STRIKES: "99" is too large; expected at most 20'],
    [
      { AUTOARR_POLL_INTERVAL_SECONDS: 'often' },
      'AUTOARR_POLL_INTERVAL_SECONDS: "often" is not valid; expected a number',
    ],
    [{ AUTOARR_STALL_MINUTES: '1.5' }, 'AUTOARR_STALL_MINUTES: "1.5" is not valid; expected a whole number'],
    [{ AUTOARR_DRY_RUN: 'maybe' }, 'AUTOARR_DRY_RUN: "maybe" is not valid; expected true or false'],
    [
      { MQTT_URL: 'http://broker' },
      'MQTT_URL: "http://broker" is not valid; expected mqtt://host:1883 (or mqtts://, ws://, wss://)',
    ],
    [
      { AUTOARR_MQTT_BASE_TOPIC: 'auto arr' },
      'AUTOARR_MQTT_BASE_TOPIC: "auto arr" is not valid; expected letters, digits, _, - and /',
    ],
    [
      { AUTOARR_NOTIFY_SERVICE: 'mobile_app' },
      'AUTOARR_NOTIFY_SERVICE: "mobile_app" is not valid; expected a notify service such as notify.mobile_app_pixel',
    ],
    [{ PORT: 'http' }, 'PORT: "http" is not a port; expected a whole number from 1 to 65535'],
    [{ PORT: '70000' }, 'PORT: "70000" is not a port; expected a whole number from 1 to 65535'],
    [
      { HA_URL: 'homeassistant:8123', HA_TOKEN: 'tttttttt' },
      'HA_URL: "homeassistant:8123" is not a URL; expected http://homeassistant.local:8123',
    ],
    [
      { HA_URL: 'http://homeassistant:8123' },
      'HA_TOKEN: missing; create a long-lived access token in your Home Assistant profile',
    ],
    [
      { DATABASE_URL: 'mysql://db/autoarr' },
      'DATABASE_URL: "mysql://db/autoarr" is not supported; expected a SQLite file (sqlite:////data/autoarr.db or a path) or PostgreSQL (postgres://host:5432/autoarr, with user:password@ before the host)',
    ],
    [
      { DATABASE_URL: 'postgresql://db/autoarr', DATABASE_POOL_SIZE: '0' },
      'DATABASE_POOL_SIZE: "0" is not a pool size; expected a whole number from 1 to 100',
    ],
    [
      { AUTOARR_ADVERTISE_URL: 'ftp://10.0.0.5', PORT: '8100' },
      'AUTOARR_ADVERTISE_URL: "ftp://10.0.0.5" is neither a URL nor an address; expected http://<this replica\'s address>:8100 or the address alone',
    ],
  ])('refuses %j with one clear line', (env, line) => {
    expect(problems(fromEnv(env))).toEqual([line]);
  });

  it.each([
    [{}, undefined],
    [{ AUTOARR_ADVERTISE_URL: 'http://autoarr-1.lan:8099/' }, 'http://autoarr-1.lan:8099'],
    [{ AUTOARR_ADVERTISE_URL: '10.42.0.17', PORT: '8100' }, 'http://10.42.0.17:8100'],
    [{ AUTOARR_ADVERTISE_URL: 'fd00::17' }, 'http://[fd00::17]:8099'],
  ])('AUTOARR_ADVERTISE_URL %j: the address other replicas reach this one at is %s', (env, url) => {
    expect(settings(fromEnv(env)).advertiseUrl).toBe(url);
  });

  it('reports a URL without its key, and says where to find the key', () => {
    const [line, ...rest] = problems(fromEnv({ SONARR_URL: 'http://sonarr:8989' }));
    expect(rest).toEqual([]);
    expect(line).toMatch(/^SONARR_API_KEY: missing; Sonarr has a URL but no API key\./);
    expect(line).toContain('Settings → General → Security → API Key');
    const [plex] = problems(fromEnv({ PLEX_URL: 'http://plex:32400' }));
    expect(plex).toMatch(/^PLEX_TOKEN: missing; Plex has a URL but no token\./);
  });

  it('lists every problem at once, one line each', () => {
    const p = problems(fromEnv({ SONARR_URL: 'htp://x', LOG_LEVEL: 'loud', AUTOARR_STALL_MINUTES: '0', PORT: 'x' }));
    expect(p).toHaveLength(4);
    for (const line of p) expect(line).not.toContain('\n');
  });

  it('never echoes a secret, even one typed into the wrong field or inside a URL', () => {
    const p = problems(
      fromEnv({
        SONARR_API_KEY: 'supersecretkey42',
        SONARR_URL: 'supersecretkey42',
        RADARR_URL: 'htp://admin:hunter2pass@radarr:7878',
        RADARR_API_KEY: 'radarrsecret99',
      }),
    );
    const text = p.join('\n');
    expect(p).toHaveLength(2);
    expect(text).toContain('SONARR_URL: (hidden: this looks like an API key or token, not an address) is not a URL');
    expect(text).not.toContain('supersecretkey42');
    expect(text).not.toContain('hunter2pass');
    expect(text).not.toContain('radarrsecret99');
  });

  it.each([
    [undefined, '/srv/autoarr/autoarr.db'],
    ['', '/srv/autoarr/autoarr.db'],
    ['/var/lib/autoarr/a.db', '/var/lib/autoarr/a.db'],
    ['data/a.db', 'data/a.db'],
    ['sqlite:////data/autoarr.db', '/data/autoarr.db'],
    ['sqlite:///data/autoarr.db', '/data/autoarr.db'],
    ['sqlite+aiosqlite:///./data/autoarr.db', './data/autoarr.db'],
    ['sqlite+aiosqlite:////config/autoarr.db?timeout=30', '/config/autoarr.db'],
    ['sqlite:rel.db', 'rel.db'],
    ['file:///tmp/x.db', '/tmp/x.db'],
    ['sqlite:///:memory:', ':memory:'],
  ])('DATABASE_URL %j → %s', (url, expected) => {
    expect(databasePathFrom(url, '/srv/autoarr')).toEqual({ path: expected });
  });

  it.each([
    [
      'http://cache:6379',
      'REDIS_URL: "http://cache:6379" is not a Redis URL; expected redis://host:6379 (or rediss:// for TLS), with user:password@ before the host and /db after it',
    ],
    [
      'redis://cache:6379/sessions',
      'REDIS_URL: "sessions" is not a database number; expected redis://host:6379 (or rediss:// for TLS), with user:password@ before the host and /db after it (db is a whole number, 0 by default)',
    ],
    [
      'cache:6379',
      'REDIS_URL: "cache:6379" is not a Redis URL; expected redis://host:6379 (or rediss:// for TLS), with user:password@ before the host and /db after it',
    ],
  ])('refuses REDIS_URL %j with one clear line', (url, line) => {
    expect(problems(fromEnv({ DATABASE_URL: 'postgres://u:p@db/autoarr', REDIS_URL: url }))).toEqual([line]);
  });

  it('REDIS_URL: taken with PostgreSQL, its password masked and kept out of every log line', () => {
    const r = fromEnv({
      DATABASE_URL: 'postgres://u:p@db/autoarr',
      REDIS_URL: 'rediss://default:redis%2Fpass77@cache.lan:6380/2',
    });
    const s = settings(r);
    expect(s.redis).toEqual({
      url: 'rediss://default:redis%2Fpass77@cache.lan:6380/2',
      shown: 'rediss://default:***@cache.lan:6380/2',
      password: 'redis/pass77',
    });
    expect(redactText('connect to redis/pass77 and redis%2Fpass77 failed')).not.toMatch(/pass77/);
    expect(r.ok && r.warnings).toEqual([]);
    // A refused one never shows the password either.
    const bad = problems(fromEnv({ DATABASE_URL: 'postgres://u:p@db/autoarr', REDIS_URL: 'redis://:hunter2redis@' }));
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(/^REDIS_URL: /);
    expect(bad.join()).not.toContain('hunter2redis');
  });

  it('REDIS_URL with SQLite: not used, and the warning says why', () => {
    const r = fromEnv({ REDIS_URL: 'redis://cache:6379' });
    expect(r.ok && r.warnings).toEqual([
      'REDIS_URL is set but the database is a SQLite file: one process has no replicas to share live updates with, so Redis is not used (it serves replicas on PostgreSQL, DATABASE_URL=postgres://…)',
    ]);
  });

  it('hides a password in a refused DATABASE_URL', () => {
    const r = databasePathFrom('postgresql://autoarr:dbpass123@db/autoarr', '/data');
    expect(JSON.stringify(r)).not.toContain('dbpass123');
    expect('problem' in r).toBe(true);
  });
});

describe('settings from /data/options.json (add-on)', () => {
  const defaults = { log_level: 'info', verify_ssl: true, extra_instances: [] };

  it('reads the file at optionsPath and uses the add-on port and data folder', () => {
    const s = settings(
      fromOptions(
        {
          ...defaults,
          sonarr_url: 'http://a0d7b954-sonarr:8989',
          sonarr_api_key: 'addonkey1234',
          extra_instances: [
            { app: 'radarr', name: '4K', url: 'http://radarr4k:7878', api_key: 'r4r4r4r4', verify_ssl: false },
          ],
          protected_tags: ['keep'],
        },
        { PORT: '1234', DATA_DIR: '/elsewhere', SUPERVISOR_TOKEN: 'supervisortoken1' },
      ),
    );
    expect(s.mode).toBe('addon');
    expect(s.port).toBe(8099);
    expect(s.dataDir).toBe('/data');
    expect(s.databasePath).toBe('/data/autoarr.db');
    expect(s.homeAssistant.supervisorToken).toBe('supervisortoken1');
    expect(s.monitor.protectedTags).toEqual(['keep']);
    expect(s.instances.map((i) => [i.id, i.name, i.verifySsl])).toEqual([
      ['sonarr', 'Sonarr', true],
      ['radarr_4k', '4K', false],
    ]);
  });

  it('is chosen automatically when the Supervisor token is set', () => {
    const r = loadSettings({
      env: { SUPERVISOR_TOKEN: 'x'.repeat(20) },
      version: '1',
      optionsPath: optionsFile({ ...defaults, log_level: 'debug' }),
    });
    expect(settings(r).mode).toBe('addon');
    expect(settings(r).logLevel).toBe('debug');
  });

  it('names the add-on option, not the variable, in problems', () => {
    expect(problems(fromOptions({ ...defaults, sonarr_url: 'htp://x', sonarr_api_key: 'k'.repeat(8) }))).toEqual([
      'sonarr_url: "htp://x" is not a URL; expected http(s)://host:port',
    ]);
    expect(problems(fromOptions({ ...defaults, stall_minutes: -3 }))).toEqual([
      'stall_minutes: -3 is too small; expected at least 1',
    ]);
    expect(problems(fromOptions({ ...defaults, radarr_url: 'http://radarr:7878' }))[0]).toMatch(
      /^radarr_api_key: missing; Radarr has a URL but no API key/,
    );
  });

  it('refuses two extra instances with the same name', () => {
    const extra = { app: 'sonarr', url: 'http://s:8989', api_key: 'kkkkkkkk' };
    expect(
      problems(
        fromOptions({
          ...defaults,
          extra_instances: [
            { ...extra, name: 'Sonarr 4K' },
            { ...extra, name: 'sonarr-4k' },
          ],
        }),
      ),
    ).toEqual(['extra_instances[1].name: "sonarr-4k" is used twice for Sonarr; give each instance its own name']);
  });

  it('refuses bad fields of an extra instance with their path', () => {
    const p = problems(
      fromOptions({ ...defaults, extra_instances: [{ app: 'sickrage', name: '', url: 'x', api_key: 12345678 }] }),
    );
    expect(p).toContain(
      'extra_instances[0].app: "sickrage" is not allowed; expected one of sabnzbd, sonarr, radarr, plex',
    );
    expect(p).toContain('extra_instances[0].name: missing; it must not be empty');
    expect(p).toContain('extra_instances[0].url: "x" is not a URL; expected http(s)://host:port');
    expect(p).toContain('extra_instances[0].api_key: (hidden) is not valid; expected a string');
    expect(p.join('\n')).not.toContain('12345678');
  });

  it('hides a secret of the wrong type', () => {
    const p = problems(fromOptions({ ...defaults, sonarr_url: 'http://s:8989', sonarr_api_key: 987654321 }));
    expect(p).toEqual(['sonarr_api_key: (hidden) is not valid; expected a string']);
  });

  it.each([
    ['missing', undefined, 'is missing; restart the add-on so the Supervisor writes it again'],
    ['not JSON', '{"log_level": ', 'is not valid JSON; restart the add-on so the Supervisor writes it again'],
    ['a list', '[1,2]', 'must hold a JSON object of options'],
  ])('explains an options file that is %s', (_what, content, message) => {
    const optionsPath = content === undefined ? path.join(tmp, 'does-not-exist.json') : optionsFile(content);
    const r = loadSettings({ env: {}, version: '1', mode: 'addon', optionsPath });
    expect(problems(r)).toEqual([`${optionsPath} ${message}`]);
  });
});

describe('unknown option names and keys in address fields', () => {
  const warningsOf = (r: SettingsResult) => {
    if (!r.ok) throw new Error(r.problems.join('\n'));
    return r.warnings;
  };

  it('warns about an unknown variable with the closest known name, and only about ours', () => {
    const w = warningsOf(
      fromEnv({ AUTOARR_STALL_MINUTE: '20', SONARR_APIKEY: 'secretvalue123', PATH: '/bin', PLEX_CLAIM: 'claim-x' }),
    );
    expect(w).toEqual([
      'Unknown environment variable AUTOARR_STALL_MINUTE is ignored; did you mean AUTOARR_STALL_MINUTES?',
      'Unknown environment variable SONARR_APIKEY is ignored; did you mean SONARR_API_KEY?',
    ]);
    expect(w.join(' ')).not.toContain('secretvalue123');
    expect(warningsOf(fromEnv({ SONARR_2_URL: 'http://s2:8989', SONARR_2_API_KEY: 'k'.repeat(8) }))).toEqual([]);
  });

  it('warns about an unknown add-on option, inside extra_instances too', () => {
    const w = warningsOf(
      fromOptions({
        stall_minuts: 20,
        extra_instances: [
          { app: 'sonarr', name: '4K', url: 'http://s:8989', api_key: 'k'.repeat(8), verifyssl: false },
        ],
      }),
    );
    expect(w).toEqual([
      'Unknown add-on option "stall_minuts" is ignored; did you mean "stall_minutes"?',
      'Unknown add-on option "extra_instances[0].verifyssl" is ignored; did you mean "verify_ssl"?',
    ]);
    expect(warningsOf(fromOptions({ stall_minutes: 20 }))).toEqual([]);
  });

  it('does not echo a key typed into an address field', () => {
    const key = '0123456789abcdef0123456789abcdef';
    const p = problems(fromEnv({ SONARR_URL: key, SONARR_API_KEY: 'another-key-1' }));
    expect(p.join('\n')).not.toContain(key);
    expect(p[0]).toContain('SONARR_URL: (hidden: this looks like an API key or token, not an address)');
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJhYmMifQ.c2lnbmF0dXJlLXZhbHVl';
    const ha = problems(fromEnv({ HA_URL: jwt, HA_TOKEN: 'x'.repeat(10) }));
    expect(ha.join('\n')).not.toContain(jwt);
  });
});
