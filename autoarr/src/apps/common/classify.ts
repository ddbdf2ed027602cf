// Turns an HTTP answer or a network failure into an AppError whose message names the instance and says what to do.
import type { AppInstance } from '../../settings/settings.js';
import { AppError, AUTH_HINT, LOG_HINT, URL_BASE_HINT } from './errors.js';
import { APP_LABEL } from '../../shared/domain.js';

interface Answer {
  status: number;
  contentType: string;
  text: string;
}

type Who = Pick<AppInstance, 'id' | 'app' | 'name' | 'url'>;

const looksHtml = (a: Answer) => /html/i.test(a.contentType) || /^\s*</.test(a.text);

/** A short excerpt of what the app said, for upstream errors (JSON message fields preferred). */
export function upstreamText(text: string): string {
  const t = text.trim();
  if (t === '' || /^\s*</.test(t)) return '';
  try {
    const v = JSON.parse(t) as unknown;
    const pick = (o: unknown): string | undefined => {
      if (Array.isArray(o)) return o.map(pick).filter(Boolean).join('; ') || undefined;
      if (o && typeof o === 'object') {
        const r = o as Record<string, unknown>;
        for (const k of ['message', 'errorMessage', 'error', 'description']) {
          if (typeof r[k] === 'string' && r[k] !== '') return r[k];
        }
      }
      return typeof o === 'string' ? o : undefined;
    };
    return (pick(v) ?? '').slice(0, 300);
  } catch {
    return t.slice(0, 200);
  }
}

export function classifyHttp(who: Who, a: Answer, method: string, path: string, location?: string | null): AppError {
  const label = APP_LABEL[who.app];
  const s = a.status;
  if (s >= 300 && s < 400) {
    return new AppError(
      'bad_response',
      who,
      `${who.name} redirected ${method} ${path} to ${location ?? 'another address'} (HTTP ${s}): ` +
        `the URL probably points at a login page or needs https://; set the URL to where ${label} answers directly`,
      s,
    );
  }
  if (s === 401 || s === 403) {
    if (/external internet access denied/i.test(a.text)) {
      return new AppError(
        'auth',
        who,
        `${who.name} refused API access from AutoArr's address: in SABnzbd Config → Special set ` +
          `"inet_exposure" to allow the API, or add AutoArr's network to "local_ranges"`,
        s,
      );
    }
    if (/hostname verification failed/i.test(a.text)) {
      return new AppError(
        'auth',
        who,
        `${who.name} refused the host name in the URL: add it to "host_whitelist" in SABnzbd Config → Special, ` +
          `or use the IP address`,
        s,
      );
    }
    const what = who.app === 'plex' ? 'token' : 'API key';
    return new AppError('auth', who, `${who.name} rejected the ${what}: ${AUTH_HINT[who.app]}`, s);
  }
  if (s === 404) {
    return new AppError(
      'not_found',
      who,
      `${who.name} has no ${method} ${path} (HTTP 404): check the URL — ${URL_BASE_HINT[who.app]}` +
        (who.app === 'sonarr' || who.app === 'radarr' ? `, and that it is ${label} v3 or later` : ''),
      s,
    );
  }
  if (s === 408 || s === 504) {
    return new AppError(
      'upstream',
      who,
      `${who.name} (or a proxy in front of it) timed out on ${method} ${path} (HTTP ${s}): it may be busy; ${LOG_HINT[who.app]}`,
      s,
    );
  }
  if (looksHtml(a) && s >= 500) {
    return new AppError(
      'upstream',
      who,
      `${who.name} failed on ${method} ${path} with HTTP ${s} and an HTML page: if a reverse proxy sits in front, ` +
        `check that ${label} is running behind it; ${LOG_HINT[who.app]}`,
      s,
    );
  }
  const said = upstreamText(a.text);
  return new AppError(
    'upstream',
    who,
    `${who.name} failed on ${method} ${path} with HTTP ${s}${said ? `: "${said}"` : ''}; ${LOG_HINT[who.app]}`,
    s,
  );
}

/** A 2xx answer whose body is not JSON: an HTML login page, a proxy page, or plain text. */
export function notJson(who: Who, a: Answer, method: string, path: string): AppError {
  if (looksHtml(a)) {
    return new AppError(
      'bad_response',
      who,
      `${who.name} answered ${method} ${path} with an HTML page instead of JSON: the URL probably points at a ` +
        `login page, a reverse proxy or another app; check the URL — ${URL_BASE_HINT[who.app]}`,
      a.status,
    );
  }
  return new AppError(
    'bad_response',
    who,
    `${who.name} answered ${method} ${path} with something that is not JSON ("${a.text.trim().slice(0, 60)}"): ` +
      `check that the URL points at ${APP_LABEL[who.app]}`,
    a.status,
  );
}

/** A JSON body whose shape is not what the API documents. */
export function badShape(who: Who, what: string, problem: string): AppError {
  return new AppError(
    'bad_response',
    who,
    `${who.name} sent an unexpected ${what} (${problem}): check that the URL points at ${APP_LABEL[who.app]} ` +
      `and that its version is supported`,
  );
}

function errorCode(err: unknown): string {
  const seen = new Set<unknown>();
  let cur: unknown = err;
  while (cur && typeof cur === 'object' && !seen.has(cur)) {
    seen.add(cur);
    const o = cur as { code?: unknown; errors?: unknown[]; cause?: unknown };
    if (typeof o.code === 'string' && o.code !== 'ABORT_ERR') return o.code;
    if (Array.isArray(o.errors) && o.errors.length > 0) cur = o.errors[0];
    else cur = o.cause;
  }
  return '';
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|DEPTH_ZERO/;

export function classifyNetwork(
  who: Who,
  err: unknown,
  aborted: boolean,
  opts: { timeoutMs: number; connectTimeoutMs: number },
  method: string,
  path: string,
): AppError {
  const at = who.url;
  if (aborted) {
    return new AppError(
      'timeout',
      who,
      `${who.name} did not answer ${method} ${path} within ${fmtSeconds(opts.timeoutMs)}: it may be overloaded or ` +
        `stuck; check that it responds in a browser, or raise "request_timeout_seconds"`,
    );
  }
  const code = errorCode(err);
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new AppError('timeout', who, `${who.name} stopped answering ${method} ${path}: check that it is not stuck`);
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new AppError(
      'unreachable',
      who,
      `${who.name} could not be connected to at ${at} within ${fmtSeconds(opts.connectTimeoutMs)}: check the host ` +
        `and port, and that no firewall drops the connection`,
    );
  }
  if (TLS_CODES.test(code)) {
    return new AppError(
      'unreachable',
      who,
      `${who.name}'s HTTPS certificate is not trusted (${code}): install a valid certificate, or set ` +
        `"verify_ssl: false" for this instance if it is self-signed`,
    );
  }
  if (/EPROTO|WRONG_VERSION_NUMBER|ERR_SSL/.test(code)) {
    return new AppError(
      'unreachable',
      who,
      `${who.name} did not speak the expected protocol at ${at} (${code}): check http:// versus https:// in the URL`,
    );
  }
  const reason =
    code === 'ECONNREFUSED'
      ? 'connection refused'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'host name not found'
        : code === 'EHOSTUNREACH' || code === 'ENETUNREACH'
          ? 'host unreachable'
          : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
            ? 'connection closed by the other side'
            : code || (err instanceof Error ? err.message : 'network error');
  return new AppError(
    'unreachable',
    who,
    `${who.name} did not answer at ${at} (${reason}): check the URL and port, and that ${who.name} is running`,
  );
}

function fmtSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}
