// Non-cash payments through the core against the Midtrans simulator over real HTTP, with a real
// ledger: the goods are bought only after the money is in; money that must go back goes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSale } from '../../electron/db/queries/sales';
import { countProviderCalls } from '../../electron/db/queries/provider-calls';
import { getPaymentBySale, refundsOf } from '../../electron/db/queries/payments';
import type { SaleView } from '../../shared/contract';
import type { PaymentChoice } from '../../shared/payment';
import { freePort, requestId, startCore, tempDir, waitFor, type Core } from './harness';
import { TEST_CARDS } from '../../electron/simulators/worldline/server';
import { TEST_OWNER } from '../support/counter-bootstrap';

let core: Core;
const midtrans = () => core.loket.paymentProviders.trainingMidtrans();
const until = (c: Core, saleId: string, done: (s: SaleView) => boolean, ms = 15_000) => waitFor(() => c.call('sale.get', { saleId }), done, ms);
const ref = (c: Core, saleId: string): string => getPaymentBySale(c.loket.db, saleId)!.provider_ref!;
const pays = (c: Core, saleId: string): number => countProviderCalls(c.loket.db, getSale(c.loket.db, saleId)!.provider_ref, 'PAY');

async function token(c: Core, number: string, payment: PaymentChoice, denomination = 50_000): Promise<SaleView> {
  const inq = await c.call('pln.inquire', { customerNumber: number });
  return c.call('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination, payment });
}

beforeAll(async () => {
  core = await startCore({ paymentTiming: { expirySeconds: { qr: 300, transfer: 300 } } });
});
afterAll(async () => {
  await core.stop();
});

describe('QRIS, e-wallets and virtual accounts through Midtrans', () => {
  it('QRIS: the sale waits with a QR for the total; nothing is bought until the customer pays; then the token', async () => {
    const started = await token(core, '14233784991', { method: 'qris' });
    expect(started).toMatchObject({ state: 'awaiting_payment', payment: { method: 'qris', provider: 'midtrans', state: 'pending', amount: started.amounts.total } });
    expect(started.payment.display!.qrString).toMatch(new RegExp(`^000201.*54${String(started.amounts.total).length.toString().padStart(2, '0')}${started.amounts.total}`));
    expect(started.payment.expiresAt! - Date.now()).toBeGreaterThan(1_000);
    expect(pays(core, started.id)).toBe(0);
    expect((await core.call('receipt.get', { saleId: started.id })).kind).toBe('payment_slip');

    await core.call('payment.simulate', { saleId: started.id, outcome: 'pay' });
    const done = await until(core, started.id, (s) => s.state === 'succeeded');
    expect(done.payment).toMatchObject({ state: 'settled', reference: expect.stringMatching(/^GOPAY [0-9A-F]{8}$/) });
    expect(done.delivery.token).toMatch(/^\d{20}$/);
    expect(pays(core, started.id)).toBe(1);
    const receipt = (await core.call('receipt.get', { saleId: done.id })).lines.map((l) => l.text).join('\n');
    expect(receipt).toContain('QRIS');
    expect(receipt).toContain(done.payment.reference!);
    expect(receipt).not.toContain('Kembali');
  });

  it('virtual account: the number to transfer to, printable; paid by transfer', async () => {
    const started = await token(core, '12345678901', { method: 'va_bni' });
    expect(started.payment.display).toMatchObject({ bank: 'bni', vaNumber: expect.stringMatching(/^\d{16}$/) });
    const slip = (await core.call('receipt.get', { saleId: started.id })).lines.map((l) => l.text).join('\n');
    expect(slip).toContain('INSTRUKSI PEMBAYARAN');
    expect(slip).toContain(started.payment.display!.vaNumber!);
    (await midtrans()).pay(ref(core, started.id));
    const done = await until(core, started.id, (s) => s.state === 'succeeded');
    expect(done.payment.reference).toBe(`BNI ${started.payment.display!.vaNumber}`);
  });

  it('GoPay and Mandiri Bill carry their deeplink and bill key', async () => {
    const gopay = await token(core, '885555555555', { method: 'gopay' });
    expect(gopay.payment.display!.deeplink).toContain('/__sim/ui/pay?order_id=');
    await core.call('payment.cancel', { saleId: gopay.id });
    const mandiri = await token(core, '885555555555', { method: 'mandiri_bill' });
    expect(mandiri.payment.display).toMatchObject({ billerCode: '70012', billKey: expect.stringMatching(/^\d{12}$/) });
    await core.call('payment.cancel', { saleId: mandiri.id });
  });

  it('a refused payment (denied) cancels the sale: nothing bought, nothing owed; the same inquiry serves another attempt', async () => {
    const inq = await core.call('pln.inquire', { customerNumber: '14233784991' });
    const first = await core.call('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'shopeepay' } });
    await core.call('payment.simulate', { saleId: first.id, outcome: 'deny' });
    const denied = await until(core, first.id, (s) => s.state === 'cancelled');
    expect(denied.payment.state).toBe('denied');
    expect(denied.failure?.message).toContain('ditolak');
    expect(pays(core, first.id)).toBe(0);
    const again = await core.call('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'cash', tendered: 50_000 } });
    expect((await until(core, again.id, (s) => s.state === 'succeeded')).payment.change).toBe(50_000 - again.amounts.total);
  });

  it('the cashier cancels a waiting payment: cancelled at Midtrans, the sale ends, the number is free again', async () => {
    const started = await token(core, '12345678901', { method: 'qris' });
    expect((await core.fail('pln.inquire', { customerNumber: '12345678901' })).code).toBe('meter_has_pending_sale');
    const cancelled = await core.call('payment.cancel', { saleId: started.id });
    expect(cancelled).toMatchObject({ state: 'cancelled', payment: { state: 'cancelled', refunds: [] } });
    expect((await core.call('pln.inquire', { customerNumber: '12345678901' })).meterNumber).toBe('12345678901');
    expect((await midtrans()).txn(ref(core, started.id))!.status).toBe('cancel');
    expect((await core.call('receipt.get', { saleId: started.id })).kind).toBe('cancelled');
  });

  it('the purchase fails after the customer paid: refunded automatically through Midtrans, never kept', async () => {
    const started = await token(core, '99000000046', { method: 'qris' });
    await core.call('payment.simulate', { saleId: started.id, outcome: 'pay' });
    const done = await until(core, started.id, (s) => s.state === 'failed' && s.payment.state === 'refunded');
    expect(done.failure?.code).toBe('deposit_insufficient');
    expect(done.payment).toMatchObject({ refunded: done.amounts.total, refunds: [{ kind: 'automatic', state: 'done', amount: done.amounts.total }] });
    const txn = (await midtrans()).txn(ref(core, started.id))!;
    expect(txn.status).toBe('refund');
    expect(txn.refunds).toHaveLength(1);
    const receipt = (await core.call('receipt.get', { saleId: done.id })).lines.map((l) => l.text).join('\n');
    expect(receipt).toContain('DANA SUDAH DIKEMBALIKAN');
  });

  it('a virtual account cannot be refunded through Midtrans: the supervisor returns it and records it', async () => {
    const started = await token(core, '99000000046', { method: 'va_bri' });
    (await midtrans()).pay(ref(core, started.id));
    const owed = await until(core, started.id, (s) => s.state === 'failed' && s.payment.refundBy === 'manual');
    expect(owed.payment.state).toBe('refund_due');
    const app = await core.call('ledger.today', { status: 'all', limit: 50 });
    expect(app.totals.refundDue).toBeGreaterThanOrEqual(owed.amounts.total);
    const supervisorList = await core.call('ledger.today', { status: 'refund_due', limit: 50 });
    expect(supervisorList.items.map((r) => r.id)).toContain(started.id);
    expect(supervisorList.items.every((r) => r.paymentState === 'refund_due')).toBe(true);
    const returned = await core.call('sale.confirmCashReturned', { saleId: started.id });
    expect(returned.payment).toMatchObject({ state: 'refunded', refunds: [expect.objectContaining({ kind: 'manual', state: 'done' })] });
    expect((await core.call('ledger.today', { status: 'refund_due', limit: 50 })).items.map((r) => r.id)).not.toContain(started.id);
  });

  it('an uncertain purchase after payment is resolved by advice first — no refund while it may have succeeded', async () => {
    const started = await token(core, '99000000052', { method: 'qris' });
    await core.call('payment.simulate', { saleId: started.id, outcome: 'pay' });
    await until(core, started.id, (s) => s.state === 'pending');
    expect(refundsOf(core.loket.db, getPaymentBySale(core.loket.db, started.id)!.id)).toEqual([]);
    const done = await until(core, started.id, (s) => s.state === 'succeeded');
    expect(done.payment.state).toBe('settled');
  });

  it('a supervisor refunds part of a delivered sale, then the rest; never more than was paid', async () => {
    const started = await token(core, '14233784991', { method: 'qris' }, 100_000);
    await core.call('payment.simulate', { saleId: started.id, outcome: 'pay' });
    const done = await until(core, started.id, (s) => s.state === 'succeeded');
    const part = await core.call('payment.refund', { saleId: done.id, amount: 10_000, reason: 'Salah nominal, selisih dikembalikan' });
    expect(part.payment).toMatchObject({ state: 'settled', refunded: 10_000 });
    expect((await core.fail('payment.refund', { saleId: done.id, amount: done.amounts.total, reason: 'terlalu banyak' })).code).toBe('invalid_request');
    const rest = await core.call('payment.refund', { saleId: done.id, amount: done.amounts.total - 10_000, reason: 'Pelanggan membatalkan' });
    expect(rest.payment).toMatchObject({ state: 'refunded', refunded: done.amounts.total });
    expect(rest.payment.refunds.map((r) => r.kind)).toEqual(['supervisor', 'supervisor']);
    expect((await core.fail('payment.refund', { saleId: done.id, amount: 1, reason: 'lagi' })).code).toBe('not_allowed_in_state');
  });

  it('a charge whose answer is lost is resolved under the same order_id: one transaction, a QR in the end', async () => {
    const sim = await midtrans();
    sim.configure({ faults: { chargeLost: 1 } });
    const lost = await token(core, '885555555555', { method: 'qris' });
    const shown = await until(core, lost.id, (s) => s.payment.display?.qrString !== undefined && s.payment.display?.qrString !== null);
    expect(shown.state).toBe('awaiting_payment');
    expect(sim.chargeCount(ref(core, lost.id))).toBe(2);
    await core.call('payment.cancel', { saleId: lost.id });

    sim.configure({ faults: { chargeHtml502: 1 } });
    const never = await token(core, '885555555555', { method: 'va_bca' });
    const va = await until(core, never.id, (s) => s.payment.display?.vaNumber !== undefined && s.payment.display?.vaNumber !== null);
    expect(sim.chargeCount(ref(core, never.id))).toBe(2);
    await core.call('payment.cancel', { saleId: va.id });
  });
});

describe('cards through Worldline', () => {
  const card = (number: string): PaymentChoice => ({ method: 'card', card: { entry: 'keyed', number, expiry: '1231', securityCode: '012' } });

  it('an approved card: the token at once, the struk with brand, last four and approval code — never the number', async () => {
    const done = await token(core, '14233784991', card(TEST_CARDS.approve));
    const sale = done.state === 'succeeded' ? done : await until(core, done.id, (s) => s.state === 'succeeded');
    expect(sale.payment).toMatchObject({ method: 'card', provider: 'worldline', state: 'settled', cardBrand: 'VISA', cardLast4: '0104', approvalCode: expect.stringMatching(/^\d{6}$/) });
    const receipt = (await core.call('receipt.get', { saleId: sale.id })).lines.map((l) => l.text).join('\n');
    expect(receipt).toContain('**** 0104');
    expect(receipt).toContain(sale.payment.approvalCode!);
    expect(receipt).not.toContain(TEST_CARDS.approve);
    expect(JSON.stringify(getPaymentBySale(core.loket.db, sale.id))).not.toContain(TEST_CARDS.approve);
  });

  it('a declined card ends the attempt; the same inquiry is paid by another card', async () => {
    const inq = await core.call('pln.inquire', { customerNumber: '885555555555' });
    const first = await core.call('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 20_000, payment: card(TEST_CARDS.decline) });
    expect(first).toMatchObject({ state: 'cancelled', payment: { state: 'denied' }, failure: { code: 'provider_refused' } });
    const second = await core.call('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 20_000, payment: card(TEST_CARDS.approve) });
    expect((await until(core, second.id, (s) => s.state === 'succeeded')).payment.state).toBe('settled');
  });

  it('a mistyped card number is refused before anything is recorded', async () => {
    const inq = await core.call('pln.inquire', { customerNumber: '885555555555' });
    const e = await core.fail('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 20_000, payment: card('4176669999000105') });
    expect(e.code).toBe('invalid_card');
  });

  it('a card charged for a purchase that then fails is refunded through Worldline', async () => {
    const started = await token(core, '99000000046', card(TEST_CARDS.approve));
    const done = await until(core, started.id, (s) => s.state === 'failed' && s.payment.state === 'refunded');
    expect(done.payment.refunds).toEqual([expect.objectContaining({ kind: 'automatic', state: 'done' })]);
    const wl = (await core.loket.paymentProviders.trainingWorldline()).paymentByOperation(ref(core, started.id))!;
    expect(wl.refunded / 10 ** (wl.decimals ?? 0)).toBe(done.amounts.total);
  });

  it('an authorization whose answer never comes is reversed: the sale is cancelled and the card not charged', async () => {
    const started = await token(core, '12345678901', card(TEST_CARDS.hang));
    const done = await until(core, started.id, (s) => s.state === 'cancelled', 20_000);
    expect(done.payment.state).toBe('failed');
    expect(pays(core, started.id)).toBe(0);
    await waitFor(async () => (await core.loket.paymentProviders.trainingWorldline()).paymentByOperation(ref(core, started.id))?.status, (s) => s === 'REVERSED');
  });
});

describe('payments across time', () => {
  it('a payment not made in time expires: the sale is cancelled, nothing bought', async () => {
    const c = await startCore({ paymentTiming: { expirySeconds: { qr: 60, transfer: 60 } } });
    try {
      const started = await token(c, '14233784991', { method: 'qris' });
      const expired = await until(c, started.id, (s) => s.state === 'cancelled', 20_000);
      expect(expired.payment.state).toBe('expired');
      expect(expired.failure?.message).toContain('Waktu pembayaran habis');
      expect(pays(c, started.id)).toBe(0);
    } finally {
      await c.stop();
    }
  });

  it('the customer pays just before the cashier cancels: nothing is bought and the money goes back', async () => {
    // The tracker asks every 2 s here, so the cancel reaches Midtrans before Loket sees the payment.
    const c = await startCore({ timeScale: 1, startWaitMs: 5_000 });
    try {
      const started = await token(c, '14233784991', { method: 'qris' });
      (await c.loket.paymentProviders.trainingMidtrans()).pay(ref(c, started.id));
      const after = await c.call('payment.cancel', { saleId: started.id });
      expect(after.state).toBe('cancelled');
      const done = await until(c, started.id, (s) => s.payment.state === 'refunded');
      expect(done.payment.refunds).toEqual([expect.objectContaining({ kind: 'automatic', state: 'done' })]);
      expect(pays(c, started.id)).toBe(0);
    } finally {
      await c.stop();
    }
  });

  it('a signed Midtrans notification makes Loket ask at once; a forged one is refused and changes nothing', async () => {
    const c = await startCore({ timeScale: 1, startWaitMs: 5_000 });
    try {
      const port = await freePort();
      const view = await c.call('settings.setCallback', { enabled: true, port, path: '/sat/cb' });
      expect(view.callback.enabled).toBe(true);
      const started = await token(c, '14233784991', { method: 'qris' });
      const orderId = ref(c, started.id);
      const forged = JSON.stringify({ order_id: orderId, status_code: '200', gross_amount: `${started.amounts.total}.00`, transaction_status: 'settlement', signature_key: 'f'.repeat(128) });
      const bad = await fetch(`http://127.0.0.1:${port}/midtrans/notification`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: forged });
      expect(bad.status).toBe(400);
      expect((await c.call('sale.get', { saleId: started.id })).state).toBe('awaiting_payment');
      // The tracker's next look is 2 s away; the simulator's signed notification arrives at once.
      const t0 = Date.now();
      (await c.loket.paymentProviders.trainingMidtrans()).pay(orderId);
      const done = await until(c, started.id, (s) => s.state === 'succeeded', 1_000);
      expect(done.payment.state).toBe('settled');
      expect(Date.now() - t0).toBeLessThan(1_000);
    } finally {
      await c.stop();
    }
  });

  it('a restart while the customer is paying loses nothing: the payment is followed again and the token bought', async () => {
    const dataDir = tempDir();
    const first = await startCore({ dataDir });
    const started = await token(first, '12345678901', { method: 'qris' });
    const orderId = ref(first, started.id);
    await first.stop();
    const second = await startCore({ dataDir });
    try {
      (await second.loket.paymentProviders.trainingMidtrans()).pay(orderId);
      const done = await until(second, started.id, (s) => s.state === 'succeeded');
      expect(done.payment.state).toBe('settled');
      expect(pays(second, started.id)).toBe(1);
    } finally {
      await second.stop();
    }
  });

  it("money owed back stays on the supervisor's list on the days after, until it is handed back", async () => {
    let shift = 0;
    const c = await startCore({ now: () => Date.now() + shift });
    try {
      const started = await token(c, '99000000046', { method: 'va_bni' });
      (await c.loket.paymentProviders.trainingMidtrans()).pay(ref(c, started.id));
      await until(c, started.id, (s) => s.payment.state === 'refund_due' && s.payment.refundBy === 'manual');
      shift = 2 * 24 * 3600_000;
      // Two days idle locked the counter: the supervisor signs in again.
      expect((await c.fail('ledger.today', { status: 'all', limit: 50 })).code).toBe('signed_out');
      await c.call('counter.signIn', TEST_OWNER);
      const later = await c.call('ledger.today', { status: 'all', limit: 50 });
      expect(later.items.map((r) => r.id)).not.toContain(started.id);
      expect((await c.call('ledger.today', { status: 'refund_due', limit: 50 })).items.map((r) => r.id)).toEqual([started.id]);
      await c.call('sale.confirmCashReturned', { saleId: started.id });
      expect((await c.call('ledger.today', { status: 'refund_due', limit: 50 })).items).toEqual([]);
    } finally {
      await c.stop();
    }
  });
});
