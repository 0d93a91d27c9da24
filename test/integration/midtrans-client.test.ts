// Loket's Midtrans client against the simulator over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMidtransClient, DEFAULT_MIDTRANS_TIMEOUTS, type MidtransClient } from '../../electron/providers/midtrans/client';
import { startMidtransSimulator, type MidtransSimulator } from '../../electron/simulators/midtrans/server';
import { silentLogger } from '../../electron/log/logger';
import type { NonCashMethod } from '../../electron/providers/payment-contract';

let sim: MidtransSimulator;
let client: MidtransClient;
let n = 0;
const ref = (): string => `LKT-P-${process.pid}-${++n}`;
const charge = (r: string, method: NonCashMethod = 'qris', amount = 51_600) => client.charge({ ref: r, method, amount, expirySeconds: 900, description: 'Token PLN 50.000', card: null });

beforeAll(async () => {
  sim = await startMidtransSimulator({ config: { hangMs: 1_500 } });
  client = createMidtransClient({
    endpoint: { baseUrl: sim.baseUrl, serverKey: sim.credentials.serverKey },
    timeouts: { ...DEFAULT_MIDTRANS_TIMEOUTS, chargeMs: 700 },
    log: silentLogger,
    now: Date.now,
  });
});
afterAll(async () => {
  await sim.close();
});

describe('Midtrans client ↔ simulator', () => {
  it('QRIS: a QR payload with the amount, then settled when the customer pays', async () => {
    const r = ref();
    const started = await charge(r);
    expect(started).toMatchObject({ kind: 'pending', display: { qrString: expect.stringMatching(/^000201.*540551600.*5802ID.*6304[0-9A-F]{4}$/) } });
    expect((started as { expiresAt: number }).expiresAt).toBeGreaterThan(Date.now() + 800_000);
    expect(await client.status(r, null)).toMatchObject({ kind: 'pending', display: null });
    sim.pay(r, 'ovo');
    expect(await client.status(r, null)).toMatchObject({ kind: 'settled', settled: { reference: expect.stringMatching(/^OVO [0-9A-F]{8}$/) } });
  });

  it('virtual accounts, Mandiri Bill and e-wallet deeplinks carry what the customer needs', async () => {
    expect(await charge(ref(), 'va_bni')).toMatchObject({ display: { bank: 'bni', vaNumber: expect.stringMatching(/^\d{16}$/) } });
    expect(await charge(ref(), 'va_permata')).toMatchObject({ display: { bank: 'permata', vaNumber: expect.stringMatching(/^\d+$/) } });
    expect(await charge(ref(), 'mandiri_bill')).toMatchObject({ display: { billerCode: '70012', billKey: expect.stringMatching(/^\d{12}$/) } });
    expect(await charge(ref(), 'gopay')).toMatchObject({ display: { deeplink: expect.stringContaining('/__sim/ui/pay?order_id=') } });
  });

  it('GoPay at a desk (issue 15 §4): the generate-qr-code image is fetched by the core and handed on as a data URL; the deeplink stays for a phone', async () => {
    const started = await charge(ref(), 'gopay');
    expect(started).toMatchObject({ kind: 'pending', display: { qrString: null, deeplink: expect.stringContaining('/__sim/ui/pay?order_id='), qrImage: expect.stringMatching(/^data:image\/gif;base64,/) } });
    const image = Buffer.from((started as { display: { qrImage: string } }).display.qrImage.split(',')[1]!, 'base64');
    expect(image.subarray(0, 6).toString('latin1')).toMatch(/^GIF8[79]a$/);
    // QRIS carries its own string: no image is fetched for it.
    expect((await charge(ref(), 'qris')) as { display: { qrImage?: unknown } }).not.toMatchObject({ display: { qrImage: expect.anything() } });
  });

  it('cancel stops a waiting payment; a paid one cannot be cancelled and is reported settled', async () => {
    const r = ref();
    await charge(r);
    expect(await client.cancel(r, null)).toMatchObject({ kind: 'closed', reason: 'cancelled' });
    const paid = ref();
    await charge(paid);
    sim.pay(paid);
    expect(await client.cancel(paid, null)).toMatchObject({ kind: 'settled' });
  });

  it('a charge whose answer is lost is found by status under the same order_id; never a second transaction', async () => {
    const r = ref();
    sim.configure({ faults: { chargeLost: 1 } });
    expect(await charge(r)).toMatchObject({ kind: 'unknown', notFound: false });
    expect(await client.status(r, null)).toMatchObject({ kind: 'pending' });
    const hung = ref();
    sim.configure({ faults: { chargeHang: 1 } });
    expect(await charge(hung)).toMatchObject({ kind: 'unknown' });
    expect(await client.status(hung, null)).toMatchObject({ kind: 'pending' });
    const never = ref();
    sim.configure({ faults: { chargeHtml502: 1 } });
    expect(await charge(never)).toMatchObject({ kind: 'unknown' });
    expect(await client.status(never, null)).toMatchObject({ kind: 'unknown', notFound: true });
    expect(await charge(never)).toMatchObject({ kind: 'pending' });
    expect(sim.chargeCount(never)).toBe(2);
  });

  it('refunds: partial, repeated with the same key without paying twice, refused for a virtual account', async () => {
    const r = ref();
    await charge(r, 'qris', 20_000);
    sim.pay(r);
    expect(await client.refund({ ref: r, txnId: null, key: `${r}-R1`, amount: 5_000, reason: 'tes', direct: false })).toMatchObject({ kind: 'done' });
    expect(await client.refund({ ref: r, txnId: null, key: `${r}-R1`, amount: 5_000, reason: 'tes', direct: false })).toMatchObject({ kind: 'done' });
    expect(sim.txn(r)!.refunds).toHaveLength(1);
    expect(await client.status(r, null)).toEqual({ kind: 'refunded', refundedAmount: 5_000 });
    sim.configure({ faults: { refundLost: 1 } });
    expect(await client.refund({ ref: r, txnId: null, key: `${r}-R2`, amount: 15_000, reason: 'sisa', direct: true })).toMatchObject({ kind: 'unknown' });
    expect(await client.refund({ ref: r, txnId: null, key: `${r}-R2`, amount: 15_000, reason: 'sisa', direct: true })).toMatchObject({ kind: 'done' });
    expect(sim.txn(r)!.refunds).toHaveLength(2);
    const va = ref();
    await charge(va, 'va_bri');
    sim.pay(va);
    expect(await client.refund({ ref: va, txnId: null, key: `${va}-R`, amount: 51_600, reason: 'x', direct: false })).toMatchObject({ kind: 'refused', error: { providerCode: '412' } });
  });

  it('the simulator holds Midtrans’ limits (issue 15 §4): Mandiri Bill’s 10-character bill_info1, item_details summing to the amount, a null body answered 500', async () => {
    const post = (body: string) =>
      fetch(`${sim.baseUrl}/v2/charge`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${sim.credentials.serverKey}:`).toString('base64')}` }, body });
    const tooLong = await (await post(JSON.stringify({ payment_type: 'echannel', transaction_details: { order_id: ref(), gross_amount: 10_000 }, echannel: { bill_info1: 'Pembayaran:', bill_info2: 'PLN' } }))).json();
    expect(tooLong).toMatchObject({ status_code: '400' });
    const sumOff = await (await post(JSON.stringify({ payment_type: 'qris', transaction_details: { order_id: ref(), gross_amount: 10_000 }, item_details: [{ id: 'A', price: 9_000, quantity: 1, name: 'x' }] }))).json();
    expect(sumOff).toMatchObject({ status_code: '400' });
    expect((await post('null')).status).toBe(500);
    // Loket's own charges pass: a Mandiri Bill and a QRIS with their item line.
    const r = ref();
    expect(await charge(r, 'mandiri_bill')).toMatchObject({ kind: 'pending', display: { billKey: expect.any(String) } });
    expect(sim.txn(r)).not.toBeNull();
    expect((await charge(ref(), 'qris', 12_345)).kind).toBe('pending');
  });

  it('a wrong server key is a definite failure', async () => {
    const wrong = createMidtransClient({ endpoint: { baseUrl: sim.baseUrl, serverKey: 'SB-Mid-server-NOPE' }, timeouts: DEFAULT_MIDTRANS_TIMEOUTS, log: silentLogger, now: Date.now });
    expect(await wrong.charge({ ref: ref(), method: 'qris', amount: 10_000, expirySeconds: 60, description: 'x', card: null })).toMatchObject({ kind: 'closed', error: { code: 'provider_auth' } });
  });
});
