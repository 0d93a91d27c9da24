// Bitcoin at the payment step: one Chainside payment order per payment, its `reference` = Loket's
// persisted payment ref. Chainside has no idempotency key, so after a create whose answer was lost
// the order is looked up by that reference before anything else (chainside.md §8.6); the payment
// service charges again only when the lookup proves there is none. Bitcoin cannot be given back
// through the API: refunds go to the supervisor.
import { ok, err } from '../../../shared/domain/errors';
import type { Logger } from '../../log/logger';
import type { BitcoinDisplay } from '../../../shared/payment';
import type { BitcoinGateway as ChainsideGateway, BitcoinOrder as ChainsideOrder, ChargeRequest, PaymentDisplay, PaymentStatus, RefundOutcome } from '../payment-contract';
import type { ProviderError, ProviderResult } from '../contract';
import { createChainsideApi, type Answer, type ChainsideEndpoint, type ChainsideTimeouts } from './api';

export { CHAINSIDE_LIVE_URL, CHAINSIDE_SANDBOX_URL, DEFAULT_CHAINSIDE_TIMEOUTS, type ChainsideTimeouts } from './api';
import { centsToRupiah, parseFiatCents, isRupiahName } from './amounts';
import { CANNOT_REACH, chainsideError, createIsDefinite, UNCERTAIN } from './errors';
import { CallbackEnvelope, type CreationResponse, type OrderBody } from './schema';
import { verifyCallbackSignature } from './signature';

export type { BitcoinGateway as ChainsideGateway, BitcoinOrder as ChainsideOrder, BitcoinOrderQuery as OrderQuery } from '../payment-contract';

/** How many of the newest orders a lookup by reference reads (3 pages of 40). */
const LOOKUP_PAGES = 3;
const EMPTY_DISPLAY = { qrString: null, deeplink: null, vaNumber: null, bank: null, billKey: null, billerCode: null };

const unknown = (detail: string, notFound = false): PaymentStatus => ({
  kind: 'unknown',
  notFound,
  error: chainsideError('provider_timeout', UNCERTAIN, detail, null),
});

export function bitcoinDisplayOf(o: OrderBody): BitcoinDisplay {
  const txs = (o.transactions ?? []).filter((t) => t.status !== 'reverted');
  const leg = (l: { crypto: number; fiat: string } | null): { sat: number; cents: number } => ({ sat: l?.crypto ?? 0, cents: parseFiatCents(l?.fiat ?? '0') ?? 0 });
  const paid = leg(o.state.paid);
  const inConf = leg(o.state.in_confirmation);
  const unpaid = leg(o.state.unpaid);
  return {
    orderUuid: o.uuid,
    address: o.address,
    uri: o.uri,
    satoshi: o.btc_amount,
    rate: o.rate.value,
    currency: o.currency.name,
    requiredConfirmations: o.required_confirmations,
    confirmations: txs.length === 0 ? 0 : Math.min(...txs.map((t) => (t.blockchain_status === 'mempool' ? 0 : t.blockchain_status === 'confirmed' ? Math.max(1, o.required_confirmations) : 1))),
    paidSat: paid.sat,
    inConfirmationSat: inConf.sat,
    unpaidSat: unpaid.sat,
    unpaidRupiah: centsToRupiah(unpaid.cents, 'up'),
    overpaidSat: Math.max(0, paid.sat + inConf.sat - o.btc_amount),
    blockchainStatus: o.state.blockchain_status,
    status: o.state.status,
    txids: txs.map((t) => t.txid),
  };
}

function fromCreation(c: CreationResponse, required: number): BitcoinDisplay {
  return {
    orderUuid: c.uuid,
    address: c.address,
    uri: c.uri,
    satoshi: c.amount,
    rate: c.rate.value,
    currency: 'IDR',
    requiredConfirmations: required,
    confirmations: 0,
    paidSat: 0,
    inConfirmationSat: 0,
    unpaidSat: c.amount,
    unpaidRupiah: 0,
    overpaidSat: 0,
    blockchainStatus: 'pending',
    status: 'pending',
    txids: [],
  };
}

/** Rupiah the customer sent that are not the sale's: everything on a closed order, the surplus on a paid one. */
function excessRupiah(o: OrderBody, d: BitcoinDisplay): number {
  const received = d.paidSat + d.inConfirmationSat;
  const rateCents = parseFiatCents(o.rate.value) ?? 0;
  const valueOf = (sat: number): number => Number((BigInt(sat) * BigInt(rateCents)) / 100_000_000n / 100n);
  if (o.state.status === 'paid') return d.overpaidSat > 0 ? valueOf(d.overpaidSat) : 0;
  return received > 0 ? valueOf(received) : 0;
}

function closedError(reason: 'expired' | 'cancelled' | 'failed', detail: string): ProviderError {
  const text = {
    expired: 'Waktu pembayaran bitcoin habis. Pelanggan bisa membayar dengan cara lain.',
    cancelled: 'Pesanan bitcoin dibatalkan.',
    failed: 'Pembayaran bitcoin ditarik kembali di jaringan (chargeback). Barang tidak diberikan.',
  }[reason];
  return chainsideError('provider_failed', text, detail, null);
}

const time = (text: string | null | undefined): number | null => {
  const ms = text ? Date.parse(text) : NaN;
  return Number.isNaN(ms) ? null : ms;
};

function orderOf(o: OrderBody): ChainsideOrder {
  return {
    reference: o.reference,
    details: o.details ?? null,
    amount: centsToRupiah(parseFiatCents(o.amount) ?? 0, 'down'),
    bitcoin: bitcoinDisplayOf(o),
    createdAt: time(o.created_at),
    expiresAt: time(o.expiration_time),
    resolvedAt: time(o.resolved_at),
    disputeStartAt: time(o.dispute_start_date ?? null),
    chargebackAt: time(o.chargeback_date ?? null),
    transactions: (o.transactions ?? []).map((t) => ({ txid: t.txid, status: t.status, blockchainStatus: t.blockchain_status, satoshi: t.outs_sum, createdAt: time(t.created_at) })),
  };
}

function failed<T>(a: Exclude<Answer<unknown>, { kind: 'ok' }>): ProviderResult<T> {
  if (a.kind === 'error') return err(a.error);
  return err(chainsideError(a.kind === 'not_sent' ? 'provider_unavailable' : 'provider_bad_response', CANNOT_REACH, a.detail, null));
}

export function statusOf(o: OrderBody, expectRupiah: number | null): PaymentStatus {
  const display: PaymentDisplay = { ...EMPTY_DISPLAY, qrString: o.uri, bitcoin: bitcoinDisplayOf(o) };
  const d = display.bitcoin!;
  const fiat = parseFiatCents(o.amount);
  if (!isRupiahName(o.currency.name) || fiat === null || (expectRupiah !== null && fiat !== expectRupiah * 100)) {
    return unknown(`Chainside order ${o.uuid} is ${o.amount} ${o.currency.name}, expected ${expectRupiah ?? '?'} IDR`);
  }
  const expiresAt = Date.parse(o.expiration_time);
  switch (o.state.status) {
    case 'pending':
    // Paid, then some transactions lost their confirmations before Loket saw it paid: still waiting.
    case 'network_dispute':
      return { kind: 'pending', txnId: o.uuid, display, expiresAt: Number.isNaN(expiresAt) ? null : expiresAt };
    case 'paid':
      return {
        kind: 'settled',
        settled: { txnId: o.uuid, reference: d.txids[0] ?? o.uuid, approvalCode: null, cardBrand: null, cardLast4: null, display, excess: excessRupiah(o, d) },
      };
    case 'expired':
    case 'cancelled':
    case 'chargeback': {
      const reason = o.state.status === 'chargeback' ? 'failed' : o.state.status;
      return { kind: 'closed', reason, error: closedError(reason, `Chainside order ${o.uuid} ${o.state.blockchain_status}`), display, excess: excessRupiah(o, d) };
    }
  }
}

export function createChainsideGateway(opts: { endpoint: ChainsideEndpoint; timeouts: ChainsideTimeouts; log: Logger; now: () => number; requiredConfirmations: () => number; callbackUrl?: () => string | null }): ChainsideGateway {
  const api = createChainsideApi(opts);
  async function findByReference(reference: string): Promise<Answer<OrderBody | null>> {
    for (let page = 0; page < LOOKUP_PAGES; page++) {
      const r = await api.list({ page, pageSize: 40, sortBy: 'created_at', sortOrder: 'desc' });
      if (r.kind !== 'ok') return r;
      const hit = (r.value.paymentorders ?? []).find((o) => o.reference === reference);
      if (hit) return { kind: 'ok', value: hit };
      if (page + 1 >= r.value.total_pages) break;
    }
    return { kind: 'ok', value: null };
  }

  async function current(ref: string, uuid: string | null, amount?: number): Promise<PaymentStatus> {
    const r = uuid ? await api.get(uuid) : await findByReference(ref);
    switch (r.kind) {
      case 'ok':
        return r.value === null ? unknown(`no Chainside order with reference ${ref}`, true) : statusOf(r.value, amount ?? null);
      case 'error':
        return unknown(r.error.detail, r.code === '3001');
      default:
        return unknown(r.detail);
    }
  }

  async function stop(ref: string, uuid: string | null, amount?: number): Promise<PaymentStatus> {
    const before = await current(ref, uuid, amount);
    if (before.kind !== 'pending' || before.txnId === null) return before;
    const r = await api.cancel(before.txnId);
    if (r.kind === 'lost' || r.kind === 'garbage' || r.kind === 'not_sent') return unknown(r.detail);
    // Cancelled, or refused because it was paid or closed meanwhile: the order says which.
    return current(ref, before.txnId, amount);
  }

  return {
    name: 'chainside',
    refundable: () => false,
    async listOrders(q) {
      const r = await api.list({ ...(q.status ? { status: q.status } : {}), page: q.page, pageSize: q.pageSize, sortBy: q.sortBy, sortOrder: q.sortOrder });
      if (r.kind !== 'ok') return failed(r);
      return ok({ items: (r.value.paymentorders ?? []).map(orderOf), totalItems: r.value.total_items, totalPages: r.value.total_pages });
    },
    async getOrder(uuid) {
      const r = await api.get(uuid);
      return r.kind === 'ok' ? ok(orderOf(r.value)) : failed(r);
    },
    async charge(req: ChargeRequest): Promise<PaymentStatus> {
      const r = await api.create({
        amount: req.amount,
        reference: req.ref,
        details: req.description,
        requiredConfirmations: opts.requiredConfirmations(),
        callbackUrl: opts.callbackUrl?.() ?? null,
      });
      switch (r.kind) {
        case 'ok': {
          // Chainside takes no currency: the webPOS's own is only on the order as retrieved
          // (chainside.md §5.1). Read it before any QR is shown; an order in another currency
          // than the sale's is cancelled at once (issue 15 §5).
          const check = await api.get(r.value.uuid);
          if (check.kind !== 'ok') return unknown(`currency of Chainside order ${r.value.uuid} not read: ${check.kind === 'error' ? check.error.detail : check.detail}`);
          if (!isRupiahName(check.value.currency.name)) {
            const cancelled = await api.cancel(r.value.uuid);
            opts.log.warn('chainside.other_currency', { uuid: r.value.uuid, currency: check.value.currency.name, cancelled: cancelled.kind });
            return {
              kind: 'closed',
              reason: 'failed',
              error: chainsideError('provider_config', `WebPOS Chainside memakai mata uang ${check.value.currency.name}, bukan rupiah. Pesanan dibatalkan; atur WebPOS ke IDR.`, `order ${r.value.uuid} in ${check.value.currency.name}`, null),
            };
          }
          const bitcoin = fromCreation(r.value, opts.requiredConfirmations());
          bitcoin.unpaidRupiah = req.amount;
          const expiresAt = Date.parse(r.value.expiration_time);
          return { kind: 'pending', txnId: r.value.uuid, display: { ...EMPTY_DISPLAY, qrString: r.value.uri, bitcoin }, expiresAt: Number.isNaN(expiresAt) ? null : expiresAt };
        }
        case 'error':
          if (createIsDefinite(r.code)) return { kind: 'closed', reason: 'failed', error: r.error };
          return unknown(r.error.detail);
        case 'not_sent':
          return { kind: 'closed', reason: 'failed', error: chainsideError('provider_unavailable', CANNOT_REACH, r.detail, null) };
        default:
          return unknown(r.detail);
      }
    },
    status: current,
    cancel: stop,
    // Chainside closes an order at its expiration_time by itself; one still open past it is stopped.
    expire: stop,
    async refund(): Promise<RefundOutcome> {
      return { kind: 'refused', error: chainsideError('provider_refused', 'Bitcoin tidak bisa dikembalikan lewat Chainside. Supervisor mengembalikan dana secara manual.', 'chainside has no refund API', null) };
    },
  };
}

export const CHAINSIDE_EVENTS = ['payment.completed', 'payment.dispute.start', 'payment.overpaid', 'payment.cancelled', 'payment.dispute.end', 'payment.expired', 'payment.chargeback'];

export type ChainsideCallback = { ok: true; orderUuid: string; event: string; known: boolean } | { ok: false; status: number; message: string };

/**
 * Reads a callback (chainside.md §6): the `chainside-signature` is checked over the exact bytes
 * before anything is parsed; a valid one names the order to ask about. Unknown events (the docs'
 * payment.transaction.changed) are acknowledged and ignored.
 */
export function chainsideCallbackReader(secret: string): (raw: Buffer, signature: string | undefined) => ChainsideCallback {
  return (raw, signature) => {
    if (!signature) return { ok: false, status: 401, message: 'missing chainside-signature' };
    if (!verifyCallbackSignature(secret, raw, signature)) return { ok: false, status: 401, message: 'invalid signature' };
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return { ok: false, status: 400, message: 'not JSON' };
    }
    const e = CallbackEnvelope.safeParse(json);
    if (!e.success) return { ok: false, status: 400, message: 'not a payment order callback' };
    return { ok: true, orderUuid: e.data.object.uuid, event: e.data.event, known: CHAINSIDE_EVENTS.includes(e.data.event) };
  };
}
