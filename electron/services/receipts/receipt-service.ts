// Receipts for a sale: the on-screen preview, a print (original, or a numbered SALINAN), and the
// standalone HTML a cashier saves. Always from the ledger, never from a new provider call. The
// layout is made for the owner's paper; in training (and with the virtual printer) the preview is
// the paper itself, read back from the ESC/POS bytes the printer would receive.
import { err, ok, appError, type Result } from '../../../shared/domain/errors';
import type { Mode, Receipt } from '../../../shared/contract';
import type { PrintOutcome } from '../../../shared/printing';
import type { Ledger } from '../../db/connection';
import { countSaleEvents, getSale, recordPrint } from '../../db/queries/sales';
import { receiptModel, type ReceiptModel } from '../../receipts/model';
import { layoutReceipt } from '../../receipts/layout';
import { receiptHtml } from '../../receipts/html';
import type { SettingsService } from '../settings/settings-service';
import type { PrintService } from '../printing/print-service';
import { receiptNo } from '../sales/sale-view';

export type ReceiptService = {
  preview(saleId: string): Result<Receipt>;
  print(saleId: string, copy: boolean): Promise<Result<{ receipt: Receipt; outcome: PrintOutcome }>>;
  /** The original and one reprint are the cashier's; any further copy needs a supervisor. */
  printNeedsApproval(saleId: string): boolean;
  exportHtml(saleId: string): Result<{ fileName: string; html: string }>;
};

export function createReceiptService(db: Ledger, settings: SettingsService, now: () => number, printing: PrintService): ReceiptService {
  function build(saleId: string, copy: ReceiptModel['copy']): Result<Receipt> {
    const sale = getSale(db, saleId);
    if (!sale) return err(appError('sale_not_found', 'Transaksi tidak ditemukan.'));
    const outlet = settings.outlet();
    const model = receiptModel(sale, {
      outlet: { name: outlet.name, address: outlet.address },
      timeZone: outlet.timeZone,
      receiptNo: receiptNo(sale.seq),
      copy,
    });
    const columns = printing.columns();
    const lines = layoutReceipt(model, columns);
    const qr = model.kind === 'payment_slip' ? model.payment.qr : null;
    const paper = settings.mode() === 'training' || settings.printer().kind === 'virtual' ? printing.preview({ lines, qr }) : null;
    return ok({ saleId, kind: model.kind, columns, copyNumber: copy?.number ?? 0, lines, qr, paper });
  }
  return {
    preview: (saleId) => build(saleId, null),
    printNeedsApproval: (saleId) => countSaleEvents(db, saleId, 'printed') >= 2,
    async print(saleId, copy) {
      const sale = getSale(db, saleId);
      if (!sale) return err(appError('sale_not_found', 'Transaksi tidak ditemukan.'));
      const at = now();
      const n = recordPrint(db, saleId, at, copy);
      const r = build(saleId, n > 0 ? { number: n, at } : null);
      if (!r.ok) return r;
      const env: Mode = sale.env;
      const outcome = await printing.print(env, {
        lines: r.value.lines,
        qr: r.value.qr,
        document: n > 0 ? 'salinan' : r.value.kind,
        saleId,
        copyNumber: n,
        // The drawer opens for a cash sale's original struk: the change (or the money back) is handed over.
        kick: n === 0 && sale.payment_method === 'cash',
      });
      return ok({ receipt: { ...r.value, paper: outcome.paper ?? r.value.paper }, outcome });
    },
    exportHtml(saleId) {
      const r = build(saleId, null);
      if (!r.ok) return r;
      const sale = getSale(db, saleId)!;
      const name = `struk-${receiptNo(sale.seq)}-${r.value.kind}`;
      return ok({ fileName: `${name}.html`, html: receiptHtml(r.value, `Struk ${receiptNo(sale.seq)}`) });
    },
  };
}
