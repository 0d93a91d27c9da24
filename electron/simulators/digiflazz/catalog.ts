// The simulated Digiflazz price lists (digiflazz.md §3.2): prepaid items with seller and buyer
// switches, stock and cut-off windows, and postpaid items with admin and commission. Includes the
// documented test SKU `xld10` and the postpaid test SKUs of Appendix A.
export type SimPrepaid = {
  product_name: string;
  category: string;
  brand: string;
  type: string;
  seller_name: string;
  price: number;
  buyer_sku_code: string;
  buyer_product_status: boolean;
  seller_product_status: boolean;
  unlimited_stock: boolean;
  stock: number;
  multi: boolean;
  start_cut_off: string;
  end_cut_off: string;
  desc: string;
};

export type SimPasca = {
  product_name: string;
  category: string;
  brand: string;
  seller_name: string;
  admin: number;
  commission: number;
  buyer_sku_code: string;
  buyer_product_status: boolean;
  seller_product_status: boolean;
  desc: string;
};

const id = (n: number): string => new Intl.NumberFormat('id-ID').format(n);
const cost = (nominal: number, spread: number): number => Math.round((nominal + spread) / 25) * 25;

function prepaid(p: Partial<SimPrepaid> & Pick<SimPrepaid, 'product_name' | 'category' | 'brand' | 'price' | 'buyer_sku_code'>): SimPrepaid {
  return {
    type: 'Umum',
    seller_name: 'PT. Loket Latihan',
    buyer_product_status: true,
    seller_product_status: true,
    unlimited_stock: true,
    stock: 0,
    multi: true,
    start_cut_off: '00:00',
    end_cut_off: '00:00',
    desc: p.product_name,
    ...p,
  };
}

export function simPrepaid(): SimPrepaid[] {
  const out: SimPrepaid[] = [];
  for (const n of [20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000]) {
    // PLN tokens: the seller's cut-off 23:45–00:15 WIB, as PLN's nightly settlement.
    out.push(prepaid({ product_name: `PLN ${id(n)}`, category: 'PLN', brand: 'PLN', price: n + 1_500, buyer_sku_code: `pln${n / 1000}`, start_cut_off: '23:45', end_cut_off: '00:15', desc: `Token PLN Rp ${id(n)}` }));
  }
  for (const [brand, slug] of [['TELKOMSEL', 's'], ['INDOSAT', 'i'], ['XL', 'x']] as const) {
    for (const n of [5_000, 10_000, 25_000, 50_000, 100_000]) {
      out.push(prepaid({ product_name: `${brand === 'TELKOMSEL' ? 'Telkomsel' : brand === 'INDOSAT' ? 'Indosat' : 'Xl'} ${id(n)}`, category: 'Pulsa', brand, price: cost(n, 150 + n * 0.012), buyer_sku_code: `${slug}${n / 1000}` }));
    }
  }
  out.push(prepaid({ product_name: 'Telkomsel Data 10 GB 30 Hari', category: 'Data', brand: 'TELKOMSEL', price: 78_500, buyer_sku_code: 'tsel10gb' }));
  out.push(prepaid({ product_name: 'XL Data 15 GB 30 Hari', category: 'Data', brand: 'XL', price: 71_000, buyer_sku_code: 'xl15gb' }));
  for (const n of [20_000, 50_000, 100_000]) {
    out.push(prepaid({ product_name: `GO PAY ${id(n)}`, category: 'E-Money', brand: 'GO PAY', price: n + 1_000, buyer_sku_code: `gopay${n / 1000}` }));
    out.push(prepaid({ product_name: `DANA ${id(n)}`, category: 'E-Money', brand: 'DANA', price: n + 800, buyer_sku_code: `dana${n / 1000}` }));
  }
  // The documented test SKU and a few products in states a counter must handle.
  out.push(prepaid({ product_name: 'Xl 10.000', category: 'Pulsa', brand: 'XL', price: 10_000, buyer_sku_code: 'xld10' }));
  out.push(prepaid({ product_name: 'Telkomsel 150.000', category: 'Pulsa', brand: 'TELKOMSEL', price: 149_000, buyer_sku_code: 's150', seller_product_status: false, unlimited_stock: false, stock: 1200, multi: false }));
  out.push(prepaid({ product_name: 'Indosat 150.000', category: 'Pulsa', brand: 'INDOSAT', price: 148_500, buyer_sku_code: 'i150', buyer_product_status: false }));
  out.push(prepaid({ product_name: 'Smartfren 5.000', category: 'Pulsa', brand: 'SMARTFREN', price: 5_300, buyer_sku_code: 'sm5', unlimited_stock: false, stock: 0 }));
  return out;
}

export function simPasca(): SimPasca[] {
  const p = (buyer_sku_code: string, product_name: string, brand: string, admin: number, commission: number): SimPasca => ({
    product_name,
    category: 'Pascabayar',
    brand,
    seller_name: 'PT. Loket Latihan',
    admin,
    commission,
    buyer_sku_code,
    buyer_product_status: true,
    seller_product_status: true,
    desc: '-',
  });
  return [
    p('pln', 'Pln Postpaid', 'PLN', 2_500, 1_000),
    p('pdam', 'PDAM', 'PDAM', 2_500, 1_000),
    p('bpjs', 'BPJS Kesehatan', 'BPJS KESEHATAN', 2_500, 300),
    p('hp', 'HP Pascabayar', 'HP PASCABAYAR', 2_500, 1_000),
    p('internet', 'Internet Pascabayar', 'INTERNET PASCABAYAR', 2_500, 1_000),
  ];
}
