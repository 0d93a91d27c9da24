// Loket Pusat's day report as a PDF on A4 (issue 18): one business day across every outlet — the
// sales per outlet and counter, what the hub noticed about counters' histories, the sales still
// open anywhere, every shift close, the deposits against the providers' readings, and the books of
// all outlets together — each figure from what the counters replicated (their journals and sales).
import type { HubBooks, HubFlags, HubShifts, HubSummary, HubUnresolved } from '../../shared/hub-contract';
import { formatRupiah } from '../../shared/domain/money';
import { formatLocalDateTime } from '../../shared/domain/time';
import { PAGE, Writer, winAnsi } from '../receipts/pdf-writer';
import { METHOD_LABEL } from '../receipts/layout';

export type HubDayReport = {
  date: string;
  printedAt: number;
  summary: HubSummary;
  flags: HubFlags['flags'];
  unresolved: HubUnresolved['sales'];
  shifts: HubShifts['closes'];
  books: HubBooks;
};

const ZONE = 'Asia/Jakarta';
const METHOD: Record<string, string> = METHOD_LABEL;
const STATE: Record<string, string> = {
  awaiting_payment: 'Menunggu bayar',
  paid: 'Dibayar, belum dikirim',
  sending: 'Dikirim ke penyedia',
  pending: 'Ditanyakan ke penyedia',
  review: 'Perlu supervisor',
};
const FLAG: Record<string, string> = {
  changed_after_replication: 'diubah setelah dikirim',
  audit_chain_broken: 'rantai audit putus',
  audit_hash_wrong: 'entri audit tidak cocok dengan segelnya',
  audit_head_differs: 'rantai audit berbeda dari yang diterima',
};

/** The row a flag names, in words: a sale by receipt number, a journal entry by number and memo. */
function record(f: HubFlags['flags'][number]): string {
  if (f.stream === 'sales') return `Penjualan ${f.label ?? f.key}`;
  if (f.stream === 'journal') return `Jurnal #${f.key}${f.label ? ` (${f.label})` : ''}`;
  if (f.stream === 'audit') return `Audit #${f.key}`;
  return `${f.stream} ${f.key}`;
}

export async function renderHubDayReportPdf(r: HubDayReport): Promise<{ bytes: Uint8Array; pages: number }> {
  const { PDFDocument, StandardFonts, rgb } = await import('pdf-lib');
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsi(`Laporan harian semua outlet ${r.date}`));
  doc.setCreator('Loket Pusat');
  doc.setProducer('Loket Pusat (pdf-lib)');
  doc.setCreationDate(new Date(r.printedAt));
  doc.setModificationDate(new Date(r.printedAt));
  const w = new Writer(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold), rgb);
  const at = (ms: number): string => formatLocalDateTime(ms, ZONE);
  const [y, m, d] = r.date.split('-');

  w.line('LAPORAN HARIAN SEMUA OUTLET', { size: 16, font: w.bold, gap: 6 });
  w.line(`Loket Pusat · tanggal usaha ${d}/${m}/${y} (hari tiap outlet di zonanya) · dicetak ${at(r.printedAt)}`);
  if (r.books.env === 'training') w.line('BUKU MODE LATIHAN — BUKAN TRANSAKSI SUNGGUHAN', { font: w.bold, color: [0.7, 0.35, 0] });
  w.y -= 4;
  w.rule();

  w.heading('Penjualan berhasil per outlet dan loket');
  if (r.summary.env === 'training') w.line('Angka mode latihan: belum ada loket yang berjualan sungguhan.');
  const all = r.summary.outlets.reduce((s, o) => ({ sales: s.sales + o.sales, total: s.total + o.total, admin: s.admin + o.admin, refunds: s.refunds + o.refunds }), { sales: 0, total: 0, admin: 0, refunds: 0 });
  const pending = (c: HubSummary['outlets'][number]['counters'][number]): string =>
    c.lastContactAt === null ? '   belum pernah' : `   ${at(c.lastContactAt).slice(0, 16)}${c.backlog.rows > 0 ? ` (${c.backlog.rows} tertunda)` : ''}`;
  w.table(
    [
      { title: 'Outlet / loket', width: 130 },
      { title: 'Transaksi', width: 50, align: 'right' },
      { title: 'Total', width: 80, align: 'right' },
      { title: 'Admin', width: 70, align: 'right' },
      { title: 'Refund', width: 70, align: 'right' },
      { title: '   Terakhir terhubung', width: 115 },
    ],
    [
      ...r.summary.outlets.flatMap((o) => [
        [o.name, String(o.sales), formatRupiah(o.total), formatRupiah(o.admin), formatRupiah(o.refunds), ''],
        ...o.counters.map((c) => [`   ${c.name}`, String(c.sales), formatRupiah(c.total), formatRupiah(c.admin), formatRupiah(c.refunds), pending(c)]),
      ]),
      ['Semua outlet', String(all.sales), formatRupiah(all.total), formatRupiah(all.admin), formatRupiah(all.refunds), ''],
    ],
  );
  w.heading('Per cara bayar');
  const methods = r.summary.outlets.flatMap((o) => o.byMethod.map((m) => [o.name, METHOD[m.method] ?? m.method, String(m.sales), formatRupiah(m.total)]));
  if (methods.length === 0) w.line('Tidak ada penjualan berhasil.');
  else
    w.table(
      [
        { title: 'Outlet', width: 200 },
        { title: 'Cara bayar', width: 135 },
        { title: 'Transaksi', width: 70, align: 'right' },
        { title: 'Total', width: 110, align: 'right' },
      ],
      methods,
    );

  w.section(
    `Peringatan riwayat loket (${r.flags.length})`,
    'Riwayat semua loket cocok dengan yang diterima Pusat.',
    [
      { title: 'Waktu', width: 80 },
      { title: 'Outlet / loket', width: 140 },
      { title: 'Catatan', width: 135 },
      { title: 'Masalah', width: 160 },
    ],
    r.flags.map((f) => [at(f.at).slice(0, 16), `${f.outlet} · ${f.counter}`, record(f), FLAG[f.problem] ?? f.problem]),
  );

  w.section(
    `Belum selesai di semua loket (${r.unresolved.length})`,
    'Semua penjualan di semua loket sudah selesai.',
    [
      { title: 'Sejak', width: 75 },
      { title: 'Outlet / loket', width: 120 },
      { title: 'Struk', width: 45 },
      { title: 'Produk', width: 115 },
      { title: 'Nilai', width: 70, align: 'right' },
      { title: 'Status', width: 90 },
    ],
    r.unresolved.map((s) => [at(s.createdAt).slice(0, 16), `${s.outlet} · ${s.counter}`, s.receiptNo, s.productName, formatRupiah(s.total), STATE[s.state] ?? s.state]),
  );

  w.section(
    `Tutup shift (${r.shifts.length})`,
    'Tidak ada shift yang ditutup hari itu.',
    [
      { title: 'Jam', width: 35 },
      { title: 'Outlet / loket / kasir', width: 125 },
      { title: 'Seharusnya', width: 60, align: 'right' },
      { title: 'Dihitung', width: 60, align: 'right' },
      { title: 'Selisih', width: 60, align: 'right' },
      { title: '  Alasan', width: 175 },
    ],
    r.shifts.map((c) => [at(c.closedAt).slice(11, 16), `${c.outlet} · ${c.counter} · ${c.cashier}`, formatRupiah(c.expectedCash), formatRupiah(c.countedCash), c.variance === 0 ? 'pas' : formatRupiah(c.variance), `  ${c.reason ?? ''}`]),
  );

  w.section(
    'Deposit penyedia',
    'Belum ada deposit penyedia tercatat.',
    [
      { title: 'Outlet / loket', width: 130 },
      { title: 'Akun', width: 85 },
      { title: 'Mutasi hari itu', width: 75, align: 'right' },
      { title: 'Saldo buku', width: 75, align: 'right' },
      { title: 'Laporan penyedia', width: 80, align: 'right' },
      { title: 'Selisih', width: 70, align: 'right' },
    ],
    r.books.deposits.map((x) => [
      `${x.outlet} · ${x.counter}`,
      x.name,
      formatRupiah(x.movedToday),
      formatRupiah(x.balance),
      x.reported === null ? 'belum ada' : formatRupiah(x.reported),
      x.drift === null ? '' : x.drift === 0 ? 'pas' : formatRupiah(x.drift),
    ]),
  );

  w.heading('Neraca saldo semua outlet (per akhir hari)');
  if (r.books.total.length === 0) w.line('Belum ada jurnal dari loket mana pun.');
  else {
    const money = (n: number): string => (n === 0 ? '' : formatRupiah(n));
    w.table(
      [
        { title: 'Akun', width: 215 },
        { title: 'Debit hari itu', width: 75, align: 'right' },
        { title: 'Kredit hari itu', width: 75, align: 'right' },
        { title: 'Saldo debit', width: 75, align: 'right' },
        { title: 'Saldo kredit', width: 75, align: 'right' },
      ],
      r.books.total.map((a) => [`${a.account} ${a.name}`, money(a.debit), money(a.credit), money(Math.max(a.balance, 0)), money(Math.max(-a.balance, 0))]),
    );
    const unbalanced = r.books.outlets.filter((o) => !o.balanced).map((o) => o.name);
    w.line(unbalanced.length === 0 ? 'Buku setiap outlet seimbang.' : `TIDAK SEIMBANG: ${unbalanced.join(', ')}`, { font: w.bold, ...(unbalanced.length ? { color: [0.75, 0.1, 0.1] as [number, number, number] } : {}) });
  }

  w.pages.forEach((page, i) => {
    const footer = winAnsi(`Loket Pusat · laporan harian ${r.date} · halaman ${i + 1}/${w.pages.length}`);
    page.drawText(footer, { x: PAGE.margin, y: PAGE.margin - 14, size: 7.5, font: w.regular, color: rgb(0.45, 0.45, 0.5) });
  });
  const bytes = await doc.save({ useObjectStreams: false });
  return { bytes, pages: w.pages.length };
}
