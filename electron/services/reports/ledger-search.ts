// The transactions screen's selection: a date range with filters, or a search by what is on the
// customer's slip; the selection's totals per product, provider and method; and its CSV.
import type { LedgerQuery, LedgerTotals, ParsedReq, Res } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import { findSales, searchSales, searchTotals, type SearchFilter } from '../../db/queries/ledger-search';
import { toSaleRow } from '../sales/sale-view';
import { formatLocalDateTime } from '../../../shared/domain/time';

const CSV_MAX = 100_000;

function filterOf(q: LedgerQuery): SearchFilter {
  const [from, to] = q.from <= q.to ? [q.from, q.to] : [q.to, q.from];
  return { from, to, status: q.status, shiftId: q.shiftId, cashier: q.cashier, productKind: q.productKind, provider: q.provider, method: q.method };
}

export function totalsOf(rows: ReturnType<typeof searchTotals>): LedgerTotals {
  const t: LedgerTotals = { count: 0, succeeded: { count: 0, total: 0, margin: 0 }, unfinished: 0, failed: 0, byProduct: [], byProvider: [], byMethod: [] };
  const groups = { byProduct: new Map<string, { key: string; count: number; total: number }>(), byProvider: new Map(), byMethod: new Map() } as Record<'byProduct' | 'byProvider' | 'byMethod', Map<string, { key: string; count: number; total: number }>>;
  for (const r of rows) {
    t.count += r.n;
    if (r.state === 'succeeded') {
      t.succeeded.count += r.n;
      t.succeeded.total += r.total;
      t.succeeded.margin += r.margin;
      for (const [g, key] of [['byProduct', r.product_kind], ['byProvider', r.provider], ['byMethod', r.method]] as const) {
        const m = groups[g].get(key) ?? { key, count: 0, total: 0 };
        groups[g].set(key, { key, count: m.count + r.n, total: m.total + r.total });
      }
    } else if (r.state === 'failed' || r.state === 'cancelled') t.failed += r.n;
    else t.unfinished += r.n;
  }
  for (const g of ['byProduct', 'byProvider', 'byMethod'] as const) t[g] = [...groups[g].values()].sort((a, b) => b.total - a.total);
  return t;
}

export function searchLedger(db: Ledger, req: ParsedReq<'ledger.search'>): Res<'ledger.search'> {
  if (req.query) return { items: findSales(db, req.query, req.limit).map(toSaleRow), nextBeforeSeq: null };
  const rows = searchSales(db, filterOf(req), req.limit + 1, req.beforeSeq ?? null);
  const page = rows.slice(0, req.limit);
  return { items: page.map(toSaleRow), nextBeforeSeq: rows.length > req.limit ? page.at(-1)!.seq : null };
}

/** A search's totals are those of what it found; a range's are summed over the range. */
export function searchLedgerTotals(db: Ledger, q: LedgerQuery): LedgerTotals {
  if (q.query) {
    const found = findSales(db, q.query, 200);
    return totalsOf(found.map((r) => ({ product_kind: r.product_kind, provider: r.provider, method: r.payment_method, state: r.state, n: 1, total: r.total, margin: 0 })));
  }
  return totalsOf(searchTotals(db, filterOf(q)));
}

const cell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  // Quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function exportCsv(db: Ledger, q: LedgerQuery, timeZone: string): Res<'ledger.exportCsv'> {
  const rows = q.query ? findSales(db, q.query, CSV_MAX) : searchSales(db, filterOf(q), CSV_MAX + 1, null);
  const truncated = rows.length > CSV_MAX;
  const header = ['struk', 'waktu', 'status', 'produk', 'penyedia', 'pelanggan', 'nama', 'nominal', 'total', 'cara_bayar', 'status_bayar'];
  const lines = [header.join(',')];
  for (const r of rows.slice(0, CSV_MAX)) {
    lines.push(
      [String(r.seq).padStart(6, '0'), formatLocalDateTime(r.created_at, timeZone), r.state, r.product_name, r.provider, r.customer_number, r.customer_name, r.face_value, r.total, r.payment_method, r.payment_state]
        .map(cell)
        .join(','),
    );
  }
  return { fileName: `loket-transaksi-${q.from}_${q.to}.csv`, csv: `${lines.join('\r\n')}\r\n`, rows: Math.min(rows.length, CSV_MAX), truncated };
}
