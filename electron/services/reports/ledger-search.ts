// The transactions screen's selection: a date range with filters, or a search by what is on the
// customer's slip; the selection's totals per product, provider and method; and its CSV.
import type { BookFigures, LedgerQuery, LedgerTotals, Mode, ParsedReq, Res } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import { findSales, searchSales, searchTotals, type SearchFilter } from '../../db/queries/ledger-search';
import { cashMovementsBetween, periodFigureRows, saleFigureRows } from '../../db/queries/figures';
import { toSaleRow } from '../sales/sale-view';
import { dayBounds, formatLocalDateTime } from '../../../shared/domain/time';
import { figuresFrom } from './book-figures';
import { PAYMENT_STATE_LABEL, SALE_STATE_LABEL } from '../../../shared/domain/state-labels';
import { METHOD_LABEL } from '../../receipts/layout';

const CSV_MAX = 100_000;

function filterOf(q: LedgerQuery): SearchFilter {
  const [from, to] = q.from <= q.to ? [q.from, q.to] : [q.to, q.from];
  return { from, to, status: q.status, shiftId: q.shiftId, cashier: q.cashier, productKind: q.productKind, provider: q.provider, method: q.method };
}

/** Counts from the selection's sales; every amount from the books' figures. */
export function totalsOf(rows: readonly { state: string; n: number }[], figures: BookFigures): LedgerTotals {
  const t: LedgerTotals = {
    count: 0,
    succeeded: { count: figures.sales.count, total: figures.sales.total, margin: figures.sales.margin },
    unfinished: 0,
    failed: 0,
    byProduct: figures.sales.byProduct,
    byProvider: figures.sales.byProvider,
    byMethod: figures.sales.byMethod.map((m) => ({ key: m.method, count: m.count, total: m.total })),
    figures,
  };
  for (const r of rows) {
    t.count += r.n;
    if (r.state === 'failed' || r.state === 'cancelled') t.failed += r.n;
    else if (r.state !== 'succeeded') t.unfinished += r.n;
  }
  return t;
}

export function searchLedger(db: Ledger, req: ParsedReq<'ledger.search'>): Res<'ledger.search'> {
  if (req.query) return { items: findSales(db, req.query, req.limit).map(toSaleRow), nextBeforeSeq: null };
  const rows = searchSales(db, filterOf(req), req.limit + 1, req.beforeSeq ?? null);
  const page = rows.slice(0, req.limit);
  return { items: page.map(toSaleRow), nextBeforeSeq: rows.length > req.limit ? page.at(-1)!.seq : null };
}

/**
 * A search's totals are those of what it found (all their entries); a range's are the books'
 * entries posted in those days for the filters, and the counts of the range's sales.
 */
export function searchLedgerTotals(db: Ledger, q: LedgerQuery, env: Mode, timeZone: string): LedgerTotals {
  if (q.query) {
    const found = findSales(db, q.query, 200);
    return totalsOf(found.map((r) => ({ state: r.state, n: 1 })), figuresFrom(saleFigureRows(db, found.map((r) => r.id))));
  }
  const f = filterOf(q);
  const rows = periodFigureRows(db, env, f.from, f.to, f);
  // Cash in and out belongs to no sale: listed only when the selection is not narrowed to some sales.
  const bySale = f.cashier !== null || f.productKind !== null || f.provider !== null || f.method !== null;
  const moves = bySale ? [] : cashMovementsBetween(db, env, dayBounds(f.from, timeZone).start, dayBounds(f.to, timeZone).end).filter((m) => f.shiftId === null || m.shift_id === f.shiftId);
  return totalsOf(searchTotals(db, f), figuresFrom(rows, moves));
}

/** A text cell: quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
const cell = (v: string | number | null): string => {
  const s = v === null ? '' : String(v);
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * An identifier made of digits (receipt, meter, phone): written as a text formula of digits only,
 * so a spreadsheet keeps its leading zeros and does not turn it into 1,42E+10. Safe: nothing but
 * digits can stand between the quotes.
 */
const idCell = (v: string): string => (/^\d+$/.test(v) ? `="${v}"` : cell(v));

/**
 * The selection as a CSV an Indonesian spreadsheet opens in columns: semicolons (the list
 * separator of the id-ID locale), a UTF-8 byte-order mark, Indonesian words for states and methods,
 * identifiers kept as text, amounts as plain integers.
 */
export function exportCsv(db: Ledger, q: LedgerQuery, timeZone: string): Res<'ledger.exportCsv'> {
  const rows = q.query ? findSales(db, q.query, CSV_MAX) : searchSales(db, filterOf(q), CSV_MAX + 1, null);
  const truncated = rows.length > CSV_MAX;
  const header = ['struk', 'waktu', 'status', 'produk', 'penyedia', 'pelanggan', 'nama', 'nominal', 'total', 'cara_bayar', 'status_bayar', 'kasir'];
  const lines = [header.join(';')];
  for (const r of rows.slice(0, CSV_MAX)) {
    lines.push(
      [
        idCell(String(r.seq).padStart(6, '0')),
        cell(formatLocalDateTime(r.created_at, timeZone)),
        cell(SALE_STATE_LABEL[r.state] ?? r.state),
        cell(r.product_name),
        cell(r.provider.toUpperCase()),
        idCell(r.customer_number),
        cell(r.customer_name),
        String(r.face_value),
        String(r.total),
        cell(METHOD_LABEL[r.payment_method] ?? r.payment_method),
        cell(PAYMENT_STATE_LABEL[r.payment_state] ?? r.payment_state),
        cell(r.cashier),
      ].join(';'),
    );
  }
  return { fileName: `loket-transaksi-${q.from}_${q.to}.csv`, csv: `\uFEFF${lines.join('\r\n')}\r\n`, rows: Math.min(rows.length, CSV_MAX), truncated };
}
