// The journal: posts what the rules say a sale (or a standalone bitcoin order) must have and is
// missing, in the caller's transaction; reads the trial balance and an account's statement.
import type { Ledger } from '../connection';
import { stmt } from '../statements';
import { orderEntries, saleEntries, type PlannedEntry, type SaleForPosting } from '../posting';

function post(db: Ledger, at: number, link: { saleId: string | null; orderId: string | null }, planned: PlannedEntry[]): number {
  let posted = 0;
  for (const e of planned) {
    if (e.lines.reduce((sum, l) => sum + l.amount, 0) !== 0) throw new Error(`unbalanced journal entry ${e.key}`);
    const r = stmt(db, 'INSERT OR IGNORE INTO journal_entries (key, sale_id, order_id, at, memo) VALUES (?, ?, ?, ?, ?)').run(e.key, link.saleId, link.orderId, at, e.memo);
    if (r.changes === 0) continue;
    for (const l of e.lines) stmt(db, 'INSERT INTO journal_lines (entry_id, account, amount) VALUES (?, ?, ?)').run(r.lastInsertRowid, l.account, l.amount);
    posted++;
  }
  return posted;
}

type SaleRow = {
  id: string;
  state: string;
  provider: string;
  total: number;
  provider_cost: number;
  margin: number;
  payment_id: string;
  method: string;
  payment_state: string;
  amount: number;
  excess_amount: number;
  excess_returned_at: number | null;
};

export function saleForPosting(db: Ledger, saleId: string): SaleForPosting | null {
  const s = stmt(
    db,
    `SELECT s.id, s.state, s.provider, s.total, s.provider_cost, s.margin, p.id AS payment_id, p.method, p.state AS payment_state,
       p.amount, p.excess_amount, p.excess_returned_at
     FROM sales s JOIN payments p ON p.sale_id = s.id WHERE s.id = ?`,
  ).get(saleId) as SaleRow | undefined;
  if (!s) return null;
  const refunds = stmt(db, 'SELECT id, amount, state FROM payment_refunds WHERE payment_id = ? ORDER BY requested_at, id').all(s.payment_id) as SaleForPosting['refunds'];
  return {
    id: s.id,
    state: s.state,
    provider: s.provider,
    total: s.total,
    providerCost: s.provider_cost,
    margin: s.margin,
    method: s.method,
    paymentState: s.payment_state,
    paymentAmount: s.amount,
    excess: s.excess_amount,
    excessReturned: s.excess_returned_at !== null,
    refunds,
  };
}

/** The sale's movements not yet in the journal; the number posted. */
export function postSale(db: Ledger, saleId: string, at: number): number {
  const s = saleForPosting(db, saleId);
  return s ? post(db, at, { saleId, orderId: null }, saleEntries(s)) : 0;
}

export function postBitcoinOrder(db: Ledger, orderId: string, at: number): number {
  const o = stmt(db, 'SELECT id, state, fiat_amount AS amount, sale_id FROM bitcoin_orders WHERE id = ?').get(orderId) as
    | { id: string; state: string; amount: number; sale_id: string | null }
    | undefined;
  if (!o || o.sale_id !== null) return 0;
  return post(db, at, { saleId: null, orderId }, orderEntries(o));
}

/** A ledger from before the books: every sale and order posted as it stands (once, at start). */
export function backfillJournal(db: Ledger, at: number): number {
  if (stmt(db, 'SELECT id FROM journal_entries LIMIT 1').get() !== undefined) return 0;
  let n = 0;
  db.transaction(() => {
    for (const { id } of db.prepare('SELECT id FROM sales ORDER BY seq /* once: backfill */').all() as { id: string }[]) n += postSale(db, id, at);
    for (const { id } of db.prepare("SELECT id FROM bitcoin_orders WHERE sale_id IS NULL AND state = 'paid' /* once: backfill */").all() as { id: string }[]) n += postBitcoinOrder(db, id, at);
  })();
  return n;
}

export type AccountBalance = { code: string; name: string; kind: string; balance: number };

export function trialBalance(db: Ledger): AccountBalance[] {
  return stmt(db, 'SELECT code, name, kind, balance FROM ledger_accounts ORDER BY code').all() as AccountBalance[];
}

export type StatementLine = { entryId: number; at: number; memo: string; key: string; saleId: string | null; amount: number };

/** An account's lines, newest first, one page at a time. */
export function accountStatement(db: Ledger, account: string, limit: number, beforeEntry: number | null): StatementLine[] {
  return stmt(
    db,
    `SELECT e.id AS entryId, e.at, e.memo, e.key, e.sale_id AS saleId, l.amount
     FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
     WHERE l.account = ? AND l.entry_id < ? ORDER BY l.entry_id DESC LIMIT ?`,
  ).all(account, beforeEntry ?? Number.MAX_SAFE_INTEGER, limit) as StatementLine[];
}

/** Invariant checks (tests, the owner's screen): entries that do not sum to zero, balances that differ from their lines. */
export function journalProblems(db: Ledger): string[] {
  const problems: string[] = [];
  for (const r of db.prepare('SELECT entry_id, SUM(amount) AS s FROM journal_lines GROUP BY entry_id HAVING s <> 0').all() as { entry_id: number; s: number }[]) {
    problems.push(`entry ${r.entry_id} sums to ${r.s}`);
  }
  for (const r of db
    .prepare('SELECT a.code, a.balance, COALESCE((SELECT SUM(amount) FROM journal_lines l WHERE l.account = a.code), 0) AS lines FROM ledger_accounts a')
    .all() as { code: string; balance: number; lines: number }[]) {
    if (r.balance !== r.lines) problems.push(`account ${r.code} balance ${r.balance} but lines sum to ${r.lines}`);
  }
  return problems;
}
