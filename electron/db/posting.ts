// The posting rules, all in one place: from what the ledger says of a sale (its state, its payment,
// its refunds) to the journal entries it must have. Pure; the journal posts whatever is missing, so
// running the rules again after any change posts exactly the new movements.
//   received   the customer's money is in: Dr the method's account, Cr customer money (2101)
//   delivered  the sale succeeded: Dr 2101 total; Cr sales at the provider's price (4101) and the
//              counter's admin (4102); Dr cost (5101), Cr the provider's deposit (its row in purchase_providers: 1301 VSI, 1302 SAT, 1303 Digiflazz)
//   refund     money given back: Dr 4201 (after delivery) or 2101 (nothing delivered), Cr the method
//   excess     bitcoin beyond the sale: Dr 1205, Cr 2101; given back: the reverse
//   float      a shift opens with the float counted into the drawer: the drawer's book balance is
//              brought to it from the owner's capital (Dr/Cr 1101 against 3101)
//   variance   a shift closes with the drawer counted: the difference to the books goes to
//              over/short (Dr/Cr 1101 against 6101), so the drawer's balance is what was counted
//   cash in/out  petty cash (Dr 6102), the owner's withdrawal (Dr 3102), change brought in (Cr 3101)
export type Line = { account: string; amount: number };
export type PlannedEntry = { key: string; memo: string; lines: Line[] };

export type SaleForPosting = {
  id: string;
  state: string;
  provider: string;
  /** The provider's name as the books print it, and the account of the deposit it is paid from. */
  providerName: string;
  depositAccount: string | null;
  total: number;
  providerCost: number;
  margin: number;
  method: string;
  paymentState: string;
  paymentAmount: number;
  excess: number;
  excessReturned: boolean;
  refunds: { id: string; amount: number; state: string }[];
};

export const ACCOUNT = {
  cash: '1101',
  qris: '1201',
  ewallet: '1202',
  transfer: '1203',
  card: '1204',
  bitcoin: '1205',
  customerMoney: '2101',
  ownerCapital: '3101',
  ownerDrawings: '3102',
  sales: '4101',
  adminIncome: '4102',
  refunds: '4201',
  outsideSales: '4301',
  cost: '5101',
  overShort: '6101',
  pettyCash: '6102',
  chargeback: '6103',
} as const;

type AccountKind = 'asset' | 'liability' | 'equity' | 'income' | 'expense';

/** The chart of accounts: every account a rule above posts to (journal.ts makes sure each exists). */
export const CHART: readonly { code: string; name: string; kind: AccountKind }[] = [
  { code: '1101', name: 'Kas laci', kind: 'asset' },
  { code: '1201', name: 'Kliring QRIS', kind: 'asset' },
  { code: '1202', name: 'Kliring e-wallet (GoPay, ShopeePay)', kind: 'asset' },
  { code: '1203', name: 'Kliring transfer (virtual account, Mandiri Bill)', kind: 'asset' },
  { code: '1204', name: 'Kliring kartu', kind: 'asset' },
  { code: '1205', name: 'Kliring bitcoin', kind: 'asset' },
  { code: '1301', name: 'Deposit VSI', kind: 'asset' },
  { code: '1302', name: 'Deposit SAT', kind: 'asset' },
  { code: '2101', name: 'Uang pelanggan (belum diserahkan / harus dikembalikan)', kind: 'liability' },
  { code: '3101', name: 'Modal pemilik', kind: 'equity' },
  { code: '3102', name: 'Pengambilan pemilik (prive)', kind: 'equity' },
  { code: '4101', name: 'Penjualan (harga penyedia)', kind: 'income' },
  { code: '4102', name: 'Pendapatan admin loket', kind: 'income' },
  { code: '4201', name: 'Refund penjualan', kind: 'income' },
  { code: '4301', name: 'Penjualan di luar Loket (bitcoin)', kind: 'income' },
  { code: '5101', name: 'Harga pokok penyedia', kind: 'expense' },
  { code: '6101', name: 'Selisih kas (lebih/kurang)', kind: 'expense' },
  { code: '6102', name: 'Biaya kas kecil', kind: 'expense' },
  { code: '6103', name: 'Kerugian chargeback bitcoin', kind: 'expense' },
];

/** The clearing account of each way to pay (cash: the drawer). */
export function methodAccount(method: string): string {
  if (method === 'cash') return ACCOUNT.cash;
  if (method === 'qris') return ACCOUNT.qris;
  if (method === 'gopay' || method === 'shopeepay') return ACCOUNT.ewallet;
  if (method.startsWith('va_') || method === 'mandiri_bill') return ACCOUNT.transfer;
  if (method === 'card') return ACCOUNT.card;
  if (method === 'bitcoin') return ACCOUNT.bitcoin;
  throw new Error(`no account for payment method ${method}`);
}

const RECEIVED = new Set(['settled', 'refund_due', 'refunded']);

function entry(key: string, memo: string, lines: Line[]): PlannedEntry {
  return { key, memo, lines: lines.filter((l) => l.amount !== 0) };
}

export function saleEntries(s: SaleForPosting): PlannedEntry[] {
  const out: PlannedEntry[] = [];
  const m = methodAccount(s.method);
  if (RECEIVED.has(s.paymentState)) {
    out.push(entry(`sale:${s.id}:received`, `Diterima (${s.method})`, [
      { account: m, amount: s.paymentAmount },
      { account: ACCOUNT.customerMoney, amount: -s.paymentAmount },
    ]));
  }
  if (s.state === 'succeeded') {
    if (!s.depositAccount) throw new Error(`provider ${s.provider} has no deposit account`);
    const deposit = s.depositAccount;
    out.push(entry(`sale:${s.id}:delivered`, `Terjual lewat ${s.providerName}`, [
      { account: ACCOUNT.customerMoney, amount: s.total },
      { account: ACCOUNT.sales, amount: -s.providerCost },
      { account: ACCOUNT.adminIncome, amount: -s.margin },
      { account: ACCOUNT.cost, amount: s.providerCost },
      { account: deposit, amount: -s.providerCost },
    ]));
  }
  for (const r of s.refunds) {
    if (r.state !== 'done') continue;
    out.push(entry(`sale:${s.id}:refund:${r.id}`, 'Dikembalikan ke pelanggan', [
      { account: s.state === 'succeeded' ? ACCOUNT.refunds : ACCOUNT.customerMoney, amount: r.amount },
      { account: m, amount: -r.amount },
    ]));
  }
  if (s.excess > 0) {
    out.push(entry(`sale:${s.id}:excess`, 'Kelebihan diterima', [
      { account: m, amount: s.excess },
      { account: ACCOUNT.customerMoney, amount: -s.excess },
    ]));
    if (s.excessReturned) {
      out.push(entry(`sale:${s.id}:excess-returned`, 'Kelebihan dikembalikan', [
        { account: ACCOUNT.customerMoney, amount: s.excess },
        { account: m, amount: -s.excess },
      ]));
    }
  }
  return out;
}

/** A standalone bitcoin order, once paid: goods sold outside Loket. */
export function orderEntries(o: { id: string; state: string; amount: number }): PlannedEntry[] {
  if (o.state !== 'paid') return [];
  return [entry(`order:${o.id}:paid`, 'Bitcoin untuk penjualan di luar Loket', [
    { account: ACCOUNT.bitcoin, amount: o.amount },
    { account: ACCOUNT.outsideSales, amount: -o.amount },
  ])];
}

/**
 * A paid bitcoin order charged back by the network (its transactions never regained their
 * confirmations): the bitcoin counted as received is gone, and what was handed over for it is a loss.
 */
export function chargebackEntry(o: { id: string; amount: number }): PlannedEntry {
  return entry(`order:${o.id}:chargeback`, 'Bitcoin ditarik kembali di jaringan (chargeback)', [
    { account: ACCOUNT.chargeback, amount: o.amount },
    { account: ACCOUNT.bitcoin, amount: -o.amount },
  ]);
}

/** The owner tops up a provider's deposit, from their own money (capital) or from the drawer. */
export function depositTopUpEntry(id: string, provider: { account: string; name: string }, amount: number, source: 'owner' | 'drawer', note: string): PlannedEntry {
  return entry(`deposit:${id}`, `Setoran deposit ${provider.name}${note ? `: ${note}` : ''}`, [
    { account: provider.account, amount },
    { account: source === 'drawer' ? ACCOUNT.cash : ACCOUNT.ownerCapital, amount: -amount },
  ]);
}

/** A shift opens: the drawer in the books is brought to the float counted into it (from or to the owner's capital). */
export function floatEntry(shiftId: string, drawerBefore: number, float: number): PlannedEntry {
  const diff = float - drawerBefore;
  return entry(`shift:${shiftId}:float`, 'Modal awal laci (buka shift)', [
    { account: ACCOUNT.cash, amount: diff },
    { account: ACCOUNT.ownerCapital, amount: -diff },
  ]);
}

/** A shift closes: what was counted against the books; the difference is over/short. */
export function varianceEntry(shiftId: string, variance: number): PlannedEntry {
  return entry(`shift:${shiftId}:variance`, variance >= 0 ? 'Kas lebih saat tutup shift' : 'Kas kurang saat tutup shift', [
    { account: ACCOUNT.cash, amount: variance },
    { account: ACCOUNT.overShort, amount: -variance },
  ]);
}

export type CashMovementKind = 'petty_cash' | 'owner_withdrawal' | 'change_topup';

/** Cash taken out of (petty cash, the owner's withdrawal) or brought into (change) the drawer, for a reason. */
export function cashMovementEntry(id: string, kind: CashMovementKind, amount: number, reason: string): PlannedEntry {
  const into = kind === 'change_topup';
  const other = kind === 'petty_cash' ? ACCOUNT.pettyCash : kind === 'owner_withdrawal' ? ACCOUNT.ownerDrawings : ACCOUNT.ownerCapital;
  const memo = { petty_cash: 'Kas kecil', owner_withdrawal: 'Diambil pemilik', change_topup: 'Tambah uang kembalian' }[kind];
  return entry(`cash:${id}`, `${memo}: ${reason}`, [
    { account: ACCOUNT.cash, amount: into ? amount : -amount },
    { account: other, amount: into ? -amount : amount },
  ]);
}
