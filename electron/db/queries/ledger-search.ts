// The transactions screen beyond today: a date range with filters (shift, cashier, product,
// provider, payment method, status), or one sale found by what is on the customer's slip (meter
// or customer number, token, Loket's reference, receipt number) — every search through an index.
import type { Ledger } from '../connection';
import { stmt } from '../statements';
import { SaleListRecord } from '../rows';
import { OPEN_SALE_STATES } from './sale-events';
import { LIST_COLUMNS } from './sales';

export type SearchFilter = {
  from: string;
  to: string;
  status: 'all' | 'succeeded' | 'open' | 'failed' | 'refund_due';
  shiftId: string | null;
  cashier: string | null;
  productKind: string | null;
  provider: string | null;
  method: string | null;
};

const STATUS_SQL: Record<SearchFilter['status'], string> = {
  all: '',
  succeeded: "AND s.state = 'succeeded'",
  open: `AND s.state IN ${OPEN_SALE_STATES}`,
  failed: "AND s.state IN ('failed', 'cancelled')",
  refund_due: "AND (p.state = 'refund_due' OR (p.excess_amount > 0 AND p.excess_returned_at IS NULL))",
};

/** Each optional filter is "? IS NULL OR column = ?", so one prepared statement serves every combination. */
const FILTERS = `AND (@shiftId IS NULL OR s.shift_id = @shiftId) AND (@cashier IS NULL OR s.cashier = @cashier)
  AND (@productKind IS NULL OR s.product_kind = @productKind) AND (@provider IS NULL OR s.provider = @provider)
  AND (@method IS NULL OR p.method = @method)`;

export function searchSales(db: Ledger, f: SearchFilter, limit: number, beforeSeq: number | null): SaleListRecord[] {
  const args = { ...f, before: beforeSeq ?? Number.MAX_SAFE_INTEGER, limit };
  // One method: walk only that method's sales of the range (sales_by_method), newest first; a
  // rare method over a month then costs its own few rows, not the month's.
  const sql =
    f.method !== null
      ? `SELECT ${LIST_COLUMNS} FROM sales_by_method m JOIN sales s ON s.seq = m.seq JOIN payments p ON p.sale_id = s.id
         WHERE m.method = @method AND m.business_date BETWEEN @from AND @to AND m.seq < @before ${FILTERS} ${STATUS_SQL[f.status]}
         ORDER BY m.business_date DESC, m.seq DESC LIMIT @limit`
      : `SELECT ${LIST_COLUMNS} FROM sales s INDEXED BY sales_day JOIN payments p ON p.sale_id = s.id
         WHERE s.business_date BETWEEN @from AND @to AND s.seq < @before ${FILTERS} ${STATUS_SQL[f.status]}
         ORDER BY s.business_date DESC, s.seq DESC LIMIT @limit`;
  return stmt(db, sql)
    .all(args)
    .map((r) => SaleListRecord.parse(r));
}

export type SearchTotalsRow = { product_kind: string; provider: string; method: string; state: string; n: number; total: number; margin: number };

export function searchTotals(db: Ledger, f: SearchFilter): SearchTotalsRow[] {
  return stmt(
    db,
    `SELECT s.product_kind, s.provider, p.method, s.state, COUNT(*) AS n, SUM(s.total) AS total, SUM(s.margin) AS margin
     FROM sales s INDEXED BY sales_day JOIN payments p ON p.sale_id = s.id
     WHERE s.business_date BETWEEN @from AND @to ${FILTERS} ${STATUS_SQL[f.status]}
     GROUP BY s.product_kind, s.provider, p.method, s.state`,
  ).all(f) as SearchTotalsRow[];
}

/**
 * What the customer brings: a receipt number, a meter or customer number, a token, a reference —
 * exactly; failing that, any sale whose text contains what was typed (the last digits of a token,
 * part of a name, a payment reference, part of a cashier's name), through the trigram index.
 */
export function findSales(db: Ledger, query: string, limit: number): SaleListRecord[] {
  const exact = findExact(db, query, limit);
  // A full token, number or reference is one sale; a few digits may be a receipt number and the
  // end of a token alike, so the receipt comes first and the sales containing them follow.
  if (exact.length >= limit || (exact.length > 0 && !/^\d{1,7}$/.test(query.trim()))) return exact;
  const seen = new Set(exact.map((r) => r.id));
  return [...exact, ...findContaining(db, query, limit).filter((r) => !seen.has(r.id))].slice(0, limit);
}

/** Three characters at least (a trigram); a token typed in groups of four is one run of digits. */
function findContaining(db: Ledger, query: string, limit: number): SaleListRecord[] {
  const q = query.trim();
  // LIKE's own wildcards are dropped, not escaped: an ESCAPE clause turns the trigram index off.
  const plain = q.replace(/[%_]/g, '');
  const term = /^[\d\s]+$/.test(plain) ? plain.replace(/\s+/g, '') : plain;
  if ([...term].length < 3) return [];
  const like = `%${term}%`;
  return stmt(
    db,
    `SELECT ${LIST_COLUMNS} FROM sales s JOIN payments p ON p.sale_id = s.id
     WHERE s.seq IN (SELECT rowid FROM sales_search WHERE doc LIKE ? ORDER BY rowid DESC LIMIT ?) ORDER BY s.seq DESC`,
  )
    // Newest first inside the index, stopping at the page: a common fragment ("sari") costs the page, not every match.
    .all(like, limit)
    .map((r) => SaleListRecord.parse(r));
}

function findExact(db: Ledger, query: string, limit: number): SaleListRecord[] {
  const q = query.trim();
  const digits = q.replace(/\s+/g, '');
  let where: string;
  let arg: string | number;
  if (/^\d{1,7}$/.test(digits)) {
    where = 's.seq = ?';
    arg = Number(digits);
  } else if (/^\d{20}$/.test(digits)) {
    where = 's.token = ?';
    arg = digits;
  } else if (/^\d{8,19}$/.test(digits)) {
    // A meter, IDPEL or customer number: three indexes, one query.
    return stmt(
      db,
      `SELECT ${LIST_COLUMNS} FROM sales s JOIN payments p ON p.sale_id = s.id WHERE s.id IN (
         SELECT id FROM sales WHERE customer_number = @n UNION SELECT id FROM sales WHERE meter_number = @n
         UNION SELECT id FROM sales WHERE idpel = @n)
       ORDER BY s.seq DESC LIMIT @limit`,
    )
      .all({ n: digits, limit })
      .map((r) => SaleListRecord.parse(r));
  } else {
    where = 's.provider_ref = ?';
    arg = q.toUpperCase();
  }
  return stmt(db, `SELECT ${LIST_COLUMNS} FROM sales s JOIN payments p ON p.sale_id = s.id WHERE ${where} ORDER BY s.seq DESC LIMIT ?`)
    .all(arg, limit)
    .map((r) => SaleListRecord.parse(r));
}
