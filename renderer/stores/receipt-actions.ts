// Print and save, shared by the sale flow and the transactions list.
import type { AppError } from '../../shared/domain/errors';
import type { Receipt } from '../../shared/contract';
import type { PrintJobView, PrintOutcome } from '../../shared/printing';
import { call } from '../api/client';
import { downloadFile, printInBrowser } from '../print';

/**
 * A print: the printer's own (its job may fail — the sale is done anyway and the cashier is told
 * why, with P to print again), the virtual printer's paper, or the browser's print of the layout.
 */
export async function printReceipt(saleId: string, copy: boolean): Promise<{ receipt: Receipt; failed: AppError | null; job: PrintJobView | null } | { error: AppError }> {
  const r = await call('receipt.print', { saleId, copy });
  if (!r.ok) return { error: r.error };
  if (r.value.printedBy === 'renderer') printInBrowser(r.value.receipt);
  return { receipt: r.value.receipt, failed: printFailure(r.value.outcome), job: r.value.outcome.job };
}

/** A failed or uncertain print job, said as the cashier acts on it. */
export function printFailure(o: PrintOutcome): AppError | null {
  const j = o.job;
  if (!j || (j.state !== 'failed' && j.state !== 'uncertain')) return null;
  const reason = j.reason ?? 'Printer tidak menjawab.';
  // The transports' reasons already end with what to do; only a bare one gets "Cetak ulang (P)".
  const message = `Struk gagal dicetak: ${reason}${/\(P\)/.test(reason) ? '' : ' Cetak ulang (P).'}`;
  return { code: 'print_failed', message, detail: `${j.target} · job ${j.id}` };
}

export async function saveReceipt(saleId: string): Promise<AppError | null> {
  const r = await call('receipt.export', { saleId });
  if (!r.ok) return r.error;
  downloadFile(r.value.fileName, r.value.html);
  return null;
}
