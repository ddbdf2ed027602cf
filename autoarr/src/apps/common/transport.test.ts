import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deadPort, startLocalServer, type LocalServer } from '../../../test/clients/local-server.js';
import type { AppInstance } from '../../settings/settings.js';
import { AppError } from './errors.js';
import { Transport, type ClientOptions } from './transport.js';

const KEY = 'c0ffee1234567890deadbeef12345678';
// A generous timeout: these tests run beside others on a busy machine; only the timeout test uses a short one.
const fast: ClientOptions = { retryBaseMs: 1, timeoutMs: 10_000 };
let server: LocalServer | undefined;
const transports: Transport[] = [];

afterEach(async () => {
  await server?.close();
  server = undefined;
  await Promise.all(transports.splice(0).map((t) => t.close()));
});

function sonarr4k(url: string, extra: Partial<AppInstance> = {}, opts: ClientOptions = fast): Transport {
  const instance: AppInstance = {
    id: 'sonarr_4k',
    app: 'sonarr',
    name: 'Sonarr 4K',
    url,
    apiKey: KEY,
    verifySsl: true,
    ...extra,
  };
  const t = new Transport(instance, { 'X-Api-Key': KEY }, opts);
  transports.push(t);
  return t;
}

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('error classification', () => {
  it('a stopped app is unreachable and the message says what to check', async () => {
    const t = sonarr4k(`http://127.0.0.1:${await deadPort()}`);
    const err = await failure(t.json({ path: '/api/v3/system/status' }));
    expect(err.kind).toBe('unreachable');
    expect(err.instanceId).toBe('sonarr_4k');
    expect(err.message).toMatch(/^Sonarr 4K did not answer at .*connection refused.*check the URL/);
  });

  it('an app that never answers times out after the configured time', async () => {
    server = await startLocalServer(() => 'hang');
    const t = sonarr4k(server.url, {}, { ...fast, timeoutMs: 150 });
    const err = await failure(t.json({ path: '/api/v3/queue' }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toContain('within 150 ms');
    expect(err.message).toContain('request_timeout_seconds');
  });

  it('an HTML page with 200 (a login page) is bad_response', async () => {
    server = await startLocalServer(() => ({
      body: '<!DOCTYPE html><html><body><form>Login</form></body></html>',
      contentType: 'text/html',
    }));
    const err = await failure(sonarr4k(server.url).json({ path: '/api/v3/queue' }));
    expect(err.kind).toBe('bad_response');
    expect(err.message).toContain('HTML page instead of JSON');
    expect(err.message).toContain('URL Base');
  });

  it('non-JSON text with 200 is bad_response', async () => {
    server = await startLocalServer(() => ({ body: 'ok' }));
    const err = await failure(sonarr4k(server.url).json({ path: '/api/v3/queue' }));
    expect(err.kind).toBe('bad_response');
    expect(err.message).toContain('not JSON');
  });

  it.each([401, 403])('HTTP %i is auth with where to find the key', async (status) => {
    server = await startLocalServer(() => ({ status, body: { message: 'Unauthorized' } }));
    const err = await failure(sonarr4k(server.url).json({ path: '/api/v3/queue' }));
    expect(err.kind).toBe('auth');
    expect(err.status).toBe(status);
    expect(err.message).toBe('Sonarr 4K rejected the API key: copy it from Settings → General → Security');
  });

  it('404 is not_found and points at the URL base', async () => {
    server = await startLocalServer(() => ({ status: 404, body: 'Not Found' }));
    const err = await failure(sonarr4k(server.url).json({ path: '/api/v3/queue' }));
    expect(err.kind).toBe('not_found');
    expect(err.message).toContain('GET /api/v3/queue');
    expect(err.message).toContain('URL Base');
  });

  it('500 is upstream and quotes what the app said', async () => {
    server = await startLocalServer(() => ({ status: 500, body: { message: 'Database is locked' } }));
    const err = await failure(sonarr4k(server.url).json({ path: '/api/v3/queue' }));
    expect(err.kind).toBe('upstream');
    expect(err.status).toBe(500);
    expect(err.message).toContain('"Database is locked"');
    expect(err.message).toContain('System → Logs');
  });

  it('a redirect (to a login page) is bad_response, not followed', async () => {
    server = await startLocalServer(() => ({ status: 302, headers: { location: '/login' }, body: '' }));
    const err = await failure(sonarr4k(server.url).json({ path: '/api/v3/queue' }));
    expect(err.kind).toBe('bad_response');
    expect(err.message).toContain('/login');
    expect(server.requests).toHaveLength(1);
  });

  it('an empty 200 body is undefined, not an error', async () => {
    server = await startLocalServer(() => ({ body: '' }));
    await expect(sonarr4k(server.url).json({ method: 'DELETE', path: '/api/v3/queue/1' })).resolves.toBeUndefined();
  });
});

describe('retries', () => {
  it('retries a GET on 503 and succeeds on the third attempt', async () => {
    server = await startLocalServer((_r, i) => (i < 2 ? { status: 503, body: 'busy' } : { body: { ok: true } }));
    await expect(sonarr4k(server.url).json({ path: '/api/v3/queue' })).resolves.toEqual({ ok: true });
    expect(server.requests).toHaveLength(3);
  });

  it('gives up after two retries', async () => {
    server = await startLocalServer(() => ({ status: 503, body: 'busy' }));
    const err = await failure(sonarr4k(server.url).json({ path: '/api/v3/queue' }));
    expect(err.kind).toBe('upstream');
    expect(server.requests).toHaveLength(3);
  });

  it.each(['POST', 'PUT', 'DELETE'] as const)('never retries a %s', async (method) => {
    server = await startLocalServer(() => ({ status: 503, body: 'busy' }));
    const err = await failure(sonarr4k(server.url).json({ method, path: '/api/v3/command', body: { name: 'x' } }));
    expect(err.kind).toBe('upstream');
    expect(server.requests).toHaveLength(1);
  });

  it('never retries a GET marked as a write (SABnzbd writes are GETs)', async () => {
    server = await startLocalServer(() => ({ status: 503, body: 'busy' }));
    await failure(sonarr4k(server.url).json({ path: '/api', idempotent: false }));
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry auth or not_found answers', async () => {
    server = await startLocalServer((r) => ({ status: r.path.endsWith('a') ? 401 : 404, body: '' }));
    const t = sonarr4k(server.url);
    await failure(t.json({ path: '/a' }));
    await failure(t.json({ path: '/b' }));
    expect(server.requests).toHaveLength(2);
  });
});

describe('URLs', () => {
  it('keeps the URL base and drops trailing slashes', async () => {
    server = await startLocalServer(() => ({ body: {} }));
    await sonarr4k(`${server.url}/sonarr///`).json({ path: '/api/v3/system/status', query: { a: 1, b: undefined } });
    expect(server.requests[0]!.url).toBe('/sonarr/api/v3/system/status?a=1');
  });

  it('sends the default headers and JSON bodies', async () => {
    server = await startLocalServer(() => ({ body: {} }));
    await sonarr4k(server.url).json({ method: 'POST', path: '/api/v3/command', body: { name: 'RefreshSeries' } });
    const r = server.requests[0]!;
    expect(r.headers['x-api-key']).toBe(KEY);
    expect(r.headers['content-type']).toBe('application/json');
    expect(JSON.parse(r.body)).toEqual({ name: 'RefreshSeries' });
  });
});

describe('concurrency cap', () => {
  it('never has more than `concurrency` requests in flight per instance', async () => {
    // Answers are held until two requests wait together, then a little longer so a third would show up if the
    // cap did not hold.
    let held: Array<() => void> = [];
    server = await startLocalServer(
      () =>
        new Promise((resolve) => {
          held.push(() => resolve({ body: {} }));
          if (held.length === 2) {
            const release = held;
            held = [];
            setTimeout(() => release.forEach((r) => r()), 20);
          }
        }),
    );
    const t = sonarr4k(server.url, {}, { ...fast, concurrency: 2 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => t.json({ path: `/r${i}` })));
    expect(server.requests).toHaveLength(8);
    expect(server.maxConcurrent()).toBe(2);
  });
});

describe('redaction', () => {
  it('never shows the key from the URL or the body in a message', async () => {
    server = await startLocalServer(() => ({ status: 500, body: { message: `bad request apikey=${KEY}` } }));
    const t = sonarr4k(server.url);
    const err = await failure(t.json({ path: '/api', query: { apikey: KEY } }));
    expect(err.message).not.toContain(KEY);
    expect(JSON.stringify(err)).not.toContain(KEY);
  });
});

describe('HTTPS', () => {
  function selfSigned(): { key: string; cert: string } {
    const dir = mkdtempSync(join(tmpdir(), 'autoarr-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  }

  it('rejects a self-signed certificate unless verify_ssl is false for the instance', async () => {
    server = await startLocalServer(() => ({ body: { version: '4.0.19' } }), { tls: selfSigned() });
    const strict = await failure(sonarr4k(server.url, {}, { ...fast, maxRetries: 0 }).json({ path: '/x' }));
    expect(strict.kind).toBe('unreachable');
    expect(strict.message).toContain('verify_ssl: false');
    const lax = sonarr4k(server.url, { verifySsl: false });
    await expect(lax.json({ path: '/x' })).resolves.toEqual({ version: '4.0.19' });
  });
});

describe('configured URLs', () => {
  it('turns user:pass@ in the URL into a Basic auth header and never shows the password', async () => {
    server = await startLocalServer(() => ({ status: 500, body: 'proxy said hunter2-secret' }));
    const t = sonarr4k(server.url.replace('http://', 'http://admin:hunter2-secret@'));
    const err = await failure(t.json({ path: '/api/v3/queue' }));
    const auth = server.requests[0]!.headers.authorization;
    expect(auth).toBe(`Basic ${Buffer.from('admin:hunter2-secret').toString('base64')}`);
    expect(err.message).not.toContain('hunter2-secret');
  });

  it('an unusable URL fails every call with a clear message instead of throwing at construction', async () => {
    const t = sonarr4k('not a url');
    const err = await failure(t.json({ path: '/api/v3/queue' }));
    expect(err.kind).toBe('unreachable');
    expect(err.message).toContain('is not a valid address');
  });
});

describe('response size cap', () => {
  /** An app that streams JSON without end (no Content-Length), counting what it managed to send. */
  async function endless(): Promise<{
    url: string;
    sent: () => number;
    requests: () => number;
    close(): Promise<void>;
  }> {
    const { createServer } = await import('node:http');
    let sent = 0;
    let requests = 0;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const srv = createServer((_req, res) => {
      requests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"records":["');
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) sent += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    return {
      url: `http://127.0.0.1:${port}`,
      sent: () => sent,
      requests: () => requests,
      close: () =>
        new Promise<void>((r) => {
          srv.closeAllConnections();
          srv.close(() => r());
        }),
    };
  }

  it('stops reading an endless answer past the cap, once, and says which app and what to do', async () => {
    const app = await endless();
    try {
      const t = sonarr4k(app.url, {}, { ...fast, maxResponseBytes: 1024 * 1024 });
      const err = await failure(t.json({ path: '/api/v3/queue' }));
      expect(err.kind).toBe('bad_response');
      expect(err.message).toBe(
        "Sonarr 4K's answer to GET /api/v3/queue is larger than 1 MB, so AutoArr stopped reading it. Check that the " +
          'URL points at Sonarr itself; if it does, its list is unusually long: clear old entries in Sonarr.',
      );
      expect(app.requests()).toBe(1); // not retried: a second read would cost the same again
      // The server could only push what the socket buffers took before the abort, nowhere near the endless body.
      expect(app.sent()).toBeLessThan(32 * 1024 * 1024);
    } finally {
      await app.close();
    }
  });

  it('refuses an announced Content-Length above the cap without reading the body', async () => {
    server = await startLocalServer(() => ({ body: { records: 'x'.repeat(4096) } }));
    const t = sonarr4k(server.url, {}, { ...fast, maxResponseBytes: 1024 });
    expect((await failure(t.json({ path: '/api/v3/queue' }))).kind).toBe('bad_response');
    const ok = sonarr4k(server.url, {}, { ...fast, maxResponseBytes: 1024 * 1024 });
    expect(await ok.json({ path: '/api/v3/queue' })).toEqual({ records: 'x'.repeat(4096) });
  });
});
