// Worldline Acquiring for card payments at the counter (worldline.md). A card is authorized and
// captured in one call (captureImmediately) under our persisted operationId; an answer that never
// came is settled by a technical reversal of that same operation, so the customer is never
// charged for a sale the counter did not record. Refunds reference the payment and carry their
// own operationId, so repeating one never pays twice.
import type { Logger } from '../../log/logger';
import type { ProviderError } from '../contract';
import type { CardInput, ChargeRequest, PaymentGateway, PaymentStatus, RefundOutcome, RefundRequest } from '../payment-contract';
import { CaptureResponse, PaymentResource, PaymentResponse, ProblemBody, RefundResponse, ReversalResponse, TechnicalReversalResponse } from './schema';
import { declined, UNCERTAIN, worldlineError } from './errors';
import { createWorldlineTokenCache } from './token-cache';
import { createWorldlineTransport, type WorldlineExchange, type WorldlineTransport } from './transport';

export type WorldlineEndpoint = {
  apiUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  acquirerId: string;
  merchantId: string;
  terminalId: string;
  /**
   * The decimals the acquirer contract states for IDR (issue 15 §1): ISO 4217 gives 2 (the default);
   * some contracts count whole rupiah (0). Answers are compared as values whatever exponent they use.
   */
  amountDecimals?: 0 | 2;
};
export type WorldlineTimeouts = { connectMs: number; authorizationMs: number; otherMs: number };
export const DEFAULT_WORLDLINE_TIMEOUTS: WorldlineTimeouts = { connectMs: 5_000, authorizationMs: 45_000, otherMs: 20_000 };

type Answer = Extract<WorldlineExchange, { kind: 'answer' }>;
type Parsed<T> = { kind: 'ok'; status: number; body: T } | { kind: 'problem'; status: number; detail: string } | { kind: 'garbage'; detail: string };

const CANNOT_REACH = 'Tidak bisa menghubungi Worldline. Periksa koneksi; kartu belum ditagih.';
/** An amount as Worldline carries it: rupiah in the contract's minor units. */
const idrIn = (decimals: 0 | 2) => (rupiah: number) => ({ amount: rupiah * 10 ** decimals, currencyCode: 'IDR', numberOfDecimals: decimals });

/** Whether an answered amount is `rupiah`, compared as (value, currency, exponent) — never as bare integers. */
export function isRupiah(a: { amount: number; currencyCode: string; numberOfDecimals: number } | undefined, rupiah: number): boolean {
  return a !== undefined && a.currencyCode === 'IDR' && Number.isInteger(a.numberOfDecimals) && a.numberOfDecimals >= 0 && a.amount === rupiah * 10 ** a.numberOfDecimals;
}

function read<T>(a: Answer, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): Parsed<T> {
  const text = a.body.toString('utf8');
  let json: unknown;
  try {
    json = text === '' ? null : JSON.parse(text);
  } catch {
    return { kind: 'garbage', detail: `HTTP ${a.status} ${a.contentType}: ${text.slice(0, 120).replace(/\s+/g, ' ')}` };
  }
  if (a.status >= 200 && a.status < 300) {
    const r = schema.safeParse(json);
    return r.success ? { kind: 'ok', status: a.status, body: r.data } : { kind: 'garbage', detail: `HTTP ${a.status}: unexpected body` };
  }
  const p = ProblemBody.safeParse(json);
  return { kind: 'problem', status: a.status, detail: `Worldline HTTP ${a.status}: ${p.success ? `${p.data.title ?? ''} ${p.data.detail ?? ''}`.trim() : text.slice(0, 120)}` };
}

const unknown = (detail: string, notFound = false): PaymentStatus => ({ kind: 'unknown', notFound, error: worldlineError('provider_timeout', UNCERTAIN, detail, null) });
const failed = (error: ProviderError): PaymentStatus => ({ kind: 'closed', reason: 'failed', error });

function cardData(card: CardInput): Record<string, unknown> {
  if (card.entry === 'swiped') {
    return { cardEntryMode: 'MAGNETIC_STRIPE', cardholderVerificationMethod: 'SIGNATURE', pointOfSaleData: { track2Data: card.track2.replace(/^;|\?$/g, '') } };
  }
  // Keyed at an attended counter. [inference] 'MANUAL' is not in the SDK docstrings' partial list (§2.5).
  return {
    cardEntryMode: 'MANUAL',
    cardholderVerificationMethod: card.securityCode ? 'CARD_SECURITY_CODE' : 'NONE',
    cardData: { cardNumber: card.number, expiryDate: `${card.expiry.slice(0, 2)}20${card.expiry.slice(2)}`, ...(card.securityCode ? { cardSecurityCode: card.securityCode } : {}) },
  };
}

function lastFour(card: CardInput | null): string | null {
  if (!card) return null;
  const pan = card.entry === 'keyed' ? card.number : (/^;?(\d{12,19})=/.exec(card.track2)?.[1] ?? '');
  return pan ? pan.slice(-4) : null;
}

export function createWorldlineClient(options: { endpoint: WorldlineEndpoint; timeouts: WorldlineTimeouts; log: Logger; now: () => number; transport?: WorldlineTransport }): PaymentGateway {
  const idr = idrIn(options.endpoint.amountDecimals ?? 2);
  const { endpoint: e, timeouts, now } = options;
  const tokens = createWorldlineTokenCache({ tokenUrl: e.tokenUrl, clientId: e.clientId, clientSecret: e.clientSecret, now, connectTimeoutMs: timeouts.connectMs, timeoutMs: timeouts.otherMs });
  const transport = options.transport ?? createWorldlineTransport({ apiUrl: e.apiUrl, tokens, connectTimeoutMs: timeouts.connectMs, log: options.log });
  const base = `/processing/v1/${e.acquirerId}/${e.merchantId}`;
  const stamp = (): string => new Date(now()).toISOString();
  const terminal = e.terminalId ? { terminalData: { terminalId: e.terminalId, isAttendedTerminal: true } } : {};

  /** Undo an authorization whose answer never came (worldline.md §6.2): the same operation, reversed. */
  async function technicalReversal(ref: string): Promise<PaymentStatus> {
    const r = await transport({
      method: 'POST',
      path: `${base}/operations/${ref}/reverse`,
      body: { operationId: `${ref}-TR`, transactionTimestamp: stamp(), reason: 'TIMEOUT_WAITING_RESPONSE', ...terminal },
      timeoutMs: timeouts.otherMs,
    });
    if (!r.ok) return unknown(r.error.detail);
    const ex = r.value;
    if (ex.kind !== 'answer') return unknown(ex.detail);
    const p = read(ex, TechnicalReversalResponse);
    if (p.kind !== 'ok' || p.body.responseCodeCategory !== 'APPROVED') return unknown(p.kind === 'ok' ? `technical reversal answered ${p.body.responseCode}` : p.detail);
    // 0: reversed; 7204: the bank never saw it. Either way nothing is charged.
    return failed(worldlineError('provider_failed', 'Bank tidak menjawab; otorisasi kartu dibatalkan dan kartu tidak ditagih. Coba lagi atau pakai cara bayar lain.', `technical reversal ${p.body.responseCode} ${p.body.responseCodeDescription ?? ''}`, p.body.responseCode));
  }

  /** Captures an authorised payment in full, under its own operation id (a repeat never captures twice). */
  async function capture(paymentId: string, ref: string, rupiah: number): Promise<boolean> {
    const r = await transport({ method: 'POST', path: `${base}/payments/${paymentId}/captures`, body: { operationId: `${ref}-CP`, transactionTimestamp: stamp(), amount: idr(rupiah), isFinal: true, ...terminal }, timeoutMs: timeouts.otherMs });
    if (!r.ok || r.value.kind !== 'answer') return false;
    const p = read(r.value, CaptureResponse);
    return p.kind === 'ok' && p.body.responseCodeCategory === 'APPROVED';
  }

  async function reverseAuthorization(paymentId: string, ref: string): Promise<boolean> {
    const r = await transport({ method: 'POST', path: `${base}/payments/${paymentId}/authorization-reversals`, body: { operationId: `${ref}-AR`, transactionTimestamp: stamp(), ...terminal }, timeoutMs: timeouts.otherMs });
    if (!r.ok || r.value.kind !== 'answer') return false;
    const p = read(r.value, ReversalResponse);
    return p.kind === 'ok' && p.body.responseCodeCategory === 'APPROVED';
  }

  async function statusOf(paymentId: string, ref: string, rupiah: number | undefined): Promise<PaymentStatus> {
    const r = await transport({ method: 'GET', path: `${base}/payments/${paymentId}?returnOperations=true`, timeoutMs: timeouts.otherMs });
    if (!r.ok) return unknown(r.error.detail);
    const ex = r.value;
    if (ex.kind !== 'answer') return unknown(ex.detail);
    const p = read(ex, PaymentResource);
    if (p.kind !== 'ok') return unknown(p.detail, p.kind === 'problem' && p.status === 404);
    const res = p.body;
    if (rupiah !== undefined && res.totalAuthorizedAmount && !isRupiah(res.totalAuthorizedAmount, rupiah)) {
      return unknown(`Worldline payment ${res.paymentId} is for ${res.totalAuthorizedAmount.amount}/10^${res.totalAuthorizedAmount.numberOfDecimals} ${res.totalAuthorizedAmount.currencyCode}, not Rp ${rupiah}`);
    }
    if (res.status === 'AUTHORIZED' && rupiah !== undefined && !(await capture(res.paymentId, ref, rupiah))) {
      return unknown(`Worldline payment ${res.paymentId} authorised, capture not confirmed`);
    }
    switch (res.status) {
      case 'CONFIRMED':
      case 'AUTHORIZED':
        return { kind: 'settled', settled: { txnId: res.paymentId, reference: null, approvalCode: res.initialAuthorizationCode ?? null, cardBrand: res.cardPaymentData?.brand ?? null, cardLast4: null } };
      case 'PENDING':
      case 'PENDING_CAPTURE':
        return { kind: 'pending', txnId: res.paymentId, display: null, expiresAt: null };
      default:
        return { kind: 'closed', reason: res.status === 'NOT_AUTHORIZED' ? 'denied' : 'cancelled', error: worldlineError('provider_failed', 'Pembayaran kartu tidak jadi; kartu tidak ditagih.', `Worldline payment ${res.status}`, res.status) };
    }
  }

  return {
    name: 'worldline',
    refundable: (method) => method === 'card',

    async charge(req: ChargeRequest): Promise<PaymentStatus> {
      if (!req.card) return failed(worldlineError('invalid_card', 'Data kartu belum diisi.', 'charge without a card', null));
      const r = await transport({
        method: 'POST',
        path: `${base}/payments`,
        body: {
          operationId: req.ref,
          transactionTimestamp: stamp(),
          amount: idr(req.amount),
          authorizationType: 'FINAL_AUTHORIZATION',
          cardPaymentData: { ...cardData(req.card), captureImmediately: true, allowPartialApproval: false },
          references: { merchantReference: req.ref, dynamicDescriptor: req.description.slice(0, 22) },
          ...terminal,
        },
        timeoutMs: timeouts.authorizationMs,
      });
      if (!r.ok) return r.error.code === 'provider_auth' ? failed(r.error) : failed(worldlineError('provider_unavailable', CANNOT_REACH, r.error.detail, null));
      const ex = r.value;
      if (ex.kind === 'not_sent') return failed(worldlineError('provider_unavailable', CANNOT_REACH, ex.detail, null));
      if (ex.kind === 'lost') return unknown(ex.detail);
      const p = read(ex, PaymentResponse);
      if (p.kind === 'garbage') return unknown(`authorization answer unreadable: ${p.detail}`);
      if (p.kind === 'problem') {
        // Refused before anything happened: validation, scope. Anything else may have been processed.
        if (p.status === 400 || p.status === 403) return failed(worldlineError(p.status === 403 ? 'provider_auth' : 'provider_refused', p.status === 403 ? 'Akun Worldline tidak berhak memproses kartu. Periksa pengaturan.' : 'Worldline menolak data pembayaran kartu ini.', p.detail, String(p.status)));
        return unknown(p.detail);
      }
      const a = p.body;
      const last4 = a.cardPaymentData?.pointOfSaleData?.panLast4Digits ?? lastFour(req.card);
      if (a.responseCodeCategory === 'DECLINED') return { kind: 'closed', reason: 'denied', error: declined(a.responseCode, a.responseCodeDescription) };
      const authorised = a.totalAuthorizedAmount;
      if (authorised && authorised.currencyCode !== 'IDR') {
        // Another currency than the sale's: never taken as paid, given back at once.
        if (a.paymentId) await reverseAuthorization(a.paymentId, req.ref);
        return { kind: 'closed', reason: 'denied', error: worldlineError('provider_refused', 'Worldline menjawab dengan mata uang lain; otorisasi dibatalkan. Minta cara bayar lain.', `authorised in ${authorised.currencyCode}`, a.responseCode) };
      }
      if (a.responseCodeCategory === 'PARTIALLY_APPROVED' || !isRupiah(authorised, req.amount)) {
        // A fixed-price sale cannot take part of its price: the part approved is given back.
        if (a.paymentId) await reverseAuthorization(a.paymentId, req.ref);
        return { kind: 'closed', reason: 'denied', error: worldlineError('provider_refused', 'Kartu hanya disetujui sebagian; otorisasi dibatalkan. Minta cara bayar lain.', `partial approval ${authorised?.amount ?? '?'}/10^${authorised?.numberOfDecimals ?? '?'} of ${req.amount}`, a.responseCode) };
      }
      if (a.status === 'AUTHORIZED' && a.paymentId) {
        // Authorised but not captured (captureImmediately not honoured): capture it, or give it back.
        const captured = await capture(a.paymentId, req.ref, req.amount);
        if (!captured) {
          await reverseAuthorization(a.paymentId, req.ref);
          return failed(worldlineError('provider_failed', 'Pembayaran kartu tidak bisa diselesaikan; otorisasi dibatalkan dan kartu tidak ditagih.', 'capture refused', a.responseCode));
        }
      }
      return {
        kind: 'settled',
        settled: { txnId: a.paymentId ?? null, reference: null, approvalCode: a.initialAuthorizationCode ?? null, cardBrand: a.cardPaymentData?.brand ?? null, cardLast4: last4 },
      };
    },

    // A card payment answers at once; only an authorization whose answer was lost needs a look,
    // and without its paymentId the only safe look is to reverse it.
    status: (ref, txnId, amount) => (txnId ? statusOf(txnId, ref, amount) : technicalReversal(ref)),
    cancel: (ref, txnId, amount) => (txnId ? statusOf(txnId, ref, amount) : technicalReversal(ref)),
    expire: (ref, txnId, amount) => (txnId ? statusOf(txnId, ref, amount) : technicalReversal(ref)),

    async refund(req: RefundRequest): Promise<RefundOutcome> {
      if (!req.txnId) return { kind: 'refused', error: worldlineError('provider_refused', 'Pembayaran kartu ini tidak punya nomor Worldline; kembalikan manual.', 'refund without paymentId', null) };
      const r = await transport({
        method: 'POST',
        path: `${base}/payments/${req.txnId}/refunds`,
        body: { operationId: req.key, transactionTimestamp: stamp(), amount: idr(req.amount), captureImmediately: true, references: { merchantReference: req.key }, ...terminal },
        timeoutMs: timeouts.otherMs,
      });
      if (!r.ok) return { kind: 'unknown', error: r.error };
      const ex = r.value;
      if (ex.kind !== 'answer') return { kind: 'unknown', error: worldlineError('provider_timeout', UNCERTAIN, ex.detail, null) };
      const p = read(ex, RefundResponse);
      if (p.kind === 'garbage') return { kind: 'unknown', error: worldlineError('provider_bad_response', UNCERTAIN, p.detail, null) };
      if (p.kind === 'problem') {
        if (p.status >= 500) return { kind: 'unknown', error: worldlineError('provider_unavailable', UNCERTAIN, p.detail, String(p.status)) };
        return { kind: 'refused', error: worldlineError('provider_refused', 'Worldline menolak refund ini. Kembalikan dana secara manual.', p.detail, String(p.status)) };
      }
      if (p.body.responseCodeCategory !== 'APPROVED') return { kind: 'refused', error: declined(p.body.responseCode, p.body.responseCodeDescription) };
      return { kind: 'done', refundId: p.body.refund?.refundId ?? null };
    },
  };
}
