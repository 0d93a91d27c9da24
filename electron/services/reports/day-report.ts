// The day report: one business day gathered from the ledger (totals, the drawer, the shifts, what
// is still unresolved, every sale) and rendered as a PDF the owner can keep or hand to an auditor.
import type { Mode, Res } from '../../../shared/contract';
import { dayBounds } from '../../../shared/domain/time';
import type { Ledger } from '../../db/connection';
import { auditHead } from '../../db/audit';
import { dayTotals } from '../../db/queries/sales';
import { searchSales } from '../../db/queries/ledger-search';
import { renderDayReportPdf, type DayReport } from '../../receipts/day-report-pdf';
import type { CounterService } from '../counter/counter-service';
import { toSaleRow } from '../sales/sale-view';
import { searchLedgerTotals } from './ledger-search';
import { totalsFrom } from './today';
import { drawerBalance } from '../../db/queries/journal';
import { listUnresolved } from './unresolved';

/** A busy outlet sells a few hundred a day; beyond this the PDF says so and the CSV has them all. */
const MAX_SALES = 5_000;
const PAGE = 1_000;

export function gatherDayReport(
  db: Ledger,
  deps: { now: number; env: Mode; printedBy: string; outlet: DayReport['outlet']; counter: Pick<CounterService, 'shiftsBetween'> },
  date: string,
): DayReport {
  const day = { from: date, to: date, shiftId: null, cashier: null, productKind: null, provider: null, method: null, query: null };
  const sales: DayReport['sales'] = [];
  let before: number | null = null;
  let truncated = false;
  for (;;) {
    const rows = searchSales(db, { ...day, status: 'all' }, PAGE, before);
    for (const r of rows) {
      if (sales.length === MAX_SALES) {
        truncated = true;
        break;
      }
      sales.push(toSaleRow(r));
    }
    if (truncated || rows.length < PAGE) break;
    before = rows.at(-1)!.seq;
  }
  sales.reverse(); // a day reads from opening to closing
  const { start, end } = dayBounds(date, deps.outlet.timeZone);
  // The day's figures are the day's entries in the books, the same sum the screens show.
  const totals = searchLedgerTotals(db, { ...day, status: 'all' }, deps.env, deps.outlet.timeZone);
  const dayOf = new Set(sales.map((s) => s.id));
  return {
    outlet: deps.outlet,
    training: deps.env === 'training',
    businessDate: date,
    printedAt: deps.now,
    printedBy: deps.printedBy,
    totals,
    drawer: totalsFrom(dayTotals(db, date), totals.figures, drawerBalance(db, deps.env)),
    shifts: deps.counter.shiftsBetween(deps.env, start, end).map(({ lines: _lines, ...s }) => s),
    unresolved: listUnresolved(db).items.filter((u) => dayOf.has(u.row.id)),
    sales,
    salesTruncated: truncated,
    auditHead: auditHead(db),
  };
}

export async function dayReportPdf(report: DayReport): Promise<Res<'report.dayPdf'>> {
  const pdf = await renderDayReportPdf(report);
  return {
    fileName: `loket-laporan-harian-${report.businessDate}.pdf`,
    base64: Buffer.from(pdf.bytes).toString('base64'),
    pages: pdf.pages,
    sales: report.sales.length,
    truncated: report.salesTruncated,
  };
}
