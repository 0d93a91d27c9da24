// Shifts: one open per environment; the drawer's expected cash is the float plus every movement of
// the drawer account in the books while the shift was open.
import type { Ledger } from '../connection';
import { stmt } from '../statements';

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

export function insertShift(db: Ledger, s: { id: string; env: string; userId: string; at: number; openingFloat: number }): void {
  stmt(db, 'INSERT INTO shifts (id, env, user_id, opened_at, opening_float) VALUES (?, ?, ?, ?, ?)').run(s.id, s.env, s.userId, s.at, s.openingFloat);
}

export function closeShiftRow(db: Ledger, id: string, c: { at: number; by: string; expected: number; counted: number; reason: string | null; countJson: string | null }): void {
  stmt(
    db,
    `UPDATE shifts SET closed_at = ?, closed_by = ?, expected_cash = ?, counted_cash = ?, variance = ? - ?, variance_reason = ?, count_json = ?
     WHERE id = ? AND closed_at IS NULL`,
  ).run(c.at, c.by, c.expected, c.counted, c.counted, c.expected, c.reason, c.countJson, id);
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
