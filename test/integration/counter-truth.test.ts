// The day's figures are the books: a shift with a float, cash and QRIS sales, a QRIS refund and a
// cash refund, a failed cash sale handed back, petty cash and change brought in, and a short
// drawer — and every figure on the X and Z reports, the transactions screen, the day PDF and the
// trial balance agrees to the rupiah; the drawer in the books at the close is the counted cash.
import { describe, expect, it } from 'vitest';
import type { SaleView } from '../../shared/contract';
import { businessDate } from '../../shared/domain/time';
import { formatRupiah } from '../../shared/domain/money';
import { drawerBalance, journalProblems, trialBalance } from '../../electron/db/queries/journal';
import { pdfText } from '../support/pdf-text';
import { isFinal, requestId, startCore, waitFor, type Core } from './harness';

async function sell(c: Core, number: string, payment: 'cash' | 'qris', tendered?: number): Promise<SaleView> {
  const inq = await c.call('pln.inquire', { customerNumber: number });
  const total = inq.options.find((o) => o.denomination === 20_000)!.amounts.total;
  const s = await c.call('sale.startPlnToken', {
    clientRequestId: requestId(),
    inquiryId: inq.inquiryId,
    denomination: 20_000,
    payment: payment === 'cash' ? { method: 'cash', tendered: tendered ?? total } : { method: 'qris' },
  });
  if (payment === 'qris') await c.call('payment.simulate', { saleId: s.id, outcome: 'pay' });
  return waitFor(() => c.call('sale.get', { saleId: s.id }), isFinal);
}

describe('the day is the books', () => {
  it('refunds, float, cash in/out and a short drawer: X, Z, F3, the PDF and the trial balance agree, and the books hold the counted drawer', async () => {
    const c = await startCore({}, { signedIn: false });
    try {
      await c.call('counter.setupOwner', { name: 'Pemilik', pin: '1234' });
      await c.call('shift.open', { openingFloat: 500_000 });
      const cash1 = await sell(c, '14233784991', 'cash', 50_000);
      const cash2 = await sell(c, '12345678901', 'cash');
      const qris = await sell(c, '14233784992', 'qris');
      const failed = await sell(c, '99000000046', 'cash', 30_000);
      expect([cash1.state, cash2.state, qris.state, failed.state]).toEqual(['succeeded', 'succeeded', 'succeeded', 'failed']);
      // The failed sale hands back what was tendered (Rp 30.000), recorded with R.
      await c.call('sale.confirmCashReturned', { saleId: failed.id });
      await c.call('payment.refund', { saleId: qris.id, amount: qris.amounts.total, reason: 'salah meter' });
      await c.call('payment.refund', { saleId: cash2.id, amount: 1_000, reason: 'salah nominal' });
      await c.call('shift.moveCash', { kind: 'petty_cash', amount: 15_000, reason: 'beli kertas struk' });
      await c.call('shift.moveCash', { kind: 'change_topup', amount: 100_000, reason: 'tukar uang kecil' });

      const x = await c.call('shift.report', {});
      const f = x.figures;
      const sold = cash1.amounts.total + cash2.amounts.total + qris.amounts.total;
      expect(f.sales).toMatchObject({ count: 3, total: sold });
      expect(f.refunds).toMatchObject({ count: 2, total: qris.amounts.total + 1_000 });
      expect(f.refunds.byMethod).toEqual(expect.arrayContaining([{ method: 'qris', count: 1, total: qris.amounts.total }, { method: 'cash', count: 1, total: 1_000 }]));
      expect(f.net).toBe(sold - qris.amounts.total - 1_000);
      expect(f.returned).toMatchObject({ count: 1, total: failed.amounts.total });
      const expected = 500_000 + cash1.amounts.total + cash2.amounts.total + failed.amounts.total - failed.amounts.total - 1_000 - 15_000 + 100_000;
      expect(x.expectedCash).toBe(expected);
      expect(drawerBalance(c.loket.db, 'training')).toBe(expected);
      const text = x.lines.map((l) => l.text).join('\n');
      expect(text).toContain('MODE TRAINING');
      expect(text).toMatch(/Refund \(2\)\s+-Rp/);
      expect(text).toContain('Kas kecil Rp 15.000: beli kertas');

      // A petty-cash withdrawal larger than the drawer is refused with the drawer's figure.
      expect((await c.fail('shift.moveCash', { kind: 'owner_withdrawal', amount: expected + 1, reason: 'ambil semua' })).message).toContain(formatRupiah(expected));

      const counted = expected - 1_000;
      const z = await c.call('shift.close', { counted, denominations: null, reason: 'kurang seribu' });
      expect(z).toMatchObject({ kind: 'Z', expectedCash: expected, countedCash: counted, variance: -1_000 });
      expect(z.figures.drawer.variance).toBe(-1_000);
      // The books now hold what was counted.
      expect(drawerBalance(c.loket.db, 'training')).toBe(counted);

      // F3's totals for today: the same figures (one shift, all of today's entries).
      const today = await c.call('ledger.today', { status: 'all', limit: 50 });
      expect(today.totals.figures.sales).toEqual(z.figures.sales);
      expect(today.totals.figures.refunds).toEqual(z.figures.refunds);
      expect(today.totals.figures.drawer.total).toBe(z.figures.drawer.total);
      expect(today.totals).toMatchObject({ succeededCount: 3, succeededTotal: sold, cashInDrawer: counted });
      const date = businessDate(Date.now(), 'Asia/Jakarta');
      const range = await c.call('ledger.searchTotals', { from: date, to: date, status: 'all', shiftId: null, cashier: null, productKind: null, provider: null, method: null, query: null });
      expect(range.figures).toEqual(today.totals.figures);

      // The day PDF prints the same numbers.
      const pdf = pdfText(Buffer.from((await c.call('report.dayPdf', { date })).base64, 'base64'));
      expect(pdf).toContain(formatRupiah(f.net));
      expect(pdf).toContain(`-${formatRupiah(f.refunds.total)}`);
      expect(pdf.join('\n')).toContain('Refund (2×)');
      expect(pdf).toContain(formatRupiah(counted));

      // And the books balance: every entry sums to zero, and so do all the accounts.
      expect(journalProblems(c.loket.db)).toEqual([]);
      expect(trialBalance(c.loket.db, 'training').reduce((s, a) => s + a.balance, 0)).toBe(0);
      const books = await c.call('books.get', {});
      expect(books.accounts.find((a) => a.code === '1101')!.balance).toBe(counted);
      expect(books.accounts.find((a) => a.code === '6101')!.balance).toBe(1_000);
      expect(books.accounts.find((a) => a.code === '3101')!.balance).toBe(-600_000);

      // The next shift opens with a float of Rp 200.000: the books follow the drawer.
      await c.call('shift.open', { openingFloat: 200_000 });
      expect(drawerBalance(c.loket.db, 'training')).toBe(200_000);
    } finally {
      await c.stop();
    }
  });
});

describe("the counter's money edges", () => {
  it('the same meter and amount twice within minutes: one purchase, and a second only when confirmed — also from two tabs at once', async () => {
    const c = await startCore();
    try {
      const tabA = c.session('tab-a');
      const tabB = c.session('tab-b');
      for (const tab of [tabA, tabB]) await tab.call('counter.signIn', { name: 'Pemilik', pin: '1234' });
      const inquire = async (tab: typeof tabA) => {
        const inq = await tab.call('pln.inquire', { customerNumber: '14233784995' });
        return { inquiryId: inq.inquiryId, total: inq.options.find((o) => o.denomination === 20_000)!.amounts.total };
      };
      const buy = (tab: typeof tabA, q: { inquiryId: string; total: number }, confirmRepeat = false) =>
        tab.call('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: q.inquiryId, denomination: 20_000, confirmRepeat, payment: { method: 'cash', tendered: q.total } }).then(
          (s) => ({ ok: true as const, s }),
          (e: Error) => ({ ok: false as const, e: e.message }),
        );
      const start = async (tab: typeof tabA, confirmRepeat = false) => buy(tab, await inquire(tab), confirmRepeat);
      // Two tabs, each with the customer on screen, press Enter at the same moment.
      const [qa, qb] = await Promise.all([inquire(tabA), inquire(tabB)]);
      const [a, b] = await Promise.all([buy(tabA, qa), buy(tabB, qb)]);
      expect([a, b].filter((r) => r.ok)).toHaveLength(1);
      expect([a, b].find((r) => !r.ok)!.e).toMatch(/meter_has_pending_sale|repeat_unconfirmed/);
      const first = ([a, b].find((r) => r.ok) as { s: SaleView }).s;
      await waitFor(() => c.call('sale.get', { saleId: first.id }), isFinal);
      // Minutes later, the same again: refused until the cashier confirms, with the first receipt named.
      const again = await start(tabB);
      expect(again.ok).toBe(false);
      expect((again as { e: string }).e).toContain('repeat_unconfirmed');
      expect((again as { e: string }).e).toContain(first.receiptNo);
      const confirmed = await start(tabB, true);
      expect(confirmed.ok).toBe(true);
      const sold = (await c.call('ledger.today', { status: 'all', limit: 50 })).items.filter((r) => r.customerNumber === '14233784995');
      expect(sold).toHaveLength(2);
    } finally {
      await c.stop();
    }
  });

  it('cash received is bounded; a failed cash sale hands back all that was tendered', async () => {
    const c = await startCore();
    try {
      const inq = await c.call('pln.inquire', { customerNumber: '14233784991' });
      const total = inq.options.find((o) => o.denomination === 20_000)!.amounts.total;
      const big = await c.fail('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'cash', tendered: 999_999_999_999 } });
      expect(big).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('terlalu besar') });
      // Up to Rp 10.000.000 over the total is still a payment (a big note for a small token).
      const ok = await c.call('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'cash', tendered: total + 10_000_000 } });
      await waitFor(() => c.call('sale.get', { saleId: ok.id }), isFinal);
      expect((await c.call('ledger.today', { status: 'all', limit: 5 })).items).toHaveLength(1);

      const failed = await sell(c, '99000000046', 'cash', 50_000);
      expect(failed.state).toBe('failed');
      expect(failed.payment).toMatchObject({ state: 'refund_due', refundBy: 'cash', tendered: 50_000, amount: failed.amounts.total });
      const slip = (await c.call('receipt.get', { saleId: failed.id })).lines.map((l) => l.text).join('\n');
      expect(slip).toMatch(/Uang diterima\s+Rp 50\.000/);
      expect(slip).toMatch(/Dikembalikan\s+Rp 50\.000/);
      // R records it — only at the counter in an open shift.
      await c.call('sale.confirmCashReturned', { saleId: failed.id });
      expect((await c.call('sale.get', { saleId: failed.id })).payment.state).toBe('refunded');
    } finally {
      await c.stop();
    }
  });
});

describe('a sale the provider never finds', () => {
  it('once the provider says "not found", a supervisor may declare it failed at once — Loket asks once more first', async () => {
    const c = await startCore();
    try {
      const inq = await c.call('pln.inquire', { customerNumber: '99000000032' });
      const total = inq.options.find((o) => o.denomination === 20_000)!.amounts.total;
      const s = await c.call('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'cash', tendered: total } });
      const pending = await waitFor(() => c.call('sale.get', { saleId: s.id }), (x) => x.state === 'pending' && (x.pending?.notFoundCount ?? 0) > 0, 20_000);
      const asked = pending.pending!.attempts;
      const declared = await c.call('sale.declareFailed', { saleId: s.id });
      expect(declared.state).toBe('failed');
      expect(declared.pending).toBeNull();
      expect(declared.payment).toMatchObject({ state: 'refund_due', refundBy: 'cash' });
      // It asked the provider once more before deciding.
      const attempts = (c.loket.db.prepare('SELECT advice_attempts FROM sales WHERE id = ?').get(s.id) as { advice_attempts: number }).advice_attempts;
      expect(attempts).toBeGreaterThan(asked);
    } finally {
      await c.stop();
    }
  });
});
