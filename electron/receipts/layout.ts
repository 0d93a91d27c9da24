// Receipt model → fixed-width lines. 58 mm paper takes 32 characters of Font A; the spaced
// 20-digit token (24 characters) is printed double-height, never double-width (domain.md §3.3).
import type { ReceiptLine, ShiftReport } from '../../shared/contract';
import { formatBtc } from '../../shared/domain/bitcoin';
import { formatRupiah } from '../../shared/domain/money';
import { formatToken } from '../../shared/domain/pln';
import { customerFacingLines } from '../../shared/domain/provider-lines';
import { formatLocalDateTime } from '../../shared/domain/time';
import type { CryptoOrderView } from '../../shared/payment';
import type { ReceiptModel, ReceiptPayment } from './model';

/** Printable ASCII only; apostrophes are kept exactly (names arrive as "TestDu''mmy"). */
export function toPrintable(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u201a\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[^\x20-\x7e]/g, '?');
}

function wrap(text: string, width: number): string[] {
  const words = toPrintable(text).split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    for (let chunk = w; chunk.length > 0; chunk = chunk.slice(width)) {
      const piece = chunk.slice(0, width);
      if (line === '') line = piece;
      else if (line.length + 1 + piece.length <= width) line += ` ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
    }
  }
  if (line !== '') lines.push(line);
  return lines.length > 0 ? lines : [''];
}

/** Appends laid-out lines; every text is wrapped to the paper's column count. */
type Builder = {
  center(text: string, style?: ReceiptLine['style']): void;
  left(text: string, style?: ReceiptLine['style']): void;
  pair(label: string, value: string, style?: ReceiptLine['style']): void;
  rule(char?: string): void;
  blank(): void;
  lines: ReceiptLine[];
};

function builder(cols: number): Builder {
  const lines: ReceiptLine[] = [];
  const b: Builder = {
    lines,
    center(text, style = 'normal') {
      const width = style === 'large' ? Math.floor((cols * 3) / 4) : cols;
      for (const l of wrap(text, width)) lines.push({ text: l, style, align: 'center' });
    },
    left(text, style = 'normal') {
      for (const l of wrap(text, cols)) lines.push({ text: l, style, align: 'left' });
    },
    pair(label, value, style = 'normal') {
      const l = toPrintable(label);
      const v = toPrintable(value);
      if (l.length + 1 + v.length <= cols) {
        lines.push({ text: l + ' '.repeat(cols - l.length - v.length) + v, style, align: 'left' });
        return;
      }
      lines.push({ text: l, style, align: 'left' });
      for (const part of wrap(v, cols)) lines.push({ text: part.padStart(cols), style, align: 'left' });
    },
    rule(char = '-') {
      lines.push({ text: char.repeat(cols), style: 'normal', align: 'left' });
    },
    blank() {
      lines.push({ text: '', style: 'normal', align: 'left' });
    },
  };
  return b;
}

/** Vendor tax fields are printed as given: integers as rupiah, anything else verbatim. */
function vendorAmount(raw: string): string {
  return /^\d+$/.test(raw) ? formatRupiah(Number(raw)) : raw;
}

/** The vendor's transaction time (WIB, "2016-06-08 11:50:22") when it gave one, else the counter's. */
function receiptTime(m: ReceiptModel): string {
  const v = m.vendorTime === null ? null : /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(m.vendorTime.trim());
  return v ? `${v[3]}/${v[2]}/${v[1]} ${v[4]}:${v[5]}:${v[6]}` : formatLocalDateTime(m.saleAt, m.timeZone);
}

function top(b: Builder, m: ReceiptModel, title: string): void {
  b.center(m.outlet.name, 'bold');
  if (m.outlet.address) b.center(m.outlet.address);
  b.rule('=');
  b.center(title, 'bold');
  b.rule('=');
  if (m.training) {
    b.center('*** MODE TRAINING ***', 'bold');
    b.center('BUKAN TRANSAKSI SUNGGUHAN');
    b.rule();
  }
  b.pair('Tanggal', receiptTime(m));
  b.pair('No. Struk', m.receiptNo);
}

/** Who the sale was for: the PLN meter block, or the product and the customer/destination number. */
function customer(b: Builder, m: ReceiptModel, shownLines: ReceiptModel['fulfillmentLines']): void {
  if (m.product.kind === 'pln_prepaid') {
    b.pair('No. Meter', m.customer.meterNumber);
    b.pair('IDPEL', m.customer.idpel);
    b.pair('Nama', m.customer.name);
    b.pair('Tarif/Daya', m.customer.tariffPower);
    return;
  }
  // The product name leads on its own line: "Produk" beside a long name only wraps it.
  b.left(m.product.name, 'bold');
  if (!shownLines.some((l) => l.value.trim() === m.customer.number)) b.pair(m.product.kind === 'bill' ? 'No. Pelanggan' : 'No. Tujuan', m.customer.number);
  for (const f of m.customer.extra) b.pair(f.label, f.value);
  if (m.customer.name && !shownLines.some((l) => /^nama\b/i.test(l.name.trim()))) b.pair('Nama', m.customer.name);
}

/** What SAT said about the order, in its order: fulfilment lines once final, else the inquiry's. */
function providerLines(m: ReceiptModel): ReceiptModel['fulfillmentLines'] {
  return customerFacingLines(m.fulfillmentLines.length > 0 ? m.fulfillmentLines : m.inquiryLines);
}

/** The serial number, unless a provider line already printed it (SAT often lists "No. Ref"/"SN" itself). */
function serialNumber(b: Builder, m: ReceiptModel, label: string, shownLines: ReceiptModel['fulfillmentLines']): void {
  const sn = m.serialNumber?.trim() ?? '';
  if (sn === '' || shownLines.some((l) => l.value.includes(sn))) return;
  b.pair(label, sn);
}

/** `shownLines`: the provider lines this receipt prints below, so the header does not repeat their number or name. */
function header(b: Builder, m: ReceiptModel, title: string, shownLines: ReceiptModel['fulfillmentLines'] = []): void {
  top(b, m, title);
  customer(b, m, shownLines);
}

const NOMINAL_LABEL: Record<ReceiptModel['product']['kind'], string> = { pln_prepaid: 'Nominal', bill: 'Tagihan', digital: 'Harga' };

function cash(b: Builder, m: ReceiptModel): void {
  if (m.product.kind === 'digital') {
    // A digital product has one selling price; splitting it would print the outlet's cost.
    b.pair('Harga', formatRupiah(m.amounts.total));
  } else {
    b.pair(NOMINAL_LABEL[m.product.kind], formatRupiah(m.amounts.faceValue));
    b.pair('Admin Bank', formatRupiah(m.amounts.providerAdmin));
    if (m.amounts.margin > 0) b.pair('Adm Loket', formatRupiah(m.amounts.margin));
  }
  b.rule();
  b.pair('TOTAL BAYAR', formatRupiah(m.amounts.total), 'bold');
  paidWith(b, m);
}

export const METHOD_LABEL: Record<ReceiptModel['payment']['method'], string> = {
  cash: 'Tunai',
  qris: 'QRIS',
  gopay: 'GoPay',
  shopeepay: 'ShopeePay',
  va_bca: 'VA BCA',
  va_bni: 'VA BNI',
  va_bri: 'VA BRI',
  va_permata: 'VA Permata',
  mandiri_bill: 'Mandiri Bill',
  card: 'Kartu',
  bitcoin: 'Bitcoin',
};

/** How it was paid: the cash and change, or the method with its masked reference (card: last 4 and approval code). */
function paidWith(b: Builder, m: ReceiptModel): void {
  const p = m.payment;
  if (p.method === 'cash') {
    b.pair('Tunai', formatRupiah(m.amounts.tendered));
    b.pair('Kembali', formatRupiah(m.amounts.change));
    return;
  }
  if (p.method === 'card') {
    b.pair(`Kartu ${p.cardBrand ?? ''}`.trim(), `**** ${p.cardLast4 ?? '????'}`);
    if (p.approvalCode) b.pair('Kode Approval', p.approvalCode);
  } else {
    b.pair('Dibayar', METHOD_LABEL[p.method]);
  }
  if (p.bitcoin) bitcoinLines(b, p.bitcoin, p.excess);
  else if (p.reference) b.pair('Ref. Bayar', p.reference);
  if (p.refunded > 0) b.pair('Dikembalikan', formatRupiah(p.refunded));
}

/** A bitcoin payment: the amount in BTC, the rate, the order and every transaction id in full (a txid is how anyone checks it on the chain). */
function bitcoinLines(b: Builder, btc: NonNullable<ReceiptPayment['bitcoin']>, excess: number): void {
  b.pair('Jumlah BTC', formatBtc(btc.satoshi));
  b.pair('Kurs', `${formatRupiah(Math.round(Number(btc.rate)))}/BTC`);
  // A uuid is 36 columns: broken at its fourth dash to fit 32.
  b.left('Order Chainside');
  b.left(btc.orderUuid.slice(0, 23));
  b.left(btc.orderUuid.slice(24));
  for (const txid of btc.txids) {
    b.left('TXID');
    b.left(txid.slice(0, 32));
    b.left(txid.slice(32));
  }
  if (excess > 0) {
    b.pair('Kelebihan bayar', formatRupiah(excess), 'bold');
    b.center('Dikembalikan oleh supervisor loket.', 'small');
  }
}


function footer(b: Builder, m: ReceiptModel): void {
  b.rule();
  b.center(`Kasir: ${m.cashier}`);
  if (m.copy) b.center(`SALINAN ke-${m.copy.number} ${formatLocalDateTime(m.copy.at, m.timeZone)}`, 'bold');
  if (m.training) b.center('*** MODE TRAINING ***', 'bold');
}

/**
 * VSI gives PLN's reference; SAT gives only a serial number, which for tokens is often the token's own
 * digits regrouped ("5196 15840828 2085 4701", sat.md §4.7). Then the order's request id is the reference.
 */
function tokenReference(m: ReceiptModel): string {
  if (m.payRef) return m.payRef;
  const digits = (s: string | null): string => (s ?? '').replace(/\D/g, '');
  if (m.serialNumber && digits(m.serialNumber) !== digits(m.token)) return m.serialNumber;
  return m.providerRef;
}

function tokenReceipt(b: Builder, m: ReceiptModel): void {
  header(b, m, 'STRUK PEMBELIAN LISTRIK PRABAYAR');
  b.left('No. Ref');
  b.left(tokenReference(m));
  b.rule();
  if (m.taxes) {
    if (m.taxes.materai !== '') b.pair('Meterai', vendorAmount(m.taxes.materai));
    if (m.taxes.ppn !== '') b.pair('PPn', vendorAmount(m.taxes.ppn));
    if (m.taxes.ppj !== '') b.pair('PPj', vendorAmount(m.taxes.ppj));
    if (m.taxes.angsuran !== '') b.pair('Angsuran', vendorAmount(m.taxes.angsuran));
  }
  b.pair('Jml kWh', m.kwh && m.kwh !== '' ? m.kwh : '-');
  cash(b, m);
  b.rule('=');
  b.center('STROOM/TOKEN');
  b.center(formatToken(m.token ?? ''), 'large');
  b.rule('=');
  b.center('Informasi: Call Center PLN 123', 'small');
  b.center('atau kantor PLN terdekat', 'small');
  b.center('Terima kasih', 'normal');
  footer(b, m);
}

/** Provider display lines (SAT inquiry/fulfilment results), in the provider's order. */
function lines(b: Builder, items: ReceiptModel['fulfillmentLines']): void {
  for (const l of items) b.pair(l.name, l.value);
}

function billReceipt(b: Builder, m: ReceiptModel): void {
  const shown = providerLines(m);
  header(b, m, `STRUK PEMBAYARAN ${m.product.category.toUpperCase() || 'TAGIHAN'}`, shown);
  b.rule();
  lines(b, shown);
  serialNumber(b, m, 'No. Ref/SN', shown);
  b.rule();
  cash(b, m);
  b.rule('=');
  b.center('LUNAS', 'bold');
  b.center('Simpan struk ini sebagai bukti pembayaran yang sah.', 'small');
  footer(b, m);
}

function digitalReceipt(b: Builder, m: ReceiptModel): void {
  const shown = providerLines(m);
  header(b, m, 'STRUK PEMBELIAN', shown);
  b.rule();
  lines(b, shown);
  serialNumber(b, m, 'SN', shown);
  b.rule();
  cash(b, m);
  if (m.voucherCode) {
    b.rule('=');
    b.center('KODE VOUCHER');
    b.center(m.voucherCode, 'large');
  }
  b.rule('=');
  b.center('Terima kasih', 'normal');
  footer(b, m);
}

function pendingReceipt(b: Builder, m: ReceiptModel): void {
  header(b, m, 'BUKTI TRANSAKSI PENDING');
  b.pair('ID Transaksi', m.providerRef);
  b.rule();
  cash(b, m);
  b.rule('=');
  b.center(m.product.kind === 'pln_prepaid' ? 'TOKEN BELUM TERBIT' : 'BELUM SELESAI DIPROSES', 'bold');
  b.center('Status sedang dicek ke penyedia. JANGAN BAYAR ULANG.', 'bold');
  const deliverable = { pln_prepaid: 'Token diberikan', bill: 'Struk lunas diberikan', digital: 'Produk dikirim' }[m.product.kind];
  b.center(`Simpan bukti ini. ${deliverable} setelah status pasti, atau uang dikembalikan bila gagal.`);
  footer(b, m);
}

function failedReceipt(b: Builder, m: ReceiptModel): void {
  header(b, m, 'TRANSAKSI GAGAL');
  b.pair('ID Transaksi', m.providerRef);
  b.rule();
  b.pair(NOMINAL_LABEL[m.product.kind], formatRupiah(m.amounts.faceValue));
  b.pair('Total', formatRupiah(m.amounts.total));
  if (m.payment.method === 'cash') b.pair('Uang diterima', formatRupiah(m.amounts.tendered));
  if (m.failureMessage) b.left(m.failureMessage);
  b.rule('=');
  moneyBack(b, m);
  footer(b, m);
}

/** What happens to the customer's money after a failure: back from the drawer, through the provider, or by a supervisor. */
function moneyBack(b: Builder, m: ReceiptModel): void {
  const p = m.payment;
  if (p.state === 'refunded') {
    b.center(p.method === 'cash' ? 'UANG SUDAH DIKEMBALIKAN' : 'DANA SUDAH DIKEMBALIKAN', 'bold');
  } else if (p.method === 'cash') {
    b.center('UANG DIKEMBALIKAN KE PELANGGAN', 'bold');
  } else if (p.byHand) {
    b.center('DANA AKAN DIKEMBALIKAN', 'bold');
    b.center('Supervisor loket mengembalikan dana ini langsung ke pelanggan. Simpan struk ini.', 'small');
  } else {
    b.center(`DANA DIKEMBALIKAN KE ${METHOD_LABEL[p.method].toUpperCase()}`, 'bold');
    b.center('Pengembalian diproses; bila tidak masuk, hubungi loket dengan struk ini.', 'small');
  }
  // Cash: everything the customer gave (the change was never handed over); otherwise the total.
  b.pair('Dikembalikan', formatRupiah(p.method === 'cash' ? m.amounts.tendered : m.amounts.total), 'bold');
  if (p.method !== 'cash' && p.reference) b.pair('Ref. Bayar', p.reference);
}

/** While the sale waits for a transfer: where to pay, how much, until when. */
function paymentSlip(b: Builder, m: ReceiptModel): void {
  const p = m.payment;
  header(b, m, 'INSTRUKSI PEMBAYARAN');
  b.rule();
  b.pair('TOTAL BAYAR', formatRupiah(m.amounts.total), 'bold');
  b.pair('Metode', METHOD_LABEL[p.method]);
  if (p.vaNumber) {
    b.center(`Transfer ke VA ${(p.bank ?? '').toUpperCase()}`);
    b.center(p.vaNumber, 'large');
  } else if (p.billKey) {
    b.pair('Kode Perusahaan', p.billerCode ?? '');
    b.center('Kode Bayar');
    b.center(p.billKey, 'large');
  }
  if (p.bitcoin) {
    b.pair('Jumlah BTC', formatBtc(p.bitcoin.satoshi), 'bold');
    b.left('Alamat bitcoin');
    b.left(p.bitcoin.address);
  }
  if (p.expiresAt !== null) b.pair('Bayar sebelum', formatLocalDateTime(p.expiresAt, m.timeZone));
  b.rule('=');
  if (p.bitcoin) b.center('Pindai QR di layar kasir dengan dompet bitcoin. Kirim tepat Jumlah BTC.', 'bold');
  else if (!p.vaNumber && !p.billKey) b.center('Pindai QR di layar kasir dengan aplikasi bank atau e-wallet.', 'bold');
  else b.center('Transfer tepat sejumlah TOTAL BAYAR.', 'bold');
  b.center('Produk diberikan setelah pembayaran diterima. Ini BUKAN bukti lunas.', 'small');
  footer(b, m);
}

function cancelledReceipt(b: Builder, m: ReceiptModel): void {
  header(b, m, 'TRANSAKSI DIBATALKAN');
  b.pair('ID Transaksi', m.providerRef);
  b.pair('Metode', METHOD_LABEL[m.payment.method]);
  b.rule();
  if (m.failureMessage) b.left(m.failureMessage);
  b.rule('=');
  if (m.payment.state === 'refund_due' || m.payment.state === 'refunded') moneyBack(b, m);
  else b.center('TIDAK ADA UANG MASUK, TIDAK ADA PRODUK', 'bold');
  footer(b, m);
}

export function layoutReceipt(m: ReceiptModel, columns = 32): ReceiptLine[] {
  const b = builder(columns);
  switch (m.kind) {
    case 'token':
      tokenReceipt(b, m);
      break;
    case 'bill':
      billReceipt(b, m);
      break;
    case 'digital':
      digitalReceipt(b, m);
      break;
    case 'pending':
      pendingReceipt(b, m);
      break;
    case 'failed':
      failedReceipt(b, m);
      break;
    case 'payment_slip':
      paymentSlip(b, m);
      break;
    case 'cancelled':
      cancelledReceipt(b, m);
      break;
  }
  return b.lines;
}

export type BitcoinOrderReceiptModel = {
  order: CryptoOrderView;
  outlet: { name: string; address: string; timeZone: string };
  training: boolean;
  copy: { number: number; at: number } | null;
};

/** The struk of a standalone bitcoin order (goods sold outside Loket, paid in bitcoin). */
export function layoutBitcoinOrderReceipt(m: BitcoinOrderReceiptModel, columns = 32): ReceiptLine[] {
  const b = builder(columns);
  const o = m.order;
  b.center(m.outlet.name, 'bold');
  if (m.outlet.address) b.center(m.outlet.address);
  b.rule('=');
  b.center('BUKTI PEMBAYARAN BITCOIN', 'bold');
  b.rule('=');
  if (m.training) {
    b.center('*** MODE TRAINING ***', 'bold');
    b.center('BUKAN TRANSAKSI SUNGGUHAN');
    b.rule();
  }
  b.pair('Tanggal', formatLocalDateTime(o.resolvedAt ?? o.createdAt, m.outlet.timeZone));
  b.left('Referensi');
  b.left(o.label);
  b.left('No. Pesanan Loket');
  b.left(o.reference ?? '-');
  b.rule();
  b.pair('TOTAL', formatRupiah(o.amount), 'bold');
  b.pair('Dibayar', 'Bitcoin');
  if (o.bitcoin) bitcoinLines(b, { orderUuid: o.bitcoin.orderUuid, satoshi: o.bitcoin.satoshi, rate: o.bitcoin.rate, address: o.bitcoin.address, txids: o.bitcoin.txids }, o.excess);
  b.rule('=');
  b.center('LUNAS', 'large');
  b.rule();
  b.center(`Kasir: ${o.cashier}`);
  if (m.copy) b.center(`SALINAN ke-${m.copy.number} ${formatLocalDateTime(m.copy.at, m.outlet.timeZone)}`, 'bold');
  if (m.training) b.center('*** MODE TRAINING ***', 'bold');
  return b.lines;
}

const REPORT_METHOD: Record<string, string> = { ...METHOD_LABEL };
const MOVEMENT_LABEL: Record<string, string> = { petty_cash: 'Kas kecil', owner_withdrawal: 'Diambil pemilik', change_topup: 'Tambah kembalian' };

/** The X report (during a shift) or Z report (at its close), on the same 58 mm paper: the shift's entries in the books. */
export function layoutShiftReport(r: Omit<ShiftReport, 'lines'>, outlet: { name: string; address: string; timeZone: string }, columns = 32): ReceiptLine[] {
  const b = builder(columns);
  const f = r.figures;
  const minus = (n: number): string => (n === 0 ? formatRupiah(0) : `-${formatRupiah(n)}`);
  const byMethod = (rows: { method: string; count: number; total: number }[], sign: (n: number) => string): void => {
    for (const m of rows) b.pair(`  ${REPORT_METHOD[m.method] ?? m.method} (${m.count})`, sign(m.total));
  };
  b.center(outlet.name, 'bold');
  b.rule('=');
  b.center(r.kind === 'Z' ? 'LAPORAN Z - TUTUP SHIFT' : 'LAPORAN X - SHIFT BERJALAN', 'bold');
  if (r.training) b.center('*** MODE TRAINING ***', 'bold');
  b.rule('=');
  b.pair('Kasir', r.cashier);
  b.pair('Buka', formatLocalDateTime(r.openedAt, outlet.timeZone));
  if (r.closedAt !== null) b.pair('Tutup', formatLocalDateTime(r.closedAt, outlet.timeZone));
  if (r.closedBy) b.pair('Ditutup oleh', r.closedBy);
  b.rule();
  b.pair(`Penjualan (${f.sales.count})`, formatRupiah(f.sales.total));
  byMethod(f.sales.byMethod, formatRupiah);
  if (f.refunds.count > 0) {
    b.pair(`Refund (${f.refunds.count})`, minus(f.refunds.total));
    byMethod(f.refunds.byMethod, minus);
  }
  b.pair('Penjualan bersih', formatRupiah(f.net), 'bold');
  b.pair('Admin loket', formatRupiah(f.sales.margin));
  if (f.returned.count > 0) {
    b.pair(`Uang kembali (gagal) (${f.returned.count})`, minus(f.returned.total));
    byMethod(f.returned.byMethod, minus);
  }
  if (f.outside.count > 0) b.pair(`Di luar Loket (${f.outside.count})`, formatRupiah(f.outside.total));
  b.pair('Gagal / batal', String(r.failed));
  if (r.unfinished > 0) b.pair('Belum selesai', String(r.unfinished), 'bold');
  b.rule();
  b.left('KAS LACI', 'bold');
  b.pair('Modal awal', formatRupiah(r.openingFloat));
  b.pair('Tunai dari penjualan', formatRupiah(f.drawer.received));
  if (f.drawer.refunded > 0) b.pair('Refund tunai', minus(f.drawer.refunded));
  if (f.drawer.returned > 0) b.pair('Dikembalikan tunai', minus(f.drawer.returned));
  if (f.drawer.movementsIn > 0) b.pair('Uang masuk', formatRupiah(f.drawer.movementsIn));
  if (f.drawer.movementsOut > 0) b.pair('Uang keluar', minus(f.drawer.movementsOut));
  for (const m of f.movements) b.left(`  ${MOVEMENT_LABEL[m.kind]} ${formatRupiah(m.amount)}: ${m.reason}`);
  if (f.drawer.depositTopUps > 0) b.pair('Setor deposit', minus(f.drawer.depositTopUps));
  if (r.expectedCash !== null) b.pair('Kas seharusnya', formatRupiah(r.expectedCash), 'bold');
  if (r.countedCash !== null) {
    b.pair('Kas dihitung', formatRupiah(r.countedCash), 'bold');
    b.pair('Selisih', formatRupiah(r.variance ?? 0), 'bold');
    if (r.varianceReason) b.left(`Alasan: ${r.varianceReason}`);
  }
  b.rule('=');
  return b.lines;
}

/**
 * The printer's test page: every character a struk uses, the rupiah and token formats as they
 * print, the heading styles — so an owner sees at once a wrong code page, paper width or cut.
 */
export function layoutTestPage(outlet: { name: string; address: string }, target: string, at: string, columns = 32): ReceiptLine[] {
  const b = builder(columns);
  b.center(outlet.name, 'bold');
  if (outlet.address) b.center(outlet.address);
  b.rule('=');
  b.center('TES PRINTER', 'bold');
  b.rule('=');
  b.pair('Printer', target);
  b.pair('Waktu', at);
  b.pair('Lebar kertas', `${columns} kolom`);
  b.rule();
  b.left('Huruf dan tanda:');
  const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
  for (let i = 0; i < ascii.length; i += columns) b.left(ascii.slice(i, i + columns));
  // The struk prints printable ASCII only (any code page prints it the same); accents are dropped.
  b.left('Aksen dicetak polos: ' + toPrintable('Désa Cañada'));
  b.rule();
  b.pair('Rupiah', formatRupiah(1_234_567));
  b.pair('Kembali', formatRupiah(27_500));
  b.left('Token:');
  b.center('1234 5678 9012 3456 7890', 'large');
  b.rule();
  b.center('Kode QR dan barcode di bawah.', 'small');
  return b.lines;
}
