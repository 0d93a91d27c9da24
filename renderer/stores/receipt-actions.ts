// Print and save, shared by the sale flow and the transactions list.
import type { AppError } from '../../shared/domain/errors';
import type { Receipt } from '../../shared/contract';
import { call } from '../api/client';
import { downloadFile, printInBrowser } from '../print';

export async function printReceipt(saleId: string, copy: boolean): Promise<{ receipt: Receipt } | { error: AppError }> {
  const r = await call('receipt.print', { saleId, copy });
  if (!r.ok) return { error: r.error };
  if (r.value.printedBy === 'renderer') printInBrowser(r.value.receipt);
  return { receipt: r.value.receipt };
}

export async function saveReceipt(saleId: string): Promise<AppError | null> {
  const r = await call('receipt.export', { saleId });
  if (!r.ok) return r.error;
  downloadFile(r.value.fileName, r.value.html);
  return null;
}
