// The unresolved panel: every sale not finished with, on any day, with what Loket is doing about
// it — and nothing else (a finished sale never lingers there).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleView, UnresolvedItem } from '../../shared/contract';
import { getPaymentBySale } from '../../electron/db/queries/payments';
import { requestId, sellToken, startCore, waitFor, type Core } from './harness';

let core: Core;
const itemOf = async (saleId: string): Promise<UnresolvedItem | undefined> =>
  (await core.call('ledger.unresolved', {})).items.find((i) => i.row.id === saleId);
const until = (saleId: string, done: (s: SaleView) => boolean) => waitFor(() => core.call('sale.get', { saleId }), done, 15_000);

beforeAll(async () => {
  core = await startCore({ paymentTiming: { expirySeconds: { qr: 300, transfer: 300 } } });
});
afterAll(async () => {
  await core.stop();
});

describe('unresolved sales', () => {
  it('lists each unfinished sale with who acts next, and drops it once it is finished', async () => {
    const delivered = await sellToken(core, '14233784991');
    const cashBack = await sellToken(core, '99000000046');
    const asking = await sellToken(core, '99000000032');
    const inq = await core.call('pln.inquire', { customerNumber: '12345678901' });
    const waiting = await core.call('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'qris' } });

    expect((await itemOf(asking.id))?.activity.kind).toMatch(/^(buying|asking_provider)$/);
    await until(asking.id, (s) => s.state === 'pending');
    const list = await core.call('ledger.unresolved', {});
    expect(list.more).toBe(false);
    expect(list.items.map((i) => i.row.id)).not.toContain(delivered.id);
    expect(await itemOf(cashBack.id)).toMatchObject({ activity: { kind: 'cash_back', amount: cashBack.amounts.total } });
    const ask = (await itemOf(asking.id))!;
    expect(ask.activity).toMatchObject({ kind: 'asking_provider', provider: 'vsi' });
    expect(ask.activity.nextAt).not.toBeNull();
    expect(await itemOf(waiting.id)).toMatchObject({
      row: { state: 'awaiting_payment', paymentMethod: 'qris' },
      activity: { kind: 'awaiting_payment', provider: 'midtrans', amount: waiting.amounts.total, expiresAt: waiting.payment.expiresAt },
    });
    // Oldest first: what has waited longest is on top.
    const seqs = list.items.map((i) => Number(i.row.receiptNo));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

    await core.call('sale.confirmCashReturned', { saleId: cashBack.id });
    expect(await itemOf(cashBack.id)).toBeUndefined();
    await core.call('payment.simulate', { saleId: waiting.id, outcome: 'pay' });
    await until(waiting.id, (s) => s.state === 'succeeded');
    expect(await itemOf(waiting.id)).toBeUndefined();
  });

  it('a transfer paid for a purchase that failed: a supervisor hands it back (no refund through Midtrans)', async () => {
    const inq = await core.call('pln.inquire', { customerNumber: '99000000046' });
    const started = await core.call('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: inq.inquiryId, denomination: 50_000, payment: { method: 'va_bca' } });
    (await core.loket.paymentProviders.trainingMidtrans()).pay(getPaymentBySale(core.loket.db, started.id)!.provider_ref!);
    await until(started.id, (s) => s.payment.refundBy === 'manual');
    expect(await itemOf(started.id)).toMatchObject({ row: { state: 'failed', paymentState: 'refund_due' }, activity: { kind: 'hand_back', provider: 'midtrans', amount: started.amounts.total } });
  });

  it('a QRIS purchase that failed after payment: Loket refunds it through Midtrans, asking again when the answer is lost', async () => {
    const sim = await core.loket.paymentProviders.trainingMidtrans();
    sim.configure({ faults: { refundLost: 1 } });
    const inq = await core.call('pln.inquire', { customerNumber: '99000000046' });
    const started = await core.call('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: inq.inquiryId, denomination: 50_000, payment: { method: 'qris' } });
    await core.call('payment.simulate', { saleId: started.id, outcome: 'pay' });
    await until(started.id, (s) => s.state === 'failed' && s.payment.refunds.some((r) => r.state === 'unknown'));
    const item = (await itemOf(started.id))!;
    expect(item.activity).toMatchObject({ kind: 'refunding', provider: 'midtrans', amount: started.amounts.total });
    expect(item.activity.nextAt).not.toBeNull();
    await until(started.id, (s) => s.payment.state === 'refunded');
    expect(await itemOf(started.id)).toBeUndefined();
  });
});
