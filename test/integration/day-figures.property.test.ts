// Property: whatever a day at the counter holds — cash and QRIS sales, failures handed back,
// pending sales that resolve later, refunds full and partial, cash in and out, floats, several
// shifts closed short, over or exact — every shift's Z, the transactions screen's totals, the day
// PDF's numbers (read back from the PDF) and the trial balance agree to the rupiah, and the
// drawer in the books at each close is the cash counted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BookFigures, SaleView, ShiftReport } from '../../shared/contract';
import { businessDate } from '../../shared/domain/time';
import { formatRupiah } from '../../shared/domain/money';
import { drawerBalance, journalProblems, trialBalance } from '../../electron/db/queries/journal';
import { pdfText } from '../support/pdf-text';
import { isFinal, requestId, startCore, waitFor, type Core } from './harness';

type Op =
  | { kind: 'sell'; method: 'cash' | 'qris'; outcome: 'ok' | 'fail' | 'pending'; extra: number }
  | { kind: 'refund'; pick: number; part: number }
  | { kind: 'move'; move: 'petty_cash' | 'owner_withdrawal' | 'change_topup'; amount: number }
  | { kind: 'close'; delta: number; float: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('sell' as const), method: fc.constantFrom('cash' as const, 'qris' as const), outcome: fc.constantFrom('ok' as const, 'ok' as const, 'fail' as const, 'pending' as const), extra: fc.constantFrom(0, 2_000, 27_000) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), pick: fc.nat(), part: fc.constantFrom(1, 0.5, 0.1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('move' as const), move: fc.constantFrom('petty_cash' as const, 'owner_withdrawal' as const, 'change_topup' as const), amount: fc.constantFrom(5_000, 12_500, 50_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), delta: fc.constantFrom(0, -2_000, 500), float: fc.constantFrom(0, 100_000, 300_000) }) },
);

const NUMBER = { ok: ['14233784991', '12345678901', '14233784992'], fail: ['99000000046'], pending: ['99000000052'] };

async function sell(c: Core, o: Extract<Op, { kind: 'sell' }>, i: number): Promise<SaleView> {
  const pool = NUMBER[o.outcome];
  const inq = await c.call('pln.inquire', { customerNumber: pool[i % pool.length]! });
  const total = inq.options.find((x) => x.denomination === 20_000)!.amounts.total;
  const s = await c.call('sale.startPlnToken', {
    clientRequestId: requestId(),
    inquiryId: inq.inquiryId,
    denomination: 20_000,
    // The same meter and amount twice in a day is confirmed, as a cashier does after the warning.
    confirmRepeat: true,
    payment: o.method === 'cash' ? { method: 'cash', tendered: total + o.extra } : { method: 'qris' },
  });
  if (o.method === 'qris') await c.call('payment.simulate', { saleId: s.id, outcome: 'pay' });
  return waitFor(() => c.call('sale.get', { saleId: s.id }), isFinal, 20_000);
}

type Sum = { count: number; total: number };
const plus = (a: Sum, b: Sum): Sum => ({ count: a.count + b.count, total: a.total + b.total });

/** Money figures summed over shifts, to compare with the day's. */
function add(a: BookFigures, b: BookFigures): { sales: Sum; refunds: Sum; returned: Sum; drawer: number; net: number } {
  return { sales: plus(a.sales, b.sales), refunds: plus(a.refunds, b.refunds), returned: plus(a.returned, b.returned), drawer: a.drawer.total + b.drawer.total, net: a.net + b.net };
}

async function runDay(ops: Op[]): Promise<void> {
  const c = await startCore({}, { signedIn: false });
  try {
    await c.call('counter.setupOwner', { name: 'Pemilik', pin: '1234' });
    const firstDay = businessDate(Date.now(), 'Asia/Jakarta');
    const zs: ShiftReport[] = [];
    const sold: SaleView[] = [];
    let open = false;
    let float = 250_000;
    const close = async (delta: number): Promise<void> => {
      // Every pending sale resolves inside the shift, so the shift's entries are the day's.
      for (const s of sold) if (!isFinal(s)) Object.assign(s, await waitFor(() => c.call('sale.get', { saleId: s.id }), isFinal, 20_000));
      const x = await c.call('shift.report', {});
      const counted = Math.max(0, x.expectedCash! + delta);
      zs.push(await c.call('shift.close', { counted, denominations: null, reason: counted === x.expectedCash ? null : 'selisih uji' }));
      expect(drawerBalance(c.loket.db, 'training')).toBe(counted);
      open = false;
    };
    for (const [i, o] of ops.entries()) {
      if (!open) {
        await c.call('shift.open', { openingFloat: float });
        open = true;
      }
      if (o.kind === 'sell') {
        const s = await sell(c, o, i);
        if (s.state === 'failed' && s.payment.method === 'cash') await c.call('sale.confirmCashReturned', { saleId: s.id });
        sold.push(s);
      } else if (o.kind === 'refund') {
        const done = [];
        for (const s of sold) {
          const now = await c.call('sale.get', { saleId: s.id });
          if (now.state === 'succeeded' && now.payment.state === 'settled') done.push(now);
        }
        if (done.length === 0) continue;
        const s = done[o.pick % done.length]!;
        const left = s.payment.amount - s.payment.refunds.filter((r) => r.state === 'done').reduce((n, r) => n + r.amount, 0);
        if (left <= 0) continue;
        await c.call('payment.refund', { saleId: s.id, amount: Math.max(1, Math.ceil(left * o.part)), reason: 'uji refund' });
      } else if (o.kind === 'move') {
        const r = await c.call('shift.report', {});
        if (o.move !== 'change_topup' && o.amount > r.expectedCash!) continue;
        await c.call('shift.moveCash', { kind: o.move, amount: o.amount, reason: 'uji kas' });
      } else {
        float = o.float;
        await close(o.delta);
      }
    }
    if (open) await close(0);

    // Each Z: the drawer's movements add up to what was counted, from what the last close left.
    let before = 0;
    for (const z of zs) {
      expect(before + z.figures.drawer.total).toBe(z.countedCash);
      expect(z.expectedCash! + z.variance!).toBe(z.countedCash);
      expect(z.figures.net).toBe(z.figures.sales.total - z.figures.refunds.total);
      before = z.countedCash!;
    }
    // The shifts together are the day(s): the transactions screen's range totals say the same.
    const lastDay = businessDate(Date.now(), 'Asia/Jakarta');
    const range = await c.call('ledger.searchTotals', { from: firstDay, to: lastDay, status: 'all', shiftId: null, cashier: null, productKind: null, provider: null, method: null, query: null });
    const shifts = zs.map((z) => z.figures).reduce((a, b) => ({ ...a, ...add(a, b), drawer: { ...a.drawer, total: a.drawer.total + b.drawer.total } }) as BookFigures);
    expect({ sales: range.figures.sales.total, refunds: range.figures.refunds.total, returned: range.figures.returned.total, net: range.figures.net, drawer: range.figures.drawer.total }).toEqual({
      sales: shifts.sales.total,
      refunds: shifts.refunds.total,
      returned: shifts.returned.total,
      net: shifts.net,
      drawer: shifts.drawer.total,
    });
    expect(range.succeeded).toMatchObject({ count: shifts.sales.count, total: shifts.sales.total });
    // The day PDF prints the same net and refunds (read back from the PDF itself).
    const days = firstDay === lastDay ? [firstDay] : [firstDay, lastDay];
    let pdfNet = 0;
    for (const d of days) {
      const text = pdfText(Buffer.from((await c.call('report.dayPdf', { date: d })).base64, 'base64'));
      const after = (label: string): string => text[text.findIndex((t) => t === label) + 1]!;
      pdfNet += Number(after('Penjualan bersih').replace(/[^\d-]/g, ''));
      const refundLabel = text.find((t) => t.startsWith('Refund ('))!;
      if (days.length === 1) expect(after(refundLabel)).toBe(range.figures.refunds.total === 0 ? formatRupiah(0) : `-${formatRupiah(range.figures.refunds.total)}`);
    }
    expect(pdfNet).toBe(range.figures.net);
    // The books balance, and the drawer account is the last count.
    expect(journalProblems(c.loket.db)).toEqual([]);
    expect(trialBalance(c.loket.db, 'training').reduce((s, a) => s + a.balance, 0)).toBe(0);
    expect(drawerBalance(c.loket.db, 'training')).toBe(zs.at(-1)!.countedCash);
  } finally {
    await c.stop();
  }
}

describe('a day at the counter, generated', () => {
  it('every report agrees with the books, and the drawer at every close is the cash counted', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 6, maxLength: 16 }), runDay), { numRuns: 6 });
  }, 240_000);
});
