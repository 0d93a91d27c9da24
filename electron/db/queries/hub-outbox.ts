// The counter's link to Loket Pusat and its outbox (issue 18): who we are at the hub, what is
// still to send, the body a row carries (frozen at the first attempt), and what the hub has taken.
import { z } from 'zod';
import type { Ledger } from '../connection';
import { stmt } from '../statements';

export const HubLinkRecord = z.object({
  url: z.string(),
  counter_id: z.string(),
  outlet: z.string(),
  counter: z.string(),
  enrolled_at: z.number().int(),
  last_ok_at: z.number().int().nullable(),
  last_error: z.string().nullable(),
  failures: z.number().int(),
  next_try_at: z.number().int().nullable(),
});
export type HubLinkRecord = z.infer<typeof HubLinkRecord>;

export function hubLink(db: Ledger): HubLinkRecord | null {
  const row = stmt(db, 'SELECT url, counter_id, outlet, counter, enrolled_at, last_ok_at, last_error, failures, next_try_at FROM hub_link WHERE id = 1').get();
  return row === undefined ? null : HubLinkRecord.parse(row);
}

/**
 * The counter is now the hub's: the link is kept, the sales stream opened, and every sale the
 * ledger already holds queued in its order — so the hub starts with the whole history.
 */
export function openHubLink(db: Ledger, link: { url: string; counterId: string; outlet: string; counter: string }, at: number): number {
  return db.transaction(() => {
    stmt(db, 'DELETE FROM hub_outbox').run();
    stmt(db, 'DELETE FROM hub_streams').run();
    stmt(db, 'DELETE FROM hub_link').run();
    stmt(db, 'INSERT INTO hub_link (id, url, counter_id, outlet, counter, enrolled_at) VALUES (1, ?, ?, ?, ?, ?)').run(link.url, link.counterId, link.outlet, link.counter, at);
    const n = stmt(db, `INSERT INTO hub_outbox (stream, seq, key, at) SELECT 'sales', ROW_NUMBER() OVER (ORDER BY seq), id, updated_at FROM sales ORDER BY seq`).run().changes;
    stmt(db, "INSERT INTO hub_streams (stream, next_seq, acked_seq) VALUES ('sales', ?, 0)").run(n);
    const closes = stmt(
      db,
      `INSERT INTO hub_outbox (stream, seq, key, at) SELECT 'shifts', ROW_NUMBER() OVER (ORDER BY closed_at, id), id, closed_at FROM shifts WHERE closed_at IS NOT NULL ORDER BY closed_at, id`,
    ).run().changes;
    stmt(db, "INSERT INTO hub_streams (stream, next_seq, acked_seq) VALUES ('shifts', ?, 0)").run(closes);
    return n + closes;
  })();
}

/** The link is dropped (the owner moved this PC to another hub): nothing more is queued. */
export function closeHubLink(db: Ledger): void {
  db.transaction(() => {
    stmt(db, 'DELETE FROM hub_outbox').run();
    stmt(db, 'DELETE FROM hub_streams').run();
    stmt(db, 'DELETE FROM hub_link').run();
  })();
}

export type OutboxRow = { stream: string; seq: number; key: string; at: number; body: string | null };

export function pendingOutbox(db: Ledger, stream: string, limit: number): OutboxRow[] {
  return stmt(db, 'SELECT stream, seq, key, at, body FROM hub_outbox WHERE stream = ? ORDER BY seq LIMIT ?').all(stream, limit) as OutboxRow[];
}

export function outboxSize(db: Ledger): number {
  return (stmt(db, 'SELECT COUNT(*) AS n FROM hub_outbox').get() as { n: number }).n;
}

/** A row's body, written once: a later attempt sends the same bytes. */
export function freezeOutboxBody(db: Ledger, stream: string, seq: number, body: string): void {
  stmt(db, 'UPDATE hub_outbox SET body = ? WHERE stream = ? AND seq = ? AND body IS NULL').run(body, stream, seq);
}

/** The hub holds the stream up to `lastSeq`: those rows are forgotten here, and the link is healthy. */
export function ackOutbox(db: Ledger, stream: string, lastSeq: number, at: number): void {
  db.transaction(() => {
    stmt(db, 'DELETE FROM hub_outbox WHERE stream = ? AND seq <= ?').run(stream, lastSeq);
    stmt(db, 'UPDATE hub_streams SET acked_seq = MAX(acked_seq, ?) WHERE stream = ?').run(lastSeq, stream);
    stmt(db, 'UPDATE hub_link SET last_ok_at = ?, last_error = NULL, failures = 0, next_try_at = NULL WHERE id = 1').run(at);
  })();
}

export function hubRulesVersion(db: Ledger): number {
  return (stmt(db, 'SELECT rules_version AS v FROM hub_link WHERE id = 1').get() as { v: number } | undefined)?.v ?? 0;
}

export function setHubRulesVersion(db: Ledger, version: number): void {
  stmt(db, 'UPDATE hub_link SET rules_version = ? WHERE id = 1').run(version);
}

export function hubLinkFailed(db: Ledger, error: string, nextTryAt: number): void {
  stmt(db, 'UPDATE hub_link SET last_error = ?, failures = failures + 1, next_try_at = ? WHERE id = 1').run(error, nextTryAt);
}

/** A closed shift as the hub reads it (HubShiftBody's fields). */
export function shiftForHub(db: Ledger, shiftId: string): {
  id: string;
  cashier: string;
  closed_by: string | null;
  opened_at: number;
  closed_at: number;
  opening_float: number;
  expected_cash: number;
  counted_cash: number;
  variance: number;
  variance_reason: string | null;
} | null {
  const row = stmt(
    db,
    `SELECT s.id, u.name AS cashier, c.name AS closed_by, s.opened_at, s.closed_at, s.opening_float, s.expected_cash, s.counted_cash, s.variance, s.variance_reason
     FROM shifts s JOIN users u ON u.id = s.user_id LEFT JOIN users c ON c.id = s.closed_by WHERE s.id = ? AND s.closed_at IS NOT NULL`,
  ).get(shiftId) as ReturnType<typeof shiftForHub> | undefined;
  return row ?? null;
}

/** A sale as the hub reads it (HubSaleBody's fields), from the ledger as it stands now. */
export function saleForHub(db: Ledger, saleId: string): {
  id: string;
  seq: number;
  business_date: string;
  state: string;
  product_name: string;
  method: string;
  total: number;
  margin: number;
  created_at: number;
  updated_at: number;
} | null {
  const row = stmt(
    db,
    `SELECT s.id, s.seq, s.business_date, s.state, s.product_name, COALESCE(p.method, 'cash') AS method, s.total, s.margin, s.created_at, s.updated_at
     FROM sales s LEFT JOIN payments p ON p.sale_id = s.id WHERE s.id = ?`,
  ).get(saleId) as ReturnType<typeof saleForHub> | undefined;
  return row ?? null;
}
