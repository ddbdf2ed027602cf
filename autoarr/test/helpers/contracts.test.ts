// The contract helper itself: path matching (catch-alls skipped, literals before templates, the Plex
// allow-list), OAS 3.0 nullable handling, $ref resolution and the SABnzbd sample comparison.
import { describe, expect, it } from 'vitest';
import { compareWithSabSample, matchOperation, nullableToUnion, sabSamples, validateResponse } from './contracts.js';

describe('matchOperation', () => {
  it('matches templates, prefers literal paths and honours the method', () => {
    expect(matchOperation('sonarr', 'GET', '/api/v3/queue/status')?.template).toBe('/api/v3/queue/status');
    expect(matchOperation('sonarr', 'DELETE', '/api/v3/queue/123')?.template).toBe('/api/v3/queue/{id}');
    expect(matchOperation('sonarr', 'GET', '/api/v3/queue/123')).toBeUndefined();
    expect(matchOperation('radarr', 'PUT', '/api/v3/config/naming/1?x=1')?.template).toBe('/api/v3/config/naming/{id}');
  });

  it('skips the catch-alls so unknown paths do not match', () => {
    expect(matchOperation('sonarr', 'GET', '/nonsense')).toBeUndefined();
    expect(matchOperation('radarr', 'GET', '/')).toBeUndefined();
    expect(matchOperation('sonarr', 'GET', '/api/v3/no/such/thing')).toBeUndefined();
  });

  it('allow-lists the Plex calls the spec lacks, and only those', () => {
    expect(matchOperation('plex', 'GET', '/library/sections')).toMatchObject({
      template: '/library/sections/all',
      allowListed: expect.any(String),
    });
    expect(matchOperation('plex', 'GET', '/library/onDeck')?.allowListed).toBeDefined();
    expect(matchOperation('plex', 'GET', '/search')?.allowListed).toBeDefined();
    expect(matchOperation('plex', 'POST', '/search')).toBeUndefined();
    expect(matchOperation('plex', 'GET', '/library/sections/2/refresh')?.allowListed).toBeUndefined();
    expect(matchOperation('plex', 'GET', '/no/such/plex/path')).toBeUndefined();
  });
});

describe('validateResponse', () => {
  it('accepts nulls where the 3.0 spec says nullable and rejects wrong types', () => {
    const ok = validateResponse('sonarr', 'GET', '/api/v3/system/status', 200, {
      appName: null,
      version: '4.0.0',
      isDebug: false,
    });
    expect(ok).toMatchObject({ ok: true, template: '/api/v3/system/status' });
    const bad = validateResponse('sonarr', 'GET', '/api/v3/system/status', 200, { isDebug: 'no' });
    expect(bad.ok).toBe(false);
    expect(bad.errors.join()).toContain('/isDebug');
  });

  it('follows $refs into components (enums of nested schemas)', () => {
    const body = { page: 1, pageSize: 10, totalRecords: 1, records: [{ id: 1, status: 'nonsense' }] };
    const r = validateResponse('radarr', 'GET', '/api/v3/queue', 200, body);
    expect(r.ok).toBe(false);
    expect(r.errors.join()).toContain('/records/0/status');
  });

  it('only checks the status where the spec declares no body', () => {
    expect(validateResponse('sonarr', 'DELETE', '/api/v3/queue/5', 200, undefined)).toMatchObject({
      ok: true,
      noSchema: true,
    });
  });

  it('validates Plex bodies with JSON Schema 2020-12', () => {
    const sections = {
      MediaContainer: {
        size: 1,
        Directory: [{ key: '1', type: 'movie', title: 'Movies', uuid: 'u', language: 'en', hidden: 0 }],
      },
    };
    expect(validateResponse('plex', 'GET', '/library/sections/all', 200, sections).ok).toBe(false);
    const fixed = {
      MediaContainer: {
        size: 1,
        Directory: [{ key: '1', type: 'movie', title: 'Movies', uuid: 'u', language: 'en', hidden: false }],
      },
    };
    expect(validateResponse('plex', 'GET', '/library/sections/all', 200, fixed).ok).toBe(true);
  });

  it('reports a path the spec does not have', () => {
    expect(validateResponse('radarr', 'GET', '/api/v3/series', 200, [])).toMatchObject({ ok: false });
  });
});

describe('nullableToUnion', () => {
  it('turns nullable types into unions and wraps nullable refs', () => {
    expect(nullableToUnion({ type: 'string', nullable: true })).toEqual({ type: ['string', 'null'] });
    expect(nullableToUnion({ $ref: '#/x', nullable: true })).toEqual({ anyOf: [{ $ref: '#/x' }, { type: 'null' }] });
    expect(nullableToUnion({ properties: { a: { type: 'integer', nullable: false } } })).toEqual({
      properties: { a: { type: 'integer', nullable: false } },
    });
  });
});

describe('compareWithSabSample', () => {
  it('accepts the sample itself and reports missing keys, extra keys and wrong types', () => {
    const sample = sabSamples().queue!.body as { queue: Record<string, unknown> };
    expect(compareWithSabSample('queue', sample)).toEqual([]);
    const { mbleft: _dropped, ...rest } = sample.queue;
    const broken = { queue: { ...rest, kbpersec: 25600, extra: 1 } };
    expect(compareWithSabSample('queue', broken)).toEqual(
      expect.arrayContaining([
        'queue.queue.mbleft: missing',
        'queue.queue.extra: not in the sample',
        'queue.queue.kbpersec: expected string, got number',
      ]),
    );
  });

  it('lets config switches be 0/1 or true/false only when told so', () => {
    const body = { config: { misc: { pause_on_post_processing: true } } };
    expect(compareWithSabSample('get_config_misc_keyword', body)).not.toEqual([]);
    expect(
      compareWithSabSample('get_config_misc_keyword', body, { boolish: new Set(['pause_on_post_processing']) }),
    ).toEqual([]);
  });
});
