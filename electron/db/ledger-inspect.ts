// What a restored (or backed-up) ledger holds, read-only: SQLite's own integrity check, the schema
// version, and the facts a person checks a restore by — how many sales, the last sale, the last
// shift — plus the books' own invariants (every entry sums to zero, balances equal their lines).
import Database from 'better-sqlite3';
import { schemaVersion } from './migrate';
import { entryProblems } from './queries/journal';
import { figureProblems } from './queries/figures';

export type LedgerFacts = {
  integrity: string[];
  schema: number;
  sales: number;
  lastSale: { id: string; at: number; productName: string; total: number; state: string } | null;
  lastShift: { id: string; openedAt: number; closedAt: number | null; cashier: string } | null;
  users: number;
  /** Journal entries that do not sum to zero and balances that differ from their lines (empty = the books hold). */
  bookProblems: string[];
};

function hasTable(db: Database.Database, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** `integrity: 'skip'` for the headline facts alone (a backup's header), else SQLite's full check first. */
export function inspectLedger(file: string, opts: { nativeBinding?: string; integrity?: 'full' | 'skip' } = {}): LedgerFacts {
  const db = new Database(file, { readonly: true, fileMustExist: true, ...(opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {}) });
  try {
    const integrity =
      opts.integrity === 'skip' ? [] : (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((m) => m !== 'ok');
    if (integrity.length > 0) return { integrity, schema: schemaVersion(db), sales: 0, lastSale: null, lastShift: null, users: 0, bookProblems: [] };
    const sales = (db.prepare('SELECT count(*) AS n FROM sales').get() as { n: number }).n;
    const last = db.prepare('SELECT id, created_at AS at, product_name AS productName, total, state FROM sales ORDER BY seq DESC LIMIT 1').get() as LedgerFacts['lastSale'] | undefined;
    const lastShift = hasTable(db, 'shifts')
      ? ((db
          .prepare('SELECT s.id, s.opened_at AS openedAt, s.closed_at AS closedAt, u.name AS cashier FROM shifts s JOIN users u ON u.id = s.user_id ORDER BY s.opened_at DESC LIMIT 1')
          .get() as LedgerFacts['lastShift'] | undefined) ?? null)
      : null;
    const users = hasTable(db, 'users') ? (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n : 0;
    // The journal's invariants as the owner's books screen checks them (and the day's figures, where that schema has them).
    const bookProblems = hasTable(db, 'journal_lines') ? [...entryProblems(db), ...(hasTable(db, 'journal_figures') ? figureProblems(db) : [])] : [];
    return { integrity, schema: schemaVersion(db), sales, lastSale: last ?? null, lastShift, users, bookProblems };
  } finally {
    db.close();
  }
}

/** Whether a data folder's ledger holds anything a person made (a first start's empty ledger does not). */
export function ledgerIsPristine(db: Database.Database): boolean {
  const any = (sql: string): boolean => db.prepare(sql).get() !== undefined;
  return !any('SELECT 1 FROM users LIMIT 1') && !any('SELECT 1 FROM sales LIMIT 1') && !any('SELECT 1 FROM secrets LIMIT 1') && !any('SELECT 1 FROM shifts LIMIT 1');
}
