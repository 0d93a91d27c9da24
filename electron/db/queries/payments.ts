// The payment side of a sale. Every writer is ONE transaction: the payment's change, the sale's
// state change it implies (paid / cancelled) and the event commit together or not at all.
import type { Ledger } from '../connection';
import { stmt } from '../statements';
import { PaymentRecord, RefundRecord } from '../rows';
import { appendEvent, currentState } from './sale-events';

export function getPaymentBySale(db: Ledger, saleId: string): PaymentRecord | null {
  const row = stmt(db, 'SELECT * FROM payments WHERE sale_id = ?').get(saleId);
  return row === undefined ? null : PaymentRecord.parse(row);
}

export function getPaymentByRef(db: Ledger, providerRef: string): PaymentRecord | null {
  const row = stmt(db, 'SELECT * FROM payments WHERE provider_ref = ?').get(providerRef);
  return row === undefined ? null : PaymentRecord.parse(row);
}

export function refundsOf(db: Ledger, paymentId: string): RefundRecord[] {
  return stmt(db, 'SELECT * FROM payment_refunds WHERE payment_id = ? ORDER BY requested_at, id')
    .all(paymentId)
    .map((r) => RefundRecord.parse(r));
}

/** Payments with a check due (a waiting payment's status, an uncertain charge, a refund to make), earliest first. */
export function upcomingPaymentChecks(db: Ledger, limit = 50): { saleId: string; at: number }[] {
  return stmt(db, 'SELECT sale_id AS saleId, next_check_at AS at FROM payments WHERE next_check_at IS NOT NULL ORDER BY next_check_at LIMIT ?').all(
    limit,
  ) as { saleId: string; at: number }[];
}

export type Waiting = {
  txnId: string | null;
  displayJson: string | null;
  expiresAt: number | null;
  lastStatus: string;
  nextCheckAt: number;
};

/** The provider holds the payment and waits for the customer. */
export function recordPaymentWaiting(db: Ledger, saleId: string, at: number, w: Waiting): void {
  db.transaction(() => {
    const p = getPaymentBySale(db, saleId)!;
    stmt(
      db,
      `UPDATE payments SET state = 'pending', provider_txn_id = COALESCE(@txnId, provider_txn_id),
         display_json = COALESCE(@displayJson, display_json), expires_at = COALESCE(@expiresAt, expires_at),
         last_status = @lastStatus, status_detail = NULL, check_attempts = check_attempts + 1, next_check_at = @nextCheckAt,
         updated_at = @at WHERE sale_id = @saleId`,
    ).run({ ...w, at, saleId });
    if (p.state === 'created') {
      const state = currentState(db, saleId);
      appendEvent(db, saleId, at, 'payment_waiting', state, state, { ref: p.provider_ref, txnId: w.txnId, expiresAt: w.expiresAt });
    }
  })();
}

/** The provider could not be asked, or its answer cannot be trusted: ask again at `nextCheckAt`. */
export function recordPaymentUnknown(db: Ledger, saleId: string, at: number, result: string, detail: string, nextCheckAt: number | null): void {
  db.transaction(() => {
    stmt(
      db,
      `UPDATE payments SET last_status = ?, status_detail = ?, check_attempts = check_attempts + 1, next_check_at = ?, updated_at = ?
       WHERE sale_id = ?`,
    ).run(result, detail, nextCheckAt, at, saleId);
    const state = currentState(db, saleId);
    appendEvent(db, saleId, at, 'payment_unknown', state, state, { result, detail });
  })();
}

export type SettledRecord = {
  /** The provider's final picture where it has one (a bitcoin order's txids); null keeps the last. */
  displayJson: string | null;
  /** Received beyond the amount (bitcoin overpaid): owed back by a supervisor. */
  excess: number;
  txnId: string | null;
  reference: string | null;
  approvalCode: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
};

/**
 * The money is in. The sale is paid and its purchase may go — unless the cashier had already
 * cancelled it, in which case nothing is bought and the money is due back.
 */
export function recordPaymentSettled(db: Ledger, saleId: string, at: number, s: SettledRecord): 'paid' | 'refund_due' {
  return db.transaction((): 'paid' | 'refund_due' => {
    const p = getPaymentBySale(db, saleId)!;
    const from = currentState(db, saleId);
    const abandoned = p.cancel_requested === 1 || from !== 'awaiting_payment';
    stmt(
      db,
      `UPDATE payments SET state = 'settled', provider_txn_id = COALESCE(@txnId, provider_txn_id), reference = @reference,
         approval_code = @approvalCode, card_brand = @cardBrand, card_last4 = @cardLast4, settled_at = @at,
         display_json = COALESCE(@displayJson, display_json), excess_amount = @excess,
         last_status = 'settled', status_detail = NULL, next_check_at = NULL, updated_at = @at WHERE sale_id = @saleId`,
    ).run({ ...s, at, saleId });
    if (abandoned) {
      stmt(db, "UPDATE payments SET state = 'refund_due', next_check_at = ?, updated_at = ? WHERE sale_id = ?").run(at, at, saleId);
      if (from === 'awaiting_payment') {
        stmt(
          db,
          `UPDATE sales SET state = 'cancelled', failure_code = 'payment_cancelled',
             failure_message = 'Dibatalkan kasir; pembayaran pelanggan tetap masuk dan dikembalikan.', updated_at = ? WHERE id = ?`,
        ).run(at, saleId);
      }
      appendEvent(db, saleId, at, 'payment_settled_after_cancel', from, from === 'awaiting_payment' ? 'cancelled' : from, { reference: s.reference });
      return 'refund_due';
    }
    stmt(db, "UPDATE sales SET state = 'paid', updated_at = ? WHERE id = ?").run(at, saleId);
    appendEvent(db, saleId, at, 'payment_settled', from, 'paid', { reference: s.reference, approvalCode: s.approvalCode, excess: s.excess });
    return 'paid';
  })();
}

export type ClosedRecord = {
  reason: 'expired' | 'denied' | 'cancelled' | 'failed';
  code: string;
  message: string;
  detail: string;
  displayJson?: string | null;
  /** Money that reached the provider anyway (bitcoin sent to an order that closed unpaid): owed back by a supervisor. */
  excess?: number;
};

/** The payment ended without the sale's money: nothing is bought; what did arrive is owed back (excess). */
export function recordPaymentClosed(db: Ledger, saleId: string, at: number, c: ClosedRecord): void {
  db.transaction(() => {
    const from = currentState(db, saleId);
    stmt(
      db,
      `UPDATE payments SET state = @reason, failure_code = @code, failure_message = @message, status_detail = @detail,
         display_json = COALESCE(@displayJson, display_json), excess_amount = @excess,
         last_status = @reason, next_check_at = NULL, updated_at = @at WHERE sale_id = @saleId`,
    ).run({ ...c, displayJson: c.displayJson ?? null, excess: c.excess ?? 0, at, saleId });
    stmt(
      db,
      `UPDATE sales SET state = 'cancelled', failure_code = @code, failure_message = @message, failure_detail = @detail,
         updated_at = @at WHERE id = @saleId`,
    ).run({ reason: c.reason, code: c.code, message: c.message, detail: c.detail, at, saleId });
    appendEvent(db, saleId, at, 'payment_closed', from, 'cancelled', { reason: c.reason, detail: c.detail, excess: c.excess ?? 0 });
  })();
}

/** The cashier asked to stop a waiting payment; the provider is asked next (now). */
export function recordCancelRequested(db: Ledger, saleId: string, at: number): void {
  db.transaction(() => {
    stmt(db, 'UPDATE payments SET cancel_requested = 1, next_check_at = ?, updated_at = ? WHERE sale_id = ?').run(at, at, saleId);
    const state = currentState(db, saleId);
    appendEvent(db, saleId, at, 'payment_cancel_requested', state, state);
  })();
}

export type NewRefund = { id: string; key: string; amount: number; reason: string; kind: 'automatic' | 'supervisor' };

/** A refund about to leave: its key persisted first, so a retry can never pay twice. */
export function recordRefundRequested(db: Ledger, saleId: string, at: number, r: NewRefund): void {
  db.transaction(() => {
    const p = getPaymentBySale(db, saleId)!;
    stmt(
      db,
      `INSERT INTO payment_refunds (id, payment_id, refund_key, amount, reason, kind, state, requested_at)
       VALUES (?, ?, ?, ?, ?, ?, 'requested', ?)`,
    ).run(r.id, p.id, r.key, r.amount, r.reason, r.kind, at);
    const state = currentState(db, saleId);
    appendEvent(db, saleId, at, 'refund_requested', state, state, { key: r.key, amount: r.amount, kind: r.kind, reason: r.reason });
  })();
}

export function recordRefundDone(db: Ledger, saleId: string, refundId: string, at: number, providerRefundId: string | null): void {
  db.transaction(() => {
    const r = RefundRecord.parse(stmt(db, 'SELECT * FROM payment_refunds WHERE id = ?').get(refundId));
    if (r.state === 'done') return;
    stmt(db, "UPDATE payment_refunds SET state = 'done', provider_refund_id = ?, finished_at = ? WHERE id = ?").run(providerRefundId, at, refundId);
    stmt(
      db,
      `UPDATE payments SET refunded_amount = refunded_amount + ?,
         state = CASE WHEN refunded_amount + ? >= amount THEN 'refunded' ELSE state END,
         next_check_at = NULL, updated_at = ? WHERE id = ?`,
    ).run(r.amount, r.amount, at, r.payment_id);
    const state = currentState(db, saleId);
    appendEvent(db, saleId, at, 'refund_done', state, state, { key: r.refund_key, amount: r.amount, providerRefundId });
  })();
}

/** The provider will not refund it: a person must hand the money back. */
export function recordRefundRefused(db: Ledger, saleId: string, refundId: string, at: number, detail: string): void {
  db.transaction(() => {
    const r = RefundRecord.parse(stmt(db, 'SELECT * FROM payment_refunds WHERE id = ?').get(refundId));
    stmt(db, "UPDATE payment_refunds SET state = 'refused', detail = ?, finished_at = ? WHERE id = ?").run(detail, at, refundId);
    stmt(
      db,
      `UPDATE payments SET refund_manual = CASE WHEN state = 'refund_due' THEN 1 ELSE refund_manual END, next_check_at = NULL,
         updated_at = ? WHERE id = ?`,
    ).run(at, r.payment_id);
    const state = currentState(db, saleId);
    appendEvent(db, saleId, at, 'refund_refused', state, state, { key: r.refund_key, detail });
  })();
}

/** The refund's answer was lost: asked again with the same key at `nextCheckAt`. */
export function recordRefundUnknown(db: Ledger, saleId: string, refundId: string, at: number, detail: string, nextCheckAt: number): void {
  db.transaction(() => {
    const r = RefundRecord.parse(stmt(db, 'SELECT * FROM payment_refunds WHERE id = ?').get(refundId));
    stmt(db, "UPDATE payment_refunds SET state = 'unknown', detail = ? WHERE id = ?").run(detail, refundId);
    stmt(db, 'UPDATE payments SET check_attempts = check_attempts + 1, next_check_at = ?, updated_at = ? WHERE id = ?').run(nextCheckAt, at, r.payment_id);
    const state = currentState(db, saleId);
    appendEvent(db, saleId, at, 'refund_unknown', state, state, { key: r.refund_key, detail });
  })();
}

/** Money due back that no provider can return: the supervisor's list. */
export function markRefundManual(db: Ledger, saleId: string, at: number, why: string): void {
  db.transaction(() => {
    stmt(db, "UPDATE payments SET refund_manual = 1, next_check_at = NULL, updated_at = ? WHERE sale_id = ? AND state = 'refund_due'").run(at, saleId);
    const state = currentState(db, saleId);
    appendEvent(db, saleId, at, 'refund_manual', state, state, { why });
  })();
}

/** A supervisor handed the customer back what they sent beyond the sale. */
export function recordExcessReturned(db: Ledger, saleId: string, at: number): boolean {
  return db.transaction((): boolean => {
    const changed = stmt(db, 'UPDATE payments SET excess_returned_at = ?, updated_at = ? WHERE sale_id = ? AND excess_amount > 0 AND excess_returned_at IS NULL').run(at, at, saleId).changes;
    if (changed === 0) return false;
    const state = currentState(db, saleId);
    appendEvent(db, saleId, at, 'excess_returned', state, state);
    return true;
  })();
}
