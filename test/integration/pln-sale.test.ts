// The PLN token cash sale, core against the training VSI simulator over real HTTP, real SQLite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countProviderCalls } from '../../electron/db/queries/provider-calls';
import { getSale, saleEvents } from '../../electron/db/queries/sales';
import { isFinal, requestId, sellToken, startCore, waitFor, type Core } from './harness';

let core: Core;
const payCount = async (saleId: string): Promise<number> => {
  const sim = await core.loket.providers.trainingSimulator();
  return sim.payCount(getSale(core.loket.db, saleId)!.provider_ref);
};
const settle = (saleId: string) => waitFor(() => core.call('sale.get', { saleId }), (s) => isFinal(s) || s.state === 'review', 20_000);

beforeAll(async () => {
  core = await startCore();
});
afterAll(async () => {
  await core.stop();
});

describe('a PLN token sold for cash', () => {
  it('inquiry shows the customer, tariff/power and admin fee', async () => {
    const inq = await core.call('pln.inquire', { customerNumber: '885555555555' });
    expect(inq).toMatchObject({
      meterNumber: '88888888888',
      idpel: '885555555555',
      name: "TestDu''mmyPanjang8855555",
      tariffPower: 'R2/7000 VA',
      provider: 'vsi',
    });
    expect(inq.options.map((o) => o.denomination)).toEqual([20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 5_000_000, 10_000_000, 50_000_000]);
    expect(inq.options[2]!.amounts).toEqual({ faceValue: 100_000, providerAdmin: 1600, providerCost: 101_600, margin: 0, total: 101_600 });
  });

  it('sells: token, kWh, receipt, ledger entry, today list — one PAY, written before it left', async () => {
    const inq = await core.call('pln.inquire', { customerNumber: '88888888888' });
    const sale = await core.call('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 200_000, payment: { method: 'cash', tendered: 205_000 } });
    expect(sale.state).toBe('succeeded');
    expect(sale.delivery.token).toMatch(/^\d{20}$/);
    expect(sale.amounts).toEqual({ faceValue: 200_000, providerAdmin: 1600, providerCost: 201_600, margin: 0, total: 201_600 });
    expect(sale.product).toEqual({ kind: 'pln_prepaid', code: 'pln-token-200000', name: 'Token PLN 200.000', category: 'Listrik PLN', provider: 'vsi' });
    expect(sale.payment).toMatchObject({ method: 'cash', tendered: 205_000, change: 3_400, state: 'settled' });
    expect(sale.delivery.payRef).toMatch(/^[0-9A-F]{32}$/);
    expect(await payCount(sale.id)).toBe(1);

    const events = saleEvents(core.loket.db, sale.id).map((e) => e.type);
    expect(events).toEqual(['created', 'pay_sent', 'succeeded']);
    const rec = getSale(core.loket.db, sale.id)!;
    expect(countProviderCalls(core.loket.db, rec.provider_ref, 'PAY')).toBe(1);

    const receipt = await core.call('receipt.get', { saleId: sale.id });
    const text = receipt.lines.map((l) => l.text).join('\n');
    expect(text).toContain(sale.delivery.token!.replace(/(\d{4})(?=\d)/g, '$1 '));
    expect(text).toContain('MODE TRAINING');
    expect(text).toContain('Rp 201.600');

    const today = await core.call('ledger.today', {});
    expect(today.items.find((r) => r.id === sale.id)).toMatchObject({ state: 'succeeded', deliveryHint: `…${sale.delivery.token!.slice(-4)}`, total: 201_600 });
  });

  it('the same request sent twice is one sale and one PAY', async () => {
    const inq = await core.call('pln.inquire', { customerNumber: '12345678902' });
    const req = { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 50_000, payment: { method: 'cash' as const, tendered: 100_000 } };
    const [a, b] = await Promise.all([core.call('sale.startPlnToken', req), core.call('sale.startPlnToken', req)]);
    expect(a.id).toBe(b.id);
    const again = await core.call('sale.startPlnToken', req);
    expect(again.id).toBe(a.id);
    expect(await payCount(a.id)).toBe(1);
  });

  it('one inquiry serves one sale: a second purchase needs a fresh check', async () => {
    const inq = await core.call('pln.inquire', { customerNumber: '12345678909' });
    const first = await core.call('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'cash', tendered: 50_000 } });
    expect(first.state).toBe('succeeded');
    const again = await core.fail('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'cash', tendered: 50_000 } });
    expect(again.code).toBe('inquiry_expired');
    expect(again.message).toContain(first.receiptNo);
  });

  it('bad input loses nothing and says why', async () => {
    const before = (await core.call('ledger.today', {})).totals.count;
    expect((await core.fail('pln.inquire', { customerNumber: '1234567890' })).code).toBe('invalid_customer_number');
    expect((await core.fail('pln.inquire', { customerNumber: '99000000014' })).code).toBe('customer_not_found');
    const inq = await core.call('pln.inquire', { customerNumber: '12345678903' });
    const short = await core.fail('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 100_000, payment: { method: 'cash', tendered: 100_000 } });
    expect(short.code).toBe('insufficient_cash');
    expect(short.message).toContain('Rp 100.000');
    expect((await core.fail('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 123_456, payment: { method: 'cash', tendered: 1e6 } })).code).toBe('invalid_denomination');
    expect((await core.fail('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: 'nope', denomination: 20_000, payment: { method: 'cash', tendered: 1e6 } })).code).toBe('inquiry_not_found');
    expect((await core.fail('sale.startPlnToken', { clientRequestId: 'x', inquiryId: inq.inquiryId, denomination: -5, payment: { method: 'cash', tendered: 1 } } as never)).code).toBe('invalid_request');
    expect((await core.call('ledger.today', {})).totals.count).toBe(before);
  });

  it('a definite failure (deposit insufficient) returns the cash: refund due, then refunded', async () => {
    const sale = await sellToken(core, '99000000046');
    expect(sale.state).toBe('failed');
    expect(sale.failure?.code).toBe('deposit_insufficient');
    expect(sale.payment.state).toBe('refund_due');
    const slip = (await core.call('receipt.get', { saleId: sale.id })).lines.map((l) => l.text).join('\n');
    expect(slip).toContain('TRANSAKSI GAGAL');
    const returned = await core.call('sale.confirmCashReturned', { saleId: sale.id });
    expect(returned.payment.state).toBe('refunded');
    expect((await core.fail('sale.confirmCashReturned', { saleId: sale.id })).code).toBe('not_allowed_in_state');
  });

  it('rc 0068 (timeout) goes pending and is resolved by advice with the same trxid — never a second PAY', async () => {
    const sale = await sellToken(core, '99000000068');
    expect(sale.state).toBe('pending');
    const slip = (await core.call('receipt.get', { saleId: sale.id })).lines.map((l) => l.text).join('\n');
    expect(slip).toContain('JANGAN BAYAR ULANG');
    const done = await settle(sale.id);
    expect(done.state).toBe('succeeded');
    expect(done.delivery.token).toMatch(/^\d{20}$/);
    expect(done.pending).toBeNull();
    expect(await payCount(sale.id)).toBe(1);
    const rec = getSale(core.loket.db, sale.id)!;
    expect(countProviderCalls(core.loket.db, rec.provider_ref, 'ADV')).toBeGreaterThanOrEqual(1);
  });

  it.each([
    ['99000000030', 'a PAY that hangs past the timeout but succeeded'],
    ['99000000050', 'HTTP 500 after success'],
    ['99000000060', 'a truncated body after success'],
    ['99000000062', '0000 without a token'],
    ['99000000052', 'pending at the vending machine'],
    ['99000000070', 'timeout, no refund'],
    ['99000000018', 'in process'],
  ])('%s (%s) ends succeeded through advice, one PAY', async (number) => {
    const sale = await sellToken(core, number);
    expect(sale.state).not.toBe('failed');
    const done = await settle(sale.id);
    expect(done.state).toBe('succeeded');
    expect(await payCount(sale.id)).toBe(1);
  });

  it('the seed’s malformed dialect still sells', async () => {
    const sale = await sellToken(core, '99000000061');
    expect(sale.state).toBe('succeeded');
    expect(sale.customer.name).toBe("TestDu''mmyPanjang8811111");
  });

  it('0051 fails only after one confirming advice, then the cash is due back', async () => {
    const sale = await sellToken(core, '99000000051');
    const done = await settle(sale.id);
    expect(done.state).toBe('failed');
    expect(done.payment.state).toBe('refund_due');
    const rec = getSale(core.loket.db, sale.id)!;
    expect(countProviderCalls(core.loket.db, rec.provider_ref, 'ADV')).toBe(1);
    expect(await payCount(sale.id)).toBe(1);
  });

  it('a meter with an unfinished sale cannot be sold again until it is resolved', async () => {
    const sale = await sellToken(core, '99000000018');
    expect(sale.state).toBe('pending');
    expect((await core.fail('pln.inquire', { customerNumber: '99000000018' })).code).toBe('meter_has_pending_sale');
    expect((await core.fail('pln.inquire', { customerNumber: '599000000018' })).code).toBe('meter_has_pending_sale');
    await settle(sale.id);
    await core.call('pln.inquire', { customerNumber: '99000000018' });
  });

  it('"check status" runs one advice now; it is refused while the PAY is still in flight', async () => {
    const sale = await sellToken(core, '99000000030');
    const early = await core.call('sale.get', { saleId: sale.id });
    if (early.state === 'sending') expect((await core.fail('sale.checkStatus', { saleId: sale.id })).code).toBe('sale_busy');
    await waitFor(() => core.call('sale.get', { saleId: sale.id }), (s) => s.state !== 'sending' && s.state !== 'paid');
    const checked = await core.call('sale.checkStatus', { saleId: sale.id });
    expect(checked.state).toBe('succeeded');
  });

  it('reprints are copies, numbered, and counted', async () => {
    const sale = await sellToken(core, '12345678904');
    const first = await core.call('receipt.print', { saleId: sale.id, copy: false });
    expect(first.receipt.copyNumber).toBe(0);
    const second = await core.call('receipt.print', { saleId: sale.id, copy: false });
    expect(second.receipt.copyNumber).toBe(1);
    const third = await core.call('receipt.print', { saleId: sale.id, copy: true });
    expect(third.receipt.lines.map((l) => l.text).join('\n')).toContain('SALINAN ke-2');
    expect((await core.call('sale.get', { saleId: sale.id })).reprints).toBe(2);
  });

  it('today’s totals add up to the ledger', async () => {
    const t = await core.call('ledger.today', { limit: 200 });
    const all = t.items;
    expect(t.totals.count).toBe(all.length);
    expect(t.totals.succeededTotal).toBe(all.filter((r) => r.state === 'succeeded').reduce((a, r) => a + r.total, 0));
    const drawer = all.filter((r) => r.paymentState !== 'refunded').reduce((a, r) => a + r.total, 0);
    expect(t.totals.cashInDrawer).toBe(drawer);
    const open = await core.call('ledger.today', { status: 'open' });
    expect(open.items.every((r) => ['paid', 'sending', 'pending', 'review'].includes(r.state))).toBe(true);
  });
});

describe('a purchase the provider never processed', () => {
  it('NOT-FOUND repeatedly over the window → review; a supervisor declares it failed and the cash is due back', async () => {
    const c = await startCore({ timeScale: 0.004 });
    try {
      const sale = await sellToken(c, '99000000032');
      const review = await waitFor(() => c.call('sale.get', { saleId: sale.id }), (s) => s.state === 'review', 20_000);
      expect(review.reviewReason).toBe('not_found');
      expect(review.pending!.notFoundCount).toBeGreaterThanOrEqual(3);
      expect(review.payment.state).toBe('settled');
      expect((await c.fail('sale.declareFailed', { saleId: (await sellToken(c, '12345678905')).id })).code).toBe('not_allowed_in_state');
      const failed = await c.call('sale.declareFailed', { saleId: sale.id });
      expect(failed.state).toBe('failed');
      expect(failed.payment.state).toBe('refund_due');
      const sim = await c.loket.providers.trainingSimulator();
      expect(sim.payCount(getSale(c.loket.db, sale.id)!.provider_ref)).toBe(1);
    } finally {
      await c.stop();
    }
  });
});
