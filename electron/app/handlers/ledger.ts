// The ledger as people read it: today's list, search by part, the unresolved list, totals of a
// selection, the CSV and the day report PDF.
import { ok } from '../../../shared/domain/errors';
import { todayList } from '../../services/reports/today';
import { exportCsv, searchLedger, searchLedgerTotals } from '../../services/reports/ledger-search';
import { listUnresolved } from '../../services/reports/unresolved';
import { dayReportPdf, gatherDayReport } from '../../services/reports/day-report';
import type { Core, Handlers } from './core';

type Names = 'ledger.today' | 'ledger.search' | 'ledger.unresolved' | 'ledger.searchTotals' | 'ledger.exportCsv' | 'report.dayPdf';

export function ledgerHandlers(core: Core): Handlers<Names> {
  const { db, settings, counter, now } = core;
  return {
    'ledger.today': (req) => (ok(todayList(db, now(), settings.mode(), settings.outlet().timeZone, req))),
    'ledger.search': (req) => (ok(searchLedger(db, req))),
    'ledger.unresolved': () => (ok(listUnresolved(db))),
    'ledger.searchTotals': (req) => (ok(searchLedgerTotals(db, req, settings.mode(), settings.outlet().timeZone))),
    'ledger.exportCsv': (req) => (ok(exportCsv(db, req, settings.outlet().timeZone))),
    'report.dayPdf': async (req, caller) => {
      const who = counter.require(caller.session);
      if (!who.ok) return who;
      const env = settings.mode();
      const report = gatherDayReport(db, { now: now(), env, printedBy: who.value.name, outlet: settings.outlet(), counter }, req.date);
      return ok(await dayReportPdf(report));
    },
  };
}
