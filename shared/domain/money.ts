// Money is an integer count of minor units (rupiah have none below 1, so 1 = Rp1).
// Floats never carry money anywhere in Loket; formatting is the only place digits become text.
import { z } from 'zod';

export const Rupiah = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
export type Rupiah = z.infer<typeof Rupiah>;

export function sumRupiah(...parts: readonly number[]): number {
  let total = 0;
  for (const p of parts) {
    if (!Number.isSafeInteger(p)) throw new RangeError(`not an integer amount: ${p}`);
    total += p;
  }
  if (!Number.isSafeInteger(total)) throw new RangeError('amount overflow');
  return total;
}

const rupiahFormatter = new Intl.NumberFormat('id-ID', {
  style: 'currency',
  currency: 'IDR',
  minimumFractionDigits: 0,
  maximumFractionDigits: 0,
});
const groupFormatter = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 });

/** "Rp 201.600" — always id-ID grouping, whatever the UI language (rupiah are written this way). */
export function formatRupiah(amount: number): string {
  return rupiahFormatter.format(amount).replace(/\u00a0/g, ' ');
}

/** "201.600" — grouped digits without the currency sign (inputs, receipts' right column). */
export function formatAmount(amount: number): string {
  return groupFormatter.format(amount);
}

/** Parses what a cashier types ("50.000", "50000", "Rp 50.000") into rupiah; null when it is not a whole amount. */
export function parseRupiahInput(text: string): number | null {
  const cleaned = text.replace(/rp/i, '').replace(/[\s.]/g, '');
  if (cleaned === '' || !/^\d+$/.test(cleaned)) return null;
  const n = Number(cleaned);
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * A provider's product name with its amounts written the Indonesian way: "GoPay 50,000" becomes
 * "GoPay 50.000", so it reads like the "Rp 53.000" beside it.
 */
export function localizeAmountsInName(name: string): string {
  return name.replace(/\b\d{1,3}(?:,\d{3})+\b/g, (m) => m.replace(/,/g, '.'));
}
