// Midtrans wire mechanics (midtrans.md §2): Basic auth with the server key and an empty password,
// JSON both ways, our own timeouts (the official client has none), and the exact bytes received.
import { rawRequest } from '../http/raw-request';
import type { Logger } from '../../log/logger';

export type MidtransExchange =
  | { kind: 'answer'; status: number; contentType: string; body: Buffer }
  /** Provably never reached Midtrans. */
  | { kind: 'not_sent'; detail: string }
  /** May have reached Midtrans and been processed. */
  | { kind: 'lost'; detail: string };

export type MidtransTransport = (req: { method: 'GET' | 'POST'; path: string; body?: unknown; timeoutMs: number }) => Promise<MidtransExchange>;

export function createMidtransTransport(opts: { baseUrl: string; serverKey: string; connectTimeoutMs: number; log: Logger }): MidtransTransport {
  const auth = `Basic ${Buffer.from(`${opts.serverKey}:`).toString('base64')}`;
  const base = opts.baseUrl.replace(/\/+$/, '');
  return async (req) => {
    const headers: Record<string, string> = { authorization: auth, accept: 'application/json', 'content-type': 'application/json', 'user-agent': 'loket/0.1' };
    const started = Date.now();
    const r = await rawRequest({
      url: new URL(`${base}${req.path}`),
      method: req.method,
      headers,
      ...(req.body === undefined ? {} : { body: Buffer.from(JSON.stringify(req.body)) }),
      connectTimeoutMs: opts.connectTimeoutMs,
      timeoutMs: req.timeoutMs,
    });
    if (!r.ok) {
      const detail = `Midtrans ${req.method} ${req.path} ${r.error.phase}/${r.error.reason}: ${r.error.message}`;
      opts.log.warn('midtrans.transport_failure', { path: req.path, ...r.error });
      return r.error.phase === 'connect' ? { kind: 'not_sent', detail } : { kind: 'lost', detail };
    }
    opts.log.info('midtrans.exchange', { method: req.method, path: req.path, status: r.value.status, ms: Date.now() - started });
    return { kind: 'answer', status: r.value.status, contentType: String(r.value.headers['content-type'] ?? ''), body: r.value.body };
  };
}
