// The journal's lines for a period — a shift, or an interval of days with the transactions
// screen's filters — with what each entry's sale was paid by. Every report sums these
// (services/reports/book-figures.ts), so every report says what the books say.
import type { Ledger } from '../connection';
import { stmt } from '../statements';
import type { ShiftRecord } from './shifts';

export type FigureLine = {
  entryId: number;
  key: string;
  at: number;
  account: string;
  amount: number;
  method: string | null;
  productKind: string | null;
  provider: string | null;
  moveKind: 'petty_cash' | 'owner_withdrawal' | 'change_topup' | null;
  moveReason: string | null;
};

/** `byTime`: walk the entries by their time (journal_entries_at), the way a period is asked for. */
const select = (byTime: boolean): string => `SELECT e.id AS entryId, e.key, e.at, l.account, l.amount, p.method, s.product_kind AS productKind, s.provider,
    c.kind AS moveKind, c.reason AS moveReason
  FROM journal_entries e ${byTime ? 'INDEXED BY journal_entries_at' : ''} JOIN journal_lines l ON l.entry_id = e.id
  LEFT JOIN payments p ON p.sale_id = e.sale_id
  LEFT JOIN sales s ON s.id = e.sale_id
  LEFT JOIN cash_movements c ON e.key LIKE 'cash:%' AND c.id = substr(e.key, 6)`;

/**
 * A shift's entries. Entries posted before entries named their shift (an older ledger) count by
 * the time the shift was open.
 */
export function shiftFigureLines(db: Ledger, shift: ShiftRecord): FigureLine[] {
  const own = stmt(db, `${select(false)} WHERE e.shift_id = ? ORDER BY e.id`).all(shift.id) as FigureLine[];
  const legacy = stmt(db, `${select(true)} WHERE e.at >= ? AND e.at <= ? AND e.env = ? AND e.shift_id IS NULL ORDER BY e.id`).all(
    shift.opened_at,
    shift.closed_at ?? Number.MAX_SAFE_INTEGER,
    shift.env,
  ) as FigureLine[];
  return legacy.length === 0 ? own : [...legacy, ...own];
}

export type FigureFilter = { cashier: string | null; productKind: string | null; provider: string | null; method: string | null; shiftId: string | null };

const NO_FILTER = (f: FigureFilter): boolean => f.cashier === null && f.productKind === null && f.provider === null && f.method === null && f.shiftId === null;

/**
 * Entries posted in [from, to) in an environment. With a filter on the sale (cashier, product,
 * provider, method) only the entries of matching sales count; with a shift, only that shift's.
 */
export function periodFigureLines(db: Ledger, env: string, from: number, to: number, f: FigureFilter): FigureLine[] {
  if (NO_FILTER(f)) return stmt(db, `${select(true)} WHERE e.at >= ? AND e.at < ? AND e.env = ? ORDER BY e.id`).all(from, to, env) as FigureLine[];
  const saleFilter = f.cashier !== null || f.productKind !== null || f.provider !== null || f.method !== null;
  return stmt(
    db,
    `${select(true)}
     WHERE e.at >= @from AND e.at < @to AND e.env = @env AND (@shiftId IS NULL OR e.shift_id = @shiftId)
       AND (@saleFilter = 0 OR (s.id IS NOT NULL AND (@cashier IS NULL OR s.cashier = @cashier) AND (@productKind IS NULL OR s.product_kind = @productKind)
         AND (@provider IS NULL OR s.provider = @provider) AND (@method IS NULL OR p.method = @method)))
     ORDER BY e.id`,
  ).all({ ...f, from, to, env, saleFilter: saleFilter ? 1 : 0 }) as FigureLine[];
}

/** The entries of some sales (a search's finds), whenever they were posted. */
export function saleFigureLines(db: Ledger, saleIds: readonly string[]): FigureLine[] {
  if (saleIds.length === 0) return [];
  const out: FigureLine[] = [];
  for (let i = 0; i < saleIds.length; i += 500) {
    const chunk = saleIds.slice(i, i + 500);
    out.push(...(db.prepare(`${select(false)} WHERE e.sale_id IN (${chunk.map(() => '?').join(',')}) ORDER BY e.id /* a search's finds */`).all(...chunk) as FigureLine[]));
  }
  return out;
}
