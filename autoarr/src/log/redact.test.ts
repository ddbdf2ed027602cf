import { describe, expect, it } from 'vitest';
import { isSecretKey, redactText, redactValue, registerSecret } from './redact.js';

describe('redactText', () => {
  it.each([
    ['http://sab/api?mode=version&apikey=0123456789abcdef', 'http://sab/api?mode=version&apikey=***'],
    ['http://plex:32400/library?X-Plex-Token=abcDEF123', 'http://plex:32400/library?X-Plex-Token=***'],
    ['request failed: apikey=0123456789abcdef (timeout)', 'request failed: apikey=*** (timeout)'],
    ['X-Api-Key: 0123456789abcdef', 'X-Api-Key: ***'],
    ['{"authorization":"Bearer abc.def.ghi"}', '{"authorization":"***"}'],
    ['mqtt://addons:Secr3t@core-mosquitto:1883', 'mqtt://addons:***@core-mosquitto:1883'],
    ['nothing secret here: stall_minutes=15', 'nothing secret here: stall_minutes=15'],
  ])('%s → %s', (input, output) => {
    expect(redactText(input)).toBe(output);
  });

  it('hides a registered secret wherever it appears, and ignores values too short to be secrets', () => {
    registerSecret('k3y-registered-xyz');
    registerSecret('ab');
    registerSecret(undefined);
    expect(redactText('prefix k3y-registered-xyz suffix k3y-registered-xyz')).toBe('prefix *** suffix ***');
    expect(redactText('ab cab')).toBe('ab cab');
  });
});

describe('redactValue', () => {
  it('masks secret-named keys deeply and leaves the input untouched', () => {
    const input = {
      sonarr: { url: 'http://s', api_key: 'aaa111bbb' },
      list: [{ token: 't0k3n' }],
      count: 3,
      empty: '',
    };
    const out = redactValue(input);
    expect(out).toEqual({ sonarr: { url: 'http://s', api_key: '***' }, list: [{ token: '***' }], count: 3, empty: '' });
    expect(input.sonarr.api_key).toBe('aaa111bbb');
  });

  it('knows the usual names of secret keys', () => {
    for (const k of ['apiKey', 'api_key', 'apikey', 'token', 'plex_token', 'password', 'mqtt_password', 'nzb_key']) {
      expect(isSecretKey(k), k).toBe(true);
    }
    for (const k of ['url', 'name', 'tokens_used_count', 'keyword']) expect(isSecretKey(k), k).toBe(false);
  });
});
