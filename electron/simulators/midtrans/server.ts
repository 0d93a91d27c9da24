// The Midtrans simulator (midtrans.md §11): the Core API paths Loket and the official client use —
// charge (qris, gopay, shopeepay, bank_transfer bca/bni/bri/permata, echannel), status, cancel,
// expire, refund and direct refund — with Basic auth, both error channels (HTTP status and a body
// `status_code`), order_id reuse rules, refund_key idempotency, expiry, signed notifications to
// loopback, a control plane for the customer's side and fault switches. Shares no code with the client.
import { err } from '../../../shared/domain/errors';
import http from 'node:http';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { serveSimulator, type SimReply } from '../http-host';
import { openMidtransStore, type SimTxn, type SimTxnStatus } from './state';
import { qrisPayload } from './qris';
import qrcode from 'qrcode-generator';

export type MidtransFaults = {
  /** The next N charges: a proxy's HTML 502, nothing created. */
  chargeHtml502: number;
  /** The next N charges: created, but the answer is lost (HTML 504 from a proxy). */
  chargeLost: number;
  /** The next N charges: created, the answer held back `hangMs`. */
  chargeHang: number;
  /** The next N status calls: HTTP 200 with an HTML page (the official client resolves it as a string). */
  statusHtml: number;
  /** The next N refunds: done, but the answer is lost (HTML 504). */
  refundLost: number;
  slowMs: number;
};

export type MidtransSimConfig = {
  merchantId: string;
  merchantName: string;
  /** Default expiry per payment_type when a charge carries no custom_expiry, in seconds. */
  expirySeconds: Record<SimTxn['paymentType'], number>;
  hangMs: number;
  /** Where notifications go when a charge names none (loopback only); null: none. */
  notificationUrl: string | null;
  faults: MidtransFaults;
};

export type MidtransSimOptions = {
  port?: number;
  serverKey?: string;
  clientKey?: string;
  statePath?: string | null;
  now?: () => number;
  config?: Partial<Omit<MidtransSimConfig, 'faults'>> & { faults?: Partial<MidtransFaults> };
};

export type MidtransSimulator = {
  baseUrl: string;
  port: number;
  credentials: { serverKey: string; clientKey: string };
  txn(orderId: string): SimTxn | null;
  txns(): SimTxn[];
  chargeCount(orderId: string): number;
  refundCallCount(key: string): number;
  /** The customer pays a waiting transaction (what a QR scan or a bank transfer does). */
  pay(orderId: string, issuer?: string): boolean;
  expire(orderId: string): boolean;
  deny(orderId: string): boolean;
  configure(patch: Partial<Omit<MidtransSimConfig, 'faults'>> & { faults?: Partial<MidtransFaults> }): void;
  close(): Promise<void>;
};

const json = (status: number, value: unknown): SimReply => ({ status, body: JSON.stringify(value), contentType: 'application/json' });
const html = (status: number, title: string): SimReply => ({ status, body: `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`, contentType: 'text/html' });
/** Midtrans' second error channel: HTTP 200 with the code in the body. */
const bodyError = (code: string, message: string): SimReply => json(200, { status_code: code, status_message: message, id: randomUUID() });
const cannotModify = (): SimReply => bodyError('412', 'Merchant cannot modify the status of the transaction');

const ORDER_ID = /^[A-Za-z0-9\-_.~]{1,50}$/;
const VA_BANKS = new Set(['bca', 'bni', 'bri', 'permata']);
const REFUNDABLE = new Set<SimTxn['paymentType']>(['qris', 'gopay', 'shopeepay']);
const UNIT_SECONDS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400 };
const FINAL_REUSABLE = new Set<SimTxnStatus>(['expire', 'cancel']);

const wibFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Jakarta',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
/** `2021-07-06 17:23:49`, GMT+7, as in every Midtrans body. */
const wib = (ms: number): string => wibFormat.format(new Date(ms));
const rupiah = (n: number): string => `${n}.00`;

const STATUS_CODE: Record<SimTxnStatus, string> = {
  pending: '201',
  settlement: '200',
  expire: '407',
  cancel: '200',
  deny: '202',
  refund: '200',
  partial_refund: '200',
};

function digits(n: number): string {
  let out = '';
  for (const b of randomBytes(n)) out += String(b % 10);
  return out;
}

export async function startMidtransSimulator(options: MidtransSimOptions = {}): Promise<MidtransSimulator> {
  const now = options.now ?? Date.now;
  const store = openMidtransStore(options.statePath ?? null, () => ({
    serverKey: options.serverKey ?? `SB-Mid-server-${randomBytes(12).toString('base64url')}`,
    clientKey: options.clientKey ?? `SB-Mid-client-${randomBytes(8).toString('base64url')}`,
  }));
  const { serverKey, clientKey } = store.state;
  const config: MidtransSimConfig = {
    merchantId: 'G123456789',
    merchantName: 'LOKET TRAINING',
    expirySeconds: { qris: 900, gopay: 900, shopeepay: 900, bank_transfer: 86_400, echannel: 86_400 },
    hangMs: 40_000,
    notificationUrl: null,
    ...options.config,
    faults: { chargeHtml502: 0, chargeLost: 0, chargeHang: 0, statusHtml: 0, refundLost: 0, slowMs: 0, ...options.config?.faults },
  };
  const expectedAuth = `Basic ${Buffer.from(`${serverKey}:`).toString('base64')}`;
  const timers = new Set<NodeJS.Timeout>();
  let baseUrl = '';

  const take = (fault: keyof Omit<MidtransFaults, 'slowMs'>): boolean => {
    if (config.faults[fault] <= 0) return false;
    config.faults[fault] -= 1;
    return true;
  };

  function refunded(t: SimTxn): number {
    return t.refunds.reduce((sum, r) => sum + r.amount, 0);
  }

  /** The transaction as the status API, refund answers and notifications show it. */
  function txnBody(t: SimTxn, message: string): Record<string, unknown> {
    const body: Record<string, unknown> = {
      status_code: STATUS_CODE[t.status],
      status_message: message,
      transaction_id: t.transactionId,
      order_id: t.orderId,
      merchant_id: config.merchantId,
      gross_amount: rupiah(t.amount),
      currency: 'IDR',
      payment_type: t.paymentType,
      transaction_time: wib(t.createdAt),
      transaction_status: t.status,
      fraud_status: 'accept',
      expiry_time: wib(t.expiresAt),
    };
    if (t.settledAt !== null) body.settlement_time = wib(t.settledAt);
    if (t.paymentType === 'bank_transfer' && t.bank === 'permata') body.permata_va_number = t.vaNumber;
    else if (t.paymentType === 'bank_transfer') body.va_numbers = [{ bank: t.bank, va_number: t.vaNumber }];
    if (t.paymentType === 'bank_transfer' && t.settledAt !== null) body.payment_amounts = [{ paid_at: wib(t.settledAt), amount: rupiah(t.amount) }];
    if (t.paymentType === 'echannel') Object.assign(body, { bill_key: t.billKey, biller_code: t.billerCode });
    if (t.paymentType === 'qris') {
      body.acquirer = t.acquirer;
      if (t.issuer) Object.assign(body, { issuer: t.issuer, transaction_type: t.issuer === t.acquirer ? 'on-us' : 'off-us' });
    }
    if (t.refunds.length > 0) {
      body.refund_amount = rupiah(refunded(t));
      body.refunds = t.refunds.map((r) => ({ refund_chargeback_id: r.id, refund_amount: rupiah(r.amount), created_at: wib(r.at), reason: r.reason, refund_key: r.key }));
    }
    return body;
  }

  function signature(body: Record<string, unknown>): string {
    return createHash('sha512')
      .update(`${String(body.order_id)}${String(body.status_code)}${String(body.gross_amount)}${serverKey}`)
      .digest('hex');
  }

  function notify(t: SimTxn): void {
    const targets = t.notify.length > 0 ? t.notify : config.notificationUrl ? [config.notificationUrl] : [];
    const body: Record<string, unknown> = { ...txnBody(t, 'midtrans payment notification') };
    // Notifications report an expiry as 202 (midtrans.md §11.3).
    if (t.status === 'expire') body.status_code = '202';
    body.signature_key = signature(body);
    const payload = Buffer.from(JSON.stringify(body));
    for (const target of targets) {
      let url: URL;
      try {
        url = new URL(target);
      } catch {
        continue;
      }
      if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') continue;
      const req = http.request(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': String(payload.length) } });
      req.on('error', () => undefined);
      req.on('response', (res) => res.resume());
      req.end(payload);
    }
  }

  function change(t: SimTxn, status: SimTxnStatus): void {
    t.status = status;
    store.save();
    notify(t);
  }

  /** A waiting transaction past its expiry is expired the moment anyone looks (or its timer fires). */
  function settleExpiry(t: SimTxn): void {
    if (t.status === 'pending' && now() >= t.expiresAt) change(t, 'expire');
  }

  function scheduleExpiry(t: SimTxn): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      settleExpiry(t);
    }, Math.max(0, t.expiresAt - now()) + 5);
    timers.add(timer);
  }

  function find(id: string): SimTxn | null {
    const t = store.state.txns[id] ?? Object.values(store.state.txns).find((x) => x.transactionId === id) ?? null;
    if (t) settleExpiry(t);
    return t;
  }

  function expirySeconds(type: SimTxn['paymentType'], custom: unknown): number | string {
    if (custom === undefined) return config.expirySeconds[type];
    if (typeof custom !== 'object' || custom === null) return 'custom_expiry must be an object';
    const c = custom as { expiry_duration?: unknown; unit?: unknown };
    const unit = typeof c.unit === 'string' ? c.unit : 'minute';
    if (!(unit in UNIT_SECONDS)) return 'custom_expiry.unit must be one of second, minute, hour, day';
    if (typeof c.expiry_duration !== 'number' || !Number.isInteger(c.expiry_duration) || c.expiry_duration <= 0) {
      return 'custom_expiry.expiry_duration must be a positive integer';
    }
    return c.expiry_duration * UNIT_SECONDS[unit]!;
  }

  /** item_details, when sent: each line's price × quantity must sum to gross_amount. */
  function itemsProblem(items: unknown, gross: unknown): string | null {
    if (items === undefined) return null;
    if (!Array.isArray(items)) return 'item_details must be an array';
    let sum = 0;
    for (const i of items as Array<Record<string, unknown>>) {
      if (typeof i !== 'object' || i === null || typeof i.price !== 'number' || typeof i.quantity !== 'number' || typeof i.name !== 'string') return 'item_details need price, quantity and name';
      if (i.name.length > 50) return 'item_details.name must be at most 50 characters';
      sum += i.price * i.quantity;
    }
    return typeof gross === 'number' && sum !== gross ? 'transaction_details.gross_amount is not equal to the sum of item_details' : null;
  }

  /** Mandiri Bill's echannel object: bill_info1 at most 10 characters, bill_info2 at most 30. */
  function echannelProblem(e: unknown): string | null {
    const o = (typeof e === 'object' && e !== null ? e : {}) as { bill_info1?: unknown; bill_info2?: unknown };
    if (typeof o.bill_info1 !== 'string' || o.bill_info1.length === 0 || o.bill_info1.length > 10) return 'echannel.bill_info1 is required and must be at most 10 characters';
    if (typeof o.bill_info2 !== 'string' || o.bill_info2.length === 0 || o.bill_info2.length > 30) return 'echannel.bill_info2 is required and must be at most 30 characters';
    return null;
  }

  function charge(req: http.IncomingMessage, raw: Buffer): SimReply {
    if (raw.length === 0) return json(500, { status_code: '500', status_message: 'Sorry, an unexpected error occurred. Please try again later.', id: randomUUID() });
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8'));
      // A JSON null is answered as the real API does: a 500, not a syntax error (issue 15 §4).
      if (parsed === null) return json(500, { status_code: '500', status_message: 'Sorry, an unexpected error occurred. Please try again later.', id: randomUUID() });
      if (typeof parsed !== 'object') throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return json(400, { status_code: '413', status_message: 'The request cannot be processed due to malformed syntax in the request body', id: randomUUID() });
    }
    const details = (body.transaction_details ?? {}) as { order_id?: unknown; gross_amount?: unknown };
    const problems: string[] = [];
    const orderId = typeof details.order_id === 'string' ? details.order_id : '';
    if (!ORDER_ID.test(orderId)) problems.push('transaction_details.order_id is required and may contain only letters, digits, -, _, . and ~ (at most 50)');
    const amount = details.gross_amount;
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0.01) problems.push('transaction_details.gross_amount must be greater than or equal to 0.01');
    else if (!Number.isInteger(amount)) problems.push('transaction_details.gross_amount must be an integer for IDR');
    const items = itemsProblem(body.item_details, amount);
    if (items) problems.push(items);
    const echannel = body.payment_type === 'echannel' ? echannelProblem(body.echannel) : null;
    if (echannel) problems.push(echannel);
    const type = body.payment_type;
    if (type === 'credit_card' || type === 'cstore' || type === 'akulaku') return bodyError('402', 'Payment channel is not activated.');
    if (!['qris', 'gopay', 'shopeepay', 'bank_transfer', 'echannel', 'permata'].includes(String(type))) problems.push('payment_type is not supported');
    const paymentType: SimTxn['paymentType'] = type === 'permata' ? 'bank_transfer' : (type as SimTxn['paymentType']);
    let bank: string | null = null;
    if (paymentType === 'bank_transfer') {
      bank = type === 'permata' ? 'permata' : String((body.bank_transfer as { bank?: unknown } | undefined)?.bank ?? '');
      if (!VA_BANKS.has(bank)) problems.push('bank_transfer.bank must be one of bca, bni, bri, permata');
    }
    const expiry = problems.length === 0 ? expirySeconds(paymentType, body.custom_expiry) : 0;
    if (typeof expiry === 'string') problems.push(expiry);
    if (problems.length > 0) {
      return json(400, { status_code: '400', status_message: 'One or more parameters in the payload is invalid.', validation_messages: problems, id: randomUUID() });
    }
    store.state.charges[orderId] = (store.state.charges[orderId] ?? 0) + 1;
    if (take('chargeHtml502')) {
      store.save();
      return html(502, '502 Bad Gateway');
    }
    const existing = find(orderId);
    if (existing && !FINAL_REUSABLE.has(existing.status)) return bodyError('406', 'order_id has been paid and utilized, please use another order ID');

    const at = now();
    const acquirer = paymentType === 'qris' ? String((body.qris as { acquirer?: unknown } | undefined)?.acquirer ?? 'gopay') : null;
    const t: SimTxn = {
      orderId,
      transactionId: randomUUID(),
      paymentType,
      bank,
      amount: amount as number,
      status: 'pending',
      createdAt: at,
      expiresAt: at + (expiry as number) * 1000,
      settledAt: null,
      qrString: paymentType === 'qris' ? qrisPayload({ merchantName: config.merchantName, city: 'JAKARTA', amount: amount as number, reference: orderId, acquirer: acquirer ?? 'gopay' }) : null,
      acquirer,
      issuer: null,
      vaNumber: bank === null ? null : bank === 'permata' ? `8778${digits(12)}` : bank === 'bca' ? `12345${digits(10)}` : `8${digits(15)}`,
      billKey: paymentType === 'echannel' ? digits(12) : null,
      billerCode: paymentType === 'echannel' ? '70012' : null,
      refunds: [],
      notify: String(req.headers['x-override-notification'] ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .slice(0, 2),
    };
    store.state.txns[orderId] = t;
    store.save();
    scheduleExpiry(t);
    notify(t);

    const answer: Record<string, unknown> = { ...txnBody(t, '') };
    const api = `${baseUrl}/v2`;
    switch (paymentType) {
      case 'qris':
        Object.assign(answer, {
          status_message: 'QRIS transaction is created',
          actions: [{ name: 'generate-qr-code', method: 'GET', url: `${api}/qris/${t.transactionId}/qr-code` }],
          qr_string: t.qrString,
        });
        break;
      case 'gopay':
      case 'shopeepay':
        Object.assign(answer, {
          status_message: paymentType === 'gopay' ? 'GO-PAY transaction is created' : 'ShopeePay transaction is created',
          actions: [
            ...(paymentType === 'gopay' ? [{ name: 'generate-qr-code', method: 'GET', url: `${api}/gopay/${t.transactionId}/qr-code` }] : []),
            { name: 'deeplink-redirect', method: 'GET', url: `${baseUrl}/__sim/ui/pay?order_id=${encodeURIComponent(orderId)}&referenceid=${t.transactionId.slice(0, 10)}` },
            { name: 'get-status', method: 'GET', url: `${api}/${t.transactionId}/status` },
            { name: 'cancel', method: 'POST', url: `${api}/${t.transactionId}/cancel` },
          ],
        });
        break;
      case 'bank_transfer':
        answer.status_message = bank === 'permata' ? 'Success, PERMATA VA transaction is successful' : 'Success, Bank Transfer transaction is created';
        break;
      case 'echannel':
        answer.status_message = 'OK, Mandiri Bill transaction is successful';
        break;
    }
    if (take('chargeLost')) return html(504, '504 Gateway Time-out');
    const reply = json(200, answer);
    return take('chargeHang') ? { ...reply, delayMs: config.hangMs } : reply;
  }

  function status(id: string): SimReply {
    if (take('statusHtml')) return { status: 200, body: '<html><body>Service Temporarily Unavailable</body></html>', contentType: 'text/html' };
    const t = find(id);
    if (!t) return bodyError('404', "Transaction doesn't exist.");
    const body = txnBody(t, 'Success, transaction is found');
    // Status answers do not repeat the QR payload (midtrans.md §12 leaves it open; assume the worst).
    return json(200, body);
  }

  function cancel(id: string): SimReply {
    const t = find(id);
    if (!t) return bodyError('404', "Transaction doesn't exist.");
    if (t.status !== 'pending') return cannotModify();
    change(t, 'cancel');
    return json(200, txnBody(t, 'Success, transaction is canceled'));
  }

  function expire(id: string): SimReply {
    const t = find(id);
    if (!t) return bodyError('404', "Transaction doesn't exist.");
    if (t.status !== 'pending') return cannotModify();
    change(t, 'expire');
    return json(200, txnBody(t, 'Success, transaction has expired'));
  }

  function refund(id: string, raw: Buffer): SimReply {
    const t = find(id);
    if (!t) return bodyError('404', "Transaction doesn't exist.");
    let body: { refund_key?: unknown; amount?: unknown; reason?: unknown } = {};
    try {
      if (raw.length > 0) body = JSON.parse(raw.toString('utf8')) as typeof body;
    } catch {
      return json(400, { status_code: '413', status_message: 'The request cannot be processed due to malformed syntax in the request body', id: randomUUID() });
    }
    const key = typeof body.refund_key === 'string' && body.refund_key !== '' ? body.refund_key : `auto-${randomUUID()}`;
    if (!/^[A-Za-z0-9\-_]{1,50}$/.test(key)) return json(400, { status_code: '400', status_message: 'One or more parameters in the payload is invalid.', validation_messages: ['refund_key may contain only letters, digits, - and _'], id: randomUUID() });
    store.state.refundCalls[key] = (store.state.refundCalls[key] ?? 0) + 1;
    const done = t.refunds.find((r) => r.key === key);
    const answer = (r: { id: number; amount: number }): SimReply =>
      json(200, {
        ...txnBody(t, 'Success, refund request is approved'),
        refund_chargeback_id: r.id,
        refund_amount: rupiah(r.amount),
        refund_key: key,
      });
    // The same refund_key is the same refund: answered again, never paid twice.
    if (done) return answer(done);
    if (!REFUNDABLE.has(t.paymentType)) return bodyError('412', `Payment Type ${t.paymentType} is not supported for refund`);
    if (t.status !== 'settlement' && t.status !== 'partial_refund') return cannotModify();
    const remaining = t.amount - refunded(t);
    const amount = body.amount === undefined ? remaining : body.amount;
    if (typeof amount !== 'number' || !Number.isInteger(amount) || amount <= 0) {
      return json(400, { status_code: '400', status_message: 'One or more parameters in the payload is invalid.', validation_messages: ['amount must be a positive integer'], id: randomUUID() });
    }
    if (amount > remaining) return bodyError('412', 'Refund amount is bigger than the refundable amount');
    const r = { key, amount, reason: typeof body.reason === 'string' ? body.reason : '', at: now(), id: store.state.nextRefundId++ };
    t.refunds.push(r);
    change(t, refunded(t) === t.amount ? 'refund' : 'partial_refund');
    if (take('refundLost')) return html(504, '504 Gateway Time-out');
    return answer(r);
  }

  function customerPays(orderId: string, issuer?: string): boolean {
    const t = find(orderId);
    if (!t || t.status !== 'pending') return false;
    t.settledAt = now();
    if (t.paymentType === 'qris') t.issuer = issuer ?? t.acquirer ?? 'gopay';
    change(t, 'settlement');
    return true;
  }

  function moveTo(orderId: string, status: 'expire' | 'deny'): boolean {
    const t = find(orderId);
    if (!t || t.status !== 'pending') return false;
    change(t, status);
    return true;
  }

  function configure(patch: Parameters<MidtransSimulator['configure']>[0]): void {
    const { faults, expirySeconds: exp, ...rest } = patch;
    Object.assign(config, rest);
    if (exp) Object.assign(config.expirySeconds, exp);
    if (faults) Object.assign(config.faults, faults);
  }

  function control(req: http.IncomingMessage, url: URL, raw: Buffer): SimReply {
    const m = /^\/__sim\/transactions\/([^/]+)\/(pay|expire|deny)$/.exec(url.pathname);
    if (m && req.method === 'POST') {
      const id = decodeURIComponent(m[1]!);
      let issuer: string | undefined;
      try {
        issuer = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as { issuer?: string }).issuer : undefined;
      } catch {
        issuer = undefined;
      }
      const done = m[2] === 'pay' ? customerPays(id, issuer) : moveTo(id, m[2] as 'expire' | 'deny');
      return done ? json(200, { ok: true, transaction: store.state.txns[id] }) : json(409, err('no waiting transaction with this order_id'));
    }
    if (url.pathname === '/__sim/ui/pay' && req.method === 'GET') {
      // The deeplink target: opening it on a phone in training "pays".
      const paid = customerPays(url.searchParams.get('order_id') ?? '');
      return { status: 200, body: `<html><body><h1>${paid ? 'Pembayaran berhasil (simulasi)' : 'Tidak ada pembayaran menunggu'}</h1></body></html>`, contentType: 'text/html; charset=utf-8' };
    }
    if (url.pathname === '/__sim/state') return json(200, store.state);
    if (url.pathname === '/__sim/config' && req.method === 'POST') {
      configure(JSON.parse(raw.toString('utf8') || '{}') as Parameters<MidtransSimulator['configure']>[0]);
      return json(200, config);
    }
    return json(404, { error: 'unknown control path' });
  }

  function route(req: http.IncomingMessage, url: URL, raw: Buffer): SimReply {
    if (req.headers.authorization !== expectedAuth) {
      return json(401, { status_code: '401', status_message: 'Unknown Merchant server_key/id', id: randomUUID() });
    }
    const path = url.pathname.replace(/\/+$/, '');
    if (path === '/v2/charge' && req.method === 'POST') return charge(req, raw);
    const qr = /^\/v2\/(qris|gopay)\/([^/]+)\/qr-code$/.exec(path);
    // An image of the QR, as Midtrans serves for its generate-qr-code action (a PNG there; a GIF
    // here — the content type is left open by the docs): the QRIS payload, or the e-wallet's link.
    if (qr && req.method === 'GET') {
      const t = find(qr[2]!);
      if (!t) return json(404, { status_code: '404', status_message: 'The requested resource is not found', id: randomUUID() });
      const code = qrcode(0, 'M');
      code.addData(t.qrString ?? `${baseUrl}/__sim/ui/pay?order_id=${encodeURIComponent(t.orderId)}&referenceid=${t.transactionId.slice(0, 10)}`);
      code.make();
      return { status: 200, body: '', bytes: Buffer.from(code.createDataURL(4, 8).split(',')[1]!, 'base64'), contentType: 'image/gif' };
    }
    const m = /^\/v2\/([^/]+)\/(status|cancel|expire|refund|refund\/online\/direct|approve|deny)$/.exec(path);
    if (!m) return json(404, { status_code: '404', status_message: 'The requested resource is not found', id: randomUUID() });
    const id = decodeURIComponent(m[1]!);
    const action = m[2]!;
    if (action === 'status' && req.method === 'GET') return status(id);
    if (req.method !== 'POST') return json(405, { status_code: '405', status_message: 'HTTP method is not allowed', id: randomUUID() });
    switch (action) {
      case 'cancel':
        return cancel(id);
      case 'expire':
        return expire(id);
      case 'refund':
      case 'refund/online/direct':
        return refund(id, raw);
      default:
        // approve / deny apply only to card captures held for fraud review, which this simulator never makes.
        return find(id) ? cannotModify() : bodyError('404', "Transaction doesn't exist.");
    }
  }

  const host = await serveSimulator({
    port: options.port,
    handle: ({ req, url, raw, control: isControl }) => (isControl ? control(req, url, raw) : route(req, url, raw)),
    onError: (e) => json(500, { status_code: '500', status_message: `Sorry, an unexpected error occurred: ${e.message}`, id: randomUUID() }),
    latencyMs: () => config.faults.slowMs,
    defaultContentType: 'application/json',
  });
  baseUrl = `http://127.0.0.1:${host.port}`;
  for (const t of Object.values(store.state.txns)) if (t.status === 'pending') scheduleExpiry(t);

  return {
    baseUrl,
    port: host.port,
    credentials: { serverKey, clientKey },
    txn: (orderId) => find(orderId),
    txns: () => Object.values(store.state.txns),
    chargeCount: (orderId) => store.state.charges[orderId] ?? 0,
    refundCallCount: (key) => store.state.refundCalls[key] ?? 0,
    pay: customerPays,
    expire: (orderId) => moveTo(orderId, 'expire'),
    deny: (orderId) => moveTo(orderId, 'deny'),
    configure,
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return host.close();
    },
  };
}
