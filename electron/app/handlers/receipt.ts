// The struk: its preview, printing (a copy beyond the first reprint needs a supervisor), saving it
// as HTML, and the printer's test page.
import { ok, err } from '../../../shared/domain/errors';
import { columnsOf } from '../../../shared/printing';
import { formatLocalDateTime } from '../../../shared/domain/time';
import { targetOf } from '../../services/printing/transports';
import { layoutTestPage } from '../../receipts/layout';
import type { Core, Handlers } from './core';

type Names = 'receipt.get' | 'receipt.print' | 'receipt.export' | 'printer.test';

export function receiptHandlers(core: Core): Handlers<Names> {
  const { receipts, counter, settings, printing, now } = core;
  return {
    'receipt.get': (req) => receipts.preview(req.saleId),
    'receipt.print': async (req, caller) => {
      if (receipts.printNeedsApproval(req.saleId)) {
        const ok = await counter.approve(caller.session, 'cetak ulang', req.approval);
        if (!ok.ok) return ok;
      }
      const r = await receipts.print(req.saleId, req.copy);
      return r.ok ? ok({ receipt: r.value.receipt, printedBy: r.value.outcome.by, outcome: r.value.outcome }) : r;
    },
    'receipt.export': (req) => receipts.exportHtml(req.saleId),
    'printer.test': async (req, caller) => {
      // A supervisor tests the saved printer; a printer typed in the form (any address) is the owner's to try.
      if (req.printer) {
        const owner = counter.require(caller.session, 'owner');
        if (!owner.ok) return owner;
      }
      const p = req.printer ?? settings.printer();
      const problem = settings.checkPrinter(p);
      if (problem) return err(problem);
      const columns = columnsOf(p.paper);
      const outlet = settings.outlet();
      const lines = layoutTestPage(outlet, targetOf(p), formatLocalDateTime(now(), outlet.timeZone), columns);
      const outcome = await printing.print(settings.mode(), { lines, qr: 'LOKET TES 1234567890', barcode: '1234567890', document: 'test', saleId: null, copyNumber: 0, kick: false }, p);
      return ok({ receipt: { saleId: 'test', kind: 'shift_report', columns, copyNumber: 0, lines, qr: null, paper: outcome.paper }, outcome });
    },
  };
}
