// SAT wire mechanics: base-URL joining, the standard headers, Bearer auth with one retry after a
// 401, and the raw bytes of every answer (signatures are checked over exactly those).
import { rawRequest, type RawResponse } from '../http/raw-request';
import type { ProviderResult } from '../contract';
import type { Logger } from '../../log/logger';
import type { TokenCache } from './token-cache';

export type SatExchange =
  | { kind: 'answer'; status: number; contentType: string; body: Buffer; signature: string | null }
  | { kind: 'not_sent'; detail: string }
  | { kind: 'lost'; detail: string };

export type SatRequest = { method: 'GET' | 'POST'; path: string; body?: Buffer; signature?: string; timeoutMs: number };

export type SatTransport = (req: SatRequest) => Promise<ProviderResult<SatExchange>>;

/** `.../api` and `.../api/` both resolve `v2/order` to `.../api/v2/order` (sat.md §1.1). */
export function satUrl(baseUrl: string, path: string): URL {
  return new URL(path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
}

export function createSatTransport(opts: { baseUrl: string; tokens: TokenCache; connectTimeoutMs: number; log: Logger }): SatTransport {
  async function once(req: SatRequest, token: string): Promise<{ ok: true; value: RawResponse } | { ok: false; exchange: SatExchange }> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      accept: 'application/json',
      date: new Date().toUTCString(),
      'x-sat-sdk-version': 'loket@0.1',
    };
    if (req.body) headers['content-type'] = 'application/json';
    if (req.signature) headers.signature = req.signature;
    const url = satUrl(opts.baseUrl, req.path);
    const started = Date.now();
    const r = await rawRequest({ url, method: req.method, headers, ...(req.body ? { body: req.body } : {}), connectTimeoutMs: opts.connectTimeoutMs, timeoutMs: req.timeoutMs });
    if (!r.ok) {
      const detail = `SAT ${req.method} ${req.path} ${r.error.phase}/${r.error.reason}: ${r.error.message}`;
      opts.log.warn('sat.transport_failure', { path: req.path, ...r.error });
      return { ok: false, exchange: r.error.phase === 'connect' ? { kind: 'not_sent', detail } : { kind: 'lost', detail } };
    }
    opts.log.info('sat.exchange', { method: req.method, path: req.path, status: r.value.status, ms: Date.now() - started, bytes: r.value.body.length });
    return r;
  }

  return async (req) => {
    const token = await opts.tokens.get();
    if (!token.ok) return token;
    let r = await once(req, token.value);
    if (r.ok && r.value.status === 401) {
      // The token was revoked or expired early: drop it, log in again, try once more.
      opts.tokens.clear();
      const again = await opts.tokens.get();
      if (!again.ok) return again;
      r = await once(req, again.value);
    }
    if (!r.ok) return { ok: true, value: r.exchange };
    const signature = r.value.headers.signature;
    return {
      ok: true,
      value: {
        kind: 'answer',
        status: r.value.status,
        contentType: String(r.value.headers['content-type'] ?? ''),
        body: r.value.body,
        signature: typeof signature === 'string' ? signature : null,
      },
    };
  };
}
