// The posting rules, property-tested over generated sale histories: every entry balances, no
// movement is posted twice, a sale has lines exactly when money changed hands, and what the books
// say the counter holds is what it took minus what it gave back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, methodAccount, orderEntries, saleEntries, type SaleForPosting } from '../../electron/db/posting';

const METHODS = ['cash', 'qris', 'gopay', 'shopeepay', 'va_bca', 'va_bni', 'va_bri', 'va_permata', 'mandiri_bill', 'card', 'bitcoin'] as const;

/** A sale as the ledger can hold it: the state machines' reachable combinations. */
const saleArb: fc.Arbitrary<SaleForPosting> = fc
  .record({
    providerCost: fc.integer({ min: 1_000, max: 5_000_000 }),
    margin: fc.integer({ min: 0, max: 10_000 }),
    method: fc.constantFrom(...METHODS),
    provider: fc.constantFrom(['vsi', 'VSI', '1301'] as const, ['sat', 'SAT', '1302'] as const, ['digiflazz', 'Digiflazz', '1303'] as const),
    outcome: fc.constantFrom('waiting', 'never_paid', 'in_flight', 'succeeded', 'failed_due', 'failed_returned'),
    refundParts: fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 3 }),
    excess: fc.integer({ min: 0, max: 50_000 }),
    excessReturned: fc.boolean(),
  })
  .map((g) => {
    const total = g.providerCost + g.margin;
    const cash = g.method === 'cash';
    const base = { id: 'S1', provider: g.provider[0], providerName: g.provider[1], depositAccount: g.provider[2], total, providerCost: g.providerCost, margin: g.margin, method: g.method, paymentAmount: total, refunds: [] as SaleForPosting['refunds'] };
    const excess = g.method === 'bitcoin' ? g.excess : 0;
    const excessFields = { excess, excessReturned: excess > 0 && g.excessReturned };
    switch (g.outcome) {
      case 'waiting':
        return { ...base, state: cash ? 'paid' : 'awaiting_payment', paymentState: cash ? 'settled' : 'pending', excess: 0, excessReturned: false };
      case 'never_paid':
        return { ...base, state: 'cancelled', paymentState: 'expired', ...excessFields };
      case 'in_flight':
        return { ...base, state: 'pending', paymentState: 'settled', excess: 0, excessReturned: false };
      case 'succeeded': {
        // Supervisor refunds: parts of the total, never more than it.
        let left = total;
        const refunds = g.refundParts.map((p, i) => {
          const amount = Math.min(left, Math.max(1, Math.floor((total * p) / 400)));
          left -= amount;
          return { id: `R${i}`, amount, state: 'done' };
        }).filter((r) => r.amount > 0);
        const refunded = refunds.reduce((s, r) => s + r.amount, 0);
        return { ...base, state: 'succeeded', paymentState: refunded >= total ? 'refunded' : 'settled', refunds, ...excessFields };
      }
      case 'failed_due':
        return { ...base, state: 'failed', paymentState: 'refund_due', ...excessFields };
      case 'failed_returned':
        return { ...base, state: 'failed', paymentState: 'refunded', refunds: [{ id: 'R0', amount: total, state: 'done' }], ...excessFields };
    }
  });

function net(entries: ReturnType<typeof saleEntries>): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of entries) for (const l of e.lines) m.set(l.account, (m.get(l.account) ?? 0) + l.amount);
  return m;
}

describe('posting rules over generated sale histories', () => {
  it('every entry balances to zero and has no zero line; keys are unique', () => {
    fc.assert(
      fc.property(saleArb, (s) => {
        const entries = saleEntries(s);
        for (const e of entries) {
          expect(e.lines.reduce((sum, l) => sum + l.amount, 0)).toBe(0);
          expect(e.lines.every((l) => l.amount !== 0 && Number.isSafeInteger(l.amount))).toBe(true);
        }
        expect(new Set(entries.map((e) => e.key)).size).toBe(entries.length);
      }),
      { numRuns: 2_000 },
    );
  });

  it('a sale has lines exactly when money reached the counter', () => {
    fc.assert(
      fc.property(saleArb, (s) => {
        const moneyIn = ['settled', 'refund_due', 'refunded'].includes(s.paymentState) || s.excess > 0;
        expect(saleEntries(s).length > 0).toBe(moneyIn);
      }),
      { numRuns: 2_000 },
    );
  });

  it('the method’s account holds what was taken minus what went back; customer money is what is still owed', () => {
    fc.assert(
      fc.property(saleArb, (s) => {
        const n = net(saleEntries(s));
        /** What an account owes or earned (credit balance), never −0. */
        const credit = (a: string): number => 0 - (n.get(a) ?? 0);
        const received = ['settled', 'refund_due', 'refunded'].includes(s.paymentState) ? s.paymentAmount : 0;
        const refunded = s.refunds.reduce((sum, r) => sum + r.amount, 0);
        const excessHeld = s.excessReturned ? 0 : s.excess;
        expect((n.get(methodAccount(s.method)) ?? 0) + 0).toBe(received - refunded + excessHeld);
        const owed = (s.state === 'succeeded' ? 0 : received - refunded) + excessHeld;
        expect(credit(ACCOUNT.customerMoney)).toBe(owed);
        if (s.state === 'succeeded') {
          expect(credit(ACCOUNT.sales) + credit(ACCOUNT.adminIncome) + credit(ACCOUNT.refunds)).toBe(s.total - refunded);
          expect(n.get(ACCOUNT.cost) ?? 0).toBe(s.providerCost);
          expect(credit(s.depositAccount!)).toBe(s.providerCost);
        } else {
          expect(credit(ACCOUNT.sales)).toBe(0);
          expect(credit(ACCOUNT.cost)).toBe(0);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('a standalone bitcoin order is income only once paid', () => {
    expect(orderEntries({ id: 'O1', state: 'pending', amount: 10_000 })).toEqual([]);
    expect(orderEntries({ id: 'O1', state: 'paid', amount: 10_000 })[0]!.lines).toEqual([
      { account: ACCOUNT.bitcoin, amount: 10_000 },
      { account: ACCOUNT.outsideSales, amount: -10_000 },
    ]);
  });
});

describe("an entry's business day", () => {
  it('is the same day the rest of Loket computes, in each of Indonesia’s zones', async () => {
    const { entryDay } = await import('../../electron/db/queries/journal');
    const { businessDate } = await import('../../shared/domain/time');
    for (const tz of ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura']) {
      for (let at = Date.parse('2026-01-01T00:00:00Z'); at < Date.parse('2026-01-03T00:00:00Z'); at += 37 * 60_000) expect(entryDay(at, tz), `${tz} ${at}`).toBe(businessDate(at, tz));
    }
  });
});
