// Midtrans Core API for the counter's QRIS, e-wallet and virtual-account payments (midtrans.md).
// The order_id is Loket's persisted payment ref, so a charge whose answer was lost is looked up by
// status first and never charged under a new id; a refund carries our refund_key, so repeating it
// never pays twice. Both error channels (HTTP status, body status_code) end up in one place.
import type { Logger } from '../../log/logger';
import type { ProviderError } from '../contract';
import type { ChargeRequest, NonCashMethod, PaymentDisplay, PaymentGateway, PaymentStatus, RefundOutcome, RefundRequest, Settled } from '../payment-contract';
import { StatusBody, TransactionBody } from './schema';
import { chargeRefused, midtransError, refundRefused, UNCERTAIN } from './errors';
import { createMidtransTransport, type MidtransExchange, type MidtransTransport } from './transport';
import { verifyNotification } from './signing';
import { qrImageDataUrl, qrImagePath } from './qr-image';

export type MidtransEndpoint = { baseUrl: string; serverKey: string };
export type MidtransTimeouts = { connectMs: number; chargeMs: number; statusMs: number; refundMs: number };
export const DEFAULT_MIDTRANS_TIMEOUTS: MidtransTimeouts = { connectMs: 5_000, chargeMs: 20_000, statusMs: 10_000, refundMs: 30_000 };
export const MIDTRANS_SANDBOX_URL = 'https://api.sandbox.midtrans.com';
export const MIDTRANS_PRODUCTION_URL = 'https://api.midtrans.com';

export type MidtransClient = PaymentGateway & {
  /** A notification's order, when its SHA-512 signature holds (midtrans.md §7); null otherwise. */
  verifyNotification(raw: Buffer): { orderId: string } | null;
};

type Answer = Extract<MidtransExchange, { kind: 'answer' }>;
type Parsed = { kind: 'txn'; body: TransactionBody } | { kind: 'code'; code: string; detail: string } | { kind: 'garbage'; detail: string };

const REFUNDABLE = new Set<NonCashMethod>(['qris', 'gopay', 'shopeepay']);
const CANNOT_REACH = 'Tidak bisa menghubungi Midtrans. Periksa koneksi, lalu coba lagi atau pakai cara bayar lain.';

const snippet = (a: Answer): string => `HTTP ${a.status} ${a.contentType}: ${a.body.toString('utf8').slice(0, 120).replace(/\s+/g, ' ')}`;

/**
 * One reading of both error channels: an HTTP status ≥ 400, or HTTP 200 whose body `status_code`
 * is ≥ 400 — except 407, which is how Midtrans reports an expired transaction (§3).
 */
function parse(a: Answer): Parsed {
  let json: unknown;
  try {
    json = JSON.parse(a.body.toString('utf8'));
  } catch {
    return { kind: 'garbage', detail: snippet(a) };
  }
  const s = StatusBody.safeParse(json);
  if (!s.success) return { kind: 'garbage', detail: snippet(a) };
  const code = s.data.status_code;
  const detail = `Midtrans ${code} (HTTP ${a.status}): ${s.data.status_message ?? ''}${s.data.validation_messages ? ` — ${s.data.validation_messages.join('; ')}` : ''}`;
  if (a.status >= 400 || (Number(code) >= 400 && code !== '407')) return { kind: 'code', code: Number(code) >= 400 ? code : String(a.status), detail };
  const t = TransactionBody.safeParse(json);
  return t.success ? { kind: 'txn', body: t.data } : { kind: 'garbage', detail: snippet(a) };
}

/** `2021-07-06 17:23:49` in GMT+7 → epoch ms. */
function wibTime(text: string | undefined): number | null {
  const m = text === undefined ? null : /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  return m ? Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}+07:00`) : null;
}

const hostOf = (url: string): string => {
  try {
    return new URL(url).host;
  } catch {
    return 'unreadable';
  }
};

const rupiah = (text: string | undefined): number => Math.round(Number(text ?? '0'));

function displayOf(b: TransactionBody): PaymentDisplay | null {
  const va = b.va_numbers?.[0];
  const d: PaymentDisplay = {
    qrString: b.qr_string ?? null,
    deeplink: b.actions?.find((a) => a.name === 'deeplink-redirect')?.url ?? null,
    vaNumber: va?.va_number ?? b.permata_va_number ?? null,
    bank: va?.bank ?? (b.permata_va_number ? 'permata' : null),
    billKey: b.bill_key ?? null,
    billerCode: b.biller_code ?? null,
  };
  return Object.values(d).some((v) => v !== null) ? d : null;
}

function settledOf(b: TransactionBody): Settled {
  const txn = b.transaction_id ?? null;
  const short = txn ? txn.slice(0, 8).toUpperCase() : null;
  const va = b.va_numbers?.[0];
  let reference: string | null = short;
  if (va) reference = `${va.bank.toUpperCase()} ${va.va_number}`;
  else if (b.permata_va_number) reference = `PERMATA ${b.permata_va_number}`;
  else if (b.bill_key) reference = `MANDIRI ${b.biller_code ?? ''}/${b.bill_key}`;
  else if (b.issuer && short) reference = `${b.issuer.toUpperCase()} ${short}`;
  const last4 = b.masked_card ? b.masked_card.slice(-4) : null;
  return { txnId: txn, reference, approvalCode: b.approval_code ?? null, cardBrand: null, cardLast4: last4 };
}

function closedError(reason: 'expired' | 'denied' | 'cancelled' | 'failed', b: TransactionBody): ProviderError {
  const message = {
    expired: 'Waktu pembayaran habis. Pelanggan belum membayar; tidak ada uang masuk.',
    denied: 'Pembayaran ditolak oleh penyedia. Tidak ada uang masuk; pakai cara bayar lain.',
    cancelled: 'Pembayaran dibatalkan. Tidak ada uang masuk.',
    failed: 'Pembayaran gagal diproses. Tidak ada uang masuk; pakai cara bayar lain.',
  }[reason];
  return midtransError(reason === 'denied' ? 'provider_refused' : 'provider_failed', message, `Midtrans ${b.transaction_status} (${b.status_code}) ${b.status_message ?? ''}`, b.status_code);
}

function statusOf(b: TransactionBody, fallbackExpiry: number | null): PaymentStatus {
  switch (b.transaction_status) {
    case 'pending':
    case 'authorize':
      return { kind: 'pending', txnId: b.transaction_id ?? null, display: displayOf(b), expiresAt: wibTime(b.expiry_time) ?? fallbackExpiry };
    case 'capture':
      // A card capture held for fraud review is not money yet (§5).
      return b.fraud_status === 'challenge'
        ? { kind: 'pending', txnId: b.transaction_id ?? null, display: null, expiresAt: null }
        : { kind: 'settled', settled: settledOf(b) };
    case 'settlement':
      return { kind: 'settled', settled: settledOf(b) };
    case 'expire':
      return { kind: 'closed', reason: 'expired', error: closedError('expired', b) };
    case 'deny':
      return { kind: 'closed', reason: 'denied', error: closedError('denied', b) };
    case 'cancel':
      return { kind: 'closed', reason: 'cancelled', error: closedError('cancelled', b) };
    case 'failure':
      return { kind: 'closed', reason: 'failed', error: closedError('failed', b) };
    case 'refund':
    case 'partial_refund':
    case 'chargeback':
    case 'partial_chargeback': {
      const listed = (b.refunds ?? []).reduce((sum, r) => sum + rupiah(r.refund_amount), 0);
      return { kind: 'refunded', refundedAmount: b.refund_amount ? rupiah(b.refund_amount) : listed };
    }
  }
}

const unknown = (detail: string, notFound = false, code: string | null = null): PaymentStatus => ({
  kind: 'unknown',
  notFound,
  error: midtransError('provider_timeout', UNCERTAIN, detail, code),
});

function chargeBody(req: ChargeRequest): Record<string, unknown> {
  const body: Record<string, unknown> = {
    transaction_details: { order_id: req.ref, gross_amount: req.amount },
    // What the customer pays for, as one line summing to the gross amount (Midtrans checks the sum).
    item_details: [{ id: req.ref.slice(-20), price: req.amount, quantity: 1, name: req.description.slice(0, 50) }],
    // Set explicitly: Midtrans' defaults for QRIS and e-wallets are not documented (§12).
    custom_expiry: { expiry_duration: req.expirySeconds, unit: 'second' },
  };
  switch (req.method) {
    case 'qris':
      return { payment_type: 'qris', ...body, qris: { acquirer: 'gopay' } };
    case 'gopay':
      return { payment_type: 'gopay', ...body };
    case 'shopeepay':
      return { payment_type: 'shopeepay', ...body };
    case 'va_bca':
    case 'va_bni':
    case 'va_bri':
    case 'va_permata':
      return { payment_type: 'bank_transfer', ...body, bank_transfer: { bank: req.method.slice(3) } };
    case 'mandiri_bill':
      // Mandiri Bill: bill_info1 at most 10 characters, bill_info2 at most 30 (echannel object).
      return { payment_type: 'echannel', ...body, echannel: { bill_info1: 'Pembayaran', bill_info2: req.description.slice(0, 30) } };
    case 'card':
    case 'bitcoin':
      throw new Error(`${req.method} is not paid through Midtrans`);
  }
}

export function createMidtransClient(options: {
  endpoint: MidtransEndpoint;
  timeouts: MidtransTimeouts;
  log: Logger;
  now: () => number;
  transport?: MidtransTransport;
}): MidtransClient {
  const { timeouts, now } = options;
  const transport = options.transport ?? createMidtransTransport({ baseUrl: options.endpoint.baseUrl, serverKey: options.endpoint.serverKey, connectTimeoutMs: timeouts.connectMs, log: options.log });
  const path = (ref: string, action: string): string => `/v2/${encodeURIComponent(ref)}/${action}`;

  async function status(ref: string): Promise<PaymentStatus> {
    const ex = await transport({ method: 'GET', path: path(ref, 'status'), timeoutMs: timeouts.statusMs });
    if (ex.kind !== 'answer') return unknown(ex.detail);
    const p = parse(ex);
    if (p.kind === 'garbage') return unknown(`Midtrans status answer unreadable: ${p.detail}`);
    if (p.kind === 'code') return unknown(p.detail, p.code === '404', p.code);
    return statusOf(p.body, null);
  }

  /** cancel or expire (§4.3): 412 means it can no longer be stopped — paid, or already closed; the status says which. */
  async function close(ref: string, action: 'cancel' | 'expire'): Promise<PaymentStatus> {
    const ex = await transport({ method: 'POST', path: path(ref, action), timeoutMs: timeouts.statusMs });
    if (ex.kind !== 'answer') return unknown(ex.detail);
    const p = parse(ex);
    if (p.kind === 'garbage') return unknown(`Midtrans ${action} answer unreadable: ${p.detail}`);
    if (p.kind === 'code') {
      if (p.code === '412') return status(ref);
      // 404: no transaction under this order_id: nothing to stop, nothing can be paid.
      if (p.code === '404') return { kind: 'closed', reason: action === 'expire' ? 'expired' : 'cancelled', error: midtransError('provider_failed', 'Pembayaran dibatalkan. Tidak ada uang masuk.', p.detail, p.code) };
      return unknown(p.detail, false, p.code);
    }
    return statusOf(p.body, null);
  }

  /**
   * An e-wallet charge without a QRIS string (GoPay): the QR the customer scans at a desk is the
   * image behind its generate-qr-code action. Without it (not offered, another host, not an image,
   * not reachable) the deeplink stays the QR, as before — the charge itself already stands.
   */
  async function withQrImage(st: Extract<PaymentStatus, { kind: 'pending' }>, b: TransactionBody): Promise<PaymentStatus> {
    const action = b.actions?.find((a) => a.name === 'generate-qr-code');
    const imagePath = action ? qrImagePath(action.url, options.endpoint.baseUrl) : null;
    if (!action) return st;
    if (imagePath === null) {
      options.log.warn('midtrans.qr_image_foreign', { host: hostOf(action.url) });
      return st;
    }
    const ex = await transport({ method: 'GET', path: imagePath, timeoutMs: timeouts.statusMs, accept: 'image/*' });
    const image = ex.kind === 'answer' ? qrImageDataUrl(ex) : null;
    if (image === null) {
      options.log.warn('midtrans.qr_image_unusable', { detail: ex.kind === 'answer' ? `HTTP ${ex.status} ${ex.contentType}, ${ex.body.length} bytes` : ex.detail });
      return st;
    }
    return { ...st, display: { ...st.display!, qrImage: image } };
  }

  return {
    name: 'midtrans',
    refundable: (method) => REFUNDABLE.has(method),
    verifyNotification: (raw) => verifyNotification(raw, options.endpoint.serverKey),

    async charge(req) {
      const ex = await transport({ method: 'POST', path: '/v2/charge', body: chargeBody(req), timeoutMs: timeouts.chargeMs });
      if (ex.kind === 'not_sent') return { kind: 'closed', reason: 'failed', error: midtransError('provider_unavailable', CANNOT_REACH, ex.detail, null) };
      if (ex.kind === 'lost') return unknown(ex.detail);
      const p = parse(ex);
      // A proxy's page or an answer we cannot read: the transaction may exist. Ask before anything else.
      if (p.kind === 'garbage') return unknown(`Midtrans charge answer unreadable: ${p.detail}`);
      if (p.kind === 'code') {
        // 406: this order_id already has a transaction (an earlier attempt landed); 5xx/900: it may have.
        if (p.code === '406' || Number(p.code) >= 500) return unknown(p.detail, false, p.code);
        return { kind: 'closed', reason: 'failed', error: chargeRefused(p.code, p.detail) };
      }
      const st = statusOf(p.body, now() + req.expirySeconds * 1000);
      return st.kind === 'pending' && st.display && st.display.qrString === null ? withQrImage(st, p.body) : st;
    },

    status: (ref) => status(ref),

    cancel: (ref) => close(ref, 'cancel'),
    expire: (ref) => close(ref, 'expire'),

    async refund(req: RefundRequest): Promise<RefundOutcome> {
      const ex = await transport({
        method: 'POST',
        // Direct refunds go straight to the wallet or acquirer and settle at once (§9).
        path: path(req.ref, req.direct ? 'refund/online/direct' : 'refund'),
        body: { refund_key: req.key, amount: req.amount, reason: req.reason.slice(0, 255) },
        timeoutMs: timeouts.refundMs,
      });
      // Not sent, lost or unreadable: unknown, and asked again with the same refund_key.
      if (ex.kind !== 'answer') return { kind: 'unknown', error: midtransError('provider_timeout', UNCERTAIN, ex.detail, null) };
      const p = parse(ex);
      if (p.kind === 'garbage') return { kind: 'unknown', error: midtransError('provider_bad_response', UNCERTAIN, p.detail, null) };
      if (p.kind === 'code') {
        if (Number(p.code) >= 500) return { kind: 'unknown', error: midtransError('provider_unavailable', UNCERTAIN, p.detail, p.code) };
        return { kind: 'refused', error: refundRefused(p.code, p.detail) };
      }
      const b = p.body;
      if (b.transaction_status !== 'refund' && b.transaction_status !== 'partial_refund') {
        return { kind: 'unknown', error: midtransError('provider_bad_response', UNCERTAIN, `refund answered ${b.transaction_status}`, b.status_code) };
      }
      return { kind: 'done', refundId: b.refund_chargeback_id === undefined ? null : String(b.refund_chargeback_id) };
    },
  };
}
