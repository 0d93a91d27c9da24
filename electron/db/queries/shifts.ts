// Shifts: one open per environment. Opening posts the float (the drawer's book balance brought to
// what was counted into it); closing posts the variance (what was counted against the books), so
// the drawer account at every close is the counted cash. Cash in and out for a reason is its own
// row, posted in the same transaction.
import type { Ledger } from '../connection';
import { stmt } from '../statements';
import { cashMovementEntry, floatEntry, varianceEntry, type CashMovementKind } from '../posting';
import { drawerBalance, postEntries } from './journal';

export type ShiftRecord = {
  id: string;
  env: 'training' | 'production';
  user_id: string;
  opened_at: number;
  opening_float: number;
  closed_at: number | null;
  closed_by: string | null;
  expected_cash: number | null;
  counted_cash: number | null;
  variance: number | null;
  variance_reason: string | null;
  count_json: string | null;
};

export function openShiftOf(db: Ledger, env: string): ShiftRecord | null {
  return (stmt(db, 'SELECT * FROM shifts WHERE env = ? AND closed_at IS NULL').get(env) as ShiftRecord | undefined) ?? null;
}

export function getShift(db: Ledger, id: string): ShiftRecord | null {
  return (stmt(db, 'SELECT * FROM shifts WHERE id = ?').get(id) as ShiftRecord | undefined) ?? null;
}

type Env = 'training' | 'production';

/** A new shift and its float in the books, in one transaction. */
export function insertShift(db: Ledger, s: { id: string; env: Env; userId: string; at: number; openingFloat: number }): void {
  db.transaction(() => {
    stmt(db, 'INSERT INTO shifts (id, env, user_id, opened_at, opening_float) VALUES (?, ?, ?, ?, ?)').run(s.id, s.env, s.userId, s.at, s.openingFloat);
    postEntries(db, s.at, { env: s.env, saleId: null, orderId: null, shiftId: s.id }, [floatEntry(s.id, drawerBalance(db, s.env), s.openingFloat)]);
  })();
}

/** Closes the shift against the drawer's book balance (its expected cash) and posts the variance; the expected cash. */
export function closeShiftRow(db: Ledger, id: string, c: { at: number; by: string; counted: number; reason: string | null; countJson: string | null }): number {
  return db.transaction(() => {
    const shift = getShift(db, id);
    if (!shift || shift.closed_at !== null) throw new Error(`shift ${id} is not open`);
    const expected = drawerBalance(db, shift.env);
    postEntries(db, c.at, { env: shift.env, saleId: null, orderId: null, shiftId: id }, [varianceEntry(id, c.counted - expected)]);
    stmt(
      db,
      `UPDATE shifts SET closed_at = ?, closed_by = ?, expected_cash = ?, counted_cash = ?, variance = ? - ?, variance_reason = ?, count_json = ?
       WHERE id = ? AND closed_at IS NULL`,
    ).run(c.at, c.by, expected, c.counted, c.counted, expected, c.reason, c.countJson, id);
    return expected;
  })();
}

export type CashMovementRecord = { id: string; env: Env; shift_id: string; kind: CashMovementKind; amount: number; reason: string; by_user: string; approved_by: string; at: number };

/** Cash into or out of the drawer for a reason, and its entry, in one transaction. */
export function insertCashMovement(db: Ledger, m: Omit<CashMovementRecord, 'shift_id'> & { shiftId: string }): void {
  db.transaction(() => {
    stmt(db, 'INSERT INTO cash_movements (id, env, shift_id, kind, amount, reason, by_user, approved_by, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
      m.id, m.env, m.shiftId, m.kind, m.amount, m.reason, m.by_user, m.approved_by, m.at,
    );
    postEntries(db, m.at, { env: m.env, saleId: null, orderId: null, shiftId: m.shiftId }, [cashMovementEntry(m.id, m.kind, m.amount, m.reason)]);
  })();
}

export function cashMovementsOf(db: Ledger, shiftId: string): CashMovementRecord[] {
  return stmt(db, 'SELECT * FROM cash_movements WHERE shift_id = ? ORDER BY at, id').all(shiftId) as CashMovementRecord[];
}

/** What the drawer account moved between two instants (cash taken in, given back, paid out). */
export function drawerMovement(db: Ledger, env: string, from: number, to: number): number {
  const r = stmt(
    db,
    `SELECT COALESCE(SUM(l.amount), 0) AS n FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id
     WHERE e.at >= ? AND e.at <= ? AND e.env = ? AND l.account = '1101'`,
  ).get(from, to, env) as { n: number };
  return r.n;
}

export type ShiftSummaryRow = { method: string; state: string; n: number; total: number; margin: number };

/** The shift's sales by payment method and outcome, for the X and Z reports. */
export function shiftSales(db: Ledger, shiftId: string): ShiftSummaryRow[] {
  return stmt(
    db,
    `SELECT p.method, s.state, COUNT(*) AS n, SUM(s.total) AS total, SUM(s.margin) AS margin
     FROM sales s JOIN payments p ON p.sale_id = s.id WHERE s.shift_id = ? GROUP BY p.method, s.state ORDER BY p.method, s.state`,
  ).all(shiftId) as ShiftSummaryRow[];
}

/** Shifts open at any moment of [start, end), oldest first: the day report lists them. */
export function shiftsOverlapping(db: Ledger, env: string, start: number, end: number): ShiftRecord[] {
  return stmt(db, 'SELECT * FROM shifts WHERE env = ? AND opened_at < ? AND (closed_at IS NULL OR closed_at >= ?) ORDER BY opened_at').all(env, end, start) as ShiftRecord[];
}
