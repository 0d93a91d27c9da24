// The list refreshes its first page every few seconds; rows the cashier already scrolled to
// (loaded with "more") stay, so a refresh never yanks the list back to 50 rows.
import type { SaleRow } from '../../shared/contract';

export type Page = { items: SaleRow[]; nextBeforeSeq: number | null };

const seqOf = (r: SaleRow): number => Number(r.receiptNo);

export function mergeFreshPage(fresh: Page, old: Page): Page {
  if (fresh.nextBeforeSeq === null || old.items.length <= fresh.items.length) return fresh;
  const cutoff = fresh.nextBeforeSeq;
  const tail = old.items.filter((r) => seqOf(r) < cutoff);
  return tail.length === 0 ? fresh : { items: [...fresh.items, ...tail], nextBeforeSeq: old.nextBeforeSeq };
}
