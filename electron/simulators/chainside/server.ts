// The Chainside Pay WebPos simulator (chainside.md §8): the v1 routes of the official SDKs — login,
// create / get / list / cancel payment orders, the callbacks sent, the sandbox reset and update —
// with their header checks, error bodies {error_code, message, request_id}, an injectable clock,
// the order state machine (pending → partial / mempool / unconfirmed → paid; expired; cancelled;
// dispute and chargeback), signed callbacks to loopback only, a /__sim control plane for the
// customer's wallet and the chain, and fault switches. Shares no code with the client.
import http from 'node:http';
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import { satoshiToBtc } from '../../../shared/domain/bitcoin';
import { serveSimulator, type SimReply } from '../http-host';
import { openChainsideStore, type SimOrder } from './state';

export type ChainsideRoute = 'token' | 'create' | 'get' | 'list' | 'delete' | 'callbacks' | 'any';

export type ChainsideFaults = {
  /** The next N creates: the order is made but the connection drops before the answer. */
  createLost: number;
  /** The next N creates: the order is made, the answer held back `hangMs`. */
  createHang: number;
  /** The next N GETs of one order: HTTP 200 with an HTML page. */
  getGarbage: number;
  /** Forced error answers, by route, for the next `count` calls. */
  failNext: { route: ChainsideRoute; errorCode: string; status: number; count: number }[];
  slowMs: number;
};

export type ChainsideSimConfig = {
  /** Fiat per bitcoin as Chainside's rate.value (a decimal string). */
  rate: string;
  currency: string;
  expirySeconds: number;
  tokenTtlSeconds: number;
  requiredConfirmationsDefault: number;
  /** How long a network dispute lasts before it becomes a chargeback. */
  chargebackSeconds: number;
  hangMs: number;
  /** Callbacks are sent twice / with a byte flipped after signing (negative tests). */
  duplicateCallbacks: boolean;
  tamperCallbacks: boolean;
  faults: ChainsideFaults;
};

export type ChainsideSimOptions = {
  port?: number;
  clientId?: string;
  secret?: string;
  statePath?: string | null;
  now?: () => number;
  config?: Partial<Omit<ChainsideSimConfig, 'faults'>> & { faults?: Partial<ChainsideFaults> };
};

export type PayOptions = { sat?: number; fraction?: number; confirmations?: number; txid?: string };

export type ChainsideSimulator = {
  baseUrl: string;
  port: number;
  credentials: { clientId: string; secret: string };
  order(uuid: string): SimOrder | null;
  orderByReference(reference: string): SimOrder | null;
  orders(): SimOrder[];
  /** Create requests received for a reference (tests: one sale, one live order). */
  createCount(reference: string): number;
  /** How many times an order was read (GET /payment-order/<uuid>) — tests wait on it instead of on time. */
  readCount(uuid: string): number;
  /** The customer's wallet sends a transaction to the order's address. */
  pay(uuid: string, opts?: PayOptions): boolean;
  /** Blocks are mined: every unconfirmed transaction of the order gains confirmations. */
  confirm(uuid: string, blocks?: number): boolean;
  revert(uuid: string, toMempool?: boolean): boolean;
  /** A disputed order's chargeback timeout runs out now (this order only; training's "chargeback"). */
  chargeback(uuid: string): boolean;
  /** Moves the simulated clock forward (expiry, chargeback timeouts). */
  advance(seconds: number): void;
  /** Moves one order's expiry to now (training's "let it expire"). */
  expire(uuid: string): boolean;
  expireTokens(): void;
  callbacks(): { event: string; uuid: string; url: string; signature: string; body: string; status: number | null }[];
  configure(patch: Partial<Omit<ChainsideSimConfig, 'faults'>> & { faults?: Partial<ChainsideFaults> }): void;
  close(): Promise<void>;
};

const ERROR_STATUS: Record<string, number> = {
  '0001': 400, '0013': 400, '1001': 401, '1002': 400, '1004': 401, '1007': 401, '1012': 403, '1013': 400,
  '2000': 429, '3001': 404, '3003': 405, '3007': 401, '3012': 415, '3013': 406, '4000': 500, '4003': 503, '4006': 503,
};
const ERROR_TEXT: Record<string, string> = {
  '0001': 'Validation Error', '0013': 'Invalid Callback', '1001': 'Unauthorized Client', '1002': 'Invalid Grant Type',
  '1004': 'Access Token Expired', '1007': 'Invalid Access Token', '1012': 'Forbidden', '1013': 'Invalid Scope',
  '2000': 'Too many requests', '3001': 'Not Found', '3003': 'Method not allowed', '3007': 'Invalid Authorization Header',
  '3012': 'Invalid Content Type Header', '3013': 'Invalid Accept Header', '4000': 'Internal Server Error',
  '4003': 'Rate Unavailable', '4006': 'Functionality Down',
};

const BLOCKCHAIN_STATUSES = ['pending', 'partial', 'mempool_unconfirmed', 'unconfirmed', 'paid', 'cancelled', 'expired', 'network_dispute', 'mempool_network_dispute', 'possible_chargeback', 'chargeback'];
const CALLBACK_EVENTS = ['payment.completed', 'payment.dispute.start', 'payment.overpaid', 'payment.cancelled', 'payment.dispute.end', 'payment.expired', 'payment.chargeback'];
const ADDRESS_CHARS = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DECIMAL = /^\d{1,15}(\.\d{1,2})?$/;

const json = (status: number, value: unknown): SimReply => ({ status, body: JSON.stringify(value), contentType: 'application/json' });
const failure = (code: string, message?: string, status?: number): SimReply =>
  json(status ?? ERROR_STATUS[code] ?? 400, { error_code: code, message: message ?? ERROR_TEXT[code] ?? 'Error', request_id: randomUUID() });

/** Hundredths from a decimal string ("52500.5" → 5250050). */
function cents(decimal: string): bigint {
  const [whole, frac = ''] = decimal.split('.');
  return BigInt(whole!) * 100n + BigInt((frac + '00').slice(0, 2));
}
const decimalOf = (c: bigint): string => `${c / 100n}.${String(c % 100n).padStart(2, '0')}`;
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export async function startChainsideSimulator(options: ChainsideSimOptions = {}): Promise<ChainsideSimulator> {
  const realNow = options.now ?? Date.now;
  const store = openChainsideStore(options.statePath ?? null, () => ({
    clientId: options.clientId ?? `webpos-${randomBytes(6).toString('hex')}`,
    secret: options.secret ?? randomBytes(18).toString('base64url'),
  }));
  const { clientId, secret } = store.state;
  const config: ChainsideSimConfig = {
    rate: '1500000000.00',
    currency: 'IDR',
    expirySeconds: 900,
    tokenTtlSeconds: 3600,
    requiredConfirmationsDefault: 1,
    chargebackSeconds: 86_400,
    hangMs: 30_000,
    duplicateCallbacks: false,
    tamperCallbacks: false,
    ...options.config,
    faults: { createLost: 0, createHang: 0, getGarbage: 0, failNext: [], slowMs: 0, ...options.config?.faults },
  };
  const now = (): number => realNow() + store.state.clockOffsetMs;
  // A v4 UUID (version nibble 4, variant 10xx), as every uuid the SDKs' schemas accept; stable per client id.
  const webposUuid = createHash('sha256').update(clientId).digest('hex').replace(/^(.{8})(.{4}).(.{3}).(.{3})(.{12}).*$/, '$1-$2-4$3-a$4-$5');
  let baseUrl = '';

  const rateCents = (): bigint => cents(config.rate);
  const fiatOf = (sat: number): string => decimalOf((BigInt(sat) * rateCents() + 50_000_000n) / 100_000_000n);

  function amounts(o: SimOrder): { confirmed: number; inConf: number; received: number } {
    let confirmed = 0;
    let inConf = 0;
    for (const t of o.txs) {
      if (t.reverted) continue;
      if (t.confirmations >= o.requiredConfirmations) confirmed += t.sat;
      else inConf += t.sat;
    }
    return { confirmed, inConf, received: confirmed + inConf };
  }

  /** The state the chain and the clock imply now; emits the callbacks of every transition. */
  function evaluate(o: SimOrder): void {
    const t = now();
    const { confirmed, received } = amounts(o);
    const before = o.final;
    if (o.final === null) {
      if (confirmed >= o.sat) {
        o.final = 'paid';
        o.resolvedAt = t;
        emit(o, 'payment.completed');
        if (received > o.sat) emit(o, 'payment.overpaid');
      } else if (t >= o.expiresAt) {
        o.final = 'expired';
        o.resolvedAt = o.expiresAt;
        emit(o, 'payment.expired');
        if (received > 0) emit(o, 'payment.overpaid');
      }
    } else if (o.final === 'paid' && confirmed < o.sat) {
      o.final = 'network_dispute';
      o.disputeStartAt = t;
      emit(o, 'payment.dispute.start');
    } else if (o.final === 'network_dispute') {
      if (confirmed >= o.sat) {
        o.final = 'paid';
        o.disputeStartAt = null;
        emit(o, 'payment.dispute.end');
      } else if (o.disputeStartAt !== null && t >= o.disputeStartAt + config.chargebackSeconds * 1000) {
        o.final = 'chargeback';
        o.chargebackAt = t;
        emit(o, 'payment.chargeback');
        if (received > 0) emit(o, 'payment.overpaid');
      }
    }
    if (before !== o.final) store.save();
  }

  function blockchainStatus(o: SimOrder): string {
    const { confirmed, inConf } = amounts(o);
    if (o.final === 'network_dispute') return o.txs.some((t) => !t.reverted && t.confirmations === 0) ? 'mempool_network_dispute' : 'network_dispute';
    if (o.final !== null) return o.final;
    if (o.txs.length === 0) return 'pending';
    if (confirmed >= o.sat) return 'paid';
    if (confirmed + inConf >= o.sat) return o.txs.every((t) => t.reverted || t.confirmations >= 1) ? 'unconfirmed' : 'mempool_unconfirmed';
    return 'partial';
  }

  const leg = (sat: number): { crypto: number; fiat: string } => ({ crypto: sat, fiat: fiatOf(sat) });

  function orderBody(o: SimOrder): Record<string, unknown> {
    const { confirmed, inConf } = amounts(o);
    const bs = blockchainStatus(o);
    const status = ['pending', 'partial', 'mempool_unconfirmed', 'unconfirmed'].includes(bs) ? 'pending' : bs.replace(/^(mempool_network_dispute|possible_chargeback)$/, 'network_dispute');
    return {
      uuid: o.uuid,
      amount: decimalOf(BigInt(o.fiatCents)),
      btc_amount: o.sat,
      address: o.address,
      uri: `bitcoin:${o.address}?amount=${satoshiToBtc(o.sat)}`,
      state: {
        status,
        blockchain_status: bs,
        paid: leg(confirmed),
        in_confirmation: leg(inConf),
        unpaid: leg(Math.max(0, o.sat - confirmed - inConf)),
      },
      transactions: o.txs.map((t) => ({
        txid: t.txid,
        normalized_txid: t.txid,
        status: t.reverted ? 'reverted' : t.confirmations >= Math.max(1, o.requiredConfirmations) ? 'confirmed' : 'unconfirmed',
        blockchain_status: t.reverted ? 'reverted' : t.confirmations === 0 ? 'mempool' : t.confirmations < o.requiredConfirmations ? 'unconfirmed' : 'confirmed',
        outs_sum: t.sat,
        created_at: iso(t.createdAt),
        outs: [{ n: 0, amount: t.sat }],
      })),
      required_confirmations: o.requiredConfirmations,
      expires_in: Math.max(0, Math.round((o.expiresAt - now()) / 1000)),
      expiration_time: iso(o.expiresAt),
      created_at: iso(o.createdAt),
      resolved_at: iso(o.resolvedAt),
      dispute_start_date: iso(o.disputeStartAt),
      chargeback_date: iso(o.chargebackAt),
      rate: { source: 'simulator', value: config.rate, created_at: iso(o.createdAt), from: 'BTC', to: config.currency },
      currency: { type: 'fiat', uuid: '5b6ee5b8-6f0c-4a0e-9d5e-1f0c8f2f6a11', name: config.currency },
      created_by: { type: 'web', uuid: webposUuid, name: 'Loket webPOS', active: true, deposit_account: { type: 'bitcoin', uuid: webposUuid, name: 'Loket deposit' } },
      reference: o.reference,
      details: o.details,
      // The SDKs' schemas want https URLs and no null where a URL is expected (issue 15 §5).
      redirect_url: `https://checkout.sandbox.chainside.invalid/payment-order/${o.uuid}`,
      ...(o.callbackUrl ? { callback_url: o.callbackUrl } : {}),
    };
  }

  function emit(o: SimOrder, event: string): void {
    o.callbacksSent.push(event);
    if (!o.callbackUrl) return;
    let url: URL;
    try {
      url = new URL(o.callbackUrl);
    } catch {
      return;
    }
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return;
    const object = { ...orderBody(o), cancel_url: o.cancelUrl, continue_url: o.continueUrl, callback_url: o.callbackUrl };
    const body = Buffer.from(JSON.stringify({ event, created_at: new Date(now()).toISOString(), object_type: 'payment_order', object }));
    const key = createHash('sha256').update(secret, 'utf8').digest();
    const signature = createHmac('sha512', key).update(body).digest('base64');
    if (config.tamperCallbacks) body.writeUInt8(body.readUInt8(body.length - 2) ^ 1, body.length - 2);
    const entry = { event, uuid: o.uuid, url: o.callbackUrl, signature, body: body.toString('utf8'), status: null as number | null, at: now() };
    store.state.callbacks.push(entry);
    if (store.state.callbacks.length > 500) store.state.callbacks.splice(0, store.state.callbacks.length - 500);
    const send = (): void => {
      const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'chainside-signature': signature, 'content-length': String(body.length) } });
      req.on('error', () => undefined);
      req.on('response', (res) => {
        entry.status = res.statusCode ?? null;
        res.resume();
      });
      req.end(body);
    };
    send();
    if (config.duplicateCallbacks) send();
  }

  /** Reads of each order since start (not kept in the store: a count for tests, not state). */
  const reads = new Map<string, number>();

  function find(uuid: string): SimOrder | null {
    const o = store.state.orders[uuid] ?? null;
    if (o) evaluate(o);
    return o;
  }

  function newAddress(): string {
    const n = store.state.nextAddress++;
    const h = createHash('sha256').update(`${clientId}:${n}`).digest();
    let tail = '';
    for (let i = 0; i < 38; i++) tail += ADDRESS_CHARS[h[i % h.length]! % 32];
    return `bcrt1q${tail}`;
  }

  function take(route: ChainsideRoute): SimReply | null {
    const f = config.faults.failNext.find((x) => (x.route === route || x.route === 'any') && x.count > 0);
    if (!f) return null;
    f.count -= 1;
    config.faults.failNext = config.faults.failNext.filter((x) => x.count > 0);
    return failure(f.errorCode, undefined, f.status);
  }

  function pay(uuid: string, opts: PayOptions = {}): boolean {
    const o = find(uuid);
    if (!o) return false;
    const { received } = amounts(o);
    const sat = opts.sat ?? (opts.fraction !== undefined ? Math.ceil(o.sat * opts.fraction) : Math.max(1, o.sat - received));
    o.txs.push({ txid: opts.txid ?? randomBytes(32).toString('hex'), sat, confirmations: opts.confirmations ?? 0, reverted: false, createdAt: now() });
    store.save();
    // Funds arriving on a closed order are the merchant's to give back.
    if (o.final === 'expired' || o.final === 'cancelled' || o.final === 'chargeback') emit(o, 'payment.overpaid');
    evaluate(o);
    store.save();
    return true;
  }

  function confirm(uuid: string, blocks = 1): boolean {
    const o = find(uuid);
    if (!o) return false;
    for (const t of o.txs) if (!t.reverted) t.confirmations += blocks;
    evaluate(o);
    store.save();
    return true;
  }

  function revert(uuid: string, toMempool = false): boolean {
    const o = find(uuid);
    const t = o?.txs.find((x) => !x.reverted);
    if (!o || !t) return false;
    if (toMempool) t.confirmations = 0;
    else t.reverted = true;
    evaluate(o);
    store.save();
    return true;
  }

  function readJson(raw: Buffer): Record<string, unknown> | null {
    try {
      const v: unknown = JSON.parse(raw.toString('utf8') || '{}');
      return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  const urlOk = (v: unknown): boolean =>
    v === undefined || v === null || (typeof v === 'string' && v.length <= 300 && (/^https:\/\//.test(v) || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(v)));
  const textOk = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.length <= 300);

  function createOrder(body: Record<string, unknown>): SimReply {
    const bad: string[] = [];
    const amount = body.amount;
    if (typeof amount !== 'string' || !DECIMAL.test(amount) || cents(amount) <= 0n) bad.push('amount');
    for (const k of ['callback_url', 'cancel_url', 'continue_url']) if (!urlOk(body[k])) bad.push(k);
    for (const k of ['details', 'reference']) if (!textOk(body[k])) bad.push(k);
    const rc = body.required_confirmations;
    if (rc !== undefined && rc !== null && !(typeof rc === 'number' && Number.isInteger(rc) && rc >= 0)) bad.push('required_confirmations');
    const reference = typeof body.reference === 'string' ? body.reference : null;
    if (reference) store.state.creates[reference] = (store.state.creates[reference] ?? 0) + 1;
    if (bad.length > 0) return failure('0001', `Validation Error: ${bad.join(', ')}`);
    const fiatCents = cents(amount as string);
    const sat = Number((fiatCents * 100_000_000n + rateCents() - 1n) / rateCents());
    const at = now();
    const o: SimOrder = {
      uuid: randomUUID(),
      fiatCents: Number(fiatCents),
      sat,
      address: newAddress(),
      requiredConfirmations: typeof rc === 'number' ? rc : config.requiredConfirmationsDefault,
      createdAt: at,
      expiresAt: at + config.expirySeconds * 1000,
      final: null,
      resolvedAt: null,
      disputeStartAt: null,
      chargebackAt: null,
      reference,
      details: typeof body.details === 'string' ? body.details : null,
      callbackUrl: typeof body.callback_url === 'string' ? body.callback_url : null,
      cancelUrl: typeof body.cancel_url === 'string' ? body.cancel_url : null,
      continueUrl: typeof body.continue_url === 'string' ? body.continue_url : null,
      txs: [],
      callbacksSent: [],
    };
    store.state.orders[o.uuid] = o;
    store.save();
    const reply = json(200, {
      uuid: o.uuid,
      address: o.address,
      uri: `bitcoin:${o.address}?amount=${satoshiToBtc(o.sat)}`,
      amount: o.sat,
      expiration_time: iso(o.expiresAt),
      expires_in: config.expirySeconds,
      rate: { source: 'simulator', value: config.rate, created_at: iso(at), from: 'BTC', to: config.currency },
      redirect_url: `https://checkout.sandbox.chainside.invalid/payment-order/${o.uuid}`,
      created_at: iso(at),
      reference: o.reference,
    });
    if (config.faults.createLost > 0) {
      config.faults.createLost -= 1;
      return { ...reply, drop: true };
    }
    if (config.faults.createHang > 0) {
      config.faults.createHang -= 1;
      return { ...reply, delayMs: config.hangMs };
    }
    return reply;
  }

  function listOrders(q: URLSearchParams): SimReply {
    const status = q.get('status');
    const page = q.get('page') === null ? 0 : Number(q.get('page'));
    const size = q.get('page_size') === null ? 20 : Number(q.get('page_size'));
    const sortBy = q.get('sort_by') ?? 'created_at';
    const sortOrder = q.get('sort_order') ?? 'desc';
    const bad: string[] = [];
    if (status !== null && !BLOCKCHAIN_STATUSES.includes(status)) bad.push('status');
    if (!Number.isInteger(page) || page < 0) bad.push('page');
    if (!Number.isInteger(size) || size < 1 || size > 40) bad.push('page_size');
    if (!['amount', 'created_at'].includes(sortBy)) bad.push('sort_by');
    if (!['asc', 'desc'].includes(sortOrder)) bad.push('sort_order');
    if (bad.length > 0) return failure('0001', `Validation Error: ${bad.join(', ')}`);
    const all = Object.values(store.state.orders);
    for (const o of all) evaluate(o);
    const chosen = all.filter((o) => status === null || blockchainStatus(o) === status || orderStatusIs(o, status));
    const key = (o: SimOrder): number => (sortBy === 'amount' ? o.fiatCents : o.createdAt);
    chosen.sort((a, b) => (sortOrder === 'asc' ? 1 : -1) * (key(a) - key(b) || a.uuid.localeCompare(b.uuid)));
    return json(200, {
      paymentorders: chosen.slice(page * size, page * size + size).map(orderBody),
      total_items: chosen.length,
      total_pages: Math.ceil(chosen.length / size),
    });
  }
  /** "pending" also finds orders still open but partly paid (the public status folds them together). */
  const orderStatusIs = (o: SimOrder, status: string): boolean => status === 'pending' && o.final === null;

  function forceEvent(o: SimOrder, event: string): SimReply {
    const open = o.final === null;
    switch (event) {
      case 'payment.completed':
        if (!open) break;
        pay(o.uuid, { confirmations: Math.max(1, o.requiredConfirmations) });
        return { status: 204, body: '' };
      case 'payment.overpaid':
        if (!open) break;
        pay(o.uuid, { fraction: 1.2, confirmations: Math.max(1, o.requiredConfirmations) });
        return { status: 204, body: '' };
      case 'payment.expired':
        if (!open) break;
        o.expiresAt = now();
        evaluate(o);
        return { status: 204, body: '' };
      case 'payment.cancelled':
        if (!open) break;
        cancel(o);
        return { status: 204, body: '' };
      case 'payment.dispute.start':
        if (o.final !== 'paid') break;
        revert(o.uuid);
        return { status: 204, body: '' };
      case 'payment.dispute.end':
        if (o.final !== 'network_dispute') break;
        for (const t of o.txs) t.reverted = false;
        confirm(o.uuid, Math.max(1, o.requiredConfirmations));
        return { status: 204, body: '' };
      case 'payment.chargeback':
        if (o.final !== 'network_dispute') break;
        o.disputeStartAt = now() - config.chargebackSeconds * 1000;
        evaluate(o);
        return { status: 204, body: '' };
    }
    return failure('0013');
  }

  function cancel(o: SimOrder): void {
    o.final = 'cancelled';
    o.resolvedAt = now();
    emit(o, 'payment.cancelled');
    if (amounts(o).received > 0) emit(o, 'payment.overpaid');
    store.save();
  }

  function control(method: string, parts: string[], body: Record<string, unknown>): SimReply {
    // /__sim/orders/<uuid>/<action>
    if (parts[0] === 'orders' && parts[1] && method === 'POST') {
      const uuid = parts[1];
      const num = (k: string): number | undefined => (typeof body[k] === 'number' ? (body[k] as number) : undefined);
      let ok = false;
      if (parts[2] === 'pay') {
        const opts: PayOptions = {};
        if (num('sat') !== undefined) opts.sat = num('sat')!;
        if (num('fraction') !== undefined) opts.fraction = num('fraction')!;
        if (num('confirmations') !== undefined) opts.confirmations = num('confirmations')!;
        if (typeof body.txid === 'string') opts.txid = body.txid;
        ok = pay(uuid, opts);
      } else if (parts[2] === 'confirm') ok = confirm(uuid, num('blocks') ?? 1);
      else if (parts[2] === 'revert') ok = revert(uuid, body.toMempool === true);
      else if (parts[2] === 'expire') ok = api.expire(uuid);
      return ok ? json(200, orderBody(store.state.orders[uuid]!)) : json(404, { error: 'no such order' });
    }
    if (method === 'GET' && parts[0] === 'orders') return json(200, Object.values(store.state.orders).map(orderBody));
    if (method === 'POST' && parts[0] === 'clock' && parts[1] === 'advance') {
      api.advance(typeof body.seconds === 'number' ? body.seconds : 0);
      return json(200, { now: iso(now()) });
    }
    if (method === 'POST' && parts[0] === 'expire-tokens') {
      api.expireTokens();
      return json(200, {});
    }
    if (method === 'POST' && parts[0] === 'fail-next') {
      const route = (typeof body.route === 'string' ? body.route : 'any') as ChainsideRoute;
      const errorCode = typeof body.error_code === 'string' ? body.error_code : '4000';
      config.faults.failNext.push({ route, errorCode, status: typeof body.status === 'number' ? body.status : (ERROR_STATUS[errorCode] ?? 500), count: typeof body.count === 'number' ? body.count : 1 });
      return json(200, {});
    }
    if (method === 'GET' && parts[0] === 'callbacks') return json(200, store.state.callbacks);
    // The control plane every simulator has (README): state, config, reset.
    if (method === 'GET' && parts[0] === 'state') return json(200, { orders: Object.values(store.state.orders).map(orderBody), creates: store.state.creates, callbacks: store.state.callbacks.length });
    if (parts[0] === 'config') {
      if (method === 'POST') api.configure(body as Parameters<ChainsideSimulator['configure']>[0]);
      return json(200, config);
    }
    if (method === 'POST' && parts[0] === 'reset') {
      store.state.orders = {};
      store.state.creates = {};
      store.state.callbacks = [];
      store.save();
      return json(200, { ok: true });
    }
    return json(404, { error: 'unknown control path' });
  }

  function bearer(header: string | undefined): SimReply | null {
    const m = /^Bearer (\S+)$/.exec(header ?? '');
    if (!m) return failure('3007');
    const exp = store.state.tokens[m[1]!];
    if (exp === undefined) return failure('1007');
    if (realNow() >= exp) return failure('1004');
    return null;
  }

  function login(req: http.IncomingMessage, raw: Buffer): SimReply {
    const forced = take('token');
    if (forced) return forced;
    const m = /^Basic (\S+)$/.exec(req.headers.authorization ?? '');
    if (!m) return failure('3007');
    const [id, ...rest] = Buffer.from(m[1]!, 'base64').toString('utf8').split(':');
    if (id !== clientId || rest.join(':') !== secret) return failure('1001');
    const type = String(req.headers['content-type'] ?? '');
    let body: Record<string, unknown> | null;
    if (type.startsWith('application/x-www-form-urlencoded')) body = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    else body = readJson(raw);
    if (!body) return failure('0001');
    if (body.grant_type !== 'client_credentials') return failure('1002');
    if (body.scope !== '*') return failure('1013');
    const token = randomBytes(32).toString('base64url');
    store.state.tokens[token] = realNow() + config.tokenTtlSeconds * 1000;
    for (const [t, exp] of Object.entries(store.state.tokens)) if (exp < realNow()) delete store.state.tokens[t];
    store.save();
    const seg = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
    return json(200, {
      access_token: token,
      token_type: 'Bearer',
      expires_in: config.tokenTtlSeconds,
      id_token: `${seg({ alg: 'none', typ: 'JWT' })}.${seg({ sub: clientId, iat: Math.floor(realNow() / 1000) })}.${randomBytes(16).toString('base64url')}`,
      scope: '*',
    });
  }

  function handle(req: http.IncomingMessage, url: URL, raw: Buffer): SimReply {
    const method = req.method ?? 'GET';
    const accept = String(req.headers.accept ?? '');
    if (!accept.includes('application/json') && !accept.includes('*/*')) return failure('3013');
    const version = req.headers['x-api-version'];
    if (version !== undefined && version !== 'v1') return failure('0001', `Unsupported API version ${String(version)}`);
    const hasBody = raw.length > 0 && (method === 'POST' || method === 'PATCH');
    const type = String(req.headers['content-type'] ?? '');
    const path = url.pathname;
    if (path === '/token' && method === 'POST') {
      if (!type.startsWith('application/json') && !type.startsWith('application/x-www-form-urlencoded')) return failure('3012');
      return login(req, raw);
    }
    if (hasBody && !type.startsWith('application/json')) return failure('3012');
    const denied = bearer(req.headers.authorization);
    if (denied) return denied;
    const parts = path.split('/').filter(Boolean);
    if (parts[0] !== 'payment-order') return failure('3001');
    if (parts.length === 1) {
      if (method === 'POST') {
        const forced = take('create');
        if (forced) return forced;
        const body = readJson(raw);
        return body ? createOrder(body) : failure('0001', 'Validation Error: body');
      }
      if (method === 'GET') return take('list') ?? listOrders(url.searchParams);
      return failure('3003');
    }
    const uuid = parts[1]!;
    if (!UUID.test(uuid)) return failure('3001');
    if (parts.length === 2 && method === 'GET') {
      reads.set(uuid, (reads.get(uuid) ?? 0) + 1);
      const forced = take('get');
      if (forced) return forced;
      const o = find(uuid);
      if (!o) return failure('3001');
      if (config.faults.getGarbage > 0) {
        config.faults.getGarbage -= 1;
        return { status: 200, body: '<html><body>Bad gateway</body></html>', contentType: 'text/html' };
      }
      return json(200, orderBody(o));
    }
    if (parts.length === 2 && method === 'DELETE') {
      const forced = take('delete');
      if (forced) return forced;
      const o = find(uuid);
      if (!o) return failure('3001');
      if (o.final !== null) return failure('0001', `Payment order is ${o.final}`);
      cancel(o);
      // The merchant's own cancel_url, as it was given (none: null) — never one the simulator makes up.
      return json(200, { cancel_url: o.cancelUrl });
    }
    if (parts[2] === 'callbacks' && method === 'GET') {
      const forced = take('callbacks');
      if (forced) return forced;
      const o = find(uuid);
      return o ? json(200, { callbacks: o.callbacksSent.map((name) => ({ name })) }) : failure('3001');
    }
    if (parts[2] === 'test' && method === 'PATCH') {
      const o = find(uuid);
      if (!o) return failure('3001');
      if (parts[3] === 'reset') {
        Object.assign(o, { txs: [], final: null, resolvedAt: null, disputeStartAt: null, chargebackAt: null, expiresAt: now() + config.expirySeconds * 1000 });
        store.save();
        return json(200, orderBody(o));
      }
      if (parts.length === 3) {
        const body = readJson(raw);
        const event = body?.callback;
        if (typeof event !== 'string' || !CALLBACK_EVENTS.includes(event)) return failure('0013');
        return forceEvent(o, event);
      }
    }
    return failure('3001');
  }

  const host = await serveSimulator({
    port: options.port,
    defaultContentType: 'application/json',
    latencyMs: () => config.faults.slowMs,
    onError: (e) => failure('4000', e.message),
    handle: ({ req, url, raw, control: isControl }) => {
      if (isControl) return control(req.method ?? 'GET', url.pathname.split('/').filter(Boolean).slice(1), readJson(raw) ?? {});
      return handle(req, url, raw);
    },
  });
  baseUrl = `http://127.0.0.1:${host.port}`;
  // Expiry and chargeback timeouts fire their callbacks even when nobody asks.
  const ticker = setInterval(() => {
    for (const o of Object.values(store.state.orders)) if (o.final === null || o.final === 'network_dispute') evaluate(o);
  }, 1000);
  ticker.unref();

  const api: ChainsideSimulator = {
    baseUrl,
    port: host.port,
    credentials: { clientId, secret },
    order: (uuid) => find(uuid),
    orderByReference: (reference) => {
      const o = Object.values(store.state.orders).find((x) => x.reference === reference) ?? null;
      if (o) evaluate(o);
      return o;
    },
    orders: () => Object.values(store.state.orders),
    createCount: (reference) => store.state.creates[reference] ?? 0,
    readCount: (uuid) => reads.get(uuid) ?? 0,
    pay,
    confirm,
    revert,
    chargeback(uuid) {
      const o = find(uuid);
      if (!o || o.final !== 'network_dispute') return false;
      o.disputeStartAt = now() - config.chargebackSeconds * 1000;
      evaluate(o);
      store.save();
      return true;
    },
    advance(seconds) {
      store.state.clockOffsetMs += Math.round(seconds * 1000);
      store.save();
      for (const o of Object.values(store.state.orders)) evaluate(o);
    },
    expire(uuid) {
      const o = find(uuid);
      if (!o || o.final !== null) return false;
      o.expiresAt = now();
      evaluate(o);
      return true;
    },
    expireTokens() {
      for (const t of Object.keys(store.state.tokens)) store.state.tokens[t] = 0;
      store.save();
    },
    callbacks: () => store.state.callbacks.map(({ event, uuid, url, signature, body, status }) => ({ event, uuid, url, signature, body, status })),
    configure(patch) {
      Object.assign(config, { ...patch, faults: { ...config.faults, ...patch.faults } });
    },
    async close() {
      clearInterval(ticker);
      await host.close();
    },
  };
  return api;
}
