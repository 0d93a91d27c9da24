// The payment step of a QRIS sale in the core (sale recorded with its payment, charge, the status
// call that finds it paid — ledger commits and all) against the same HTTP calls made raw: charge,
// the simulated customer paying, status. The purchase that follows is not timed (it is the token
// pipeline, measured on its own).
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { MidtransSimProcess, SimProcess } from './sim-process';
import { startBenchLoket } from './bench-loket';
import { getPaymentBySale } from '../../electron/db/queries/payments';
import { sideBySide, timeIt, type SideBySide } from './stats';

function request(url: string, method: 'GET' | 'POST', headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent: false }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export async function benchPaymentStep(vsi: SimProcess, midtrans: MidtransSimProcess, sales: number, rounds = 5): Promise<SideBySide> {
  const loket = await startBenchLoket();
  const call = loket.call;
  await call('settings.saveVsi', { baseUrl: vsi.baseUrl, clientId: vsi.clientId, secret: vsi.secret, dtFormat: 'YYYYMMDD' });
  await call('settings.saveMidtrans', { environment: 'sandbox', baseUrl: midtrans.baseUrl, serverKey: midtrans.serverKey });
  await call('settings.setMode', { mode: 'production' });
  await call('shift.open', { openingFloat: 0 });
  const headers = {
    authorization: `Basic ${Buffer.from(`${midtrans.serverKey}:`).toString('base64')}`,
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const customerPays = (orderId: string) => request(`${midtrans.baseUrl}/__sim/transactions/${encodeURIComponent(orderId)}/pay`, 'POST', {}, '{}');

  const raw = async (): Promise<void> => {
    const orderId = `RAW-${randomUUID()}`;
    const charge = await request(`${midtrans.baseUrl}/v2/charge`, 'POST', headers, JSON.stringify({ payment_type: 'qris', transaction_details: { order_id: orderId, gross_amount: 101_600 }, custom_expiry: { expiry_duration: 900, unit: 'second' }, qris: { acquirer: 'gopay' } }));
    if (!charge.text.includes('"201"')) throw new Error(`raw charge: ${charge.text}`);
    await customerPays(orderId);
    const status = await request(`${midtrans.baseUrl}/v2/${encodeURIComponent(orderId)}/status`, 'GET', headers);
    if (!status.text.includes('"settlement"')) throw new Error(`raw status: ${status.text}`);
  };

  let n = 0;
  const meter = (): string => String(20_000_000_000 + ((process.pid * 7919 + n++) % 70_000_000_000)).padStart(11, '2');
  /** One core payment step, timed from the sale's start to its settled payment; the purchase after it waits untimed. */
  const core = async (): Promise<number> => {
    const inq = (await call('pln.inquire', { customerNumber: meter() })) as { inquiryId: string };
    let saleId = '';
    const ms = await timeIt(async () => {
      const sale = (await call('sale.startPlnToken', { clientRequestId: `bench-pay-${randomUUID()}`, inquiryId: inq.inquiryId, denomination: 100_000, payment: { method: 'qris' } })) as { id: string; payment: { state: string } };
      saleId = sale.id;
      if (sale.payment.state !== 'pending') throw new Error(`charge ended ${sale.payment.state}`);
      await customerPays(getPaymentBySale(loket.db, saleId)!.provider_ref!);
      const after = (await call('payment.check', { saleId })) as { payment: { state: string } };
      if (after.payment.state !== 'settled') throw new Error(`payment ended ${after.payment.state}`);
    });
    for (;;) {
      const s = (await call('sale.get', { saleId })) as { state: string };
      if (s.state === 'succeeded' || s.state === 'failed') break;
      await new Promise((r) => setTimeout(r, 2));
    }
    return ms;
  };
  try {
    return await sideBySide(raw, core, sales, rounds, 5);
  } finally {
    await loket.stop();
  }
}
