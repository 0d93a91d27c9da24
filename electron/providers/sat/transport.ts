// SAT wire mechanics: base-URL joining, the standard headers, Bearer auth renewed once after a 401
// (`../http/bearer.ts`), through the shared exchange layer — the raw bytes of every answer are kept
// (signatures are checked over exactly those).
import type { ProviderResult } from '../contract';
import type { Logger } from '../../log/logger';
import { createExchange, type Exchange } from '../http/exchange';
import { withBearer } from '../http/bearer';
import type { TokenCache } from './token-cache';

export type SatExchange = Exchange;

export type SatRequest = { method: 'GET' | 'POST'; path: string; body?: Buffer; signature?: string; timeoutMs: number };

export type SatTransport = (req: SatRequest) => Promise<ProviderResult<SatExchange>>;

/** `.../api` and `.../api/` both resolve `v2/order` to `.../api/v2/order` (sat.md §1.1). */
export function satUrl(baseUrl: string, path: string): URL {
  return new URL(path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
}

/** SAT's `Signature` header on an answer, if any. */
export function signatureOf(ex: Extract<SatExchange, { kind: 'answer' }>): string | null {
  return ex.headers.get('signature');
}

export function createSatTransport(opts: { baseUrl: string; tokens: TokenCache; connectTimeoutMs: number; log: Logger }): SatTransport {
  const exchange = createExchange({ provider: 'sat', log: opts.log });
  return (req) =>
    withBearer(opts.tokens, (token) => {
      const headers: Record<string, string> = {
        authorization: `Bearer ${token}`,
        accept: 'application/json',
        date: new Date().toUTCString(),
        'x-sat-sdk-version': 'loket@0.1',
      };
      if (req.body) headers['content-type'] = 'application/json';
      if (req.signature) headers.signature = req.signature;
      return exchange({
        url: satUrl(opts.baseUrl, req.path),
        method: req.method,
        headers,
        ...(req.body ? { body: req.body } : {}),
        connectTimeoutMs: opts.connectTimeoutMs,
        timeoutMs: req.timeoutMs,
        // The path without its query (product codes are harmless, but one rule for every label).
        label: req.path.split('?')[0]!,
      });
    });
}
