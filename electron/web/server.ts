// Web mode's HTTP host on 127.0.0.1: the built renderer and the core's calls as POST /api/<name>,
// only for a browser holding a session (sessions.ts). Every refusal happens before the core is
// touched: a foreign Host (421), no session (401), another site's Origin or a non-JSON body
// (403/415), a write without the CSRF header (403), a body over 64 KB (413). Slow clients are cut
// off (headers in 10 s, the whole request in 30 s) so they cannot hold connections open.
import { err } from '../../shared/domain/errors';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { invokeCall, isCallName, type HandlerTable } from '../app/invoke';
import { contract } from '../../shared/contract';
import type { Logger } from '../log/logger';
import { readBody } from './body';
import { NO_SESSION_PAGE } from './no-session-page';
import { checkApiCaller, checkHost } from './request-guard';
import { CSRF_HEADER, createWebSessions, type WebSessions } from './sessions';
import { SECURITY_HEADERS, serveStatic } from './static-files';

const MAX_BODY = 64 * 1024;

export type WebLimits = { headersMs: number; requestMs: number; keepAliveMs: number; maxConnections: number };
export const DEFAULT_LIMITS: WebLimits = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000, maxConnections: 256 };

export type WebHost = {
  /** The bare address (no token): what a browser without a session sees the "open the printed link" page at. */
  url: string;
  /** The address with the launch token: opening it gives the browser a session. */
  tokenUrl: string;
  port: number;
  close(): Promise<void>;
};

/** A loopback server bound to `port` with the slow-client limits, not yet answering (see startWebHost). */
export async function bindLoopback(port: number, limits: Partial<WebLimits> = {}): Promise<http.Server> {
  const l = { ...DEFAULT_LIMITS, ...limits };
  const server = http.createServer({
    headersTimeout: l.headersMs,
    requestTimeout: l.requestMs,
    keepAliveTimeout: l.keepAliveMs,
    // How often Node looks for requests past those limits (default 30 s, far too lax).
    connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(l.headersMs / 4))),
  });
  server.maxConnections = l.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS });
  res.end(JSON.stringify(value));
}

const refusal = (code: string, message: string, detail: string): object => (err({ code, message, detail }));

export async function startWebHost(opts: {
  handlers: HandlerTable;
  staticDir: string;
  /** A server from bindLoopback (web mode binds before opening the ledger), or a port to bind now. */
  server?: http.Server;
  port?: number;
  log: Logger;
  now?: () => number;
  launchToken?: string;
  limits?: Partial<WebLimits>;
  /** A session is gone (evicted): the core forgets who was signed in at it. */
  onSessionEnd?: (sessionId: string) => void;
}): Promise<WebHost> {
  const server = opts.server ?? (await bindLoopback(opts.port ?? 0, opts.limits));
  const port = (server.address() as AddressInfo).port;
  const log = opts.log.child('web');
  const sessions: WebSessions = createWebSessions({
    now: opts.now ?? Date.now,
    ...(opts.launchToken ? { launchToken: opts.launchToken } : {}),
    ...(opts.onSessionEnd ? { onEnd: opts.onSessionEnd } : {}),
  });

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', ...SECURITY_HEADERS }).end();
      return;
    }
    const session = sessions.fromCookies(req.headers.cookie);
    if (!session) {
      sendJson(res, 401, refusal('session_required', 'Buka Loket lewat tautan yang dicetak Loket saat dijalankan.', 'no valid session cookie'));
      return;
    }
    const verdict = checkApiCaller(req, port);
    if (!verdict.ok) {
      log.warn('web.refused', { reason: verdict.reason, path: req.url });
      sendJson(res, verdict.status, refusal('forbidden', 'Ditolak.', verdict.reason));
      return;
    }
    if (!isCallName(name)) {
      sendJson(res, 404, refusal('invalid_request', 'Panggilan tidak dikenal.', name.slice(0, 80)));
      return;
    }
    if (contract[name].kind === 'write' && !sessions.csrfMatches(session, req.headers[CSRF_HEADER])) {
      log.warn('web.refused', { reason: 'csrf', path: req.url });
      sendJson(res, 403, refusal('forbidden', 'Ditolak.', 'missing or wrong X-Loket-CSRF header'));
      return;
    }
    const body = await readBody(req, MAX_BODY);
    if (!body.ok) {
      res.setHeader('connection', 'close');
      sendJson(res, body.status, refusal('invalid_request', body.status === 413 ? 'Permintaan terlalu besar.' : 'Permintaan tidak valid.', body.reason));
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.text || '{}');
    } catch {
      sendJson(res, 400, refusal('invalid_request', 'Permintaan tidak valid.', 'body is not JSON'));
      return;
    }
    sendJson(res, 200, await invokeCall(opts.handlers, name, payload, log, { session: session.id }));
  }

  /** Opening the printed URL: the token becomes a session, and the address bar loses the token. */
  function enter(res: http.ServerResponse, url: URL): boolean {
    const presented = url.searchParams.get('token');
    if (presented === null) return false;
    const session = sessions.exchange(presented);
    if (!session) {
      log.warn('web.bad_token', {});
      return false;
    }
    url.searchParams.delete('token');
    res.writeHead(303, { location: url.pathname + url.search, 'set-cookie': sessions.setCookieHeaders(session), 'cache-control': 'no-store', ...SECURITY_HEADERS });
    res.end();
    return true;
  }

  function handlePage(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if ((req.method === 'GET' || req.method === 'HEAD') && enter(res, url)) return Promise.resolve();
    if (!sessions.fromCookies(req.headers.cookie)) {
      res.writeHead(401, { ...SECURITY_HEADERS, ...NO_SESSION_PAGE.headers });
      res.end(req.method === 'HEAD' ? undefined : NO_SESSION_PAGE.html);
      return Promise.resolve();
    }
    return serveStatic(opts.staticDir, req, res);
  }

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const host = checkHost(req, port);
    if (!host.ok) {
      log.warn('web.refused', { reason: host.reason });
      res.writeHead(host.status, { 'content-type': 'text/plain', ...SECURITY_HEADERS }).end('Misdirected request');
      return;
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://x');
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain', ...SECURITY_HEADERS }).end('bad request');
      return;
    }
    const work = url.pathname.startsWith('/api/') ? handleApi(req, res, url.pathname.slice('/api/'.length)) : handlePage(req, res, url);
    work.catch((e: unknown) => {
      log.error('web.failed', { error: String(e) });
      if (!res.headersSent) res.writeHead(500, SECURITY_HEADERS).end();
    });
  });

  const base = `http://127.0.0.1:${port}/`;
  return {
    url: base,
    tokenUrl: `${base}?token=${sessions.launchToken}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
