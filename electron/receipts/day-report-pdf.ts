// The day report as a PDF on A4: the owner's and the auditor's paper copy of one business day —
// the totals, every shift's drawer count, what is still unresolved, and every sale. Built with
// pdf-lib's standard fonts (no font files, no native code), so it renders the same in the Electron
// host, in web mode and in tests.
import type { PDFDocument, PDFFont, PDFPage, RGB } from 'pdf-lib';

type Rgb = (red: number, green: number, blue: number) => RGB;
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

const PAGE = { width: 595.28, height: 841.89, margin: 40 };
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

/** The standard fonts speak WinAnsi: Latin-1 plus a few typographic marks; anything else becomes '?'. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text) out += ch.codePointAt(0)! <= 0xff || WIN_ANSI_EXTRA.has(ch) ? ch : '?';
  return out.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ');
}

type Column = { title: string; width: number; align?: 'right' };

/** Writes lines top to bottom, starting a new page when one is full. */
class Writer {
  page!: PDFPage;
  y = 0;
  pages: PDFPage[] = [];
  constructor(
    private readonly doc: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
    private readonly rgb: Rgb,
  ) {
    this.newPage();
  }
  newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - PAGE.margin;
  }
  ensure(height: number): boolean {
    if (this.y - height >= PAGE.margin + 24) return false;
    this.newPage();
    return true;
  }
  fit(text: string, font: PDFFont, size: number, width: number): string {
    let t = winAnsi(text);
    if (font.widthOfTextAtSize(t, size) <= width) return t;
    while (t.length > 1 && font.widthOfTextAtSize(`${t}…`, size) > width) t = t.slice(0, -1);
    return `${t}…`;
  }
  text(text: string, x: number, opts: { size?: number; font?: PDFFont; width?: number; align?: 'right'; color?: [number, number, number] } = {}): void {
    const size = opts.size ?? 9;
    const font = opts.font ?? this.regular;
    const t = opts.width ? this.fit(text, font, size, opts.width) : winAnsi(text);
    const dx = opts.align === 'right' && opts.width ? opts.width - font.widthOfTextAtSize(t, size) : 0;
    this.page.drawText(t, { x: x + dx, y: this.y, size, font, color: this.rgb(...(opts.color ?? [0.1, 0.1, 0.12])) });
  }
  line(text: string, opts: { size?: number; font?: PDFFont; gap?: number; color?: [number, number, number] } = {}): void {
    const size = opts.size ?? 9;
    this.ensure(size + 4);
    this.text(text, PAGE.margin, { ...opts, size, width: PAGE.width - 2 * PAGE.margin });
    this.y -= size + (opts.gap ?? 4);
  }
  rule(): void {
    this.page.drawLine({ start: { x: PAGE.margin, y: this.y + 3 }, end: { x: PAGE.width - PAGE.margin, y: this.y + 3 }, thickness: 0.5, color: this.rgb(0.6, 0.6, 0.65) });
    this.y -= 4;
  }
  heading(text: string): void {
    this.ensure(40);
    this.y -= 8;
    this.line(text, { size: 12, font: this.bold, gap: 6 });
  }
  table(columns: Column[], rows: string[][]): void {
    const header = (): void => {
      let x = PAGE.margin;
      for (const c of columns) {
        this.text(c.title, x, { font: this.bold, size: 8.5, width: c.width - 4, ...(c.align ? { align: c.align } : {}), color: [0.35, 0.35, 0.4] });
        x += c.width;
      }
      // The rule sits just under the titles and clear of the first row's capitals.
      this.y -= 8;
      this.rule();
      this.y -= 6;
    };
    // A key/value table has no titles: no header row, on any page.
    const titled = columns.some((c) => c.title !== '');
    this.ensure(30);
    if (titled) header();
    for (const row of rows) {
      if (this.ensure(13) && titled) header();
      let x = PAGE.margin;
      columns.forEach((c, i) => {
        this.text(row[i] ?? '', x, { size: 8.5, width: c.width - 4, ...(c.align ? { align: c.align } : {}) });
        x += c.width;
      });
      this.y -= 12;
    }
  }
}

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

  w.heading('Shift dan laci');
  if (r.shifts.length === 0) w.line('Tidak ada shift hari ini.');
  else
    w.table(
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

  w.heading(`Belum tuntas dari hari ini (${r.unresolved.length})`);
  if (r.unresolved.length === 0) w.line('Semua transaksi hari ini sudah tuntas.');
  else
    w.table(
      [
        { title: 'Struk', width: 50 },
        { title: 'Produk', width: 150 },
        { title: 'Status', width: 70 },
        { title: 'Nilai', width: 75, align: 'right' },
        { title: 'Yang sedang dilakukan', width: 170 },
      ],
      r.unresolved.map((u) => [u.row.receiptNo, `${u.row.productName} ${u.row.customerNumber}`, STATE[u.row.state], formatRupiah(u.activity.amount), ACTIVITY[u.activity.kind]]),
    );

  w.heading(`Daftar transaksi (${r.sales.length}${r.salesTruncated ? ', terpotong — lihat ekspor CSV' : ''})`);
  if (r.sales.length === 0) w.line('Belum ada transaksi.');
  else
    w.table(
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
