// Receipts for a sale: the on-screen preview, a print (original, or a numbered SALINAN), and the
// standalone HTML a cashier saves. Always from the ledger, never from a new provider call.
import { appError, type Result } from '../../../shared/domain/errors';
import type { Receipt } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import { getSale, recordPrint } from '../../db/queries/sales';
import { receiptModel, type ReceiptModel } from '../../receipts/model';
import { layoutReceipt } from '../../receipts/layout';
import { receiptHtml } from '../../receipts/html';
import type { SettingsService } from '../settings/settings-service';
import { receiptNo } from '../sales/sale-view';

export type ReceiptService = {
  preview(saleId: string): Result<Receipt>;
  print(saleId: string, copy: boolean): Result<Receipt>;
  exportHtml(saleId: string): Result<{ fileName: string; html: string }>;
};

export const RECEIPT_COLUMNS = 32;

export function createReceiptService(db: Ledger, settings: SettingsService, now: () => number): ReceiptService {
  function build(saleId: string, copy: ReceiptModel['copy']): Result<Receipt> {
    const sale = getSale(db, saleId);
    if (!sale) return { ok: false, error: appError('sale_not_found', 'Transaksi tidak ditemukan.') };
    const outlet = settings.outlet();
    const model = receiptModel(sale, {
      outlet: { name: outlet.name, address: outlet.address },
      timeZone: outlet.timeZone,
      receiptNo: receiptNo(sale.seq),
      copy,
    });
    return {
      ok: true,
      value: {
        saleId,
        kind: model.kind,
        columns: RECEIPT_COLUMNS,
        copyNumber: copy?.number ?? 0,
        lines: layoutReceipt(model, RECEIPT_COLUMNS),
      },
    };
  }
  return {
    preview: (saleId) => build(saleId, null),
    print(saleId, copy) {
      if (!getSale(db, saleId)) return { ok: false, error: appError('sale_not_found', 'Transaksi tidak ditemukan.') };
      const at = now();
      const n = recordPrint(db, saleId, at, copy);
      return build(saleId, n > 0 ? { number: n, at } : null);
    },
    exportHtml(saleId) {
      const r = build(saleId, null);
      if (!r.ok) return r;
      const sale = getSale(db, saleId)!;
      const name = `struk-${receiptNo(sale.seq)}-${r.value.kind}`;
      return { ok: true, value: { fileName: `${name}.html`, html: receiptHtml(r.value, `Struk ${receiptNo(sale.seq)}`) } };
    },
  };
}
