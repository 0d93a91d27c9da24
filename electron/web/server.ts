import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { invokeCall, isCallName, type HandlerTable } from '../app/invoke';
import type { Logger } from '../log/logger';
import { checkApiCaller, checkHost } from './request-guard';
import { SECURITY_HEADERS, serveStatic } from './static-files';

const MAX_BODY = 64 * 1024;

export type WebHost = { url: string; port: number; close(): Promise<void> };

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS });
  res.end(JSON.stringify(value));
}

export async function startWebHost(opts: {
  handlers: HandlerTable;
  staticDir: string;
  port: number;
  log: Logger;
}): Promise<WebHost> {
  let port = opts.port;
  const log = opts.log.child('web');

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST', ...SECURITY_HEADERS }).end();
      return;
    }
    const verdict = checkApiCaller(req, port);
    if (!verdict.ok) {
      log.warn('web.refused', { reason: verdict.reason, path: req.url });
      sendJson(res, verdict.status, { ok: false, error: { code: 'forbidden', message: 'Ditolak.', detail: verdict.reason } });
      return;
    }
    if (!isCallName(name)) {
      sendJson(res, 404, { ok: false, error: { code: 'invalid_request', message: 'Panggilan tidak dikenal.', detail: name } });
      return;
    }
    const text = await readBody(req);
    let payload: unknown;
    try {
      payload = text === null ? undefined : JSON.parse(text || '{}');
    } catch {
      payload = undefined;
    }
    if (payload === undefined) {
      sendJson(res, 400, { ok: false, error: { code: 'invalid_request', message: 'Permintaan tidak valid.', detail: 'body is not JSON' } });
      return;
    }
    sendJson(res, 200, await invokeCall(opts.handlers, name, payload, log));
  }

  const server = http.createServer((req, res) => {
    const host = checkHost(req, port);
    if (!host.ok) {
      log.warn('web.refused', { reason: host.reason });
      res.writeHead(host.status, { 'content-type': 'text/plain', ...SECURITY_HEADERS }).end('Misdirected request');
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const work = pathname.startsWith('/api/')
      ? handleApi(req, res, pathname.slice('/api/'.length))
      : serveStatic(opts.staticDir, req, res);
    work.catch((e: unknown) => {
      log.error('web.failed', { error: String(e) });
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
