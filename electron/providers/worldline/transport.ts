// Worldline wire mechanics (worldline.md §6): bearer auth, the SDK headers (Date, Trace-Id,
// X-WL-ServerMetaInfo), one retry after a 401 with a fresh token, and request/response lines in
// the log with every card detail obfuscated (§5).
import { randomUUID } from 'node:crypto';
import { rawRequest } from '../http/raw-request';
import type { ProviderResult } from '../contract';
import type { Logger } from '../../log/logger';
import type { WorldlineTokenCache } from './token-cache';
import { obfuscateBody, obfuscateHeaders } from './obfuscate';

export type WorldlineExchange =
  | { kind: 'answer'; status: number; contentType: string; body: Buffer }
  | { kind: 'not_sent'; detail: string }
  | { kind: 'lost'; detail: string };

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
    const started = Date.now();
    opts.log.info('worldline.request', { method: req.method, path: req.path, headers: obfuscateHeaders(headers), body: req.body === undefined ? null : obfuscateBody(req.body) });
    const r = await rawRequest({ url: new URL(`${origin}${req.path}`), method: req.method, headers, ...(body ? { body } : {}), connectTimeoutMs: opts.connectTimeoutMs, timeoutMs: req.timeoutMs });
    if (!r.ok) {
      const detail = `Worldline ${req.method} ${req.path} ${r.error.phase}/${r.error.reason}: ${r.error.message}`;
      opts.log.warn('worldline.transport_failure', { path: req.path, ...r.error });
      return r.error.phase === 'connect' ? { kind: 'not_sent', detail } : { kind: 'lost', detail };
    }
    const text = r.value.body.toString('utf8');
    opts.log.info('worldline.response', { path: req.path, status: r.value.status, ms: Date.now() - started, body: logBody(text) });
    return { kind: 'answer', status: r.value.status, contentType: String(r.value.headers['content-type'] ?? ''), body: r.value.body };
  }

  return async (req) => {
    const token = await opts.tokens.get();
    if (!token.ok) return token;
    let ex = await once(req, token.value);
    if (ex.kind === 'answer' && ex.status === 401) {
      // The SDKs pass a 401 to the caller; the docs say to get a new token and try again. Once.
      opts.tokens.clear();
      const again = await opts.tokens.get();
      if (!again.ok) return again;
      ex = await once(req, again.value);
    }
    return { ok: true, value: ex };
  };
}
