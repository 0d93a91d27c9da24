// The journal summed for a period — a shift, days with the transactions screen's filters, or some
// sales — by kind of movement, account and the sale's method, product and provider. Periods read
// journal_figures (kept by trigger as each line is posted: a few dozen rows per day); a search's
// sales and the shifts of a ledger from before it read the lines themselves. Every report sums
// these (services/reports/book-figures.ts), so every report says what the books say.
import type { Ledger } from '../connection';
import { stmt } from '../statements';
import { ENTRY_KIND } from '../migrations/0010-counter-truth';
import type { CashMovementRecord, ShiftRecord } from './shifts';

export type FigureRow = { kind: string; account: string; method: string; productKind: string; provider: string; amount: number; lines: number };

const ROLLUP = `SELECT kind, account, method, product_kind AS productKind, provider, SUM(amount) AS amount, SUM(lines) AS lines FROM journal_figures`;
const ROLLUP_GROUP = 'GROUP BY kind, account, method, product_kind, provider';

const RAW = `SELECT ${ENTRY_KIND} AS kind, l.account, COALESCE(p.method, '') AS method, COALESCE(s.product_kind, '') AS productKind,
    COALESCE(s.provider, '') AS provider, SUM(l.amount) AS amount, COUNT(*) AS lines
  FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id LEFT JOIN sales s ON s.id = e.sale_id LEFT JOIN payments p ON p.sale_id = e.sale_id`;
const RAW_GROUP = 'GROUP BY 1, 2, 3, 4, 5';

/** A shift's entries; a shift of a ledger from before entries named their shift counts by the time it was open. */
export function shiftFigureRows(db: Ledger, shift: ShiftRecord): FigureRow[] {
  const own = stmt(db, `${ROLLUP} WHERE shift_id = ? AND env = ? ${ROLLUP_GROUP}`).all(shift.id, shift.env) as FigureRow[];
  if (own.length > 0) return own;
  return stmt(db, `${RAW} WHERE e.at >= ? AND e.at <= ? AND e.env = ? AND e.shift_id IS NULL ${RAW_GROUP}`).all(
    shift.opened_at,
    shift.closed_at ?? Number.MAX_SAFE_INTEGER,
    shift.env,
  ) as FigureRow[];
}

export type FigureFilter = { cashier: string | null; productKind: string | null; provider: string | null; method: string | null; shiftId: string | null };

/**
 * The entries of business days [from, to] in an environment. With a filter on the sale (cashier,
 * product, provider, method) only the entries of matching sales count; with a shift, only that shift's.
 */
export function periodFigureRows(db: Ledger, env: string, from: string, to: string, f: FigureFilter): FigureRow[] {
  const saleFilter = f.cashier !== null || f.productKind !== null || f.provider !== null || f.method !== null;
  return stmt(
    db,
    `${ROLLUP} WHERE env = @env AND day BETWEEN @from AND @to AND (@shiftId IS NULL OR shift_id = @shiftId)
       AND (@saleFilter = 0 OR (product_kind <> '' AND (@cashier IS NULL OR cashier = @cashier) AND (@productKind IS NULL OR product_kind = @productKind)
         AND (@provider IS NULL OR provider = @provider) AND (@method IS NULL OR method = @method)))
     ${ROLLUP_GROUP}`,
  ).all({ ...f, env, from, to, saleFilter: saleFilter ? 1 : 0 }) as FigureRow[];
}

/** The entries of some sales (a search's finds), whenever they were posted. */
export function saleFigureRows(db: Ledger, saleIds: readonly string[]): FigureRow[] {
  const out: FigureRow[] = [];
  for (let i = 0; i < saleIds.length; i += 500) {
    const chunk = saleIds.slice(i, i + 500);
    out.push(...(db.prepare(`${RAW} WHERE e.sale_id IN (${chunk.map(() => '?').join(',')}) ${RAW_GROUP} /* a search's finds */`).all(...chunk) as FigureRow[]));
  }
  return out;
}

/** Cash in and out of the drawer for a reason, posted in [from, to). */
export function cashMovementsBetween(db: Ledger, env: string, from: number, to: number): CashMovementRecord[] {
  return stmt(db, 'SELECT * FROM cash_movements WHERE env = ? AND at >= ? AND at < ? ORDER BY at, id').all(env, from, to) as CashMovementRecord[];
}

/** The rollup against the lines it sums (the owner's problems list and the tests). */
export function figureProblems(db: Ledger): string[] {
  return (
    db
      .prepare(
        `SELECT f.env, f.account, f.amount, COALESCE(b.lines, 0) AS lines FROM (SELECT env, account, SUM(amount) AS amount FROM journal_figures GROUP BY env, account) f
         LEFT JOIN (SELECT e.env, l.account, SUM(l.amount) AS lines FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id GROUP BY e.env, l.account) b
           ON b.env = f.env AND b.account = f.account WHERE f.amount <> COALESCE(b.lines, 0) /* once: invariant check */`,
      )
      .all() as { env: string; account: string; amount: number; lines: number }[]
  ).map((r) => `${r.env} figures for ${r.account} sum to ${r.amount} but its lines to ${r.lines}`);
}
