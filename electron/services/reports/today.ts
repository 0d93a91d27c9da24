// Today's transactions for the counter: newest first, one page at a time, with totals that
// tell the cashier what should be in the drawer and what is still open.
import { businessDate } from '../../../shared/domain/time';
import type { ParsedReq, Res, TodayTotals } from '../../../shared/contract';
import type { PaymentMethod } from '../../../shared/payment';
import type { Ledger } from '../../db/connection';
import { dayTotals, listDaySales } from '../../db/queries/sales';
import { toSaleRow } from '../sales/sale-view';

export function totalsFrom(rows: ReturnType<typeof dayTotals>): TodayTotals {
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
    byMethod: [],
  };
  const byMethod = new Map<PaymentMethod, { method: PaymentMethod; count: number; total: number }>();
  for (const r of rows) {
    t.count += r.n;
    if (r.state === 'succeeded') {
      t.succeededCount += r.n;
      t.succeededTotal += r.total;
    } else if (r.state === 'failed') t.failedCount += r.n;
    else if (r.state === 'cancelled') t.cancelledCount += r.n;
    else {
      t.openCount += r.n;
      t.openTotal += r.total;
    }
    const owed = r.amount - r.refunded;
    if (r.payment_state === 'refund_due') {
      t.refundDue += owed;
      if (r.method === 'cash') t.cashRefundDue += owed;
    }
    t.refundDue += r.excess_due;
    // Money the outlet holds: settled, or due back but not yet handed back.
    if (r.payment_state === 'settled' || r.payment_state === 'refund_due' || r.payment_state === 'refunded') {
      const held = (r.payment_state === 'refunded' ? 0 : owed) + r.excess_due;
      if (r.method === 'cash') t.cashInDrawer += held;
      if (held > 0) {
        const m = byMethod.get(r.method) ?? { method: r.method, count: 0, total: 0 };
        m.count += r.n;
        m.total += held;
        byMethod.set(r.method, m);
      }
    }
  }
  t.byMethod = [...byMethod.values()].sort((a, b) => b.total - a.total);
  return t;
}

export function todayList(
  db: Ledger,
  now: number,
  timeZone: string,
  req: ParsedReq<'ledger.today'>,
): Res<'ledger.today'> {
  const day = businessDate(now, timeZone);
  const rows = listDaySales(db, day, req.status, req.limit + 1, req.beforeSeq ?? null);
  const page = rows.slice(0, req.limit);
  return {
    businessDate: day,
    items: page.map(toSaleRow),
    totals: totalsFrom(dayTotals(db, day)),
    nextBeforeSeq: rows.length > req.limit ? page.at(-1)!.seq : null,
  };
}
