// Serves the built web UI (web/dist) with relative asset URLs, so it works under the ingress prefix, and the
// dashboard cards bundle at the stable URL /cards/autoarr-cards.js. Until the UI is built, a small status page shows
// each app's health. In the add-on the UI is only reachable through ingress (the Supervisor's address); the cards
// file holds no data and is open to every browser so a dashboard resource can load it.
import { Hono } from 'hono';
import fs from 'node:fs';
import path from 'node:path';
import type { CoreContext } from '../../core/context.js';
import { webDistDir } from '../../core/paths.js';
import { SUPERVISOR_IP, isLoopback, remoteAddress, type ApiEnv } from '../access.js';
import { buildHealth } from './health.js';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

export function webRoutes(ctx: CoreContext): Hono<ApiEnv> {
  const root = webDistDir();
  const app = new Hono<ApiEnv>();
  app.get('*', (c) => {
    // An escaped slash or backslash (%2f, %5c) names no file of ours; decoding it would let "cards%2f..%2findex.html"
    // pass as the open cards folder and reach the ingress-only UI.
    if (/%(2f|5c)/i.test(c.req.path)) return c.text('Not found', 404);
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path).replace(/^\/+/, '');
    } catch {
      return c.text('Not found', 404); // a malformed %-escape is a bad path, not a server error
    }
    // Who may see it is decided on the path the file system will see, not on the text as sent.
    rel = path.posix.normalize(rel.replace(/\\/g, '/')).replace(/^(\.\.?\/)+/, '');
    if (rel === '.' || rel.startsWith('..')) rel = '';
    const isCards = rel.startsWith('cards/');
    // An API path nobody serves (a feature that is off) must answer JSON, never the UI's index.html.
    if (rel.startsWith('api/') || rel === 'api') {
      return c.json({ code: 'not_found', message: `No API endpoint GET /${rel}` }, 404);
    }
    if (!webAllowed(ctx.settings.mode, rel, remoteAddress(c))) {
      return c.text("AutoArr's web UI opens from Home Assistant's sidebar (ingress), not on this port.", 403);
    }
    const file = path.normalize(path.join(root, rel));
    if (file !== root && !file.startsWith(root + path.sep)) return c.text('Not found', 404);
    const ext = path.extname(rel);
    const stat = ext ? statFile(file) : undefined;
    if (stat) {
      const immutable = rel.startsWith('assets/');
      // The cards bundle keeps one URL across versions: browsers revalidate it and get a 304 while it is unchanged.
      const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
      const headers: Record<string, string> = {
        'content-type': TYPES[ext] ?? 'application/octet-stream',
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        etag,
        'last-modified': stat.mtime.toUTCString(),
      };
      // Home Assistant's frontend loads the cards as a module script from its own origin.
      if (isCards) headers['access-control-allow-origin'] = '*';
      if (notModified(c.req.header('if-none-match'), c.req.header('if-modified-since'), etag, stat.mtime)) {
        return new Response(null, { status: 304, headers });
      }
      return new Response(fs.readFileSync(file), { headers });
    }
    if (ext) return c.text('Not found', 404);
    const index = path.join(root, 'index.html');
    if (fs.existsSync(index)) {
      const html = withBase(fs.readFileSync(index, 'utf8'), c.req.header('x-ingress-path'));
      return c.html(html, 200, { 'cache-control': 'no-cache' });
    }
    return c.html(statusPage(ctx));
  });
  return app;
}

function statFile(file: string): fs.Stats | undefined {
  try {
    const st = fs.statSync(file);
    return st.isFile() ? st : undefined;
  } catch {
    return undefined;
  }
}

/** If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2); dates are compared to the second. */
export function notModified(
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
  etag: string,
  mtime: Date,
) {
  if (ifNoneMatch !== undefined)
    return ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
  if (ifModifiedSince === undefined) return false;
  const since = Date.parse(ifModifiedSince);
  return Number.isFinite(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since;
}

/**
 * In the add-on the UI is for ingress only (the Supervisor's address; loopback for the container's own checks); the
 * cards file and /health are open. Elsewhere the page itself is open and the API behind it asks for the token.
 */
export function webAllowed(mode: string, rel: string, addr: string): boolean {
  if (mode !== 'addon' || rel.startsWith('cards/') || rel === 'health') return true;
  return addr === SUPERVISOR_IP || isLoopback(addr);
}

/**
 * Under ingress the browser's path is /api/hassio_ingress/<token>/…; a <base> from X-Ingress-Path keeps relative URLs
 * right even when the page was opened without the trailing slash. Only a well-formed ingress path is used.
 */
export function withBase(html: string, ingressPath: string | undefined): string {
  if (!ingressPath || !/^\/api\/hassio_ingress\/[A-Za-z0-9_-]+\/?$/.test(ingressPath)) return html;
  const href = ingressPath.endsWith('/') ? ingressPath : `${ingressPath}/`;
  return html.replace(/<head>/i, `<head><base href="${href}">`);
}

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function statusPage(ctx: CoreContext): string {
  const h = buildHealth(ctx);
  const rows = Object.entries(h.apps)
    .map(
      ([id, a]) =>
        `<tr><td>${esc(a.name)}</td><td>${esc(id)}</td><td>${esc(a.state)}</td><td>${esc(a.version ?? '')}</td><td>${esc(a.message ?? '')}</td></tr>`,
    )
    .join('');
  return `<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>AutoArr</title>
<style>body{font-family:system-ui;margin:1rem}td,th{padding:.3rem .6rem;text-align:left}</style>
<h1>AutoArr ${esc(h.version)}</h1><p>Status: ${esc(h.status)}</p>
${(h.problems ?? []).map((p) => `<p><strong>Problem:</strong> ${esc(p.message)}</p>`).join('')}
<table><tr><th>App</th><th>Id</th><th>State</th><th>Version</th><th>Message</th></tr>${rows || '<tr><td colspan=5>No apps configured yet.</td></tr>'}</table>`;
}
