// Bitcoin amounts for people: satoshi (the integer every ledger row keeps) written as BTC.

/** 3500 sat → "0.000035" (no trailing zeros, never a float on the way). */
export function satoshiToBtc(sat: number): string {
  const s = String(sat).padStart(9, '0');
  const btc = `${s.slice(0, -8)}.${s.slice(-8)}`.replace(/0+$/, '');
  return btc.endsWith('.') ? btc.slice(0, -1) : btc;
}

export const formatBtc = (sat: number): string => `${satoshiToBtc(sat)} BTC`;
