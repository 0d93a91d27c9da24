// The journal: posts what the rules say a sale (or a standalone bitcoin order, a shift's float and
// variance, a cash movement) must have and is missing, in the caller's transaction; reads the
// trial balance and an account's statement. Every entry names the shift open when it was posted:
// that shift's drawer is where its cash moved.
import { z } from 'zod';
import type { Ledger } from '../connection';
import { stmt } from '../statements';
import { ACCOUNT, CHART, chargebackEntry, depositTopUpEntry, orderEntries, saleEntries, type PlannedEntry, type SaleForPosting } from '../posting';
import { figureProblems } from './figures';

type Env = 'training' | 'production';

/**
 * The business day of an instant in the outlet's zone. Indonesia's three zones keep one offset
 * all year (no daylight saving), so a fixed offset is exact — and the ledger module stays a leaf
 * that imports nothing of the app's.
 */
const ZONE_HOURS: Record<string, number> = { 'Asia/Jakarta': 7, 'Asia/Makassar': 8, 'Asia/Jayapura': 9 };
export function entryDay(at: number, timeZone: string | undefined): string {
  return new Date(at + (ZONE_HOURS[timeZone ?? ''] ?? 7) * 3_600_000).toISOString().slice(0, 10);
}

export type EntryLink = { env: Env; saleId: string | null; orderId: string | null; /** Default: the shift open now. */ shiftId?: string | null };

export function postEntries(db: Ledger, at: number, link: EntryLink, planned: PlannedEntry[]): number {
  let posted = 0;
  const shiftId =
    link.shiftId !== undefined ? link.shiftId : ((stmt(db, 'SELECT id FROM shifts WHERE env = ? AND closed_at IS NULL').get(link.env) as { id: string } | undefined)?.id ?? null);
  // The business day in the outlet's zone, as the sales have theirs: the day's figures are read by it.
  const outlet = stmt(db, "SELECT value FROM settings WHERE key = 'outlet'").get() as { value: string } | undefined;
  const timeZone = outlet ? ((JSON.parse(outlet.value) as { timeZone?: string }).timeZone ?? undefined) : undefined;
  const day = entryDay(at, timeZone);
  for (const e of planned) {
    if (e.lines.length === 0) continue;
    if (e.lines.reduce((sum, l) => sum + l.amount, 0) !== 0) throw new Error(`unbalanced journal entry ${e.key}`);
    const r = stmt(db, 'INSERT OR IGNORE INTO journal_entries (key, env, sale_id, order_id, at, memo, shift_id, business_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      e.key, link.env, link.saleId, link.orderId, at, e.memo, shiftId, day,
    );
    if (r.changes === 0) continue;
    for (const l of e.lines) stmt(db, 'INSERT INTO journal_lines (entry_id, account, amount) VALUES (?, ?, ?)').run(r.lastInsertRowid, l.account, l.amount);
    posted++;
  }
  return posted;
}

type SaleRow = {
  id: string;
  env: Env;
  state: string;
  provider: string;
  provider_name: string;
  deposit_account: string | null;
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

export function saleForPosting(db: Ledger, saleId: string): (SaleForPosting & { env: Env }) | null {
  const s = stmt(
    db,
    `SELECT s.id, s.env, s.state, s.provider, pp.display_name AS provider_name, pp.deposit_account, s.total, s.provider_cost, s.margin, p.id AS payment_id, p.method, p.state AS payment_state,
       p.amount, p.excess_amount, p.excess_returned_at
     FROM sales s JOIN payments p ON p.sale_id = s.id JOIN purchase_providers pp ON pp.name = s.provider WHERE s.id = ?`,
  ).get(saleId) as SaleRow | undefined;
  if (!s) return null;
  const refunds = stmt(db, 'SELECT id, amount, state FROM payment_refunds WHERE payment_id = ? ORDER BY requested_at, id').all(s.payment_id) as SaleForPosting['refunds'];
  return {
    id: s.id,
    env: s.env,
    state: s.state,
    provider: s.provider,
    providerName: s.provider_name,
    depositAccount: s.deposit_account,
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
  return s ? postEntries(db, at, { env: s.env, saleId, orderId: null }, saleEntries(s)) : 0;
}

export function postBitcoinOrder(db: Ledger, orderId: string, at: number): number {
  const o = stmt(db, 'SELECT id, env, state, fiat_amount AS amount, sale_id FROM bitcoin_orders WHERE id = ?').get(orderId) as
    | { id: string; env: Env; state: string; amount: number; sale_id: string | null }
    | undefined;
  if (!o || o.sale_id !== null) return 0;
  return postEntries(db, at, { env: o.env, saleId: null, orderId }, orderEntries(o));
}

/** A paid order (a sale's or standalone) charged back: the loss, once, linked to its sale if any. */
export function postBitcoinChargeback(db: Ledger, orderId: string, at: number): number {
  const o = stmt(db, 'SELECT id, env, fiat_amount AS amount, sale_id FROM bitcoin_orders WHERE id = ?').get(orderId) as
    | { id: string; env: Env; amount: number; sale_id: string | null }
    | undefined;
  if (!o) return 0;
  return postEntries(db, at, { env: o.env, saleId: o.sale_id, orderId }, [chargebackEntry(o)]);
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

export function trialBalance(db: Ledger, env: Env): AccountBalance[] {
  return stmt(db, 'SELECT a.code, a.name, a.kind, b.balance FROM ledger_accounts a JOIN account_balances b ON b.code = a.code AND b.env = ? ORDER BY a.code').all(env) as AccountBalance[];
}

export type StatementLine = { entryId: number; at: number; memo: string; key: string; saleId: string | null; amount: number };

/** An account's lines, newest first, one page at a time. */
export function accountStatement(db: Ledger, env: Env, account: string, limit: number, beforeEntry: number | null): StatementLine[] {
  return stmt(
    db,
    `SELECT e.id AS entryId, e.at, e.memo, e.key, e.sale_id AS saleId, l.amount
     FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
     WHERE l.account = ? AND l.entry_id < ? AND e.env = ? ORDER BY l.entry_id DESC LIMIT ?`,
  ).all(account, beforeEntry ?? Number.MAX_SAFE_INTEGER, env, limit) as StatementLine[];
}

/** Invariant checks (tests, the owner's screen): entries that do not sum to zero, balances that differ from their lines. */
export function journalProblems(db: Ledger): string[] {
  return [...entryProblems(db), ...figureProblems(db)];
}

/** The books' own invariants, on any schema that has the journal (a backup of an older Loket too). */
export function entryProblems(db: Ledger): string[] {
  const problems: string[] = [];
  for (const r of db.prepare('SELECT entry_id, SUM(amount) AS s FROM journal_lines GROUP BY entry_id HAVING s <> 0').all() as { entry_id: number; s: number }[]) {
    problems.push(`entry ${r.entry_id} sums to ${r.s}`);
  }
  for (const r of db
    .prepare(
      `SELECT b.env, b.code, b.balance, COALESCE((SELECT SUM(l.amount) FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id
         WHERE l.account = b.code AND e.env = b.env), 0) AS lines FROM account_balances b /* once: invariant check */`,
    )
    .all() as { env: string; code: string; balance: number; lines: number }[]) {
    if (r.balance !== r.lines) problems.push(`${r.env} account ${r.code} balance ${r.balance} but lines sum to ${r.lines}`);
  }
  return problems;
}

export function postDepositTopUp(db: Ledger, env: Env, id: string, at: number, t: { provider: string; amount: number; source: 'owner' | 'drawer'; note: string }): void {
  const p = purchaseProvider(db, t.provider);
  if (!p?.deposit_account) throw new Error(`no deposit account for provider ${t.provider}`);
  db.transaction(() => void postEntries(db, at, { env, saleId: null, orderId: null }, [depositTopUpEntry(id, { account: p.deposit_account!, name: p.display_name }, t.amount, t.source, t.note)]))();
}

/** Every account of the chart exists, with a balance per environment (at start, on the sealed connection). */
export function ensureAccounts(db: Ledger): number {
  let added = 0;
  db.transaction(() => {
    for (const a of CHART) {
      added += stmt(db, 'INSERT OR IGNORE INTO ledger_accounts (code, name, kind) VALUES (?, ?, ?)').run(a.code, a.name, a.kind).changes;
      for (const env of ['training', 'production']) stmt(db, 'INSERT OR IGNORE INTO account_balances (env, code) VALUES (?, ?)').run(env, a.code);
    }
  })();
  return added;
}

/** The drawer as the books have it now. */
export function drawerBalance(db: Ledger, env: Env): number {
  return (stmt(db, 'SELECT balance FROM account_balances WHERE env = ? AND code = ?').get(env, ACCOUNT.cash) as { balance: number } | undefined)?.balance ?? 0;
}

export const PurchaseProviderRow = z.object({ name: z.string(), display_name: z.string(), deposit_account: z.string().nullable() });
export type PurchaseProviderRow = z.infer<typeof PurchaseProviderRow>;

export function purchaseProvider(db: Ledger, name: string): PurchaseProviderRow | null {
  const row = stmt(db, 'SELECT name, display_name, deposit_account FROM purchase_providers WHERE name = ?').get(name);
  return row === undefined ? null : PurchaseProviderRow.parse(row);
}

/**
 * The registry's purchase providers as reference rows, and their deposit accounts in the chart:
 * a provider the registry adds can be sold through and booked without a table rebuild.
 */
export function ensurePurchaseProviders(db: Ledger, list: readonly { name: string; displayName: string; depositAccount: { code: string; name: string } | null }[]): number {
  let added = 0;
  db.transaction(() => {
    for (const p of list) {
      added += stmt(db, 'INSERT OR IGNORE INTO purchase_providers (name, display_name, deposit_account) VALUES (?, ?, ?)').run(p.name, p.displayName, p.depositAccount?.code ?? null).changes;
      if (!p.depositAccount) continue;
      stmt(db, "INSERT OR IGNORE INTO ledger_accounts (code, name, kind) VALUES (?, ?, 'asset')").run(p.depositAccount.code, p.depositAccount.name);
      for (const env of ['training', 'production']) stmt(db, 'INSERT OR IGNORE INTO account_balances (env, code) VALUES (?, ?)').run(env, p.depositAccount.code);
    }
  })();
  return added;
}
