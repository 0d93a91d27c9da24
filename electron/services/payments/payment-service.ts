// The payment step of every sale, for every non-cash method: charge, follow, cancel, refund.
// The payment's ref is in the ledger before the provider hears of it; an answer that settles
// nothing is followed by a status call for the same ref, never by a charge under a new one.
// Goods are bought only once the money is in (onSettled); money that must go back goes back
// through the provider where it can, and to the supervisor's list where it cannot.
import { err, ok, appError, type Result } from '../../../shared/domain/errors';
import { ulid } from '../../../shared/domain/ids';
import { openShiftOf } from '../../db/queries/shifts';
import { formatRupiah } from '../../../shared/domain/money';
import type { CardInput } from '../../../shared/payment';
import type { Mode, SimulatedOutcome } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import type { PaymentRecord } from '../../db/rows';
import { getSale } from '../../db/queries/sales';
import {
  getPaymentBySale,
  markRefundManual,
  recordCancelRequested,
  recordPaymentClosed,
  recordPaymentSettled,
  recordPaymentUnknown,
  recordPaymentWaiting,
  recordRefundDone,
  recordRefundRefused,
  recordRefundRequested,
  recordRefundUnknown,
  refundsOf,
} from '../../db/queries/payments';
import type { Logger } from '../../log/logger';
import type { PaymentDisplay, PaymentGateway, PaymentStatus, NonCashMethod } from '../../providers/payment-contract';
import { insertBitcoinOrder, recordBitcoinSnapshot, type BitcoinOrderState } from '../../db/queries/bitcoin-orders';
import { createSaleGuard } from '../sales/sale-guard';
import type { Checkpoint } from '../sales/deps';
import { nextRefundCheck, nextUnknownCheck, nextWaitingCheck, type PaymentTiming } from './payment-ladder';
import { paidWatchStart } from '../crypto/paid-watch';

export type PaymentAccess = {
  /** The gateway by the name a payment row holds; an error for a name no registry lists. */
  gateway(provider: string, env: Mode): Promise<Result<PaymentGateway>>;
  /** Training only: what the customer does on the other side (pays, lets it expire, is refused). */
  simulate(provider: string, ref: string, outcome: SimulatedOutcome): Promise<Result<void>>;
};

export type PaymentDeps = {
  db: Ledger;
  now: () => number;
  log: Logger;
  access: PaymentAccess;
  timing: PaymentTiming;
  /** The money is in: buy the goods. */
  onSettled: (saleId: string) => void;
  /** A payment's next check moved: the tracker should look again. */
  onScheduleChange: () => void;
  checkpoint: Checkpoint;
};

export type PaymentService = {
  /** The first charge of a payment just recorded (the card travels in memory only). */
  begin(saleId: string, card: CardInput | null): Promise<void>;
  ready(provider: string, env: Mode): Promise<Result<void>>;
  /** Tracker and "check now": ask the provider and act on the answer. */
  check(saleId: string): Promise<void>;
  cancel(saleId: string): Promise<Result<void>>;
  simulate(saleId: string, outcome: SimulatedOutcome): Promise<Result<void>>;
  /** A supervisor gives money back on a settled sale (in part where the method allows). */
  refund(saleId: string, amount: number, reason: string): Promise<Result<void>>;
  idle(): Promise<void>;
};

const QR_METHODS = new Set<string>(['qris', 'gopay', 'shopeepay']);
/** An unknown charge is charged again under the same ref only soon after, in the same sitting. */
const RECHARGE_WINDOW_MS = 2 * 60_000;

const notAllowed = (message: string): Result<never> => (err(appError('not_allowed_in_state', message)));

function description(sale: { product_name: string; customer_number: string }): string {
  return `${sale.product_name} ${sale.customer_number}`.slice(0, 60);
}

export function createPaymentService(deps: PaymentDeps): PaymentService {
  const guard = createSaleGuard();
  const { db, log } = deps;
  const scale = deps.timing.scale;

  function expirySeconds(method: string): number {
    const s = QR_METHODS.has(method) ? deps.timing.expirySeconds.qr : deps.timing.expirySeconds.transfer;
    return Math.max(1, Math.round(s * scale));
  }

  async function gatewayFor(p: PaymentRecord): Promise<Result<PaymentGateway>> {
    const sale = getSale(db, p.sale_id)!;
    return deps.access.gateway(p.provider!, sale.env);
  }

  /** Records what the provider said and does what it implies. */
  async function apply(p: PaymentRecord, status: PaymentStatus, context: 'charge' | 'status' | 'cancel'): Promise<void> {
    const at = deps.now();
    const saleId = p.sale_id;
    switch (status.kind) {
      case 'pending': {
        const display = status.display ? JSON.stringify(status.display) : null;
        keepBitcoinOrder(p, status.display, 'pending', 0);
        recordPaymentWaiting(db, saleId, at, {
          txnId: status.txnId,
          displayJson: display,
          expiresAt: status.expiresAt,
          lastStatus: 'pending',
          nextCheckAt: nextWaitingCheck(p.created_at, at, status.expiresAt ?? p.expires_at, deps.timing),
        });
        return;
      }
      case 'settled': {
        const { display, excess, ...settled } = status.settled;
        const next = recordPaymentSettled(db, saleId, at, { ...settled, displayJson: display ? JSON.stringify(display) : null, excess: excess ?? 0 });
        keepBitcoinOrder(p, display, 'paid', excess ?? 0);
        log.info('payment.settled', { saleId, method: p.method, reference: status.settled.reference, then: next, excess: excess ?? 0 });
        await deps.checkpoint('payment.settled', saleId);
        if (next === 'paid') deps.onSettled(saleId);
        return;
      }
      case 'closed':
        recordPaymentClosed(db, saleId, at, {
          reason: status.reason,
          code: status.error.code,
          message: status.error.message,
          detail: status.error.detail,
          displayJson: status.display ? JSON.stringify(status.display) : null,
          excess: status.excess ?? 0,
        });
        keepBitcoinOrder(p, status.display, status.reason === 'denied' ? 'failed' : status.reason, status.excess ?? 0);
        log.info('payment.closed', { saleId, reason: status.reason, detail: status.error.detail, excess: status.excess ?? 0 });
        return;
      case 'refunded':
        // A waiting payment cannot have been refunded; the provider's record and ours disagree.
        recordPaymentUnknown(db, saleId, at, 'refunded?', `provider reports ${status.refundedAmount} refunded for a payment Loket holds as ${p.state}`, null);
        log.error('payment.inconsistent', { saleId, state: p.state, context });
        return;
      case 'unknown':
        recordPaymentUnknown(db, saleId, at, status.notFound ? 'not_found' : 'unknown', status.error.detail, nextUnknownCheck(p.check_attempts, at, scale));
        return;
    }
  }

  /** A bitcoin order's own row in the ledger (uuid, satoshi, rate, address, txids), beside the payment. */
  function keepBitcoinOrder(p: PaymentRecord, display: PaymentDisplay | null | undefined, state: BitcoinOrderState, excess: number): void {
    if (p.method !== 'bitcoin') return;
    const at = deps.now();
    const sale = getSale(db, p.sale_id)!;
    insertBitcoinOrder(db, { id: p.provider_ref!, saleId: p.sale_id, env: sale.env, label: sale.product_name, cashier: sale.cashier, fiatAmount: p.amount, at }, null);
    // Paid: watched for disputes and chargebacks from here on (services/crypto/paid-watch.ts).
    const watch = state === 'paid' ? paidWatchStart(at, deps.timing.scale) : { nextCheckAt: null };
    recordBitcoinSnapshot(db, p.provider_ref!, at, { state, snapshot: display?.bitcoin ?? null, expiresAt: null, excess, error: null, ...watch });
  }

  async function charge(p: PaymentRecord, card: CardInput | null): Promise<void> {
    const gw = await gatewayFor(p);
    if (!gw.ok) {
      recordPaymentClosed(db, p.sale_id, deps.now(), { reason: 'failed', code: gw.error.code, message: gw.error.message, detail: gw.error.detail ?? '' });
      return;
    }
    const sale = getSale(db, p.sale_id)!;
    await deps.checkpoint('payment.intent', p.sale_id);
    let status: PaymentStatus;
    try {
      status = await gw.value.charge({
        ref: p.provider_ref!,
        method: p.method as NonCashMethod,
        amount: p.amount,
        expirySeconds: expirySeconds(p.method),
        description: description(sale),
        card,
      });
    } catch (e) {
      status = { kind: 'unknown', notFound: false, error: { code: 'internal', message: '', detail: `charge threw: ${String(e)}`, providerCode: null } };
    }
    await deps.checkpoint('payment.answered', p.sale_id);
    await apply(p, status, 'charge');
  }

  /** A cancel the cashier asked for, or an expiry the provider has not closed yet; the answer may still be "paid". */
  async function cancelAtProvider(p: PaymentRecord, gw: PaymentGateway, expired: boolean): Promise<void> {
    const status = expired ? await gw.expire(p.provider_ref!, p.provider_txn_id, p.amount) : await gw.cancel(p.provider_ref!, p.provider_txn_id, p.amount);
    await apply(p, status, 'cancel');
  }

  async function follow(p: PaymentRecord, gw: PaymentGateway): Promise<void> {
    const at = deps.now();
    if (p.cancel_requested === 1) return cancelAtProvider(p, gw, false);
    const expired = p.expires_at !== null && at > p.expires_at + deps.timing.expiryGraceMs * scale;
    const status = await gw.status(p.provider_ref!, p.provider_txn_id, p.amount);
    if (status.kind === 'unknown' && status.notFound && p.state === 'created') {
      // The charge never reached the provider. Charged again under the same ref (it cannot
      // create a second payment) while the customer is surely still there; otherwise closed.
      if (at - p.created_at < RECHARGE_WINDOW_MS * Math.max(scale, 0.001) && p.method !== 'card') {
        log.info('payment.recharge', { saleId: p.sale_id, ref: p.provider_ref });
        return charge(p, null);
      }
      await apply(p, { kind: 'closed', reason: 'failed', error: { ...status.error, code: 'provider_failed', message: 'Pembayaran tidak sampai ke penyedia. Tidak ada uang masuk; ulangi pembayaran.' } }, 'status');
      return;
    }
    if (status.kind === 'pending') {
      if (expired) return cancelAtProvider(p, gw, true);
      const known = p.display_json !== '{}' || status.display !== null;
      if (!known && QR_METHODS.has(p.method)) {
        // The charge's answer (with the QR) was lost and the status does not repeat it: nobody can
        // pay this one. Cancelled, and charged again under the same ref if the provider allows.
        log.warn('payment.display_lost', { saleId: p.sale_id, ref: p.provider_ref });
        const cancelled = await gw.cancel(p.provider_ref!, p.provider_txn_id, p.amount);
        if (cancelled.kind === 'closed' && cancelled.reason === 'cancelled') return charge(p, null);
        return apply(p, cancelled, 'cancel');
      }
    }
    await apply(p, status, 'status');
  }

  /** Money due back: through the provider with a persisted refund key, or to the supervisor's list. */
  async function giveBack(p: PaymentRecord, gw: PaymentGateway): Promise<void> {
    const at = deps.now();
    if (!gw.refundable(p.method as NonCashMethod)) {
      markRefundManual(db, p.sale_id, at, `${p.method} cannot be refunded through ${gw.name}`);
      log.warn('payment.refund_manual', { saleId: p.sale_id, method: p.method });
      return;
    }
    const open = refundsOf(db, p.id).find((r) => r.state === 'requested' || r.state === 'unknown');
    const due = p.amount - p.refunded_amount;
    const r = open ?? { id: ulid(at), refund_key: `${p.provider_ref}-R${refundsOf(db, p.id).length + 1}`, amount: due, reason: 'Pembelian gagal: dana dikembalikan otomatis' };
    if (!open) recordRefundRequested(db, p.sale_id, at, { id: r.id, key: r.refund_key, amount: r.amount, reason: r.reason, kind: 'automatic' });
    await sendRefund(p, gw, { id: r.id, key: r.refund_key, amount: r.amount, reason: r.reason, direct: true });
  }

  async function sendRefund(p: PaymentRecord, gw: PaymentGateway, r: { id: string; key: string; amount: number; reason: string; direct: boolean }): Promise<Result<void>> {
    const outcome = await gw.refund({ ref: p.provider_ref!, txnId: p.provider_txn_id, key: r.key, amount: r.amount, reason: r.reason, direct: r.direct });
    const at = deps.now();
    switch (outcome.kind) {
      case 'done':
        recordRefundDone(db, p.sale_id, r.id, at, outcome.refundId);
        log.info('payment.refunded', { saleId: p.sale_id, amount: r.amount, key: r.key });
        return ok(undefined);
      case 'refused':
        recordRefundRefused(db, p.sale_id, r.id, at, outcome.error.detail);
        log.warn('payment.refund_refused', { saleId: p.sale_id, key: r.key, detail: outcome.error.detail });
        return err(appError(outcome.error.code, outcome.error.message, outcome.error.detail));
      case 'unknown': {
        recordRefundUnknown(db, p.sale_id, r.id, at, outcome.error.detail, nextRefundCheck(p.check_attempts, at, scale));
        return err(appError('provider_timeout', 'Refund sedang diproses; Loket akan memastikan hasilnya.', outcome.error.detail));
      }
    }
  }

  async function checkNow(saleId: string): Promise<void> {
    const p = getPaymentBySale(db, saleId);
    if (!p || p.method === 'cash') return;
    const gw = await gatewayFor(p);
    if (!gw.ok) {
      recordPaymentUnknown(db, saleId, deps.now(), 'unavailable', gw.error.detail ?? gw.error.message, nextUnknownCheck(p.check_attempts, deps.now(), scale));
      return;
    }
    if (p.state === 'created' || p.state === 'pending') return follow(p, gw.value);
    if (p.state === 'refund_due' && p.refund_manual === 0) return giveBack(p, gw.value);
    const open = refundsOf(db, p.id).find((r) => r.state === 'unknown' || r.state === 'requested');
    if (open) {
      await sendRefund(p, gw.value, { id: open.id, key: open.refund_key, amount: open.amount, reason: open.reason, direct: open.kind === 'automatic' });
      return;
    }
    // Nothing left to do: make sure the tracker stops asking.
    if (p.next_check_at !== null) recordPaymentUnknown(db, saleId, deps.now(), p.last_status ?? p.state, 'nothing to follow', null);
  }

  const exclusive =
    <A extends unknown[]>(fn: (saleId: string, ...args: A) => Promise<void>) =>
    (saleId: string, ...args: A): Promise<void> =>
      guard.run(saleId, () => fn(saleId, ...args).finally(deps.onScheduleChange));

  const check = exclusive(checkNow);
  const begin = exclusive(async (saleId: string, card: CardInput | null) => {
    const p = getPaymentBySale(db, saleId);
    if (!p || p.state !== 'created' || p.method === 'cash') return;
    await charge(p, card);
  });

  return {
    begin,
    async ready(provider, env) {
      const gw = await deps.access.gateway(provider, env);
      return gw.ok ? ok(undefined) : gw;
    },
    check,
    async cancel(saleId) {
      const p = getPaymentBySale(db, saleId);
      if (!p || p.method === 'cash') return notAllowed('Transaksi ini tidak punya pembayaran yang bisa dibatalkan.');
      if (p.state !== 'created' && p.state !== 'pending') return notAllowed('Pembayaran ini sudah selesai; tidak bisa dibatalkan.');
      recordCancelRequested(db, saleId, deps.now());
      log.info('payment.cancel_requested', { saleId, ref: p.provider_ref });
      await check(saleId);
      // The check may have joined one already under way that read the payment before the request.
      const after = getPaymentBySale(db, saleId)!;
      if (after.state === 'created' || after.state === 'pending') await check(saleId);
      return ok(undefined);
    },
    async simulate(saleId, outcome) {
      const p = getPaymentBySale(db, saleId);
      const sale = getSale(db, saleId);
      if (!p || !sale || p.method === 'cash') return notAllowed('Transaksi ini tidak punya pembayaran non-tunai.');
      if (sale.env !== 'training') return err(appError('forbidden', 'Simulasi hanya ada di mode training.'));
      const r = await deps.access.simulate(p.provider!, p.provider_ref!, outcome);
      if (!r.ok) return r;
      await check(saleId);
      return ok(undefined);
    },
    async refund(saleId, amount, reason) {
      const p = getPaymentBySale(db, saleId);
      const sale = getSale(db, saleId);
      if (!p || !sale) return err(appError('sale_not_found', 'Transaksi tidak ditemukan.'));
      if (p.state !== 'settled') return notAllowed('Hanya pembayaran yang sudah masuk dan belum dikembalikan yang bisa di-refund.');
      if (sale.state !== 'succeeded') return notAllowed('Refund supervisor hanya untuk transaksi yang berhasil; yang lain dikembalikan otomatis.');
      const remaining = p.amount - p.refunded_amount;
      if (amount > remaining) return err(appError('invalid_request', `Refund maksimal ${formatRupiah(remaining)}.`));
      if (p.method === 'cash') {
        // Cash goes back from the drawer, at once: only in an open shift, whose books it moves.
        if (!openShiftOf(db, sale.env)) return err(appError('no_open_shift', 'Refund tunai keluar dari laci: buka shift dulu.'));
        const at = deps.now();
        const id = ulid(at);
        recordRefundRequested(db, saleId, at, { id, key: `${sale.provider_ref}-TUNAI-${refundsOf(db, p.id).length + 1}`, amount, reason, kind: 'supervisor' });
        recordRefundDone(db, saleId, id, at, null);
        log.info('payment.cash_refunded', { saleId, amount });
        return ok(undefined);
      }
      if (refundsOf(db, p.id).some((r) => r.state === 'requested' || r.state === 'unknown')) return notAllowed('Masih ada refund yang sedang diproses untuk transaksi ini.');
      const gw = await gatewayFor(p);
      if (!gw.ok) return gw;
      if (!gw.value.refundable(p.method as NonCashMethod)) return notAllowed('Metode ini tidak bisa di-refund lewat penyedia. Kembalikan dana secara manual.');
      let result: Result<void> = ok(undefined);
      await guard.run(saleId, async () => {
        const at = deps.now();
        const r = { id: ulid(at), key: `${p.provider_ref}-R${refundsOf(db, p.id).length + 1}`, amount, reason };
        recordRefundRequested(db, saleId, at, { ...r, kind: 'supervisor' });
        result = await sendRefund(p, gw.value, { ...r, direct: false });
      });
      deps.onScheduleChange();
      return result;
    },
    idle: () => guard.idle(),
  };
}
