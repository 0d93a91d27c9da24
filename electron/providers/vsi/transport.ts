// VSI wire mechanics: one HTTP GET per command, every parameter in the query string, a fresh
// dt/hc per request, resp=XML always (the plaintext default is unparseable by design).
import { createExchange } from '../http/exchange';
import type { Logger } from '../../log/logger';
import { decodeBody, parseVsiXml, type FlatXml } from './xml';
import { vsiDt, vsiHash, type DtFormat } from './signing';

export type VsiEndpoint = { baseUrl: string; clientId: string; secret: string; dtFormat: DtFormat };

export type VsiExchange =
  | { kind: 'answer'; fields: FlatXml }
  /** Provably never reached the server (DNS, refused, connect timeout). */
  | { kind: 'not_sent'; detail: string }
  /** May have been processed: timeout after sending, reset, HTTP error status, unreadable body. */
  | { kind: 'lost'; detail: string };

export type VsiCommand = { command: 'INQ' | 'PAY' | 'ADV'; trxid: string; params: Record<string, string> };

export type VsiTransport = (command: VsiCommand, timeoutMs: number) => Promise<VsiExchange>;

export function buildVsiUrl(endpoint: VsiEndpoint, cmd: VsiCommand, nowMs: number): URL {
  const url = new URL(endpoint.baseUrl);
  const dt = vsiDt(nowMs, endpoint.dtFormat);
  const query = new URLSearchParams({ modul: 'PRE', command: cmd.command, ...cmd.params });
  query.set('cid', endpoint.clientId);
  query.set('dt', dt);
  query.set('hc', vsiHash(endpoint.clientId, dt, endpoint.secret));
  query.set('trxid', cmd.trxid);
  query.set('resp', 'XML');
  url.search = query.toString();
  return url;
}

function forLog(url: URL): string {
  const copy = new URL(url.toString());
  if (copy.searchParams.has('hc')) copy.searchParams.set('hc', '***');
  return copy.toString();
}

/** Why a 200 answer could not be read — the plaintext default (resp ignored) is named as such. */
export function describeUnreadable(text: string): string {
  if (text.trim() === '') return 'empty body';
  if (/<\s*root\s*>/i.test(text)) return 'malformed or truncated XML';
  if (/^\s*</.test(text)) return 'not a VSI document (HTML or other markup)';
  return 'plaintext answer (the vendor ignored resp=XML)';
}

function snippet(text: string): string {
  return text.replace(/\s+/g, ' ').slice(0, 160);
}

export function createVsiTransport(
  endpoint: VsiEndpoint,
  options: { connectTimeoutMs: number; now: () => number; log: Logger },
): VsiTransport {
  const exchange = createExchange({ provider: 'vsi', log: options.log });
  return async (cmd, timeoutMs) => {
    const url = buildVsiUrl(endpoint, cmd, options.now());
    // The query carries the signature and the client id: the exchange logs only the command.
    const ex = await exchange({ url, method: 'GET', headers: { accept: 'application/xml, text/xml;q=0.9, */*;q=0.1' }, connectTimeoutMs: options.connectTimeoutMs, timeoutMs, label: cmd.command });
    if (ex.kind !== 'answer') return { kind: ex.kind, detail: ex.detail };
    const decoded = decodeBody(ex.body);
    if (decoded.latin1) options.log.warn('vsi.latin1_body', { command: cmd.command });
    if (ex.status !== 200) {
      return { kind: 'lost', detail: `VSI ${cmd.command} HTTP ${ex.status}: ${snippet(decoded.text)}` };
    }
    const fields = parseVsiXml(decoded.text);
    if (!fields) {
      const what = describeUnreadable(decoded.text);
      options.log.warn('vsi.unreadable', { command: cmd.command, what, url: forLog(url) });
      return { kind: 'lost', detail: `VSI ${cmd.command} ${what}: ${snippet(decoded.text)}` };
    }
    return { kind: 'answer', fields };
  };
}
