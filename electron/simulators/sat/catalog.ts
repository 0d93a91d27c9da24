// The simulated SAT catalogue: dozens of products across the categories a PPOB counter sells,
// with SAT-style codes (sat.md §7.6), a couple deliberately inactive (2) or disturbed (3).
export type SimProduct = {
  code: string;
  name: string;
  category: string;
  operator: string;
  price: number;
  isInquiry: boolean;
  status: 1 | 2 | 3;
  /** Prepaid products: what the customer receives; bills: null. */
  nominal: number | null;
  delivery: 'pulsa' | 'data' | 'ewallet' | 'voucher' | 'token' | 'bill';
  admin: number;
  /**
   * Extra inputs the product needs (the requests' `fields`, sat.md §4.4), listed with the product —
   * SAT publishes no declaration format, so this is one reading; the simulator refuses an inquiry or
   * an order of such a product without them.
   */
  fields?: Array<{ name: string; label: string }>;
};

const wholesale = (nominal: number): number => Math.round((nominal * 0.985 + 300) / 25) * 25;

function pulsa(operator: string, slug: string, nominals: number[]): SimProduct[] {
  return nominals.map((n) => ({
    code: `${n / 1000}k-${slug}`,
    name: `${operator} ${new Intl.NumberFormat('en-US').format(n)}`,
    category: 'Pulsa',
    operator,
    price: wholesale(n),
    isInquiry: false,
    status: 1,
    nominal: n,
    delivery: 'pulsa',
    admin: 0,
  }));
}

function data(operator: string, slug: string, packs: Array<[string, number]>): SimProduct[] {
  return packs.map(([size, price]) => ({
    code: `data-${slug}-${size.toLowerCase()}`,
    name: `${operator} Data ${size} 30 Hari`,
    category: 'Paket Data',
    operator,
    price,
    isInquiry: false,
    status: 1,
    nominal: null,
    delivery: 'data',
    admin: 0,
  }));
}

function ewallet(operator: string, slug: string, nominals: number[]): SimProduct[] {
  return nominals.map((n) => ({
    code: `${slug}-${n / 1000}k`,
    name: `${operator} ${new Intl.NumberFormat('en-US').format(n)}`,
    category: 'E-Wallet',
    operator,
    price: n + 1_000,
    isInquiry: false,
    status: 1,
    nominal: n,
    delivery: 'ewallet',
    admin: 0,
  }));
}

function bill(code: string, name: string, category: string, operator: string, admin: number): SimProduct {
  return { code, name, category, operator, price: admin, isInquiry: true, status: 1, nominal: null, delivery: 'bill', admin };
}

export function simCatalogue(): SimProduct[] {
  const tokens: SimProduct[] = [20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000].map((n) => ({
    code: `pln-prepaid-token-${n / 1000}k`,
    name: `Token Listrik ${new Intl.NumberFormat('en-US').format(n)}`,
    category: 'Listrik PLN',
    operator: 'Token Listrik',
    price: n + 1_500,
    isInquiry: false,
    status: 1,
    nominal: n,
    delivery: 'token',
    admin: 1_500,
  }));
  const products: SimProduct[] = [
    ...tokens,
    ...pulsa('Telkomsel', 'telkomsel', [5_000, 10_000, 20_000, 25_000, 50_000, 100_000]),
    ...pulsa('XL', 'xl', [10_000, 15_000, 25_000, 50_000, 100_000]),
    ...pulsa('Indosat', 'indosat', [10_000, 25_000, 50_000]),
    ...pulsa('Tri', 'three', [10_000, 25_000, 50_000]),
    ...pulsa('Smartfren', 'smartfren', [10_000, 20_000]),
    ...data('Telkomsel', 'telkomsel', [['3GB', 31_500], ['8GB', 61_000], ['25GB', 121_000]]),
    ...data('XL', 'xl', [['5GB', 34_500], ['15GB', 72_000]]),
    ...data('Indosat', 'indosat', [['10GB', 52_500]]),
    ...ewallet('GoPay', 'gopay', [20_000, 50_000, 100_000]),
    ...ewallet('OVO', 'ovo', [50_000, 100_000]),
    ...ewallet('DANA', 'dana', [50_000, 100_000]),
    ...ewallet('ShopeePay', 'shopeepay', [50_000]),
    { code: 'kode-voucher-google-50k', name: 'Google Play 50,000', category: 'Voucher Game', operator: 'Google Play', price: 49_500, isInquiry: false, status: 1, nominal: 50_000, delivery: 'voucher', admin: 0 },
    { code: 'kode-voucher-google-100k', name: 'Google Play 100,000', category: 'Voucher Game', operator: 'Google Play', price: 98_750, isInquiry: false, status: 1, nominal: 100_000, delivery: 'voucher', admin: 0 },
    { code: 'mlbb-86-diamonds', name: 'Mobile Legends 86 Diamonds', category: 'Voucher Game', operator: 'Mobile Legends', price: 20_750, isInquiry: false, status: 1, nominal: null, delivery: 'voucher', admin: 0 },
    { code: 'ff-140-diamonds', name: 'Free Fire 140 Diamonds', category: 'Voucher Game', operator: 'Free Fire', price: 19_250, isInquiry: false, status: 1, nominal: null, delivery: 'voucher', admin: 0 },
    { code: 'steam-wallet-60k', name: 'Steam Wallet 60,000', category: 'Voucher Game', operator: 'Steam', price: 61_000, isInquiry: false, status: 2, nominal: 60_000, delivery: 'voucher', admin: 0 },
    { code: 'vidio-platinum-1m', name: 'Vidio Platinum 1 Bulan', category: 'Streaming', operator: 'Vidio', price: 38_500, isInquiry: false, status: 1, nominal: null, delivery: 'voucher', admin: 0 },
    { code: 'spotify-premium-1m', name: 'Spotify Premium 1 Bulan', category: 'Streaming', operator: 'Spotify', price: 54_000, isInquiry: false, status: 1, nominal: null, delivery: 'voucher', admin: 0 },
    bill('pln-postpaid', 'PLN Pascabayar', 'Listrik PLN', 'PLN', 2_500),
    bill('bpjs-kesehatan', 'BPJS Kesehatan', 'BPJS', 'BPJS Kesehatan', 2_500),
    bill('bpjs-ketenagakerjaan', 'BPJS Ketenagakerjaan', 'BPJS', 'BPJS Ketenagakerjaan', 2_500),
    bill('pdam-jabar-kota-cirebon', 'PDAM Kota Cirebon', 'PDAM', 'PDAM Jawa Barat', 2_500),
    bill('pdam-dki-jakarta', 'PAM Jaya (DKI Jakarta)', 'PDAM', 'PDAM DKI', 2_500),
    bill('pdam-jatim-kota-surabaya', 'PDAM Surya Sembada Surabaya', 'PDAM', 'PDAM Jawa Timur', 2_000),
    bill('speedy-indihome', 'Telkom / IndiHome', 'Internet & TV', 'Telkom', 2_500),
    bill('pasca-telkomsel', 'Telkomsel Halo', 'Pascabayar', 'Telkomsel', 2_500),
    bill('pasca-xl', 'XL Prioritas', 'Pascabayar', 'XL', 2_500),
    bill('kta-bank-dbs', 'KTA Bank DBS', 'Angsuran', 'Bank DBS', 5_000),
    bill('multifinance-adira', 'Adira Finance', 'Angsuran', 'Adira', 5_000),
    bill('pgn-gas', 'PGN Gas Rumah Tangga', 'Gas', 'PGN', 2_500),
  ];
  const disturbed = products.find((p) => p.code === '20k-smartfren');
  if (disturbed) disturbed.status = 3;
  // A game top-up needs the player's zone next to the id; a land tax bill, the tax year.
  const game = products.find((p) => p.code === 'mlbb-86-diamonds');
  if (game) game.fields = [{ name: 'zone_id', label: 'Zone ID' }];
  const pbb = bill('pbb-kota-bandung', 'PBB Kota Bandung', 'Pajak', 'Pemkot Bandung', 2_500);
  pbb.fields = [{ name: 'tahun_pajak', label: 'Tahun pajak' }];
  products.push(pbb);
  return products;
}
