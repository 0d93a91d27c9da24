// The sale aggregate. Each exported writer is ONE transaction: the state change, the matching
// event and (where there is one) the provider-call record commit together or not at all.
import type { Ledger } from '../connection';
import { stmt } from '../statements';
import { SALE_PAYMENT_COLUMNS, SaleListRecord, SaleRecord, SaleEventRecord } from '../rows';
import { appendEvent, currentState, OPEN_SALE_STATES } from './sale-events';
import { finishProviderCall, beginProviderCall, type CallFinish } from './provider-calls';

type State = SaleRecord['state'];
const OPEN_STATES = OPEN_SALE_STATES;

const SELECT_SALE = `
  SELECT s.*, ${SALE_PAYMENT_COLUMNS}
  FROM sales s JOIN payments p ON p.sale_id = s.id`;

export function getSale(db: Ledger, id: string): SaleRecord | null {
  const row = stmt(db, `${SELECT_SALE} WHERE s.id = ?`).get(id);
  return row === undefined ? null : SaleRecord.parse(row);
}

export function getSaleByProviderRef(db: Ledger, providerRef: string): SaleRecord | null {
  const row = stmt(db, `${SELECT_SALE} WHERE s.provider_ref = ?`).get(providerRef);
  return row === undefined ? null : SaleRecord.parse(row);
}

/** A sale paid under its inquiry's reference (Digiflazz bills), newest first. */
export function getSaleByInquiryRef(db: Ledger, inquiryRef: string): SaleRecord | null {
  const row = stmt(db, `${SELECT_SALE} WHERE s.inquiry_ref = ? ORDER BY s.seq DESC LIMIT 1`).get(inquiryRef);
  return row === undefined ? null : SaleRecord.parse(row);
}

export function getSaleByClientRequest(db: Ledger, clientRequestId: string): SaleRecord | null {
  const row = stmt(db, `${SELECT_SALE} WHERE s.client_request_id = ?`).get(clientRequestId);
  return row === undefined ? null : SaleRecord.parse(row);
}

export type OpenSaleRef = { id: string; seq: number; state: State };

/** An unfinished sale for any of these customer numbers (meter or IDPEL): it blocks a new PAY. */
export function findOpenSaleForCustomer(db: Ledger, numbers: readonly string[]): OpenSaleRef | null {
  const wanted = numbers.filter((n) => n !== '');
  if (wanted.length === 0) return null;
  const marks = wanted.map(() => '?').join(', ');
  const row = stmt(db, 
      `SELECT id, seq, state FROM sales WHERE state IN ${OPEN_STATES}
         AND (meter_number IN (${marks}) OR idpel IN (${marks}) OR customer_number IN (${marks}))
       ORDER BY seq LIMIT 1`,
    )
    .get(...wanted, ...wanted, ...wanted) as OpenSaleRef | undefined;
  return row ?? null;
}

/** Succeeded sales for any of these numbers since `since`, newest first (double-purchase warnings). */
export function recentSucceededSales(
  db: Ledger,
  numbers: readonly string[],
  since: number,
): { seq: number; created_at: number; product_code: string; face_value: number }[] {
  const wanted = numbers.filter((n) => n !== '');
  if (wanted.length === 0) return [];
  const marks = wanted.map(() => '?').join(', ');
  return stmt(
    db,
    `SELECT seq, created_at, product_code, face_value FROM sales WHERE state = 'succeeded' AND created_at >= ?
       AND (customer_number IN (${marks}) OR meter_number IN (${marks}) OR idpel IN (${marks}))
     ORDER BY seq DESC`,
  ).all(since, ...wanted, ...wanted, ...wanted) as { seq: number; created_at: number; product_code: string; face_value: number }[];
}

export type NewSale = {
  id: string;
  clientRequestId: string;
  /** Refuse if the same product was sold to the same customer since then (null: the cashier confirmed a repeat). */
  repeatSince: number | null;
  productKind: SaleRecord['product_kind'];
  productCode: string;
  providerProduct: string;
  productName: string;
  category: string;
  provider: SaleRecord['provider'];
  env: 'training' | 'production';
  businessDate: string;
  at: number;
  cashier: string;
  inquiryId: string | null;
  customerNumber: string;
  customerName: string;
  meterNumber: string;
  idpel: string;
  tariffPower: string;
  faceValue: number;
  providerAdmin: number;
  providerCost: number;
  margin: number;
  total: number;
  providerRef: string;
  inquiryRef: string | null;
  inquiryLinesJson: string;
  /** JSON [{name, value}] the purchase sends with the product (SAT `fields`); null for none. */
  providerFieldsJson: string | null;
  warningsJson: string;
  /** The open shift the sale is made in (null only for sales from before shifts). */
  shiftId: string | null;
  payment: NewPayment;
};

/** Cash is settled as it is counted; any other method starts waiting for the customer. */
export type NewPayment =
  | { id: string; method: 'cash'; tendered: number }
  | { id: string; method: Exclude<SaleRecord['payment_method'], 'cash'>; provider: string; providerRef: string };

export type CreateSaleResult =
  | { kind: 'created'; sale: SaleRecord }
  | { kind: 'existing'; sale: SaleRecord }
  | { kind: 'blocked'; open: OpenSaleRef }
  | { kind: 'inquiry_used'; seq: number }
  | { kind: 'repeat'; seq: number; at: number };

/**
 * The sale, its payment and the purchase intent (with its provider ref) recorded atomically. Cash
 * is in the drawer already, so the sale is 'paid'; any other payment starts 'awaiting_payment',
 * with the payment's own ref persisted before it is charged.
 */
export function createSale(db: Ledger, s: NewSale): CreateSaleResult {
  return db.transaction((): CreateSaleResult => {
    const existing = getSaleByClientRequest(db, s.clientRequestId);
    if (existing) return { kind: 'existing', sale: existing };
    if (s.inquiryId !== null) {
      const used = stmt(db, "SELECT seq FROM sales WHERE inquiry_id = ? AND state <> 'cancelled'").get(s.inquiryId) as { seq: number } | undefined;
      if (used) return { kind: 'inquiry_used', seq: used.seq };
    }
    const open = findOpenSaleForCustomer(db, [s.meterNumber, s.idpel, s.customerNumber]);
    if (open) return { kind: 'blocked', open };
    // The same product for the same customer minutes ago: a second purchase only when the cashier
    // confirmed it. Checked here, in the transaction that records the sale, so two tabs (or a
    // double Enter) cannot both get past it.
    if (s.repeatSince !== null) {
      const same = recentSucceededSales(db, [s.meterNumber, s.idpel, s.customerNumber], s.repeatSince).find((r) => r.product_code === s.productCode);
      if (same) return { kind: 'repeat', seq: same.seq, at: same.created_at };
    }
    const cash = s.payment.method === 'cash';
    const state: State = cash ? 'paid' : 'awaiting_payment';
    stmt(
      db,
      `INSERT INTO sales (id, seq, client_request_id, product_kind, product_code, provider_product, product_name, category,
         provider, env, state, business_date, created_at, updated_at, cashier, inquiry_id, customer_number, customer_name,
         meter_number, idpel, tariff_power, face_value, provider_admin, provider_cost, margin, total, provider_ref,
         inquiry_ref, inquiry_lines, warnings_json, shift_id, provider_fields)
       VALUES (@id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM sales), @clientRequestId, @productKind, @productCode,
         @providerProduct, @productName, @category, @provider, @env, @state, @businessDate, @at, @at, @cashier, @inquiryId,
         @customerNumber, @customerName, @meterNumber, @idpel, @tariffPower, @faceValue, @providerAdmin, @providerCost,
         @margin, @total, @providerRef, @inquiryRef, @inquiryLinesJson, @warningsJson, @shiftId, @providerFieldsJson)`,
    ).run({ ...s, payment: undefined, repeatSince: undefined, state });
    const p = s.payment;
    if (p.method === 'cash') {
      stmt(
        db,
        `INSERT INTO payments (id, sale_id, method, provider, amount, tendered, change, state, created_at, updated_at, settled_at)
         VALUES (?, ?, 'cash', NULL, ?, ?, ?, 'settled', ?, ?, ?)`,
      ).run(p.id, s.id, s.total, p.tendered, p.tendered - s.total, s.at, s.at, s.at);
    } else {
      // Due at once: if the charge's answer never comes (a crash), the tracker asks about this ref.
      stmt(
        db,
        `INSERT INTO payments (id, sale_id, method, provider, amount, tendered, change, state, provider_ref, next_check_at,
           created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 0, 'created', ?, ?, ?, ?)`,
      ).run(p.id, s.id, p.method, p.provider, s.total, s.total, p.providerRef, s.at, s.at, s.at);
    }
    appendEvent(db, s.id, s.at, 'created', null, state, {
      provider: s.provider,
      providerRef: s.providerRef,
      product: s.productCode,
      total: s.total,
      payment: p.method,
      ...(p.method === 'cash' ? { tendered: p.tendered, change: p.tendered - s.total } : { paymentRef: p.providerRef }),
    });
    return { kind: 'created', sale: getSale(db, s.id)! };
  })();
}

/**
 * The purchase intent: state 'sending' and the provider call row with the provider ref, durable
 * before the request leaves. From 'paid' (the first send) or 'pending' (a re-send the provider
 * deduplicates by id, after it said it never saw the first one).
 */
export function markPaySending(db: Ledger, saleId: string, at: number, env: string): number {
  return db.transaction((): number => {
    const sale = getSale(db, saleId)!;
    const resend = sale.state === 'pending';
    stmt(db, "UPDATE sales SET state = 'sending', pay_sent_at = COALESCE(pay_sent_at, ?), updated_at = ? WHERE id = ?").run(at, at, saleId);
    appendEvent(db, saleId, at, resend ? 'pay_resent' : 'pay_sent', sale.state, 'sending', { provider: sale.provider, ref: sale.provider_ref });
    return beginProviderCall(db, { provider: sale.provider, env, command: 'PAY', providerRef: sale.provider_ref, saleId, at });
  })();
}

/** An advice/status call about to leave (no state change). */
export function markAdviceSending(db: Ledger, saleId: string, at: number, env: string): number {
  return db.transaction((): number => {
    const sale = getSale(db, saleId)!;
    appendEvent(db, saleId, at, 'advice_sent', sale.state, sale.state, { attempt: sale.advice_attempts + 1 });
    return beginProviderCall(db, { provider: sale.provider, env, command: 'ADV', providerRef: sale.provider_ref, saleId, at });
  })();
}

export type FallbackRecord = {
  provider: SaleRecord['provider'];
  providerRef: string;
  providerProduct: string;
  providerAdmin: number;
  providerCost: number;
  inquiryRef: string | null;
  reason: string;
};

/**
 * After a definite failure with nothing taken, the same sale is bought from the other provider:
 * a new provider ref, the new cost, the margin what is left of the unchanged total.
 */
export function switchToFallback(db: Ledger, saleId: string, at: number, callId: number | null, f: FallbackRecord, call: CallFinish | null): void {
  db.transaction(() => {
    const sale = getSale(db, saleId)!;
    if (callId !== null && call) finishProviderCall(db, callId, call);
    stmt(
      db,
      `UPDATE sales SET state = 'paid', provider = @provider, provider_ref = @providerRef, provider_product = @providerProduct,
         provider_admin = @providerAdmin, provider_cost = @providerCost, margin = total - @providerCost, inquiry_ref = @inquiryRef,
         pay_sent_at = NULL, pay_ref = NULL, advice_ref = NULL, acknowledged = 0, advice_attempts = 0, last_advice_at = NULL,
         next_advice_at = NULL, last_advice_result = NULL, not_found_count = 0, confirm_failure = 0, updated_at = @at
       WHERE id = @saleId`,
    ).run({ ...f, at, saleId });
    appendEvent(db, saleId, at, 'fallback', sale.state, 'paid', {
      from: sale.provider,
      fromRef: sale.provider_ref,
      to: f.provider,
      toRef: f.providerRef,
      reason: f.reason,
    });
  })();
}

export type IssuedRecord = {
  token: string | null;
  kwh: string | null;
  serialNumber: string | null;
  voucherCode: string | null;
  payRef: string | null;
  adviceRef: string | null;
  vendorTime: string | null;
  vendorJson: string;
  fulfillmentLinesJson: string;
  customerName: string | null;
  tariffPower: string | null;
};

export type SuccessResult = { kind: 'succeeded' } | { kind: 'duplicate_token'; otherSaleId: string };

export function recordPurchaseSuccess(
  db: Ledger,
  saleId: string,
  at: number,
  callId: number | null,
  issued: IssuedRecord,
  call: CallFinish,
): SuccessResult {
  return db.transaction((): SuccessResult => {
    const from = currentState(db, saleId);
    if (callId !== null) finishProviderCall(db, callId, call);
    const owner =
      issued.token === null
        ? undefined
        : (stmt(db, 'SELECT id FROM sales WHERE token = ? AND id <> ?').get(issued.token, saleId) as { id: string } | undefined);
    if (owner) {
      // The token already belongs to another sale: the advice matched the wrong purchase.
      stmt(
        db,
        `UPDATE sales SET state = 'review', review_reason = 'duplicate_token', next_advice_at = NULL,
           vendor_json = ?, updated_at = ? WHERE id = ?`,
      ).run(issued.vendorJson, at, saleId);
      appendEvent(db, saleId, at, 'duplicate_token', from, 'review', { otherSaleId: owner.id });
      return { kind: 'duplicate_token', otherSaleId: owner.id };
    }
    stmt(
      db,
      `UPDATE sales SET state = 'succeeded', token = @token, kwh = @kwh, serial_number = @serialNumber,
         voucher_code = @voucherCode, pay_ref = COALESCE(@payRef, pay_ref), advice_ref = COALESCE(@adviceRef, advice_ref),
         vendor_time = @vendorTime, vendor_json = @vendorJson, fulfillment_lines = @fulfillmentLinesJson,
         customer_name = COALESCE(NULLIF(@customerName, ''), customer_name),
         tariff_power = COALESCE(NULLIF(@tariffPower, ''), tariff_power),
         next_advice_at = NULL, review_reason = NULL, updated_at = @at WHERE id = @saleId`,
    ).run({ ...issued, at, saleId });
    appendEvent(db, saleId, at, 'succeeded', from, 'succeeded', { payRef: issued.payRef, via: call.outcome });
    return { kind: 'succeeded' };
  })();
}

export type FailureRecord = { code: string; message: string; detail: string };

/** Definitely not done: the sale fails and the customer's cash becomes due back. */
export function recordPurchaseFailure(
  db: Ledger,
  saleId: string,
  at: number,
  callId: number | null,
  failure: FailureRecord,
  call: CallFinish | null,
  eventType = 'failed',
): void {
  db.transaction(() => {
    const from = currentState(db, saleId);
    if (callId !== null && call) finishProviderCall(db, callId, call);
    stmt(db,
      `UPDATE sales SET state = 'failed', failure_code = ?, failure_message = ?, failure_detail = ?,
         next_advice_at = NULL, updated_at = ? WHERE id = ?`,
    ).run(failure.code, failure.message, failure.detail, at, saleId);
    // A non-cash payment is due for the tracker at once: it refunds through the provider or hands it to a person.
    stmt(
      db,
      `UPDATE payments SET state = 'refund_due', next_check_at = CASE WHEN method = 'cash' THEN NULL ELSE ? END, updated_at = ?
       WHERE sale_id = ? AND state = 'settled'`,
    ).run(at, at, saleId);
    appendEvent(db, saleId, at, eventType, from, 'failed', { code: failure.code, detail: failure.detail });
  })();
}

export type UncertainRecord = {
  /** The provider confirmed it holds the order (SAT "Pending"): never re-send it. */
  acknowledged: boolean;
  result: string;
  detail: string;
  nextAdviceAt: number | null;
  fromAdvice: boolean;
  notFound: boolean;
  /** NOT-FOUND answers in a row (reset when the provider says anything else). */
  notFoundCount: number;
  confirmFailure: boolean;
  reviewReason: string | null;
};

/** Outcome still unknown: pending (or review) with the next advice scheduled. */
export function recordUncertain(
  db: Ledger,
  saleId: string,
  at: number,
  callId: number | null,
  u: UncertainRecord,
  call: CallFinish | null,
): void {
  db.transaction(() => {
    const from = currentState(db, saleId);
    if (callId !== null && call) finishProviderCall(db, callId, call);
    const to: State = u.reviewReason ? 'review' : from === 'review' ? 'review' : 'pending';
    stmt(db,
      `UPDATE sales SET state = @to, next_advice_at = @next, last_advice_result = @result,
         advice_attempts = advice_attempts + @adv, last_advice_at = CASE WHEN @adv = 1 THEN @at ELSE last_advice_at END,
         not_found_count = @nfCount,
         confirm_failure = @confirm, review_reason = COALESCE(@review, review_reason),
         acknowledged = MAX(acknowledged, @ack), updated_at = @at
       WHERE id = @saleId`,
    ).run({
      to,
      next: u.nextAdviceAt,
      result: u.result,
      adv: u.fromAdvice ? 1 : 0,
      at,
      nfCount: u.notFoundCount,
      confirm: u.confirmFailure ? 1 : 0,
      review: u.reviewReason,
      ack: u.acknowledged ? 1 : 0,
      saleId,
    });
    appendEvent(db, saleId, at, u.fromAdvice ? 'advice_uncertain' : 'pay_uncertain', from, to, {
      result: u.result,
      detail: u.detail,
      notFound: u.notFound,
      nextAdviceAt: u.nextAdviceAt,
      review: u.reviewReason,
    });
  })();
}

/**
 * Money due back handed to the customer by a person: cash from the drawer, or a transfer the
 * supervisor made for a payment the provider cannot refund (a virtual account).
 */
export function recordManualRefund(db: Ledger, saleId: string, at: number, refundId: string, reason: string): boolean {
  return db.transaction((): boolean => {
    const p = stmt(db, "SELECT id, amount, refunded_amount, method FROM payments WHERE sale_id = ? AND state = 'refund_due'").get(saleId) as
      | { id: string; amount: number; refunded_amount: number; method: string }
      | undefined;
    if (!p) return false;
    const amount = p.amount - p.refunded_amount;
    stmt(db, "UPDATE payments SET state = 'refunded', refunded_amount = amount, next_check_at = NULL, updated_at = ? WHERE id = ?").run(at, p.id);
    stmt(
      db,
      `INSERT INTO payment_refunds (id, payment_id, refund_key, amount, reason, kind, state, requested_at, finished_at)
       VALUES (?, ?, ?, ?, ?, 'manual', 'done', ?, ?)`,
    ).run(refundId, p.id, refundId, amount, reason, at, at);
    const state = currentState(db, saleId);
    appendEvent(db, saleId, at, p.method === 'cash' ? 'cash_returned' : 'refunded_manually', state, state, { amount, reason });
    return true;
  })();
}

/**
 * A receipt went to paper. The first print of a sale is the original; every later one is a copy
 * (the caller may also ask for a copy outright). Returns the copy number, 0 for the original.
 */
export function recordPrint(db: Ledger, saleId: string, at: number, forceCopy: boolean): number {
  return db.transaction((): number => {
    const printed = stmt(db, "SELECT COUNT(*) AS n FROM sale_events WHERE sale_id = ? AND type = 'printed'").get(saleId) as {
      n: number;
    };
    const copy = forceCopy || printed.n > 0;
    if (copy) stmt(db, 'UPDATE sales SET reprints = reprints + 1 WHERE id = ?').run(saleId);
    const row = stmt(db, 'SELECT reprints, state FROM sales WHERE id = ?').get(saleId) as { reprints: number; state: State };
    const copyNumber = copy ? row.reprints : 0;
    appendEvent(db, saleId, at, 'printed', row.state, row.state, { copy: copyNumber });
    return copyNumber;
  })();
}

export type RecoveryReport = { interrupted: string[]; uncertain: string[] };

/**
 * After a restart: a sale still 'paid' never sent its PAY (the intent was recorded first), so it
 * fails cleanly and its cash is due back; a sale still 'sending' may have been processed, so it
 * becomes pending and is resolved by advice.
 */
export function recoverUnfinished(db: Ledger, at: number, interrupted: FailureRecord): RecoveryReport {
  return db.transaction((): RecoveryReport => {
    // The repeated open-state list lets SQLite use the partial index of open sales (few rows)
    // instead of walking the whole ledger in seq order.
    const paid = stmt(db, `SELECT id FROM sales WHERE state IN ${OPEN_STATES} AND state = 'paid' ORDER BY seq`).all() as { id: string }[];
    for (const { id } of paid) recordPurchaseFailure(db, id, at, null, interrupted, null, 'interrupted_before_send');
    const sending = stmt(db, `SELECT id FROM sales WHERE state IN ${OPEN_STATES} AND state = 'sending' ORDER BY seq`).all() as { id: string }[];
    for (const { id } of sending) {
      const open = stmt(db, "SELECT id FROM provider_calls WHERE sale_id = ? AND finished_at IS NULL")
        .all(id) as { id: number }[];
      for (const c of open) finishProviderCall(db, c.id, { outcome: 'interrupted', providerCode: null, detail: 'process ended mid-call', at });
      recordUncertain(
        db,
        id,
        at,
        null,
        {
          result: 'interrupted',
          detail: 'Loket stopped while the purchase was being sent',
          nextAdviceAt: at,
          acknowledged: false,
          fromAdvice: false,
          notFound: false,
          notFoundCount: 0,
          confirmFailure: false,
          reviewReason: null,
        },
        null,
      );
    }
    // Advice calls cut off mid-flight: closed as interrupted (the sale stays as it was).
    stmt(db,
      "UPDATE provider_calls SET finished_at = ?, outcome = 'interrupted' WHERE finished_at IS NULL AND command = 'ADV'",
    ).run(at);
    return { interrupted: paid.map((r) => r.id), uncertain: sending.map((r) => r.id) };
  })();
}

/** A supervisor's decision: a sale under review, or pending after the provider said it has no such transaction. */
export function declareSaleFailed(db: Ledger, saleId: string, at: number, failure: FailureRecord): boolean {
  return db.transaction((): boolean => {
    const s = stmt(db, 'SELECT state, not_found_count FROM sales WHERE id = ?').get(saleId) as { state: State; not_found_count: number } | undefined;
    if (!s || !(s.state === 'review' || (s.state === 'pending' && s.not_found_count > 0))) return false;
    recordPurchaseFailure(db, saleId, at, null, failure, null, 'declared_failed');
    return true;
  })();
}

/** Sales with an advice scheduled, earliest first. */
export function upcomingAdvice(db: Ledger, limit = 50): { id: string; at: number }[] {
  return stmt(db, 
      `SELECT id, next_advice_at AS at FROM sales
       WHERE next_advice_at IS NOT NULL AND state IN ('pending', 'review')
       ORDER BY next_advice_at LIMIT ?`,
    )
    .all(limit) as { id: string; at: number }[];
}

export function countOpenSales(db: Ledger): { pending: number; review: number } {
  const rows = stmt(db, `SELECT state, COUNT(*) AS n FROM sales WHERE state IN ${OPEN_STATES} GROUP BY state`).all() as {
    state: State;
    n: number;
  }[];
  let pending = 0;
  let review = 0;
  for (const r of rows) {
    if (r.state === 'review') review += r.n;
    else pending += r.n;
  }
  return { pending, review };
}

export type DayFilter = 'all' | 'succeeded' | 'open' | 'failed' | 'refund_due';

const FILTER_SQL: Record<Exclude<DayFilter, 'refund_due'>, string> = {
  all: '',
  succeeded: "AND s.state = 'succeeded'",
  open: `AND s.state IN ${OPEN_STATES}`,
  failed: "AND s.state IN ('failed', 'cancelled')",
};

/** The columns of a row in the transactions list (today's list and the search share them). */
export const LIST_COLUMNS = `s.id, s.seq, s.created_at, s.state, p.method AS payment_method, p.state AS payment_state, s.product_kind, s.product_name, s.provider,
            s.customer_number, s.customer_name, s.face_value, s.total, s.token, s.voucher_code, s.serial_number, s.cashier`;

/**
 * One page of a business day's sales, newest first. "refund_due" is the supervisor's list and
 * ignores the day: money owed to a customer (a failed sale's, or bitcoin sent beyond it) stays on
 * it, whatever day it was taken, until it is given back.
 */
export function listDaySales(
  db: Ledger,
  businessDate: string,
  filter: DayFilter,
  limit: number,
  beforeSeq: number | null,
): SaleListRecord[] {
  const before = beforeSeq ?? Number.MAX_SAFE_INTEGER;
  const rows =
    filter === 'refund_due'
      ? stmt(
          db,
          `SELECT ${LIST_COLUMNS}
           FROM payments p JOIN sales s ON s.id = p.sale_id
           WHERE p.id IN (SELECT id FROM payments WHERE state = 'refund_due'
                          UNION ALL SELECT id FROM payments WHERE excess_amount > 0 AND excess_returned_at IS NULL)
             AND s.seq < ?
           ORDER BY s.seq DESC LIMIT ?`,
        ).all(before, limit)
      : stmt(
          db,
          `SELECT ${LIST_COLUMNS}
           FROM sales s JOIN payments p ON p.sale_id = s.id
           WHERE s.business_date = ? AND s.seq < ? ${FILTER_SQL[filter]}
           ORDER BY s.seq DESC LIMIT ?`,
        ).all(businessDate, before, limit);
  return rows.map((r) => SaleListRecord.parse(r));
}

export type DayTotalsRow = {
  state: State;
  method: SaleRecord['payment_method'];
  payment_state: SaleRecord['payment_state'];
  n: number;
  total: number;
  amount: number;
  refunded: number;
  /** Received beyond the sales and not yet handed back (bitcoin overpaid). */
  excess_due: number;
};

export function dayTotals(db: Ledger, businessDate: string): DayTotalsRow[] {
  return stmt(db,
      `SELECT s.state, p.method, p.state AS payment_state, COUNT(*) AS n, SUM(s.total) AS total, SUM(p.amount) AS amount,
         SUM(p.refunded_amount) AS refunded, SUM(CASE WHEN p.excess_returned_at IS NULL THEN p.excess_amount ELSE 0 END) AS excess_due
       FROM sales s JOIN payments p ON p.sale_id = s.id
       WHERE s.business_date = ? GROUP BY s.state, p.method, p.state`,
    )
    .all(businessDate) as DayTotalsRow[];
}

export function countSaleEvents(db: Ledger, saleId: string, type: string): number {
  return (stmt(db, 'SELECT COUNT(*) AS n FROM sale_events WHERE sale_id = ? AND type = ?').get(saleId, type) as { n: number }).n;
}

export function saleEvents(db: Ledger, saleId: string): SaleEventRecord[] {
  return stmt(db, 'SELECT * FROM sale_events WHERE sale_id = ? ORDER BY id')
    .all(saleId)
    .map((r) => SaleEventRecord.parse(r));
}
