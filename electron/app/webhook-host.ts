// One loopback HTTP listener for the providers' pushes (SAT callbacks, Midtrans notifications),
// behind the owner's reverse proxy or tunnel: providers only reach public HTTPS. Each route reads
// the raw bytes with its provider's own verifier; the handler only hints "ask about this one".
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { asSystem } from '../db/actor';

export type WebhookAnswer = { status: number; body: object; then?: () => void };
export type WebhookRoute = (raw: Buffer, headers: http.IncomingHttpHeaders) => WebhookAnswer;
export type WebhookHost = { url: string; close(): Promise<void> };

const MAX_BODY = 64 * 1024;

export async function startWebhookHost(port: number, routes: Record<string, WebhookRoute>): Promise<WebhookHost> {
  const reply = (res: http.ServerResponse, status: number, body: object): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (!route) return reply(res, 404, { message: 'NOT_FOUND' });
    if (req.method !== 'POST') return reply(res, 405, { message: 'METHOD_NOT_ALLOWED' });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    // A push is nobody's action at the counter, even if the listener was started from a settings call.
    req.on('end', () =>
      asSystem(() => {
        const answer = route(Buffer.concat(chunks), req.headers);
        reply(res, answer.status, answer.body);
        answer.then?.();
      }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
