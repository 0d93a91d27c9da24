// PLN prepaid facts shared by the renderer (input hints) and the core (validation, receipts).
// See ../shared/design/domain.md §2.1–2.2.
export type CustomerNumber = { kind: 'meter' | 'idpel'; value: string };

/** Meter number (11 digits) or customer id IDPEL (12 digits); spaces and dashes are ignored. */
export function parseCustomerNumber(input: string): CustomerNumber | null {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  if (digits.length === 11) return { kind: 'meter', value: digits };
  if (digits.length === 12) return { kind: 'idpel', value: digits };
  return null;
}

/** STS meter numbers usually pass Luhn; a failure is only a hint to re-check, never a block. */
export { passesLuhn } from './luhn';

export const TOKEN_PATTERN = /^\d{20}$/;

/** "2593 0960 8106 1072 1376": five groups of four, as printed on every PLN struk. */
export function formatToken(token: string): string {
  return token.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * Denominations offered at the counter. Aggregator catalogues sell 200k where PLN's own list
 * says 250k; the vendor rejects what it does not sell (0013/0041/0042), so this is data.
 */
export const DEFAULT_PLN_DENOMINATIONS: readonly number[] = [
  20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 5_000_000, 10_000_000, 50_000_000,
];
