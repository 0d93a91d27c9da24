// Today's transactions for the counter: newest first, one page at a time, with totals that tell
// the cashier what should be in the drawer and what is still open. The money figures (sold,
// refunded, net, the drawer) are today's entries in the books; the counts are today's sales.
import { businessDate, dayBounds } from '../../../shared/domain/time';
import type { BookFigures, Mode, ParsedReq, Res, TodayTotals } from '../../../shared/contract';
import type { PaymentMethod } from '../../../shared/payment';
import type { Ledger } from '../../db/connection';
import { dayTotals, listDaySales } from '../../db/queries/sales';
import { drawerBalance } from '../../db/queries/journal';
import { cashMovementsBetween, periodFigureRows } from '../../db/queries/figures';
import { toSaleRow } from '../sales/sale-view';
import { figuresFrom } from './book-figures';

export const NO_FIGURE_FILTER = { cashier: null, productKind: null, provider: null, method: null, shiftId: null };

/** One business day's entries in the books. */
export function dayFigures(db: Ledger, env: Mode, date: string, timeZone: string): BookFigures {
  const { start, end } = dayBounds(date, timeZone);
  return figuresFrom(periodFigureRows(db, env, date, date, NO_FIGURE_FILTER), cashMovementsBetween(db, env, start, end));
}

/** Sold less refunded, per method (a method with only refunds shows negative). */
function netByMethod(f: BookFigures): TodayTotals['byMethod'] {
  const m = new Map<string, { method: string; count: number; total: number }>();
  for (const s of f.sales.byMethod) m.set(s.method, { ...s });
  for (const r of f.refunds.byMethod) {
    const s = m.get(r.method) ?? { method: r.method, count: 0, total: 0 };
    m.set(r.method, { ...s, total: s.total - r.total });
  }
  return [...m.values()].map((x) => ({ ...x, method: x.method as PaymentMethod })).sort((a, b) => b.total - a.total);
}

export function totalsFrom(rows: ReturnType<typeof dayTotals>, figures: BookFigures, drawer: number): TodayTotals {
  const t: TodayTotals = {
    count: 0,
    succeededCount: 0,
    succeededTotal: 0,
    openCount: 0,
    openTotal: 0,
    failedCount: 0,
    cancelledCount: 0,
    cashRefundDue: 0,
    cashInDrawer: 0,
    refundDue: 0,
    byMethod: netByMethod(figures),
    figures,
  };
  t.succeededCount = figures.sales.count;
  t.succeededTotal = figures.sales.total;
  t.cashInDrawer = drawer;
  for (const r of rows) {
    t.count += r.n;
    // Succeeded sales are counted from the books above (those delivered today).
    if (r.state === 'failed') t.failedCount += r.n;
    else if (r.state === 'cancelled') t.cancelledCount += r.n;
    else if (r.state !== 'succeeded') {
      t.openCount += r.n;
      t.openTotal += r.total;
    }
    const owed = r.amount - r.refunded;
    if (r.payment_state === 'refund_due') {
      t.refundDue += owed;
      if (r.method === 'cash') t.cashRefundDue += owed;
    }
    t.refundDue += r.excess_due;
  }
  return t;
}

export function todayList(
  db: Ledger,
  now: number,
  env: Mode,
  timeZone: string,
  req: ParsedReq<'ledger.today'>,
): Res<'ledger.today'> {
  const day = businessDate(now, timeZone);
  const rows = listDaySales(db, day, req.status, req.limit + 1, req.beforeSeq ?? null);
  const page = rows.slice(0, req.limit);
  return {
    businessDate: day,
    items: page.map(toSaleRow),
    totals: totalsFrom(dayTotals(db, day), dayFigures(db, env, day, timeZone), drawerBalance(db, env)),
    nextBeforeSeq: rows.length > req.limit ? page.at(-1)!.seq : null,
  };
}
