// The HTTP edge shared by every client: per-instance undici Agent (connect timeout, verify_ssl), a total timeout,
// a concurrency cap, jittered retries for idempotent reads, and classification of every failure into an AppError.
import { Agent, fetch as undiciFetch } from 'undici';
import { registerSecret } from '../../log/redact.js';
import type { AppInstance } from '../../settings/settings.js';
import { AppError } from './errors.js';
import { Limiter } from './limiter.js';
import { classifyHttp, classifyNetwork, notJson } from './classify.js';
import { joinUrl, normalizeBaseUrl, type QueryValue } from './url.js';
import { APP_LABEL } from '../../shared/domain.js';

export interface ClientOptions {
  /** Total time for one attempt, headers and body included (default 15 000; settings.requestTimeoutMs). */
  timeoutMs?: number;
  /** Time to establish the TCP/TLS connection (default 5 000). */
  connectTimeoutMs?: number;
  /** Extra attempts for idempotent reads (default 2). */
  maxRetries?: number;
  /** First backoff step; doubled per attempt with ±50 % jitter (default 300). */
  retryBaseMs?: number;
  /** Requests in flight per instance (default 4). */
  concurrency?: number;
  /** Jitter source, replaceable in tests. */
  random?: () => number;
  /** Runs before every write (a non-idempotent request) and may refuse it by throwing (the registry's identity check). */
  beforeWrite?: () => Promise<void>;
  /** Largest answer read (default 64 MB); a bigger one is aborted mid-stream and is a bad_response. */
  maxResponseBytes?: number;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestSpec {
  method?: HttpMethod;
  /** Path below the instance URL, e.g. "/api" or "/api/v3/queue". */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON body. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Whether a failed attempt may be repeated. Default: GET only (SABnzbd writes are GETs, so they pass false). */
  idempotent?: boolean;
}

export interface RawResponse {
  status: number;
  contentType: string;
  text: string;
}

const DEFAULTS = {
  timeoutMs: 15_000,
  connectTimeoutMs: 5_000,
  maxRetries: 2,
  retryBaseMs: 300,
  concurrency: 4,
  // Far above any real answer (a 10 000-item SABnzbd history is ~10 MB), far below what hurts: a 560 MB body read
  // whole on every poll took 2 GB of memory.
  maxResponseBytes: 64 * 1024 * 1024,
};

export class Transport {
  readonly baseUrl: string;
  private readonly opts: Required<Omit<ClientOptions, 'random' | 'beforeWrite'>> & { random: () => number };
  private readonly beforeWrite?: () => Promise<void>;
  private readonly agent: Agent;
  private readonly limiter: Limiter;
  /** Set when the configured URL cannot be used; every request then fails with it. */
  private readonly invalid?: AppError;

  constructor(
    readonly instance: AppInstance,
    private defaultHeaders: Record<string, string>,
    options: ClientOptions = {},
  ) {
    registerSecret(instance.apiKey);
    const { beforeWrite, ...rest } = options;
    this.opts = { ...DEFAULTS, random: Math.random, ...stripUndefined(rest) };
    this.beforeWrite = beforeWrite;
    // A placeholder keeps openapi-fetch able to build its Request; send() then throws `invalid`.
    let base = 'http://invalid.invalid';
    try {
      const parsed = splitCredentials(instance.url);
      base = normalizeBaseUrl(parsed.url);
      // fetch refuses URLs with user:pass@; a reverse proxy with basic auth gets a header instead.
      if (parsed.basic) this.defaultHeaders = { Authorization: `Basic ${parsed.basic}`, ...defaultHeaders };
    } catch {
      this.invalid = new AppError(
        'unreachable',
        instance,
        `${instance.name}'s URL "${instance.url}" is not a valid address: expected http(s)://host:port[/url_base]`,
      );
    }
    this.baseUrl = base;
    this.agent = new Agent({
      connect: { timeout: this.opts.connectTimeoutMs, rejectUnauthorized: instance.verifySsl },
      connections: this.opts.concurrency,
    });
    this.limiter = new Limiter(this.opts.concurrency);
  }

  url(path: string, query?: Record<string, QueryValue>): string {
    return joinUrl(this.baseUrl, path, query);
  }

  /** Sends the request and returns the parsed JSON body (undefined for an empty body). */
  async json(spec: RequestSpec): Promise<unknown> {
    const method = spec.method ?? 'GET';
    const headers: Record<string, string> = { ...spec.headers };
    let body: string | undefined;
    if (spec.body !== undefined) {
      body = JSON.stringify(spec.body);
      headers['Content-Type'] = 'application/json';
    }
    const res = await this.send(method, this.url(spec.path, spec.query), headers, body, spec.idempotent);
    return this.parse(res, method, spec.path);
  }

  /** Parses a successful response body as JSON or throws bad_response. */
  parse(res: RawResponse, method: string, path: string): unknown {
    if (res.text.trim() === '') return undefined;
    try {
      return JSON.parse(res.text) as unknown;
    } catch {
      throw notJson(this.instance, res, method, path);
    }
  }

  /**
   * A fetch for openapi-fetch: same limits, retries and classification, and the JSON is parsed once here
   * (validated as JSON) and handed over through json() so large queues are not parsed twice.
   */
  readonly fetch = async (input: Request): Promise<Response> => {
    const method = input.method.toUpperCase() as HttpMethod;
    const headers: Record<string, string> = {};
    input.headers.forEach((v, k) => (headers[k] = v));
    const body = method === 'GET' || method === 'DELETE' ? undefined : await input.text();
    const res = await this.send(method, input.url, headers, body || undefined);
    const parsed = this.parse(res, method, new URL(input.url).pathname);
    // openapi-fetch calls json() only when Content-Length is set (otherwise it re-parses text()), and json()
    // returns the value parsed above, so the body itself is not copied again.
    const out = new Response(null, {
      status: res.status,
      headers: {
        'content-type': res.contentType || 'application/json',
        'content-length': String(Buffer.byteLength(res.text)),
      },
    });
    Object.defineProperty(out, 'json', { value: () => Promise.resolve(parsed) });
    return out;
  };

  /** One request with limits, retries and classification; resolves only for 2xx answers. */
  async send(
    method: HttpMethod,
    url: string,
    headers: Record<string, string>,
    body?: string,
    idempotent = method === 'GET',
  ): Promise<RawResponse> {
    if (this.invalid) throw this.invalid;
    if (!idempotent && this.beforeWrite) await this.beforeWrite();
    const attempts = idempotent ? this.opts.maxRetries + 1 : 1;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.limiter.run(() => this.attempt(method, url, headers, body));
      } catch (err) {
        if (!(err instanceof AppError) || attempt >= attempts || !retryable(err)) throw err;
        const step = this.opts.retryBaseMs * 2 ** (attempt - 1);
        await delay(step * (0.5 + this.opts.random()));
      }
    }
  }

  private async attempt(
    method: HttpMethod,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
  ): Promise<RawResponse> {
    const path = new URL(url).pathname;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    try {
      const res = await undiciFetch(url, {
        method,
        headers: { Accept: 'application/json', ...this.defaultHeaders, ...headers },
        body,
        signal: controller.signal,
        dispatcher: this.agent,
        redirect: 'manual',
      });
      const text = await this.readCapped(res, method, path, controller);
      const raw = { status: res.status, contentType: res.headers.get('content-type') ?? '', text };
      if (res.status < 200 || res.status >= 300) {
        throw classifyHttp(this.instance, raw, method, path, res.headers.get('location'));
      }
      return raw;
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw classifyNetwork(this.instance, err, controller.signal.aborted, this.opts, method, path);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The body as text, read as a stream and given up (connection aborted) as soon as it passes the cap. */
  private async readCapped(
    res: Awaited<ReturnType<typeof undiciFetch>>,
    method: string,
    path: string,
    controller: AbortController,
  ): Promise<string> {
    const cap = this.opts.maxResponseBytes;
    const app = APP_LABEL[this.instance.app];
    const tooBig = () => {
      controller.abort();
      return new AppError(
        'bad_response',
        this.instance,
        `${this.instance.name}'s answer to ${method} ${path} is larger than ${Math.round(cap / 1048576)} MB, so ` +
          `AutoArr stopped reading it. Check that the URL points at ${app} itself; if it does, its list is ` +
          `unusually long: clear old entries in ${app}${this.instance.app === 'sabnzbd' ? ' (History → purge)' : ''}.`,
      );
    };
    if (Number(res.headers.get('content-length') ?? 0) > cap) throw tooBig();
    if (!res.body) return '';
    const decoder = new TextDecoder();
    const parts: string[] = [];
    let total = 0;
    for await (const chunk of res.body) {
      total += chunk.byteLength;
      if (total > cap) throw tooBig();
      parts.push(decoder.decode(chunk, { stream: true }));
    }
    parts.push(decoder.decode());
    return parts.join('');
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** Connection failures and gateway errors are worth another try; a total timeout is not (it would triple it). */
function retryable(err: AppError): boolean {
  if (err.kind === 'unreachable') return true;
  return err.kind === 'upstream' && (err.status === 502 || err.status === 503 || err.status === 504);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** "http://user:pass@host/x" → the URL without credentials and the Basic auth value (secret registered). */
function splitCredentials(raw: string): { url: string; basic?: string } {
  const u = new URL(raw.trim());
  if (!u.username && !u.password) return { url: raw };
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  registerSecret(pass);
  u.username = '';
  u.password = '';
  const basic = Buffer.from(`${user}:${pass}`).toString('base64');
  registerSecret(basic);
  return { url: u.toString(), basic };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
