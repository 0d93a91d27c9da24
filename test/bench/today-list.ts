// The today-list (first page + the day's totals, exactly what the transactions screen asks for)
// on a ledger of 1,000,000 sales spread over a year, and the per-sale customer checks (an open sale
// for this number? a recent success, i.e. a possible double sale?) that run before every sale.
import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { openLedger } from '../../electron/db/connection';
import { installAuditor } from '../../electron/db/audit';
import { auditKey } from '../../electron/db/audit-digest';
import { benchVerifier, type VerifierFigures } from './audit-verify';
import { benchBackup, type BackupFigures } from './backup';
import { seedSales, type SeedSale } from '../../electron/db/queries/seed';
import { findOpenSaleForCustomer, recentSucceededSales } from '../../electron/db/queries/sales';
import { todayList } from '../../electron/services/reports/today';
import { searchLedger, searchLedgerTotals } from '../../electron/services/reports/ledger-search';
import { gatherDayReport } from '../../electron/services/reports/day-report';
import { renderDayReportPdf } from '../../electron/receipts/day-report-pdf';
import { businessDate } from '../../shared/domain/time';
import { median, timeIt } from './stats';

const DAY = 86_400_000;

export type TodayResult = {
  rows: number;
  perDay: number;
  seedSeconds: number;
  fileMb: number;
  firstMs: number;
  medianMs: Record<'all' | 'open' | 'failed' | 'page2', number>;
  /** Median of one sale's customer checks (open sale + recent successes) on the large ledger. */
  customerCheckMs: number;
  rssMb: number;
  search: { rangeMs: number; dayReportMs: number; rangeTotalsMs: number; findMs: number; tokenTailMs: number; nameMs: number; tokenTailHits: number; nameHits: number };
  /** A month's first page filtered by one method: through sales_by_method vs walking the month (the plan before it), same run. */
  byMethod: { method: string; share: number; ms: number; indexMs: number; walkMs: number }[];
  /** The day report as the owner downloads it: gathered from the ledger and rendered to PDF. */
  dayPdf: { sales: number; pages: number; gatherMs: number; renderMs: number; kb: number };
  audit: {
    bareUs: number;
    sealedUs: number;
    baselineRows: number;
    baselineSeconds: number;
    verifier: VerifierFigures;
    fileMb: number;
  };
  backup: BackupFigures;
};

const FIRST = ['SITI', 'BUDI', 'DEWI', 'AGUS', 'RINA', 'JOKO', 'WATI', 'ANDI', 'SRI', 'EKO', 'YANTI', 'HENDRA', 'NUR', 'DEDI', 'LINA'];
const LAST = ['LESTARI', 'SANTOSO', 'WIJAYA', 'PRATAMA', 'HIDAYAT', 'SUSANTI', 'KURNIAWAN', 'RAHAYU', 'SETIAWAN', 'HANDAYANI', 'SAPUTRA', 'MAULANA'];

export async function benchTodayList(rows: number, days: number): Promise<TodayResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'loket-1m-'));
  const db = openLedger(path.join(dir, 'loket.db'));
  const start = Date.parse('2025-11-23T00:30:00+07:00');
  const step = (days * DAY) / rows;
  function* generate(): Generator<SeedSale> {
    for (let i = 1; i <= rows; i++) {
      const at = Math.floor(start + i * step);
      const r = (i * 2654435761) % 1000;
      const state = r < 25 ? 'failed' : r < 27 && at > start + (days - 1) * DAY ? 'pending' : 'succeeded';
      yield {
        id: `S${String(i).padStart(12, '0')}`,
        seq: i,
        businessDate: businessDate(at),
        createdAt: at,
        state,
        customerNumber: String(10_000_000_000 + (i % 500_000)),
        denomination: [20_000, 50_000, 100_000, 200_000, 500_000][i % 5]!,
        providerAdmin: 2_500,
        token: state === 'succeeded' ? String(i).padStart(20, '0') : null,
        customerName: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
        // The journal of the last 35 days: what the day report, the range totals and X/Z read.
        booked: at > start + (days - 35) * DAY,
        // A counter's mix: mostly cash, some QRIS, a few cards, bitcoin rare.
        method: r < 900 ? 'cash' : r < 960 ? 'qris' : r < 990 ? 'card' : 'bitcoin',
      };
    }
  }
  const seedSeconds = (await timeIt(() => void seedSales(db, generate()))) / 1000;
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('optimize');
  const fileMb = statSync(path.join(dir, 'loket.db')).size / 1024 / 1024;
  const now = start + (days - 1) * DAY + 12 * 3_600_000;
  const perDay = rows / days;

  const firstMs = await timeIt(() => void todayList(db, now, 'production', 'Asia/Jakarta', { status: 'all', limit: 50 }));
  const runs = async (status: 'all' | 'open' | 'failed', beforeSeq?: number): Promise<number> => {
    const xs: number[] = [];
    for (let i = 0; i < 50; i++) xs.push(await timeIt(() => void todayList(db, now, 'production', 'Asia/Jakarta', { status, limit: 50, ...(beforeSeq ? { beforeSeq } : {}) })));
    return median(xs);
  };
  const first = todayList(db, now, 'production', 'Asia/Jakarta', { status: 'all', limit: 50 });
  const medianMs = {
    all: await runs('all'),
    open: await runs('open'),
    failed: await runs('failed'),
    page2: await runs('all', first.nextBeforeSeq ?? undefined),
  };
  const checks: number[] = [];
  for (let i = 0; i < 50; i++) {
    const n = String(10_000_000_000 + ((i * 7919) % 500_000));
    checks.push(await timeIt(() => {
      findOpenSaleForCustomer(db, [n]);
      recentSucceededSales(db, [n], now - 10 * 60_000);
    }));
  }
  const customerCheckMs = median(checks);

  // The transactions screen beyond today and the day report: the last 30 days' first page (all, and
  // only QRIS), and one day's totals per product, provider and method.
  const lastDay = businessDate(now);
  const monthAgo = businessDate(now - 29 * DAY);
  const timed = async (fn: () => void): Promise<number> => {
    const xs: number[] = [];
    for (let i = 0; i < 30; i++) xs.push(await timeIt(fn));
    return median(xs);
  };
  const rangeMs = await timed(() => void searchLedger(db, { from: monthAgo, to: lastDay, status: 'all', shiftId: null, cashier: null, productKind: null, provider: null, method: null, query: null, limit: 50 }));
  const range = { from: monthAgo, to: lastDay, shiftId: null, cashier: null, productKind: null, provider: null, query: null };
  // The plan before sales_by_method, for the side-by-side figure: the month's sales in day order, method checked per row.
  const walk = db.prepare(
    `SELECT s.id FROM sales s INDEXED BY sales_day JOIN payments p ON p.sale_id = s.id
     WHERE s.business_date BETWEEN ? AND ? AND p.method = ? AND s.state = 'succeeded' ORDER BY s.business_date DESC, s.seq DESC LIMIT 50`,
  );
  const indexed = db.prepare(
    `SELECT s.id FROM sales_by_method m JOIN sales s ON s.seq = m.seq JOIN payments p ON p.sale_id = s.id
     WHERE m.method = ? AND m.business_date BETWEEN ? AND ? AND s.state = 'succeeded' ORDER BY m.business_date DESC, m.seq DESC LIMIT 50`,
  );
  const monthCount = (db.prepare('SELECT count(*) AS n FROM sales WHERE business_date BETWEEN ? AND ?').get(monthAgo, lastDay) as { n: number }).n;
  const byMethod: TodayResult['byMethod'] = [];
  // GoPay: no sale at all in the month — the worst case for walking it.
  for (const method of ['cash', 'qris', 'card', 'bitcoin', 'gopay'] as const) {
    const n = (db.prepare('SELECT count(*) AS n FROM sales_by_method WHERE method = ? AND business_date BETWEEN ? AND ?').get(method, monthAgo, lastDay) as { n: number }).n;
    const ms = await timed(() => void searchLedger(db, { ...range, status: 'succeeded', method, limit: 50 }));
    const indexMs = await timed(() => void indexed.all(method, monthAgo, lastDay));
    const walkMs = await timed(() => void walk.all(monthAgo, lastDay, method));
    byMethod.push({ method, share: n / monthCount, ms, indexMs, walkMs });
  }
  const dayReportMs = await timed(() => void searchLedgerTotals(db, { from: lastDay, to: lastDay, status: 'all', shiftId: null, cashier: null, productKind: null, provider: null, method: null, query: null }, 'production', 'Asia/Jakarta'));
  const rangeTotalsMs = await timed(() => void searchLedgerTotals(db, { from: monthAgo, to: lastDay, status: 'all', shiftId: null, cashier: null, productKind: null, provider: null, method: null, query: null }, 'production', 'Asia/Jakarta'));
  const findMs = await timed(() => void searchLedger(db, { from: lastDay, to: lastDay, status: 'all', shiftId: null, cashier: null, productKind: null, provider: null, method: null, query: '10000123456', limit: 50 }));
  const byQuery = (query: string) => searchLedger(db, { from: lastDay, to: lastDay, status: 'all', shiftId: null, cashier: null, productKind: null, provider: null, method: null, query, limit: 50 });
  const tokenTail = String(rows - 12_345).slice(-4);
  const tokenTailMs = await timed(() => void byQuery(tokenTail));
  const nameMs = await timed(() => void byQuery('estar'));
  const tokenTailHits = byQuery(tokenTail).items.length;
  const nameHits = byQuery('estar').items.length;
  let report: ReturnType<typeof gatherDayReport> | undefined;
  const gatherMs = await timed(() => {
    report = gatherDayReport(db, { now, env: 'production', printedBy: 'Bench', outlet: { name: 'Loket Bench', address: 'Jl. Contoh 1', timeZone: 'Asia/Jakarta' }, counter: { shiftsBetween: () => [] } }, lastDay);
  });
  const renders: number[] = [];
  let pdf: Awaited<ReturnType<typeof renderDayReportPdf>> = { bytes: new Uint8Array(), pages: 0 };
  for (let i = 0; i < 5; i++) renders.push(await timeIt(async () => void (pdf = await renderDayReportPdf(report!))));
  const dayPdf = { sales: report!.sales.length, pages: pdf.pages, gatherMs, renderMs: median(renders), kb: pdf.bytes.length / 1024 };
  const rssMb = process.memoryUsage().rss / 1024 / 1024;

  // The audit on the same ledger: one write transaction without and with its seal (CPU only:
  // synchronous=OFF, so the fsync every real commit pays does not hide the difference), sealing
  // the seeded rows as a baseline, and verifying everything.
  db.pragma('synchronous = OFF');
  const touch = db.prepare("UPDATE settings SET value = ? WHERE key = 'bench'");
  db.prepare("INSERT OR REPLACE INTO settings (key, value, updated_at) VALUES ('bench', '0', 0)").run();
  const writes = 2_000;
  const bareMs = await timeIt(() => {
    for (let i = 0; i < writes; i++) db.transaction(() => touch.run(String(i)))();
  });
  const vaultKey = randomBytes(32);
  const key = auditKey(vaultKey);
  // The first start on a ledger from before the audit seals what it holds: the baseline.
  const baselineSeconds = (await timeIt(() => void installAuditor(db, key, Date.now))) / 1000;
  const baselineRows = (db.prepare('SELECT count(*) AS n FROM audit_rows').get() as { n: number }).n;
  const sealedMs = await timeIt(() => {
    for (let i = 0; i < writes; i++) db.transaction(() => touch.run(String(i)))();
  });
  db.pragma('synchronous = FULL');
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const verifier = await benchVerifier(path.join(dir, 'loket.db'), key!);
  const backup = await benchBackup(dir, vaultKey);
  return {
    rows, perDay, seedSeconds, fileMb, firstMs, medianMs, customerCheckMs, rssMb,
    search: { rangeMs, dayReportMs, rangeTotalsMs, findMs, tokenTailMs, nameMs, tokenTailHits, nameHits },
    byMethod,
    dayPdf,
    audit: {
      bareUs: (bareMs * 1000) / writes,
      sealedUs: (sealedMs * 1000) / writes,
      baselineRows,
      baselineSeconds,
      verifier,
      fileMb: statSync(path.join(dir, 'loket.db')).size / 1024 / 1024,
    },
    backup,
  };
}
