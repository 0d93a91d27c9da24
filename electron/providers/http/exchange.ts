// The one exchange layer every provider client speaks through (issue 14): one result union, one
// phase mapping, one place that logs an exchange (masked by the logger's secrets).
//
// Built on ky, the HTTP client the design names, with ky's `fetch` pointed at `rawRequest` over
// node:http, so the fact the money path needs survives: whether a failed request can have reached
// the server. ky's retry is off (a retry of a purchase is a decision of the sale's state machine,
// never of a library), `throwHttpErrors` is off (a 4xx body is an answer to read), and ky's own
// timeout is off (the transport owns connect and total timeouts, and knows which phase it was in).
import ky from 'ky';
import type { Logger } from '../../log/logger';
import { rawRequest, type RawRequestOptions, type TransportFailure } from './raw-request';

/**
 * - answer: the server answered; `body` holds the exact bytes received (signatures are checked
 *   over them);
 * - not_sent: provably never reached the server (failed before the connection was established);
 * - lost: may have reached the server and been acted on — resolve by status under the same id.
 */
export type Exchange =
  | { kind: 'answer'; status: number; headers: Headers; contentType: string; body: Buffer }
  | { kind: 'not_sent'; detail: string; failure: TransportFailure }
  | { kind: 'lost'; detail: string; failure: TransportFailure };

export type ExchangeRequest = {
  url: URL;
  method: RawRequestOptions['method'];
  headers?: Record<string, string>;
  body?: Buffer;
  connectTimeoutMs: number;
  timeoutMs: number;
  maxBodyBytes?: number;
  /** A short name for the log ("transaction", "v2/order"); never the URL's query (it may carry keys). */
  label: string;
};

/** The one phase mapping: only a failure before the connection stood proves nothing was sent. */
export function phaseKind(failure: TransportFailure): 'not_sent' | 'lost' {
  return failure.phase === 'connect' ? 'not_sent' : 'lost';
}

/** Carries a transport failure through ky untouched (ky rethrows what its fetch throws). */
class TransportError extends Error {
  constructor(readonly failure: TransportFailure) {
    super(failure.message);
  }
}

const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/** A fetch-compatible function over rawRequest; limits and timeouts come from the closure. */
function fetchOver(limits: Pick<ExchangeRequest, 'connectTimeoutMs' | 'timeoutMs' | 'maxBodyBytes'>): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    const r = await rawRequest({
      url: new URL(request.url),
      method: request.method as RawRequestOptions['method'],
      headers,
      ...(body ? { body } : {}),
      connectTimeoutMs: limits.connectTimeoutMs,
      timeoutMs: limits.timeoutMs,
      ...(limits.maxBodyBytes === undefined ? {} : { maxBodyBytes: limits.maxBodyBytes }),
    });
    if (!r.ok) throw new TransportError(r.error);
    const out = new Headers();
    for (const [name, value] of Object.entries(r.value.headers)) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value]) out.append(name, v);
    }
    if (r.value.status < 200 || r.value.status > 599) {
      // A status fetch cannot represent: the server said something, but not an HTTP answer we can read.
      throw new TransportError({ phase: 'sent', reason: 'other', message: `unusable HTTP status ${r.value.status}` });
    }
    return new Response(NULL_BODY_STATUS.has(r.value.status) ? null : r.value.body, { status: r.value.status, headers: out });
  };
}

export type ExchangeFn = (req: ExchangeRequest) => Promise<Exchange>;

export function createExchange(opts: { provider: string; log: Logger }): ExchangeFn {
  return async (req) => {
    const started = Date.now();
    try {
      const response = await ky(req.url, {
        method: req.method,
        headers: req.headers ?? {},
        ...(req.body ? { body: req.body } : {}),
        retry: 0,
        throwHttpErrors: false,
        timeout: false,
        fetch: fetchOver(req),
      });
      const body = Buffer.from(await response.arrayBuffer());
      opts.log.info(`${opts.provider}.exchange`, { label: req.label, method: req.method, status: response.status, ms: Date.now() - started, bytes: body.length });
      return { kind: 'answer', status: response.status, headers: response.headers, contentType: response.headers.get('content-type') ?? '', body };
    } catch (e) {
      const failure: TransportFailure = e instanceof TransportError ? e.failure : { phase: 'sent', reason: 'other', message: e instanceof Error ? e.message : String(e) };
      const kind = phaseKind(failure);
      opts.log.warn(`${opts.provider}.transport_failure`, { label: req.label, ...failure });
      return { kind, failure, detail: `${opts.provider} ${req.method} ${req.label} ${failure.phase}/${failure.reason}: ${failure.message}` };
    }
  };
}

/** The answer's body as JSON, or null when it is not JSON (a proxy's HTML page, garbage). */
export function jsonOf(ex: Extract<Exchange, { kind: 'answer' }>): unknown {
  try {
    return JSON.parse(ex.body.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

/** A short, single-line view of an answer for the log and the sale's detail. */
export function snippetOf(ex: Extract<Exchange, { kind: 'answer' }>): string {
  return `HTTP ${ex.status} ${ex.contentType}: ${ex.body.toString('utf8').replace(/\s+/g, ' ').slice(0, 160)}`;
}

/** Exchanges as values, for scripted transports in tests and fakes. */
export const exchanged = {
  answer: (status: number, body: string | Buffer, contentType = 'application/json'): Exchange => ({
    kind: 'answer',
    status,
    headers: new Headers({ 'content-type': contentType }),
    contentType,
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  }),
  notSent: (detail: string): Exchange => ({ kind: 'not_sent', detail, failure: { phase: 'connect', reason: 'other', message: detail } }),
  lost: (detail: string): Exchange => ({ kind: 'lost', detail, failure: { phase: 'sent', reason: 'other', message: detail } }),
};
