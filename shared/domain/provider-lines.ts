// SAT's display lines (inquiry_result / fulfillment_result) can carry its own "TOTAL BAYAR" or "Harga":
// the price SAT charges the outlet. The customer pays the counter's price (with the counter fee), which
// Loket shows itself; printing both would put two different totals on one struk and show the customer
// the outlet's cost. The raw lines stay in the ledger for the audit.
import type { DisplayLine } from '../contract';

/** "TOTAL BAYAR", "Total Tagihan", "Harga"… with a money value ("TOTAL TAGIHAN: 1 BULAN" is a count and stays). */
const PRICE_LABEL = /^(total|harga)\b/i;
const MONEY = /^\s*(rp\.?\s*)?\d[\d.,]*\s*$/i;

export function customerFacingLines(lines: readonly DisplayLine[]): DisplayLine[] {
  return lines.filter((l) => !(PRICE_LABEL.test(l.name.trim()) && MONEY.test(l.value)));
}
