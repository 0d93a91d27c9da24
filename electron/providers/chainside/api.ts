// Chainside WebPos v1 over HTTP (chainside.md §1–§4): `X-Api-Version: v1`, JSON both ways, a
// client-credentials token cached for its lifetime and fetched again once after 1004 (or 1007,
// which some servers answer for an expired token) — never in a loop. Every answer is read into
// one of: a checked body, a Chainside error, garbage, not sent, or lost (it may have arrived).
import { ok, err } from '../../../shared/domain/errors';
import type { ZodType } from 'zod';
import { rawRequest, type RawResponse } from '../http/raw-request';
import { createCachedToken, type TokenCache } from '../http/cached-token';
import type { Logger } from '../../log/logger';
import type { ProviderError, ProviderResult } from '../contract';
import { CallbackList, CreationResponse, DeletionResponse, ErrorBody, OrderBody, OrderList, TokenResponse } from './schema';
import { CANNOT_REACH, chainsideError, fromErrorBody } from './errors';
import { rupiahToFiat } from './amounts';

export type ChainsideEndpoint = { baseUrl: string; clientId: string; secret: string };
export type ChainsideTimeouts = { connectMs: number; createMs: number; readMs: number };
export const DEFAULT_CHAINSIDE_TIMEOUTS: ChainsideTimeouts = { connectMs: 5_000, createMs: 20_000, readMs: 10_000 };
export const CHAINSIDE_LIVE_URL = 'https://api.webpos.chainside.net';
export const CHAINSIDE_SANDBOX_URL = 'https://api.sandbox.webpos.chainside.net';

export type Answer<T> =
  | { kind: 'ok'; value: T }
  /** Chainside answered with an error body: nothing was done (except where the code says otherwise). */
  | { kind: 'error'; status: number; code: string; error: ProviderError }
  /** An answer that is not what the API sends (a proxy's page, a broken body): the outcome is unknown. */
  | { kind: 'garbage'; detail: string }
  /** Provably never reached Chainside. */
  | { kind: 'not_sent'; detail: string }
  /** May have reached Chainside and been processed. */
  | { kind: 'lost'; detail: string };

export type ListQuery = {
  status?: string;
  page?: number;
  pageSize?: number;
  sortBy?: 'amount' | 'created_at';
  sortOrder?: 'asc' | 'desc';
};

export type NewOrder = { amount: number; reference: string; details: string; requiredConfirmations: number; callbackUrl: string | null };

export type ChainsideApi = {
  create(order: NewOrder): Promise<Answer<CreationResponse>>;
  get(uuid: string): Promise<Answer<OrderBody>>;
  list(q: ListQuery): Promise<Answer<OrderList>>;
  cancel(uuid: string): Promise<Answer<DeletionResponse>>;
  callbacks(uuid: string): Promise<Answer<CallbackList>>;
  /** Sandbox and simulator only: back to unpaid / force the state a callback implies. */
  testReset(uuid: string): Promise<Answer<OrderBody>>;
  testUpdate(uuid: string, callback: string): Promise<Answer<null>>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createChainsideApi(opts: { endpoint: ChainsideEndpoint; timeouts: ChainsideTimeouts; log: Logger; now: () => number }): ChainsideApi {
  const base = opts.endpoint.baseUrl.replace(/\/+$/, '');
  const common = { accept: 'application/json', 'content-type': 'application/json', 'x-api-version': 'v1', 'user-agent': 'loket/0.1' };

  async function send(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, headers: Record<string, string>, body: unknown, timeoutMs: number) {
    const started = Date.now();
    const r = await rawRequest({
      url: new URL(`${base}${path}`),
      method,
      headers: { ...common, ...headers },
      ...(body === undefined ? {} : { body: Buffer.from(JSON.stringify(body)) }),
      connectTimeoutMs: opts.timeouts.connectMs,
      timeoutMs,
    });
    if (r.ok) opts.log.info('chainside.exchange', { method, path: path.replace(UUID_IN_PATH, ':uuid'), status: r.value.status, ms: Date.now() - started });
    else opts.log.warn('chainside.transport_failure', { method, path: path.replace(UUID_IN_PATH, ':uuid'), ...r.error });
    return r;
  }

  async function fetchToken(): Promise<ProviderResult<{ value: string; renewAt: number }>> {
    const started = opts.now();
    const basic = Buffer.from(`${opts.endpoint.clientId}:${opts.endpoint.secret}`).toString('base64');
    const r = await send('POST', '/token', { authorization: `Basic ${basic}` }, { grant_type: 'client_credentials', scope: '*' }, opts.timeouts.readMs);
    if (!r.ok) return err(chainsideError('provider_unavailable', CANNOT_REACH, `Chainside token ${r.error.phase}/${r.error.reason}: ${r.error.message}`, null));
    const read = readAnswer(r.value, TokenResponse);
    if (read.kind === 'ok') {
      const life = read.value.expires_in * 1000;
      return ok({ value: read.value.access_token, renewAt: started + life - Math.min(60_000, life / 10) });
    }
    if (read.kind === 'error') return err(read.error);
    return err(chainsideError('provider_bad_response', 'Jawaban login Chainside tidak bisa dibaca.', read.kind === 'garbage' ? read.detail : 'token', null));
  }
  const token: TokenCache = createCachedToken(fetchToken, opts.now);

  async function call<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, schema: ZodType<T> | null, body: unknown, timeoutMs: number, retried = false): Promise<Answer<T>> {
    const t = await token.get();
    if (!t.ok) return t.error.code === 'provider_unavailable' && t.error.providerCode === null ? { kind: 'not_sent', detail: t.error.detail } : { kind: 'error', status: 0, code: t.error.providerCode ?? 'token', error: t.error };
    const r = await send(method, path, { authorization: `Bearer ${t.value}` }, body, timeoutMs);
    if (!r.ok) {
      const detail = `Chainside ${method} ${path} ${r.error.phase}/${r.error.reason}: ${r.error.message}`;
      return r.error.phase === 'connect' ? { kind: 'not_sent', detail } : { kind: 'lost', detail };
    }
    const read = readAnswer(r.value, schema);
    if (read.kind === 'error' && (read.code === '1004' || read.code === '1007') && !retried) {
      // The token ran out before we thought; nothing was done with it. One new token, one retry.
      token.clear();
      return call(method, path, schema, body, timeoutMs, true);
    }
    return read;
  }

  return {
    create: (o) =>
      call('POST', '/payment-order', CreationResponse, {
        amount: rupiahToFiat(o.amount),
        reference: o.reference,
        details: o.details.slice(0, 300),
        required_confirmations: o.requiredConfirmations,
        ...(o.callbackUrl ? { callback_url: o.callbackUrl } : {}),
      }, opts.timeouts.createMs),
    get: (uuid) => (UUID.test(uuid) ? call('GET', `/payment-order/${uuid}`, OrderBody, undefined, opts.timeouts.readMs) : Promise.resolve(notUuid(uuid))),
    list: (q) => {
      const params = new URLSearchParams();
      if (q.status) params.set('status', q.status);
      if (q.page !== undefined) params.set('page', String(q.page));
      if (q.pageSize !== undefined) params.set('page_size', String(Math.min(40, q.pageSize)));
      if (q.sortBy) params.set('sort_by', q.sortBy);
      if (q.sortOrder) params.set('sort_order', q.sortOrder);
      const qs = params.toString();
      return call('GET', `/payment-order${qs ? `?${qs}` : ''}`, OrderList, undefined, opts.timeouts.readMs);
    },
    cancel: (uuid) => (UUID.test(uuid) ? call('DELETE', `/payment-order/${uuid}`, DeletionResponse, undefined, opts.timeouts.readMs) : Promise.resolve(notUuid(uuid))),
    callbacks: (uuid) => (UUID.test(uuid) ? call('GET', `/payment-order/${uuid}/callbacks`, CallbackList, undefined, opts.timeouts.readMs) : Promise.resolve(notUuid(uuid))),
    testReset: (uuid) => call('PATCH', `/payment-order/${uuid}/test/reset`, OrderBody, undefined, opts.timeouts.readMs),
    // The trailing slash is the SDKs' route (chainside.md §2).
    testUpdate: (uuid, callback) => call('PATCH', `/payment-order/${uuid}/test/`, null, { callback }, opts.timeouts.readMs),
  };
}

const UUID_IN_PATH = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

function notUuid<T>(uuid: string): Answer<T> {
  return { kind: 'error', status: 0, code: 'uuid', error: chainsideError('invalid_request', 'Nomor pesanan bitcoin tidak sah.', `not a uuid: ${uuid.slice(0, 60)}`, null) };
}

function readAnswer<T>(r: RawResponse, schema: ZodType<T> | null): Answer<T> {
  const text = r.body.toString('utf8');
  const snippet = `HTTP ${r.status} ${String(r.headers['content-type'] ?? '')}: ${text.slice(0, 120).replace(/\s+/g, ' ')}`;
  let json: unknown = null;
  if (text.length > 0) {
    try {
      json = JSON.parse(text);
    } catch {
      return { kind: 'garbage', detail: snippet };
    }
  }
  if (r.status > 299) {
    const e = ErrorBody.safeParse(json);
    return e.success ? { kind: 'error', status: r.status, code: e.data.error_code, error: fromErrorBody(r.status, e.data) } : { kind: 'garbage', detail: snippet };
  }
  if (schema === null) return { kind: 'ok', value: null as T };
  const parsed = schema.safeParse(json);
  return parsed.success ? { kind: 'ok', value: parsed.data } : { kind: 'garbage', detail: `${snippet} (${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''})` };
}
