import { describe, expect, it } from 'vitest';
import { isSecretKey, redactText, redactValue, registerSecret, shownUrl, upstreamText } from './redact.js';

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

describe('shownUrl and upstreamText', () => {
  it('masks the password of user:password@ and keeps the rest of the address as typed', () => {
    expect(shownUrl('http://me:hunter2@sab:8080')).toBe('http://me:***@sab:8080');
    expect(shownUrl('https://me:p%40ss@nas/sonarr/')).toBe('https://me:***@nas/sonarr/');
    expect(shownUrl('http://sonarr:8989')).toBe('http://sonarr:8989');
    expect(shownUrl('http://s/api?apikey=abcdef123456')).toBe('http://s/api?apikey=***');
  });

  it('redacts upstream text and passes undefined through', () => {
    expect(upstreamText('Show.S01E01.getnzb?apikey=0123abcd')).toBe('Show.S01E01.getnzb?apikey=***');
    expect(upstreamText(undefined)).toBeUndefined();
    registerSecret('echoed-key-98765');
    expect(upstreamText('Sonarr said echoed-key-98765 is wrong')).toBe('Sonarr said *** is wrong');
  });
});
