// The day report as a PDF on A4: the owner's and the auditor's paper copy of one business day —
// the totals, every shift's drawer count, what is still unresolved, and every sale. Built with
// pdf-lib's standard fonts (no font files, no native code), so it renders the same in the Electron
// host, in web mode and in tests.
import { PAGE, Writer, winAnsi, type Column } from './pdf-writer';
import type { LedgerTotals, SaleRow, ShiftReport, TodayTotals, UnresolvedItem } from '../../shared/contract';
import { formatRupiah } from '../../shared/domain/money';
import { formatLocalDateTime } from '../../shared/domain/time';
import { METHOD_LABEL } from './layout';
import { SALE_STATE_LABEL } from '../../shared/domain/state-labels';

export type DayReport = {
  outlet: { name: string; address: string; timeZone: string };
  training: boolean;
  businessDate: string;
  printedAt: number;
  printedBy: string;
  totals: LedgerTotals;
  drawer: TodayTotals;
  shifts: Omit<ShiftReport, 'lines'>[];
  unresolved: UnresolvedItem[];
  sales: SaleRow[];
  /** More sales than the report lists (the CSV export has them all). */
  salesTruncated: boolean;
  auditHead: { seq: number; hash: string } | null;
};

const MOVEMENT: Record<string, string> = { petty_cash: 'Kas kecil', owner_withdrawal: 'Diambil pemilik', change_topup: 'Tambah kembalian' };

const STATE: Record<SaleRow['state'], string> = SALE_STATE_LABEL;
const KIND: Record<string, string> = { pln_prepaid: 'Token PLN', bill: 'Tagihan', digital: 'Digital' };
const PROVIDER: Record<string, string> = { vsi: 'VSI', sat: 'SAT', midtrans: 'Midtrans', worldline: 'Worldline', chainside: 'Chainside' };
const ACTIVITY: Record<UnresolvedItem['activity']['kind'], string> = {
  awaiting_payment: 'Menunggu pembayaran pelanggan',
  buying: 'Sedang membeli ke penyedia',
  asking_provider: 'Menanyakan status ke penyedia (ID sama)',
  needs_supervisor: 'Perlu keputusan supervisor',
  refunding: 'Dana dikembalikan lewat penyedia',
  cash_back: 'Kembalikan tunai dari laci',
  hand_back: 'Supervisor mengembalikan dana',
  excess_back: 'Kelebihan bayar dikembalikan supervisor',
};
const label = (map: Record<string, string>, key: string): string => map[key] ?? key;
const methodLabel = (m: string): string => label(METHOD_LABEL, m);

const SUMS: Column[] = [
  { title: '', width: 235 },
  { title: 'Transaksi', width: 120, align: 'right' },
  { title: 'Total', width: 160, align: 'right' },
];

export async function renderDayReportPdf(r: DayReport): Promise<{ bytes: Uint8Array; pages: number }> {
  // Loaded the first time a report is asked for: pdf-lib alone was a third of the core's start-up.
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  const title = `Laporan harian ${r.businessDate} — ${r.outlet.name}`;
  doc.setTitle(winAnsi(title));
  doc.setAuthor(winAnsi(r.printedBy));
  doc.setCreator('Loket');
  doc.setProducer('Loket (pdf-lib)');
  doc.setCreationDate(new Date(r.printedAt));
  doc.setModificationDate(new Date(r.printedAt));
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold), rgb);
  const at = (ms: number): string => formatLocalDateTime(ms, r.outlet.timeZone);
  const [y, m, d] = r.businessDate.split('-');

  w.line('LAPORAN HARIAN', { size: 16, font: w.bold, gap: 6 });
  w.line(r.outlet.name, { size: 11, font: w.bold });
  if (r.outlet.address) w.line(r.outlet.address);
  w.line(`Tanggal usaha ${d}/${m}/${y} (${r.outlet.timeZone}) · dicetak ${at(r.printedAt)} oleh ${r.printedBy}`);
  if (r.training) w.line('MODE TRAINING — BUKAN TRANSAKSI SUNGGUHAN', { font: w.bold, color: [0.7, 0.35, 0] });
  w.y -= 4;
  w.rule();

  // Every amount below is the day's entries in the books (the same figures as F3, X and Z).
  w.heading('Ringkasan');
  const t = r.totals;
  const f = t.figures;
  const minus = (n: number): string => (n === 0 ? formatRupiah(0) : `-${formatRupiah(n)}`);
  const TWO = [
    { title: '', width: 355 },
    { title: '', width: 160, align: 'right' as const },
  ];
  w.table(TWO, [
    ['Transaksi tercatat', String(t.count)],
    [`Penjualan berhasil (${f.sales.count}×)`, formatRupiah(f.sales.total)],
    [`Refund (${f.refunds.count}×)`, minus(f.refunds.total)],
    ['Penjualan bersih', formatRupiah(f.net)],
    ['Pendapatan adm loket (dari yang berhasil)', formatRupiah(f.sales.margin)],
    [`Uang dikembalikan untuk transaksi gagal (${f.returned.count}×)`, minus(f.returned.total)],
    ...(f.outside.count > 0 ? [[`Bitcoin untuk penjualan di luar Loket (${f.outside.count}×)`, formatRupiah(f.outside.total)]] : []),
    ['Gagal / dibatalkan', String(t.failed)],
    ['Belum tuntas', String(t.unfinished)],
    ['Masih harus dikembalikan ke pelanggan', formatRupiah(r.drawer.refundDue)],
  ]);

  const sums = (heading: string, rows: LedgerTotals['byProduct'], name: (k: string) => string): void => {
    w.heading(heading);
    if (rows.length === 0) return w.line('Tidak ada penjualan berhasil.');
    w.table(SUMS, rows.map((s) => [name(s.key), String(s.count), formatRupiah(s.total)]));
  };
  sums('Penjualan berhasil per produk', t.byProduct, (k) => label(KIND, k));
  sums('Per penyedia', t.byProvider, (k) => label(PROVIDER, k));
  sums('Per cara bayar', t.byMethod, methodLabel);
  if (f.refunds.count > 0) {
    w.heading('Refund per cara bayar');
    w.table(SUMS, f.refunds.byMethod.map((m) => [methodLabel(m.method), String(m.count), minus(m.total)]));
  }

  w.heading('Kas laci hari ini');
  const dr = f.drawer;
  w.table(TWO, [
    ['Modal awal (penyesuaian saat buka shift)', formatRupiah(dr.float)],
    ['Tunai dari penjualan', formatRupiah(dr.received)],
    ['Refund tunai', minus(dr.refunded)],
    ['Dikembalikan tunai (transaksi gagal)', minus(dr.returned)],
    ['Uang masuk laci', formatRupiah(dr.movementsIn)],
    ['Uang keluar laci', minus(dr.movementsOut)],
    ['Setoran deposit dari laci', minus(dr.depositTopUps)],
    ['Selisih saat tutup shift', formatRupiah(dr.variance)],
    ['Perubahan kas laci di buku', formatRupiah(dr.total)],
    ['Kas laci di buku sekarang', formatRupiah(r.drawer.cashInDrawer)],
  ]);
  for (const m of f.movements) w.line(`${MOVEMENT[m.kind]} ${formatRupiah(m.amount)} (${at(m.at).slice(11, 16)}): ${m.reason}`);

  w.section(
    'Shift dan laci',
    'Tidak ada shift hari ini.',
    [
      { title: 'Kasir', width: 70 },
      { title: 'Buka', width: 38 },
      { title: 'Tutup', width: 77 },
      { title: 'Modal', width: 62, align: 'right' },
      { title: 'Seharusnya', width: 70, align: 'right' },
      { title: 'Dihitung', width: 66, align: 'right' },
      { title: 'Selisih', width: 60, align: 'right' },
      { title: 'Alasan', width: 72 },
    ],
    r.shifts.map((s) => [
      s.cashier,
      at(s.openedAt).slice(11, 16),
      s.closedAt === null ? 'masih buka' : `${at(s.closedAt).slice(11, 16)} ${s.closedBy ?? ''}`,
      formatRupiah(s.openingFloat),
      s.expectedCash === null ? '—' : formatRupiah(s.expectedCash),
      s.countedCash === null ? '—' : formatRupiah(s.countedCash),
      s.variance === null ? '—' : formatRupiah(s.variance),
      s.varianceReason ?? '',
    ]),
  );

  w.section(
    `Belum tuntas dari hari ini (${r.unresolved.length})`,
    'Semua transaksi hari ini sudah tuntas.',
    [
      { title: 'Struk', width: 50 },
      { title: 'Produk', width: 150 },
      { title: 'Status', width: 70 },
      { title: 'Nilai', width: 75, align: 'right' },
      { title: 'Yang sedang dilakukan', width: 170 },
    ],
    r.unresolved.map((u) => [u.row.receiptNo, `${u.row.productName} ${u.row.customerNumber}`, STATE[u.row.state], formatRupiah(u.activity.amount), ACTIVITY[u.activity.kind]]),
  );

  w.section(
    `Daftar transaksi (${r.sales.length}${r.salesTruncated ? ', terpotong — lihat ekspor CSV' : ''})`,
    'Belum ada transaksi.',
    [
      { title: 'Jam', width: 34 },
      { title: 'Struk', width: 44 },
      { title: 'Produk', width: 120 },
      { title: 'Pelanggan', width: 95 },
      { title: 'Total', width: 70, align: 'right' },
      { title: 'Bayar', width: 62 },
      { title: 'Status', width: 90 },
    ],
    r.sales.map((s) => [
      at(s.createdAt).slice(11, 16),
      s.receiptNo,
      s.productName,
      s.customerNumber,
      formatRupiah(s.total),
      methodLabel(s.paymentMethod),
      // Short enough for its column: "Berhasil, dikembalikan" was cut.
      s.paymentState === 'refund_due' ? 'Harus kembali' : s.paymentState === 'refunded' ? (s.state === 'succeeded' ? 'Refund' : 'Dikembalikan') : STATE[s.state],
    ]),
  );

  const seal = r.auditHead ? `segel audit #${r.auditHead.seq} ${r.auditHead.hash.slice(0, 16)}` : 'belum ada segel audit';
  w.pages.forEach((page, i) => {
    const footer = winAnsi(`Loket · laporan harian ${r.businessDate} · ${seal} · halaman ${i + 1}/${w.pages.length}`);
    page.drawText(footer, { x: PAGE.margin, y: PAGE.margin - 14, size: 7.5, font: w.regular, color: rgb(0.45, 0.45, 0.5) });
  });
  const bytes = await doc.save({ useObjectStreams: false });
  return { bytes, pages: w.pages.length };
}
