// The one request validator: every mistake is 400 bad_request, naming the field and what it accepts.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserError } from '../core/errors.js';
import { readBody, readParams, readQuery } from './validate.js';

const body = z.strictObject({
  minutes: z.number().int().min(1).max(60).optional(),
  mode: z.enum(['fast', 'slow']).optional(),
  name: z.string().min(1).max(20).optional(),
  on: z.boolean(),
});
const query = z.object({
  state: z
    .string()
    .transform((v) => v.split(','))
    .pipe(z.array(z.enum(['queued', 'stalled'])))
    .optional(),
  since: z.iso.datetime().optional(),
  page: z.coerce.number().int().min(1).optional(),
});

const app = new Hono()
  .post('/b', async (c) => c.json(await readBody(c, body, { example: '{"on": true}' })))
  .post('/hinted', async (c) =>
    c.json(await readBody(c, body, { hints: { minutes: 'minutes must be 1 to 60, or left out to wait forever' } })),
  )
  .get('/q', (c) => c.json(readQuery(c, query)))
  .get('/p/:id', (c) => c.json(readParams(c, z.object({ id: z.coerce.number().int().min(1) }))));
app.onError((err, c) =>
  err instanceof UserError ? c.json({ code: err.code, message: err.message }, err.status) : c.text('crash', 500),
);

async function refused(path: string, init?: RequestInit): Promise<string> {
  const res = await app.request(path, init);
  expect(res.status, path).toBe(400);
  const b = (await res.json()) as { code: string; message: string };
  expect(b.code).toBe('bad_request');
  return b.message;
}
const post = (path: string, b: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: typeof b === 'string' ? b : JSON.stringify(b),
});

describe('readBody', () => {
  it('passes a valid body through, parsed', async () => {
    const res = await app.request('/b', post('/b', { on: true, minutes: 5 }));
    expect(await res.json()).toEqual({ on: true, minutes: 5 });
  });

  it('says what each field accepts, read from the schema, and ends with an example', async () => {
    expect(await refused('/b', post('/b', { on: true, minutes: 0 }))).toBe(
      'Invalid request body: minutes must be a whole number from 1 to 60. Send {"on": true}.',
    );
    expect(await refused('/b', post('/b', { on: true, minutes: 2.5 }))).toContain(
      'minutes must be a whole number from 1 to 60',
    );
    expect(await refused('/b', post('/b', { on: true, mode: 'warp' }))).toContain('mode must be one of: fast, slow');
    expect(await refused('/b', post('/b', { on: true, name: '' }))).toContain(
      'name must be text of 1 to 20 characters',
    );
    expect(await refused('/b', post('/b', { on: 'yes' }))).toContain('on must be true or false');
    expect(await refused('/b', post('/b', {}))).toContain('on is missing; it must be true or false');
  });

  it('names unknown fields and the ones allowed', async () => {
    expect(await refused('/b', post('/b', { on: true, apiKey: 'x' }))).toContain(
      'the request body has unknown field "apiKey"; allowed: minutes, mode, name, on',
    );
  });

  it('refuses text that is not JSON, and a body that is not an object', async () => {
    expect(await refused('/b', post('/b', '{not json'))).toBe('The request body is not valid JSON. Send {"on": true}.');
    expect(await refused('/b', post('/b', [1]))).toContain('the request body must be an object');
  });

  it("uses a route's own words for a field when it gives them", async () => {
    expect(await refused('/hinted', post('/hinted', { on: true, minutes: 99 }))).toBe(
      'Invalid request body: minutes must be 1 to 60, or left out to wait forever.',
    );
  });
});

describe('readQuery and readParams', () => {
  it('name the query value and the path parameter that is wrong', async () => {
    expect(await refused('/q?state=queued,nonsense')).toBe(
      'Invalid query string: state[1] must be one of: queued, stalled.',
    );
    expect(await refused('/q?since=yesterday')).toContain('since must be an ISO date and time');
    expect(await refused('/q?page=0')).toContain('page must be a whole number of at least 1');
    expect(await (await app.request('/q?state=stalled&page=2')).json()).toEqual({ state: ['stalled'], page: 2 });
    expect(await refused('/p/abc')).toBe('Invalid URL: id must be a whole number of at least 1.');
    expect(await (await app.request('/p/7')).json()).toEqual({ id: 7 });
  });
});
