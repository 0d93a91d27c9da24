// Silent printing of a receipt to the default printer on roll paper. The page size is explicit
// (microns) and margins none: without them Electron prints A4 (domain.md §3.2).
import { ok, err } from '../../shared/domain/errors';
import { BrowserWindow } from 'electron';
import { receiptHtml } from '../receipts/html';
import type { HandlerTable } from '../app/invoke';

const LINE_MICRONS = 4_300;

export async function printReceiptPage(html: string, columns: number, lines: number): Promise<{ ok: true } | { ok: false; reason: string }> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  });
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    const width = columns > 32 ? 80_000 : 58_000;
    const height = Math.max(60_000, lines * LINE_MICRONS + 10_000);
    return await new Promise((resolve) => {
      win.webContents.print(
        { silent: true, printBackground: false, margins: { marginType: 'none' }, pageSize: { width, height } },
        (success, failureReason) => resolve(success ? { ok: true } : { ok: false, reason: failureReason }),
      );
    });
  } finally {
    win.destroy();
  }
}

/** The Electron host prints itself; web mode leaves printing to the browser. */
export function withElectronPrinting(handlers: HandlerTable): HandlerTable {
  return {
    ...handlers,
    'receipt.print': async (req, caller) => {
      const r = await handlers['receipt.print'](req, caller);
      // The core printed it (a printer, the virtual printer): nothing for the host to do.
      if (!r.ok || r.value.printedBy !== 'renderer') return r;
      const { receipt } = r.value;
      const printed = await printReceiptPage(receiptHtml(receipt, `Struk ${receipt.saleId}`), receipt.columns, receipt.lines.length);
      if (!printed.ok) {
        return err({ code: 'print_failed', message: 'Struk gagal dicetak. Periksa printer, lalu cetak ulang.', detail: printed.reason });
      }
      return ok({ receipt, printedBy: 'host', outcome: { ...r.value.outcome, by: 'host' } });
    },
  };
}
