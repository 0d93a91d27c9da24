// Digiflazz's price lists → Loket's catalogue (digiflazz.md §3.2). Prepaid items in category "PLN"
// are PLN tokens; the rest of prepaid is digital; every postpaid item is a bill (inquiry first).
// A product is sellable only when both switches are on, stock remains and it is outside its
// cut-off window (WIB, may wrap midnight).
import type { CatalogProduct } from '../contract';
import type { PascaItem, PrepaidItem } from './schema';

const PREPAID_CATEGORY: Record<string, string> = { pulsa: 'Pulsa', data: 'Paket Data', 'e-money': 'E-Wallet', games: 'Voucher Game', voucher: 'Voucher' };
const PASCA_CATEGORY: ReadonlyArray<[RegExp, string]> = [
  [/^pln/i, 'Listrik PLN'],
  [/^pdam/i, 'PDAM'],
  [/^bpjs/i, 'BPJS'],
  [/internet|tv/i, 'Internet & TV'],
  [/multifinance/i, 'Angsuran'],
];

/** "PLN 100.000", "Telkomsel 25.000", sku "pln100": the nominal the customer receives. */
export function nominalOf(name: string, sku: string): number | null {
  const n = /(\d{1,3}(?:\.\d{3})+|\d{4,})/.exec(name);
  if (n) return Number(n[1]!.replace(/\./g, ''));
  const k = /(\d+)$/.exec(sku);
  return k ? Number(k[1]) * 1_000 : null;
}

const minutes = (hhmm: string | undefined): number | null => {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};

export function inCutOff(start: string | undefined, end: string | undefined, now: number): boolean {
  const a = minutes(start);
  const b = minutes(end);
  if (a === null || b === null || a === b) return false;
  const wib = new Date(now + 7 * 3_600_000);
  const m = wib.getUTCHours() * 60 + wib.getUTCMinutes();
  return a < b ? m >= a && m < b : m >= a || m < b;
}

export function prepaidProduct(item: PrepaidItem, now: number): CatalogProduct {
  const pln = item.category.toUpperCase() === 'PLN';
  const soldOut = item.unlimited_stock === false && (item.stock ?? 0) <= 0;
  const status: 1 | 2 | 3 = !item.buyer_product_status ? 2 : !item.seller_product_status || soldOut || inCutOff(item.start_cut_off, item.end_cut_off, now) ? 3 : 1;
  return {
    code: item.buyer_sku_code,
    kind: pln ? 'pln_prepaid' : 'digital',
    name: pln ? `Token ${item.product_name}` : item.product_name,
    category: pln ? 'Listrik PLN' : (PREPAID_CATEGORY[item.category.toLowerCase()] ?? item.category),
    operator: item.brand,
    price: item.price,
    faceValue: nominalOf(item.product_name, item.buyer_sku_code),
    isInquiry: false,
    status,
  };
}

export function pascaProduct(item: PascaItem): CatalogProduct {
  return {
    code: item.buyer_sku_code,
    kind: 'bill',
    name: item.product_name,
    category: PASCA_CATEGORY.find(([re]) => re.test(item.buyer_sku_code) || re.test(item.brand))?.[1] ?? 'Pascabayar',
    operator: item.brand,
    price: item.admin ?? 0,
    faceValue: null,
    isInquiry: true,
    status: !item.buyer_product_status ? 2 : !item.seller_product_status ? 3 : 1,
  };
}
