// The official midtrans-client npm package, unmodified, against Loket's Midtrans simulator: every
// call must resolve or reject exactly as midtrans.md §3 records for Midtrans' sandbox — both error
// channels (HTTP status → a numeric httpStatusCode, body status_code → a string one), the 407
// exception, refund_key idempotency, order_id reuse after expiry.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Midtrans from 'midtrans-client';
import { startMidtransSimulator, type MidtransSimulator } from '../../electron/simulators/midtrans/server';

const midtrans = createRequire(import.meta.url)('midtrans-client') as typeof Midtrans;

let sim: MidtransSimulator;
let core: Midtrans.CoreApi;
let n = 0;
const orderId = (): string => `conf-${process.pid}-${++n}`;

function official(serverKey: string): Midtrans.CoreApi {
  const c = new midtrans.CoreApi({ isProduction: false, serverKey, clientKey: sim.credentials.clientKey });
  // midtrans.md §10, way 1: the per-instance override; the package itself is untouched.
  c.apiConfig.getCoreApiBaseUrl = () => sim.baseUrl;
  return c;
}

async function rejection(p: Promise<unknown>): Promise<Midtrans.MidtransError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(midtrans.MidtransError);
    return e as Midtrans.MidtransError;
  }
  throw new Error('expected the official client to reject');
}

const qris = (id: string, amount = 20_000) => ({ payment_type: 'qris', transaction_details: { order_id: id, gross_amount: amount }, qris: { acquirer: 'gopay' } });

beforeAll(async () => {
  sim = await startMidtransSimulator();
  core = official(sim.credentials.serverKey);
});
afterAll(async () => {
  await sim.close();
});

describe('official midtrans-client@1.4.3 against the simulator', () => {
  it('charges QRIS, GoPay, ShopeePay, every VA bank and Mandiri Bill: HTTP 200, body 201 pending', async () => {
    const q = await core.charge(qris(orderId()));
    expect(q).toMatchObject({ status_code: '201', transaction_status: 'pending', payment_type: 'qris', gross_amount: '20000.00', currency: 'IDR', fraud_status: 'accept' });
    expect(String(q.qr_string)).toMatch(/^000201/);
    for (const bank of ['bca', 'bni', 'bri']) {
      const va = await core.charge({ payment_type: 'bank_transfer', transaction_details: { order_id: orderId(), gross_amount: 44_000 }, bank_transfer: { bank } });
      expect(va).toMatchObject({ status_code: '201', va_numbers: [{ bank, va_number: expect.stringMatching(/^\d+$/) }] });
    }
    expect(await core.charge({ payment_type: 'bank_transfer', transaction_details: { order_id: orderId(), gross_amount: 44_000 }, bank_transfer: { bank: 'permata' } })).toMatchObject({
      permata_va_number: expect.stringMatching(/^\d+$/),
    });
    expect(await core.charge({ payment_type: 'echannel', transaction_details: { order_id: orderId(), gross_amount: 44_000 }, echannel: { bill_info1: 'Loket', bill_info2: 'PLN' } })).toMatchObject({
      status_message: 'OK, Mandiri Bill transaction is successful',
      biller_code: '70012',
      bill_key: expect.stringMatching(/^\d+$/),
    });
    for (const type of ['gopay', 'shopeepay']) {
      const w = await core.charge({ payment_type: type, transaction_details: { order_id: orderId(), gross_amount: 15_000 } });
      expect((w.actions as { name: string }[]).map((a) => a.name)).toContain('deeplink-redirect');
    }
  });

  it('rejects a validation error with the HTTP status as a number and validation_messages', async () => {
    const e = await rejection(core.charge(qris(orderId(), 0)));
    expect(e.httpStatusCode).toBe(400);
    expect((e.ApiResponse as { validation_messages: string[] }).validation_messages[0]).toContain('gross_amount');
  });

  it('rejects a wrong server key with HTTP 401 (number)', async () => {
    const e = await rejection(official('SB-Mid-server-WRONG').charge(qris(orderId())));
    expect(e.httpStatusCode).toBe(401);
  });

  it('rejects a duplicate order_id with body 406 (string) and creates nothing new', async () => {
    const id = orderId();
    await core.charge(qris(id));
    const e = await rejection(core.charge(qris(id)));
    expect(e.httpStatusCode).toBe('406');
    expect(sim.chargeCount(id)).toBe(2);
  });

  it('status: an unknown id rejects with body 404 (string); a waiting one resolves 201; a GET with a {} body is fine', async () => {
    const e = await rejection(core.transaction.status('no-such-order'));
    expect(e.httpStatusCode).toBe('404');
    expect(e.message).toContain('404');
    const id = orderId();
    await core.charge(qris(id));
    expect(await core.transaction.status(id)).toMatchObject({ status_code: '201', transaction_status: 'pending', order_id: id });
  });

  it('expire resolves with body 407 (the client’s one exception); expiring again is 412; the order_id may be used again', async () => {
    const id = orderId();
    await core.charge(qris(id));
    expect(await core.transaction.expire(id)).toMatchObject({ status_code: '407', transaction_status: 'expire' });
    expect(await core.transaction.status(id)).toMatchObject({ status_code: '407', transaction_status: 'expire' });
    expect((await rejection(core.transaction.expire(id))).httpStatusCode).toBe('412');
    expect(await core.charge(qris(id))).toMatchObject({ status_code: '201', transaction_status: 'pending' });
  });

  it('cancel resolves 200 from pending; a settled payment cannot be cancelled (412)', async () => {
    const id = orderId();
    await core.charge(qris(id));
    expect(await core.transaction.cancel(id)).toMatchObject({ status_code: '200', transaction_status: 'cancel' });
    const paid = orderId();
    await core.charge(qris(paid));
    expect(sim.pay(paid)).toBe(true);
    expect((await rejection(core.transaction.cancel(paid))).httpStatusCode).toBe('412');
  });

  it('refund: 412 before settlement; after it a partial refund, the same refund_key answered again without paying twice, then the rest by direct refund', async () => {
    const id = orderId();
    await core.charge(qris(id, 20_000));
    expect((await rejection(core.transaction.refund(id, { refund_key: 'early', amount: 5_000 }))).httpStatusCode).toBe('412');
    sim.pay(id, 'shopeepay');
    expect(await core.transaction.status(id)).toMatchObject({ status_code: '200', transaction_status: 'settlement', issuer: 'shopeepay', acquirer: 'gopay' });
    const first = await core.transaction.refund(id, { refund_key: 'r-1', amount: 5_000, reason: 'for some reason' });
    expect(first).toMatchObject({ status_code: '200', transaction_status: 'partial_refund', refund_amount: '5000.00', refund_key: 'r-1' });
    const again = await core.transaction.refund(id, { refund_key: 'r-1', amount: 5_000, reason: 'for some reason' });
    expect(again.refund_chargeback_id).toBe(first.refund_chargeback_id);
    expect(sim.txn(id)!.refunds).toHaveLength(1);
    expect((await rejection(core.transaction.refund(id, { refund_key: 'r-2', amount: 20_000 }))).httpStatusCode).toBe('412');
    expect(await core.transaction.refundDirect(id, { refund_key: 'r-3', reason: 'the rest' })).toMatchObject({ transaction_status: 'refund', refund_amount: '15000.00' });
  });

  it('a virtual account is never refunded through the API (412)', async () => {
    const id = orderId();
    await core.charge({ payment_type: 'bank_transfer', transaction_details: { order_id: id, gross_amount: 44_000 }, bank_transfer: { bank: 'bni' } });
    sim.pay(id);
    expect((await rejection(core.transaction.refund(id, { refund_key: `va-${id}` }))).httpStatusCode).toBe('412');
  });

  it('a non-JSON 200 resolves as a string in the official client (why Loket’s own client treats it as an error)', async () => {
    sim.configure({ faults: { statusHtml: 1 } });
    expect(typeof (await core.transaction.status('anything'))).toBe('string');
  });
});
