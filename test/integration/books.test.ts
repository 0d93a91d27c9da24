// The books over real sales through the core: every movement posted once and balanced, the
// account balances equal to their lines, the drawer equal to the cash kept, nothing owed once
// everything was handed back — and a ledger from before the books is posted as it stands.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { journalProblems, trialBalance } from '../../electron/db/queries/journal';
import type { SaleView } from '../../shared/contract';
import type { PaymentChoice } from '../../shared/payment';
import { requestId, startCore, tempDir, waitFor, type Core } from './harness';

let core: Core;
const until = (saleId: string, done: (s: SaleView) => boolean) => waitFor(() => core.call('sale.get', { saleId }), done, 15_000);
const balance = (code: string): number => trialBalance(core.loket.db, 'training').find((a) => a.code === code)!.balance;
/** An income or liability account's balance as a positive figure. */
const credit = (code: string): number => 0 - balance(code);

async function token(number: string, payment: PaymentChoice, denomination = 50_000): Promise<SaleView> {
  const inq = await core.call('pln.inquire', { customerNumber: number });
  return core.call('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: inq.inquiryId, denomination, payment });
}

beforeAll(async () => {
  core = await startCore();
  // The counter's admin fee makes the margin (4102) something to check.
  await core.call('settings.saveOutlet', { name: 'Loket Buku', address: '', cashierName: 'Sari', counterFee: 2_500, timeZone: 'Asia/Jakarta' });
});
afterAll(async () => {
  await core.stop();
});

describe('the journal', () => {
  it('posts each movement once, balanced, and the balances say what the counter holds and owes', async () => {
    const cash = await token('14233784991', { method: 'cash', tendered: 100_000 });
    const sold = await until(cash.id, (s) => s.state === 'succeeded');
    const failed = await token('99000000046', { method: 'cash', tendered: 60_000 });
    await until(failed.id, (s) => s.state === 'failed');
    expect(balance('2101')).toBe(-failed.amounts.total);
    await core.call('sale.confirmCashReturned', { saleId: failed.id });

    const qris = await token('12345678901', { method: 'qris' });
    await core.call('payment.simulate', { saleId: qris.id, outcome: 'pay' });
    await until(qris.id, (s) => s.state === 'succeeded');
    await core.call('payment.refund', { saleId: qris.id, amount: 2_500, reason: 'admin dikembalikan' });

    const btc = await token('885555555555', { method: 'bitcoin' }, 20_000);
    await core.call('payment.simulate', { saleId: btc.id, outcome: 'pay_over' });
    await core.call('payment.simulate', { saleId: btc.id, outcome: 'confirm' });
    const over = await until(btc.id, (s) => s.state === 'succeeded');
    expect(balance('2101')).toBe(-over.payment.excess);
    await core.call('sale.confirmCashReturned', { saleId: btc.id });

    const order = await core.call('crypto.create', { clientRequestId: requestId(), amount: 75_000, label: 'Kaos' });
    await core.call('crypto.simulate', { reference: order.reference!, outcome: 'pay' });
    await core.call('crypto.simulate', { reference: order.reference!, outcome: 'confirm' });
    await waitFor(() => core.call('crypto.get', { reference: order.reference!, remote: false }), (o) => o.state === 'paid', 15_000);

    expect(journalProblems(core.loket.db)).toEqual([]);
    expect(trialBalance(core.loket.db, 'training').reduce((s, a) => s + a.balance, 0)).toBe(0);
    expect(balance('1101')).toBe(sold.amounts.total); // the failed sale's cash went back
    expect(balance('1201')).toBe(qris.amounts.total - 2_500);
    expect(balance('1205')).toBe(btc.amounts.total + 75_000);
    expect(balance('2101')).toBe(0);
    expect(balance('4201')).toBe(2_500);
    expect(credit('4301')).toBe(75_000);
    const costs = sold.amounts.total - sold.amounts.margin + qris.amounts.total - qris.amounts.margin + btc.amounts.total - btc.amounts.margin;
    expect(balance('5101')).toBe(costs);
    expect(credit('4102')).toBe(sold.amounts.margin + qris.amounts.margin + btc.amounts.margin);
    // Every entry names its sale and can never be posted again.
    const keys = core.loket.db.prepare('SELECT key FROM journal_entries').all() as { key: string }[];
    expect(new Set(keys.map((k) => k.key)).size).toBe(keys.length);
  });

  it("SAT's deposit in the books matches the saldo SAT reports once the opening deposit is recorded", async () => {
    const before = await core.call('books.get', {});
    const sat = before.deposits.find((d) => d.provider === 'sat')!;
    const reported0 = (await core.call('deposit.get', { refresh: true })).deposits.find((d) => d.provider === 'sat')!.balance;
    const opened = await core.call('books.recordDeposit', { provider: 'sat', amount: reported0 - sat.books, source: 'owner', note: 'saldo awal' });
    expect(opened.deposits.find((d) => d.provider === 'sat')).toMatchObject({ difference: 0 });
    expect(opened.accounts.find((a) => a.code === '3101')!.balance).toBe(-(reported0 - sat.books));
    const bill = await core.call('bill.inquire', { productCode: 'pln-postpaid', customerNumber: '532110000060' });
    const paid = await core.call('sale.startBill', { clientRequestId: requestId(), inquiryId: bill.inquiryId, payment: { method: 'cash', tendered: bill.amounts.total } });
    await until(paid.id, (s) => s.state === 'succeeded');
    await core.call('deposit.get', { refresh: true });
    const after = await core.call('books.get', {});
    expect(after.deposits.find((d) => d.provider === 'sat')).toMatchObject({ difference: 0 });
    expect(after.problems).toEqual([]);
    // VSI does not report a balance: nothing to compare.
    expect(after.deposits.find((d) => d.provider === 'vsi')).toMatchObject({ reported: null, difference: null });
  });

  it('a ledger from before the books is posted as it stands on the first start', async () => {
    const dir = tempDir();
    const first = await startCore({ dataDir: dir });
    const inq = await first.call('pln.inquire', { customerNumber: '14233784991' });
    const s = await first.call('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'cash', tendered: 50_000 } });
    await waitFor(() => first.call('sale.get', { saleId: s.id }), (x) => x.state === 'succeeded', 15_000);
    await first.stop();
    // As if the books had never existed: empty them behind the app's back (triggers dropped).
    const raw = new Database(path.join(dir, 'loket.db'));
    raw.exec(`DROP TRIGGER journal_lines_no_delete; DROP TRIGGER journal_entries_no_delete;
      DELETE FROM journal_lines; DELETE FROM journal_entries; DELETE FROM journal_figures; UPDATE account_balances SET balance = 0;`);
    raw.close();
    const second = await startCore({ dataDir: dir });
    try {
      expect(journalProblems(second.loket.db)).toEqual([]);
      expect(trialBalance(second.loket.db, 'training').find((a) => a.code === '1101')!.balance).toBe(s.amounts.total);
    } finally {
      await second.stop();
    }
  });
});
