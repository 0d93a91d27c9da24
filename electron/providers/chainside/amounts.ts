// Chainside's money: fiat as decimal strings ("52500.00"), bitcoin as integer satoshi. Both are
// read exactly (BigInt on the digits, never a float) into integer minor units.

/** "52500.5" → 5250050 hundredths. Null when the text is not a plain non-negative decimal. */
export function parseFiatCents(text: string): number | null {
  const m = /^(\d{1,15})(?:\.(\d+))?$/.exec(text);
  if (!m) return null;
  const frac = m[2] ?? '';
  // Beyond two places only zeros are accepted: a fraction of a cent has no minor unit to go to.
  if (/[1-9]/.test(frac.slice(2))) return null;
  return Number(BigInt(m[1]!) * 100n + BigInt((frac + '00').slice(0, 2)));
}

/** Rupiah have no coins below 1: what the customer still owes rounds up, what was paid rounds down. */
export function centsToRupiah(cents: number, rounding: 'up' | 'down'): number {
  return rounding === 'up' ? Math.ceil(cents / 100) : Math.floor(cents / 100);
}

/** Rupiah as the decimal string Chainside's `amount` takes. */
export function rupiahToFiat(rupiah: number): string {
  if (!Number.isSafeInteger(rupiah) || rupiah <= 0) throw new Error(`not a rupiah amount: ${rupiah}`);
  return `${rupiah}.00`;
}

/**
 * The webPOS's fiat is rupiah. `currency.name` is "a currency name" with no example anywhere
 * (chainside.md §9.14: `EUR` or `Euro`?), so both readings are taken: the ISO code, or the name
 * in English or Indonesian. Anything else is another currency.
 */
export function isRupiahName(name: string): boolean {
  const n = name.trim().toUpperCase().replace(/\s+/g, ' ');
  return n === 'IDR' || n === 'RUPIAH' || n === 'INDONESIAN RUPIAH' || n === 'RUPIAH INDONESIA' || n === 'RP';
}
