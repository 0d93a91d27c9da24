// Chainside payment orders in the ledger: one row per order, a sale's (its payment's ref) or a
// standalone one. The row is written before the create (id = the reference Chainside is given)
// and updated with every answer: uuid, satoshi, rate, address, txids, state.
import type { Ledger } from '../connection';
import { stmt } from '../statements';
import { BitcoinOrderRecord } from '../rows';
import { postBitcoinChargeback, postBitcoinOrder } from './journal';

export type BitcoinOrderState = BitcoinOrderRecord['state'];

/** What Chainside last said of an order (the shape the services pass in). */
export type BitcoinSnapshot = {
  orderUuid: string;
  address: string;
  uri: string;
  satoshi: number;
  rate: string;
  currency: string;
  requiredConfirmations: number;
  paidSat: number;
  inConfirmationSat: number;
  unpaidSat: number;
  overpaidSat: number;
  blockchainStatus: string;
  status: string;
  txids: string[];
};

export type NewBitcoinOrder = { id: string; saleId: string | null; env: 'training' | 'production'; label: string; cashier: string; fiatAmount: number; at: number };

export function insertBitcoinOrder(db: Ledger, o: NewBitcoinOrder, nextCheckAt: number | null): void {
  stmt(
    db,
    `INSERT INTO bitcoin_orders (id, sale_id, env, label, cashier, fiat_amount, state, next_check_at, created_at, updated_at)
     VALUES (@id, @saleId, @env, @label, @cashier, @fiatAmount, 'created', @nextCheckAt, @at, @at) ON CONFLICT(id) DO NOTHING`,
  ).run({ ...o, nextCheckAt });
}

export function getBitcoinOrder(db: Ledger, id: string): BitcoinOrderRecord | null {
  const row = stmt(db, 'SELECT * FROM bitcoin_orders WHERE id = ?').get(id);
  return row === undefined ? null : BitcoinOrderRecord.parse(row);
}

export function getBitcoinOrderByUuid(db: Ledger, uuid: string): BitcoinOrderRecord | null {
  const row = stmt(db, 'SELECT * FROM bitcoin_orders WHERE order_uuid = ?').get(uuid);
  return row === undefined ? null : BitcoinOrderRecord.parse(row);
}

/** What Chainside said of the order, and Loket's state for it; a final state is never left. */
export function recordBitcoinSnapshot(
  db: Ledger,
  id: string,
  at: number,
  s: { state: BitcoinOrderState; snapshot: BitcoinSnapshot | null; expiresAt: number | null; excess: number; nextCheckAt: number | null; error: string | null; watchUntil?: number | null },
): void {
  db.transaction(() => {
  const b = s.snapshot;
  stmt(
    db,
    `UPDATE bitcoin_orders SET
       state = CASE WHEN state IN ('paid', 'expired', 'cancelled', 'failed') AND NOT (state = 'paid' AND @state = 'failed') THEN state ELSE @state END,
       order_uuid = COALESCE(@uuid, order_uuid), satoshi = COALESCE(@satoshi, satoshi), rate = COALESCE(@rate, rate),
       currency = COALESCE(@currency, currency), address = COALESCE(@address, address), uri = COALESCE(@uri, uri),
       required_confirmations = COALESCE(@required, required_confirmations), status = COALESCE(@status, status),
       blockchain_status = COALESCE(@blockchainStatus, blockchain_status),
       paid_sat = COALESCE(@paidSat, paid_sat), in_confirmation_sat = COALESCE(@inConfSat, in_confirmation_sat),
       unpaid_sat = COALESCE(@unpaidSat, unpaid_sat), overpaid_sat = COALESCE(@overpaidSat, overpaid_sat),
       excess_amount = MAX(excess_amount, @excess), txids_json = COALESCE(@txids, txids_json),
       expires_at = COALESCE(@expiresAt, expires_at),
       resolved_at = CASE WHEN resolved_at IS NULL AND @state IN ('paid', 'expired', 'cancelled', 'failed') THEN @at ELSE resolved_at END,
       check_attempts = check_attempts + 1, next_check_at = @nextCheckAt, last_error = @error, updated_at = @at,
       watch_until = COALESCE(watch_until, @watchUntil)
     WHERE id = @id`,
  ).run({
    id,
    at,
    watchUntil: s.watchUntil ?? null,
    state: s.state,
    uuid: b?.orderUuid ?? null,
    satoshi: b?.satoshi ?? null,
    rate: b?.rate ?? null,
    currency: b?.currency ?? null,
    address: b?.address ?? null,
    uri: b?.uri ?? null,
    required: b?.requiredConfirmations ?? null,
    status: b?.status ?? null,
    blockchainStatus: b?.blockchainStatus ?? null,
    paidSat: b?.paidSat ?? null,
    inConfSat: b?.inConfirmationSat ?? null,
    unpaidSat: b?.unpaidSat ?? null,
    overpaidSat: b?.overpaidSat ?? null,
    excess: s.excess,
    txids: b ? JSON.stringify(b.txids) : null,
    expiresAt: s.expiresAt,
    nextCheckAt: s.nextCheckAt,
    error: s.error,
  });
  // The books follow in the same transaction.
  if (s.state === 'paid') postBitcoinOrder(db, id, at);
  })();
}

/** What a paid order turned out to be when looked at again. */
export type PaidFinding = 'paid' | 'dispute' | 'chargeback' | 'unknown';

/**
 * A look at a paid order (issue 15 §5): the first dispute and the chargeback are dated, Chainside's
 * status is kept, and a chargeback books the loss in the same transaction. Loket's state stays
 * `paid` — the goods were given; what changed is whether the bitcoin stayed.
 */
export function recordPaidWatch(db: Ledger, id: string, at: number, w: { finding: PaidFinding; snapshot: BitcoinSnapshot | null; nextCheckAt: number | null; error: string | null }): void {
  db.transaction(() => {
    const b = w.snapshot;
    stmt(
      db,
      `UPDATE bitcoin_orders SET
         status = COALESCE(@status, status), blockchain_status = COALESCE(@blockchainStatus, blockchain_status),
         paid_sat = COALESCE(@paidSat, paid_sat), in_confirmation_sat = COALESCE(@inConfSat, in_confirmation_sat),
         txids_json = COALESCE(@txids, txids_json),
         dispute_at = CASE WHEN @finding IN ('dispute', 'chargeback') THEN COALESCE(dispute_at, @at) ELSE dispute_at END,
         chargeback_at = CASE WHEN @finding = 'chargeback' THEN COALESCE(chargeback_at, @at) ELSE chargeback_at END,
         check_attempts = CASE WHEN @finding = 'unknown' THEN check_attempts + 1 ELSE 0 END,
         next_check_at = @nextCheckAt, last_error = @error, updated_at = @at
       WHERE id = @id AND state = 'paid' AND chargeback_at IS NULL`,
    ).run({
      id,
      at,
      finding: w.finding,
      status: b?.status ?? null,
      blockchainStatus: b?.blockchainStatus ?? null,
      paidSat: b?.paidSat ?? null,
      inConfSat: b?.inConfirmationSat ?? null,
      txids: b ? JSON.stringify(b.txids) : null,
      nextCheckAt: w.nextCheckAt,
      error: w.error,
    });
    if (w.finding === 'chargeback') postBitcoinChargeback(db, id, at);
  })();
}

export function requestBitcoinCancel(db: Ledger, id: string, at: number): void {
  stmt(db, 'UPDATE bitcoin_orders SET cancel_requested = 1, next_check_at = ?, updated_at = ? WHERE id = ?').run(at, at, id);
}

export function countBitcoinPrint(db: Ledger, id: string): number {
  stmt(db, 'UPDATE bitcoin_orders SET prints = prints + 1 WHERE id = ?').run(id);
  return getBitcoinOrder(db, id)?.prints ?? 0;
}

/** Standalone orders with a check due, earliest first (a sale's order is followed by its payment). */
export function upcomingBitcoinChecks(db: Ledger, limit = 50): { id: string; at: number }[] {
  return stmt(db, 'SELECT id, next_check_at AS at FROM bitcoin_orders WHERE next_check_at IS NOT NULL ORDER BY next_check_at LIMIT ?').all(limit) as { id: string; at: number }[];
}
