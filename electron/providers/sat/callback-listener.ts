// SAT's callbacks (sat.md §4.7): POST of the final order, signed like a status answer. Callbacks
// only reach a public HTTPS URL, so this listens on loopback behind the owner's reverse proxy or
// tunnel; polling stays primary. A callback is only a hint: after the signature checks out we ask
// SAT for the order's status ourselves ("pull-confirm"), so a replayed, late or out-of-order
// callback can change nothing.
import http from 'node:http';
import { createPublicKey } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Logger } from '../../log/logger';
import { verifyPss } from './signing';

export type SatCallbackListener = { url: string; close(): Promise<void> };

const CallbackBody = z.object({ data: z.object({ type: z.literal('order'), id: z.string().min(1) }) });
const MAX_BODY = 64 * 1024;

export async function startSatCallbackListener(opts: {
  port: number;
  path: string;
  satPublicKeyPem: string;
  log: Logger;
  onOrder: (requestId: string) => void;
}): Promise<SatCallbackListener> {
  const key = createPublicKey(opts.satPublicKeyPem);
  const reply = (res: http.ServerResponse, status: number, body: object): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== opts.path) return reply(res, 404, { message: 'NOT_FOUND' });
    if (req.method !== 'POST') return reply(res, 405, { message: 'METHOD_NOT_ALLOWED' });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const signature = req.headers.signature;
      if (typeof signature !== 'string' || !verifyPss(body, signature, key)) {
        opts.log.warn('sat.callback_bad_signature', { bytes: body.length });
        return reply(res, 400, { message: 'INVALID_SIGNATURE' });
      }
      let parsed: ReturnType<typeof CallbackBody.safeParse>;
      try {
        parsed = CallbackBody.safeParse(JSON.parse(body.toString('utf8')));
      } catch {
        return reply(res, 400, { message: 'INVALID_PAYLOAD' });
      }
      if (!parsed.success) return reply(res, 400, { message: 'INVALID_PAYLOAD' });
      opts.log.info('sat.callback', { requestId: parsed.data.data.id });
      reply(res, 200, { message: 'OK' });
      opts.onOrder(parsed.data.data.id);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${opts.path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
