// Worldline wire mechanics (worldline.md §6): bearer auth, the SDK headers (Date, Trace-Id,
// X-WL-ServerMetaInfo), one retry after a 401 with a fresh token, and request/response lines in
// the log with every card detail obfuscated (§5).
import { randomUUID } from 'node:crypto';
import { createExchange, type Exchange } from '../http/exchange';
import { withBearer } from '../http/bearer';
import type { ProviderResult } from '../contract';
import type { Logger } from '../../log/logger';
import type { WorldlineTokenCache } from './token-cache';
import { obfuscateBody, obfuscateHeaders } from './obfuscate';

export type WorldlineExchange = Exchange;

export type WorldlineRequest = { method: 'GET' | 'POST'; path: string; body?: unknown; timeoutMs: number };
export type WorldlineTransport = (req: WorldlineRequest) => Promise<ProviderResult<WorldlineExchange>>;

const META = Buffer.from(
  JSON.stringify({ platformIdentifier: `${process.platform} Node.js/${process.version}`, sdkIdentifier: 'LoketServerSDK/v0.1', sdkCreator: 'Loket', integrator: 'Loket' }),
).toString('base64');

function logBody(text: string): unknown {
  try {
    return obfuscateBody(JSON.parse(text));
  } catch {
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  }
}

export function createWorldlineTransport(opts: { apiUrl: string; tokens: WorldlineTokenCache; connectTimeoutMs: number; log: Logger }): WorldlineTransport {
  const origin = opts.apiUrl.replace(/\/+$/, '');
  const exchange = createExchange({ provider: 'worldline', log: opts.log });
  async function once(req: WorldlineRequest, token: string): Promise<WorldlineExchange> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      date: new Date().toUTCString(),
      'trace-id': randomUUID(),
      'x-wl-servermetainfo': META,
      accept: 'application/json',
    };
    const body = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    if (body) headers['content-type'] = 'application/json';
    opts.log.info('worldline.request', { method: req.method, path: req.path, headers: obfuscateHeaders(headers), body: req.body === undefined ? null : obfuscateBody(req.body) });
    const ex = await exchange({ url: new URL(`${origin}${req.path}`), method: req.method, headers, ...(body ? { body } : {}), connectTimeoutMs: opts.connectTimeoutMs, timeoutMs: req.timeoutMs, label: req.path });
    // Card details never reach the log unmasked (§5): the body is logged obfuscated, here only.
    if (ex.kind === 'answer') opts.log.info('worldline.response', { path: req.path, status: ex.status, body: logBody(ex.body.toString('utf8')) });
    return ex;
  }

  // The SDKs pass a 401 to the caller; the docs say to get a new token and try again. Once.
  return (req) => withBearer(opts.tokens, (token) => once(req, token));
}
