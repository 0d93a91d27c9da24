// The SAT simulator (sat.md §10): OAuth token endpoint, ping, account, product list, inquiry,
// signed checkout, asynchronous fulfilment with signed status answers and callbacks, and the
// faults a real deployment shows. Training mode and the tests use it; it shares no code with the
// SAT client.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { simCatalogue, type SimProduct } from './catalog';
import { billFor, fulfil, satScenario } from './customers';
import { serveSimulator, type SimReply } from '../http-host';
import { generateSimKeys, partnerSignatureValid, satSign } from './keys';
import { openSatStore, type SimOrder } from './state';

export type SatSimConfig = {
  /** Pending → final after this long. */
  fulfilMs: number;
  /** How long a hanging checkout (…0408) waits: past the client's checkout timeout. */
  hangMs: number;
  tokenLifetimeS: number;
  /** Where final orders are POSTed (loopback only); null: no callbacks. */
  callbackUrl: string | null;
  /** Fault switches for tests: the next N answers of that kind. */
  /**
   * `stalePaidBills`: the biller still shows a bill that was just paid (its records lag), so only
   * the counter's own ledger can tell that it is being paid twice.
   */
  /** `oddProductStatus`: one product is listed with a status SAT never published (9). */
  fault: { status500: number; html502: number; slowMs: number; badSignature: boolean; stalePaidBills: boolean; oddProductStatus: boolean };
  /**
   * An inquiry on a product SAT marks is_inquiry: false (PLN tokens): 'answer' it (the lenient reading)
   * or 'refuse' it with 400 P01, as SAT's docs allow (issue 15 §2).
   */
  inquiryOnNonInquiry: 'answer' | 'refuse';
};

export type SatSimOptions = {
  port?: number;
  clientId?: string;
  clientSecret?: string;
  statePath?: string | null;
  deposit?: number;
  now?: () => number;
  config?: Partial<Omit<SatSimConfig, 'fault'>> & { fault?: Partial<SatSimConfig['fault']> };
  onRequest?: (r: { method: string; path: string; requestId: string | null }) => void;
};

export type SatSimulator = {
  baseUrl: string;
  tokenUrl: string;
  port: number;
  credentials: { clientId: string; clientSecret: string; privateKeyPem: string; satPublicKeyPem: string };
  orders(): SimOrder[];
  /** Every inquiry received, with what it carried besides the product (tests: `fields`, `downline_id`). */
  inquiries(): Array<{ productCode: string; clientNumber: string; fields: Array<{ name: string; value: string }> | null; downlineId: string | null }>;
  checkoutCount(requestId: string): number;
  /** Status reads (GET v2/order/:id) received for this request id: tests wait on it instead of the clock. */
  statusReads(requestId: string): number;
  deposit(): number;
  setDeposit(amount: number): void;
  /** Every issued token stops working (a revoked or early-expired token: the client must log in again). */
  revokeTokens(): void;
  configure(patch: Partial<Omit<SatSimConfig, 'fault'>> & { fault?: Partial<SatSimConfig['fault']> }): void;
  /** Resolves pending orders that are due and sends their callbacks (tests step time with this). */
  tick(): void;
  close(): Promise<void>;
};

type Reply = SimReply;

const json = (status: number, value: unknown): Reply => ({ status, body: JSON.stringify(value), contentType: 'application/json' });
const satError = (status: number, code: string, detail: string): Reply => json(status, { errors: [{ code, detail, status: String(status) }] });
const HTML_502 = '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

/** `2022-12-01T03:26:39Z`: what the Go SDK can parse (sat.md §4.6). */
const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function startSatSimulator(options: SatSimOptions = {}): Promise<SatSimulator> {
  const clientId = options.clientId ?? 'loket-sat-partner';
  const clientSecret = options.clientSecret ?? randomBytes(12).toString('hex');
  const now = options.now ?? Date.now;
  const catalogue = simCatalogue();
  const byCode = new Map(catalogue.map((p) => [p.code, p]));
  const store = openSatStore(options.statePath ?? null, () => ({ deposit: options.deposit ?? 50_000_000, keys: generateSimKeys(), orders: {}, checkouts: {} }));
  const config: SatSimConfig = {
    fulfilMs: 3_000,
    hangMs: 40_000,
    tokenLifetimeS: 3600,
    callbackUrl: null,
    inquiryOnNonInquiry: 'answer',
    ...options.config,
    fault: { status500: 0, html502: 0, slowMs: 0, badSignature: false, stalePaidBills: false, oddProductStatus: false, ...options.config?.fault },
  };
  const tokens = new Map<string, number>();
  const reads = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const inquiries: Array<{ productCode: string; clientNumber: string; fields: Array<{ name: string; value: string }> | null; downlineId: string | null }> = [];

  function authorized(req: http.IncomingMessage): boolean {
    const m = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
    const expires = m ? tokens.get(m[1]!) : undefined;
    return expires !== undefined && expires > now();
  }

  function issueToken(req: http.IncomingMessage, url: URL, body: string): Reply {
    const form = new URLSearchParams(body);
    const grant = form.get('grant_type') ?? url.searchParams.get('grant_type');
    let id = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
    if (basic) {
      const [u, p] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      id = decodeURIComponent(u ?? '');
      secret = decodeURIComponent(p ?? '');
    }
    if (grant !== 'client_credentials') return json(400, { error: 'unsupported_grant_type' });
    if (id !== clientId || secret !== clientSecret) return json(401, { error: 'invalid_client' });
    const token = `c:${randomBytes(16).toString('base64url')}`;
    tokens.set(token, now() + config.tokenLifetimeS * 1000);
    return json(200, { access_token: token, event_code: '', expires_in: config.tokenLifetimeS, last_login_type: '8', sq_check: false, token_type: 'Bearer' });
  }

  function productJson(p: SimProduct): object {
    const status = config.fault.oddProductStatus && p === catalogue[0] ? 9 : p.status;
    return {
      type: 'product',
      id: p.code,
      attributes: { product_name: p.name, price: p.price, is_inquiry: p.isInquiry, status, operator_name: p.operator, category_name: p.category, ...(p.fields ? { fields: p.fields } : {}) },
    };
  }

  type SentFields = Array<{ name: string; value: string }> | null;

  /** The request's `fields` as a list of {name, value} strings; 'bad' when it is something else. */
  function sentFields(raw: unknown): SentFields | 'bad' {
    if (raw === undefined || raw === null) return null;
    if (!Array.isArray(raw)) return 'bad';
    const out: Array<{ name: string; value: string }> = [];
    for (const f of raw) {
      if (typeof f !== 'object' || f === null || typeof (f as { name?: unknown }).name !== 'string' || typeof (f as { value?: unknown }).value !== 'string') return 'bad';
      out.push({ name: (f as { name: string }).name, value: (f as { value: string }).value });
    }
    return out;
  }

  /** A product that declares fields is refused without each of them (P01), as a validation error would be. */
  function missingField(p: SimProduct, fields: SentFields): Reply | null {
    for (const f of p.fields ?? []) {
      if (!fields?.some((x) => x.name === f.name && x.value.trim() !== '')) return satError(400, 'P01', `Field ${f.name} is required for this product`);
    }
    return null;
  }

  function orderJson(o: SimOrder, full: boolean): object {
    const attributes: Record<string, unknown> = {
      client_number: o.clientNumber,
      error_code: o.errorCode,
      error_detail: o.errorDetail,
      fields: o.fields ?? null,
      fulfilled_at: o.fulfilledAt,
      partner_fee: o.partnerFee,
      product_code: o.productCode,
      sales_price: o.salesPrice,
      serial_number: o.serial,
      status: o.status,
    };
    if (full) Object.assign(attributes, { admin_fee: o.adminFee, client_name: o.clientName, fulfillment_result: o.status === 'Success' ? o.lines : [], voucher_code: o.voucher });
    return { data: { type: 'order', id: o.id, attributes } };
  }

  function settle(o: SimOrder): boolean {
    if (o.status !== 'Pending' || now() < o.fulfilAt) return false;
    const p = byCode.get(o.productCode)!;
    if (satScenario(o.clientNumber) === 'fail_s02' || p.status === 3) {
      o.status = 'Failed';
      o.errorCode = 'S02';
      o.errorDetail = 'Product is not available';
      if (!o.refunded) {
        store.state.deposit += o.salesPrice;
        o.refunded = true;
      }
    } else {
      const f = fulfil(p, o.clientNumber, o.id, now());
      o.status = 'Success';
      o.serial = f.serial;
      o.voucher = f.voucher;
      o.lines = f.lines;
      o.fulfilledAt = isoSeconds(now());
    }
    store.save();
    return true;
  }

  function sendCallback(o: SimOrder): void {
    if (!config.callbackUrl) return;
    const url = new URL(config.callbackUrl);
    if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') return;
    const body = Buffer.from(JSON.stringify(orderJson(o, true)));
    const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/vnd.api+json', signature: satSign(body, store.state.keys.satPrivatePem), 'content-length': String(body.length) } });
    req.on('error', () => undefined);
    req.end(body);
  }

  function tick(): void {
    for (const o of Object.values(store.state.orders)) if (settle(o)) sendCallback(o);
  }

  function schedule(o: SimOrder): void {
    const t = setTimeout(() => {
      timers.delete(t);
      if (settle(o)) sendCallback(o);
    }, Math.max(0, o.fulfilAt - now()) + 5);
    timers.add(t);
  }

  function inquiry(body: string): Reply {
    let attrs: { product_code?: string; client_number?: string; fields?: unknown; downline_id?: unknown };
    try {
      attrs = (JSON.parse(body) as { data: { attributes: typeof attrs } }).data.attributes;
    } catch {
      return satError(400, 'P01', 'Invalid request');
    }
    const fields = sentFields(attrs.fields);
    if (fields === 'bad') return satError(400, 'P01', 'fields must be a list of {name, value} strings');
    const p = byCode.get(attrs.product_code ?? '');
    if (!p || p.status === 2) return satError(400, 'P04', 'Product not found');
    inquiries.push({ productCode: p.code, clientNumber: attrs.client_number ?? '', fields, downlineId: typeof attrs.downline_id === 'string' ? attrs.downline_id : null });
    const missing = missingField(p, fields);
    if (missing) return missing;
    if (!p.isInquiry && config.inquiryOnNonInquiry === 'refuse') return satError(400, 'P01', 'Inquiry is not available for this product');
    const client = attrs.client_number ?? '';
    if (satScenario(client) === 'no_bill') return satError(400, 'P00', 'Bill not found or already paid');
    const bill = billFor(p, client, now());
    // A bill paid (or being paid) this period is no longer due.
    const paid = p.isInquiry && !config.fault.stalePaidBills && Object.values(store.state.orders).some(
      (o) => o.productCode === p.code && o.clientNumber === client && o.status !== 'Failed' && billFor(p, client, o.createdAt).period === bill.period,
    );
    if (paid) return satError(400, 'P00', 'Bill not found or already paid');
    return json(200, {
      data: {
        type: 'inquiry',
        id: client,
        attributes: {
          admin_fee: bill.admin,
          base_price: bill.base,
          client_name: bill.clientName,
          client_number: client,
          fields,
          inquiry_result: bill.lines,
          meter_id: bill.meterId,
          product_code: p.code,
          sales_price: bill.base + bill.admin,
        },
      },
    });
  }

  function checkout(req: http.IncomingMessage, raw: Buffer): Reply {
    const signature = req.headers.signature;
    if (typeof signature !== 'string' || !partnerSignatureValid(raw, signature, store.state.keys.partnerPublicPem)) {
      return satError(401, 'U01', 'Invalid signature');
    }
    let data: { id?: string; attributes?: { product_code?: string; client_number?: string; amount?: number; fields?: unknown; downline_id?: unknown } };
    try {
      data = (JSON.parse(raw.toString('utf8')) as { data: typeof data }).data;
    } catch {
      return satError(400, 'P01', 'Invalid request');
    }
    const id = data.id ?? '';
    store.state.checkouts[id] = (store.state.checkouts[id] ?? 0) + 1;
    if (!id) return satError(400, 'P01', 'Request ID is required');
    if (store.state.orders[id]) return satError(400, 'P03', 'Duplicate Request ID, please check your system');
    const p = byCode.get(data.attributes?.product_code ?? '');
    if (!p || p.status === 2) return satError(400, 'P04', 'Product not found');
    const fields = sentFields(data.attributes?.fields);
    if (fields === 'bad') return satError(400, 'P01', 'fields must be a list of {name, value} strings');
    const missing = missingField(p, fields);
    if (missing) return missing;
    const downline = data.attributes?.downline_id;
    const client = data.attributes?.client_number ?? '';
    const scenario = satScenario(client);
    // A proxy loses the first attempt; the same request id sent again goes through.
    if (scenario === 'checkout_502' && store.state.checkouts[id] === 1) return { status: 502, body: HTML_502, contentType: 'text/html' };
    const bill = p.isInquiry || p.delivery === 'token' ? billFor(p, client, now()) : null;
    const salesPrice = p.isInquiry ? bill!.base + bill!.admin : p.price;
    if (p.isInquiry && data.attributes?.amount !== undefined && data.attributes.amount !== 0 && data.attributes.amount !== salesPrice) {
      return satError(400, 'P05', `Amount mismatch: expected ${salesPrice}`);
    }
    if (store.state.deposit < salesPrice) return satError(400, 'B01', 'Insufficient balance');
    store.state.deposit -= salesPrice;
    const o: SimOrder = {
      id,
      productCode: p.code,
      clientNumber: client,
      salesPrice,
      partnerFee: 0,
      adminFee: bill?.admin ?? 0,
      clientName: bill?.clientName ?? '',
      createdAt: now(),
      fulfilAt: now() + config.fulfilMs,
      status: 'Pending',
      errorCode: '',
      errorDetail: '',
      fulfilledAt: null,
      serial: '',
      voucher: '',
      lines: [],
      refunded: false,
      ...(fields ? { fields } : {}),
      ...(typeof downline === 'string' && downline !== '' ? { downlineId: downline } : {}),
    };
    store.state.orders[id] = o;
    store.save();
    schedule(o);
    if (scenario === 'checkout_500') return satError(500, 'S00', 'Internal Server Error');
    const answer = json(200, orderJson(o, false));
    return scenario === 'checkout_hang' ? { ...answer, delayMs: config.hangMs } : answer;
  }

  function status(id: string): Reply {
    const o = store.state.orders[id];
    if (!o) return satError(400, 'P02', 'Transaction is not found');
    if (settle(o)) sendCallback(o);
    const body = JSON.stringify(orderJson(o, true));
    const forged = config.fault.badSignature || satScenario(o.clientNumber) === 'bad_signature';
    const signature = satSign(Buffer.from(forged ? `${body} ` : body), store.state.keys.satPrivatePem);
    return { status: 200, body, contentType: 'application/json', headers: { signature } };
  }

  function route(req: http.IncomingMessage, url: URL, raw: Buffer): Reply {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/token' && req.method === 'POST') return issueToken(req, url, raw.toString('utf8'));
    if (path === '/api/ping' && req.method === 'GET') return json(200, { buildhash: 'sim0001', sandbox: true, status: 'ok' });
    if (!path.startsWith('/api/v2/')) return json(404, { errors: [{ code: 'N00', detail: 'Not found', status: '404' }] });
    if (!authorized(req)) return satError(401, 'U00', 'Unauthorized');
    if (config.fault.status500 > 0) {
      config.fault.status500--;
      return satError(500, 'S00', 'Internal Server Error');
    }
    if (config.fault.html502 > 0) {
      config.fault.html502--;
      return { status: 502, body: HTML_502, contentType: 'text/html' };
    }
    if (path === '/api/v2/account' && req.method === 'GET') return json(200, { data: { type: 'account', id: '2203', attributes: { saldo: store.state.deposit } } });
    if (path === '/api/v2/product-list' && req.method === 'GET') {
      const codes = (url.searchParams.get('product_code') ?? '').split(',').filter(Boolean);
      if (codes.length === 0) return json(200, { data: catalogue.map(productJson) });
      const found = codes.map((c) => byCode.get(c)).filter((p): p is SimProduct => p !== undefined);
      if (found.length === 0) return satError(400, 'P04', 'Product not found');
      return json(200, { data: found.map(productJson) });
    }
    if (path === '/api/v2/inquiry' && req.method === 'POST') return inquiry(raw.toString('utf8'));
    if (path === '/api/v2/order' && req.method === 'POST') return checkout(req, raw);
    const m = /^\/api\/v2\/order\/([^/]+)$/.exec(path);
    if (m && req.method === 'GET') {
      const id = decodeURIComponent(m[1]!);
      reads.set(id, (reads.get(id) ?? 0) + 1);
      return status(id);
    }
    return json(404, { errors: [{ code: 'N00', detail: 'Not found', status: '404' }] });
  }

  function control(url: URL, raw: Buffer): Reply {
    if (url.pathname === '/__sim/state') return json(200, { deposit: store.state.deposit, orders: store.state.orders, checkouts: store.state.checkouts });
    if (url.pathname === '/__sim/config') {
      configure(JSON.parse(raw.toString('utf8') || '{}') as Parameters<SatSimulator['configure']>[0]);
      return json(200, config);
    }
    if (url.pathname === '/__sim/tick') {
      tick();
      return json(200, { ok: true });
    }
    return json(404, {});
  }

  function configure(patch: Parameters<SatSimulator['configure']>[0]): void {
    const { fault, ...rest } = patch;
    Object.assign(config, rest);
    if (fault) Object.assign(config.fault, fault);
  }

  const host = await serveSimulator({
    port: options.port,
    handle({ req, url, raw, control: isControl }) {
      const m = /^\/api\/v2\/order(?:\/([^/]+))?$/.exec(url.pathname);
      options.onRequest?.({ method: req.method ?? '', path: url.pathname, requestId: m?.[1] ?? null });
      return isControl ? control(url, raw) : route(req, url, raw);
    },
    onError: (e) => satError(500, 'S00', `simulator error: ${e.message}`),
    latencyMs: () => config.fault.slowMs,
    defaultContentType: 'application/json',
  });
  const port = host.port;
  // Orders still pending from an earlier run settle on schedule (training restarts).
  for (const o of Object.values(store.state.orders)) if (o.status === 'Pending') schedule(o);

  return {
    baseUrl: `http://127.0.0.1:${port}/api`,
    tokenUrl: `http://127.0.0.1:${port}/token`,
    port,
    credentials: { clientId, clientSecret, privateKeyPem: store.state.keys.partnerPrivatePem, satPublicKeyPem: store.state.keys.satPublicPem },
    orders: () => Object.values(store.state.orders),
    inquiries: () => [...inquiries],
    checkoutCount: (id) => store.state.checkouts[id] ?? 0,
    statusReads: (id) => reads.get(id) ?? 0,
    deposit: () => store.state.deposit,
    revokeTokens: () => tokens.clear(),
    setDeposit(amount) {
      store.state.deposit = amount;
      store.save();
    },
    configure,
    tick,
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return host.close();
    },
  };
}
