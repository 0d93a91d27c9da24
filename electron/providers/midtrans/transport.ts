// Midtrans wire mechanics (midtrans.md §2): Basic auth with the server key and an empty password,
// JSON both ways, our own timeouts (the official client has none), and the exact bytes received —
// through the shared exchange layer (`../http/exchange.ts`): answered / not sent / lost.
import type { Logger } from '../../log/logger';
import { createExchange, type Exchange } from '../http/exchange';

export type MidtransExchange = Exchange;

export type MidtransTransport = (req: { method: 'GET' | 'POST'; path: string; body?: unknown; timeoutMs: number; accept?: string }) => Promise<MidtransExchange>;

export function createMidtransTransport(opts: { baseUrl: string; serverKey: string; connectTimeoutMs: number; log: Logger }): MidtransTransport {
  const auth = `Basic ${Buffer.from(`${opts.serverKey}:`).toString('base64')}`;
  const base = opts.baseUrl.replace(/\/+$/, '');
  const exchange = createExchange({ provider: 'midtrans', log: opts.log });
  return (req) =>
    exchange({
      url: new URL(`${base}${req.path}`),
      method: req.method,
      headers: { authorization: auth, accept: req.accept ?? 'application/json', 'content-type': 'application/json', 'user-agent': 'loket/0.1' },
      ...(req.body === undefined ? {} : { body: Buffer.from(JSON.stringify(req.body)) }),
      connectTimeoutMs: opts.connectTimeoutMs,
      timeoutMs: req.timeoutMs,
      label: req.path,
    });
}
