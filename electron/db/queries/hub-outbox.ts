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
 * The counter is now the hub's: the link is kept, its streams opened, and everything the ledger
 * already holds — sales, shift closes, journal entries, the audit chain — queued in its order, so
 * the hub starts with the whole history.
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
    const entries = stmt(db, `INSERT INTO hub_outbox (stream, seq, key, at) SELECT 'journal', ROW_NUMBER() OVER (ORDER BY id), CAST(id AS TEXT), at FROM journal_entries ORDER BY id`).run().changes;
    stmt(db, "INSERT INTO hub_streams (stream, next_seq, acked_seq) VALUES ('journal', ?, 0)").run(entries);
    // The audit chain from its first entry: the hub checks every link from the start.
    const sealed = stmt(db, `INSERT INTO hub_outbox (stream, seq, key, at) SELECT 'audit', ROW_NUMBER() OVER (ORDER BY seq), CAST(seq AS TEXT), at FROM audit_log ORDER BY seq`).run().changes;
    stmt(db, "INSERT INTO hub_streams (stream, next_seq, acked_seq) VALUES ('audit', ?, 0)").run(sealed);
    const records = queueRecords(db);
    return n + closes + entries + sealed + records;
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
  env: string;
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
    `SELECT s.id, s.env, s.seq, s.business_date, s.state, s.product_name, COALESCE(p.method, 'cash') AS method, s.total, s.margin, s.created_at, s.updated_at
     FROM sales s LEFT JOIN payments p ON p.sale_id = s.id WHERE s.id = ?`,
  ).get(saleId) as ReturnType<typeof saleForHub> | undefined;
  return row ?? null;
}

/** Rows still to send, per stream: nothing pending in a stream means the hub holds it as it is here. */
export function outboxPendingOf(db: Ledger, stream: string): number {
  return (stmt(db, 'SELECT COUNT(*) AS n FROM hub_outbox WHERE stream = ?').get(stream) as { n: number }).n;
}

/** A journal entry with its lines, each line's account named and marked when it is a provider deposit. */
export function journalEntryForHub(db: Ledger, entryId: number): {
  id: number;
  key: string;
  env: string;
  business_date: string | null;
  sale_id: string | null;
  at: number;
  memo: string;
  lines: { account: string; name: string; kind: string; deposit: number; amount: number }[];
} | null {
  const e = stmt(db, 'SELECT id, key, env, business_date, sale_id, at, memo FROM journal_entries WHERE id = ?').get(entryId) as
    | { id: number; key: string; env: string; business_date: string | null; sale_id: string | null; at: number; memo: string }
    | undefined;
  if (!e) return null;
  const lines = stmt(
    db,
    `SELECT l.account, a.name, a.kind, EXISTS (SELECT 1 FROM purchase_providers p WHERE p.deposit_account = l.account) AS deposit, l.amount
     FROM journal_lines l JOIN ledger_accounts a ON a.code = l.account WHERE l.entry_id = ? ORDER BY l.rowid`,
  ).all(entryId) as { account: string; name: string; kind: string; deposit: number; amount: number }[];
  return { ...e, lines };
}

/** An audit chain entry with the hash of the one before it (the link the hub checks). */
export function auditEntryForHub(db: Ledger, seq: number): {
  seq: number;
  at: number;
  actor: string;
  kind: string;
  subject: string;
  keyed: number;
  rows_hash: Buffer;
  hash: Buffer;
  prev: Buffer | null;
  rows: number;
} | null {
  const row = stmt(
    db,
    `SELECT a.seq, a.at, a.actor, a.kind, a.subject, a.keyed, a.rows_hash, a.hash,
            (SELECT p.hash FROM audit_log p WHERE p.seq < a.seq ORDER BY p.seq DESC LIMIT 1) AS prev,
            (SELECT COUNT(*) FROM audit_rows r WHERE r.seq = a.seq) AS rows
     FROM audit_log a WHERE a.seq = ?`,
  ).get(seq) as ReturnType<typeof auditEntryForHub> | undefined;
  return row ?? null;
}

/** Where the rolling attestation stands, and when it last ran. */
export function attestCursor(db: Ledger): { salesAfter: number; journalAfter: number; lastAt: number | null } | null {
  const r = stmt(db, 'SELECT attest_sales_after AS s, attest_journal_after AS j, last_attest_at AS t FROM hub_link WHERE id = 1').get() as { s: number; j: number; t: number | null } | undefined;
  return r ? { salesAfter: r.s, journalAfter: r.j, lastAt: r.t } : null;
}

export function setAttestCursor(db: Ledger, salesAfter: number, journalAfter: number, at: number): void {
  stmt(db, 'UPDATE hub_link SET attest_sales_after = ?, attest_journal_after = ?, last_attest_at = ? WHERE id = 1').run(salesAfter, journalAfter, at);
}

/**
 * The next slice of sales (by receipt seq) and journal entries (by id) to compare with the hub, with
 * `pending` telling which of them still wait in the outbox (the hub does not hold them as they are
 * yet, so they are not attested this time). `next*`: where the slice ended.
 */
export function attestSlice(db: Ledger, salesAfter: number, journalAfter: number, limit: number): { sales: { id: string; seq: number; pending: number }[]; journal: { id: number; pending: number }[] } {
  const sales = stmt(
    db,
    `SELECT s.id, s.seq, EXISTS (SELECT 1 FROM hub_outbox o WHERE o.stream = 'sales' AND o.key = s.id) AS pending
     FROM sales s WHERE s.seq > ? ORDER BY s.seq LIMIT ?`,
  ).all(salesAfter, limit) as { id: string; seq: number; pending: number }[];
  const journal = stmt(
    db,
    `SELECT e.id, EXISTS (SELECT 1 FROM hub_outbox o WHERE o.stream = 'journal' AND o.key = CAST(e.id AS TEXT)) AS pending
     FROM journal_entries e WHERE e.id > ? ORDER BY e.id LIMIT ?`,
  ).all(journalAfter, limit) as { id: number; pending: number }[];
  return { sales, journal };
}

/** What each provider last reported its deposit holds, by the books' account of that deposit. */
export function depositReadingsForHub(db: Ledger): { env: 'training' | 'production'; account: string; name: string; reported: number; checkedAt: number }[] {
  return stmt(
    db,
    `SELECT b.env, p.deposit_account AS account, a.name, b.balance AS reported, b.checked_at AS checkedAt
     FROM provider_balances b JOIN purchase_providers p ON p.name = b.provider JOIN ledger_accounts a ON a.code = p.deposit_account
     ORDER BY b.env, p.deposit_account`,
  ).all() as { env: 'training' | 'production'; account: string; name: string; reported: number; checkedAt: number }[];
}

/** What waits in the outbox beyond a batch (the stream's rows up to `throughSeq` are in it): how many, and since when. */
export function outboxBacklog(db: Ledger, stream: string, throughSeq: number): { rows: number; oldestAt: number | null } {
  const r = stmt(db, 'SELECT COUNT(*) AS n, MIN(at) AS oldest FROM hub_outbox WHERE NOT (stream = ? AND seq <= ?)').get(stream, throughSeq) as { n: number; oldest: number | null };
  return { rows: r.n, oldestAt: r.oldest };
}

/** The tables the records stream carries (shared/hub-contract RECORD_TABLES), each with the column that dates its rows. */
const RECORD_SOURCES = [
  ['sale_events', 'at'],
  ['payments', 'created_at'],
  ['payment_refunds', 'requested_at'],
  ['cash_movements', 'at'],
] as const;

/** Every row of those tables queued in the records stream (enrollment): table by table, in rowid order. */
function queueRecords(db: Ledger): number {
  let n = 0;
  for (const [table, at] of RECORD_SOURCES) {
    n += stmt(
      db,
      `INSERT INTO hub_outbox (stream, seq, key, at) SELECT 'records', ? + ROW_NUMBER() OVER (ORDER BY rowid), '${table}:' || rowid, ${at} FROM ${table} ORDER BY rowid`,
    ).run(n).changes;
  }
  stmt(db, "INSERT INTO hub_streams (stream, next_seq, acked_seq) VALUES ('records', ?, 0)").run(n);
  return n;
}

/** A row of a records table as it stands, every column (BLOBs as base64); null when gone. */
export function recordForHub(db: Ledger, table: (typeof RECORD_SOURCES)[number][0], rowid: number): Record<string, string | number | null> | null {
  if (!RECORD_SOURCES.some(([t]) => t === table)) return null;
  const row = stmt(db, `SELECT * FROM ${table} WHERE rowid = ?`).get(rowid) as Record<string, unknown> | undefined;
  if (!row) return null;
  const out: Record<string, string | number | null> = {};
  for (const [k, v] of Object.entries(row)) out[k] = Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? Number(v) : (v as string | number | null);
  return out;
}
