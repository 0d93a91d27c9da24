// The core's bill payment through SAT (inquiry + signed checkout + signed status + ledger, through
// the call wrapper the hosts use) against the same requests sent raw, interleaved in rounds, to one
// simulator process that fulfils orders at once. The raw side does what any correct client must:
// cached OAuth token, inquiry, checkout signed over its exact bytes, status with its signature checked.
import { constants, createPrivateKey, createPublicKey, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { SatSimProcess } from './sim-process';
import { sideBySide, type SideBySide } from './stats';
import { startBenchLoket } from './bench-loket';

type Answer = { status: number; body: Buffer; signature: string | null };

function request(url: string, method: 'GET' | 'POST', headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body ? { ...headers, 'content-length': String(body.length) } : headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const s = res.headers.signature;
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), signature: typeof s === 'string' ? s : null });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

type RawClient = { pay(customer: string): Promise<void> };

async function rawClient(sim: SatSimProcess): Promise<RawClient> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: sim.clientId, client_secret: sim.clientSecret });
  const t = await request(sim.tokenUrl, 'POST', { 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from(form.toString()));
  const token = (JSON.parse(t.body.toString('utf8')) as { access_token: string }).access_token;
  const privateKey: KeyObject = createPrivateKey(sim.privateKeyPem);
  const satKey: KeyObject = createPublicKey(sim.satPublicKeyPem);
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'application/json' };
  const api = (p: string): string => `${sim.baseUrl}/${p}`;
  return {
    async pay(customer) {
      const inq = await request(api('v2/inquiry'), 'POST', headers, Buffer.from(JSON.stringify({ data: { type: 'inquiry', attributes: { product_code: 'pln-postpaid', client_number: customer } } })));
      const amount = (JSON.parse(inq.body.toString('utf8')) as { data: { attributes: { sales_price: number } } }).data.attributes.sales_price;
      const id = randomUUID();
      const order = Buffer.from(JSON.stringify({ data: { type: 'order', id, attributes: { product_code: 'pln-postpaid', client_number: customer, amount } } }));
      const signature = sign('sha256', order, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_MAX_SIGN }).toString('base64');
      const placed = await request(api('v2/order'), 'POST', { ...headers, signature }, order);
      if (placed.status !== 200) throw new Error(`raw checkout ${placed.status}: ${placed.body.toString('utf8')}`);
      const s = await request(api(`v2/order/${id}`), 'GET', headers);
      const ok = s.signature !== null && verify('sha256', s.body, { key: satKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, Buffer.from(s.signature, 'base64'));
      const status = (JSON.parse(s.body.toString('utf8')) as { data: { attributes: { status: string } } }).data.attributes.status;
      if (!ok || status !== 'Success') throw new Error(`raw status ${status}, signature ${ok}`);
    },
  };
}

export async function benchSatPipeline(sim: SatSimProcess, sales: number, rounds = 5): Promise<SideBySide> {
  const loket = await startBenchLoket();
  const call = loket.call;
  await call('settings.saveSat', {
    baseUrl: sim.baseUrl,
    tokenUrl: sim.tokenUrl,
    clientId: sim.clientId,
    clientSecret: sim.clientSecret,
    privateKeyPem: sim.privateKeyPem,
    satPublicKeyPem: sim.satPublicKeyPem,
  });
  await call('settings.saveVsi', { baseUrl: 'http://127.0.0.1:9/vsi', clientId: 'unused', secret: 'unused-in-this-bench', dtFormat: 'YYYYMMDD' });
  await call('settings.setMode', { mode: 'production' });
  await call('shift.open', { openingFloat: 0 });
  await call('catalog.sync', {});
  const raw = await rawClient(sim);

  let n = 0;
  const customer = (): string => String(530_000_000_000 + ((process.pid * 7919 + n++) % 9_000_000)).padStart(12, '5').replace(/(0002|0500|0502|0408|0777|9999)$/, '1111');
  // Checkout answers Pending (SAT is asynchronous); the cashier's "check status" asks at once, as the raw side does.
  const coreSale = async (): Promise<void> => {
    const bill = await call('bill.inquire', { productCode: 'pln-postpaid', customerNumber: customer() });
    const amounts = bill.amounts as { total: number };
    let sale = await call('sale.startBill', { clientRequestId: `bench-${n}-${Math.random()}`, inquiryId: bill.inquiryId, payment: { method: 'cash', tendered: amounts.total } });
    if (sale.state !== 'succeeded') sale = await call('sale.checkStatus', { saleId: sale.id });
    if (sale.state !== 'succeeded') throw new Error(`sale ended ${String(sale.state)}`);
  };

  try {
    return await sideBySide(() => raw.pay(customer()), coreSale, sales, rounds);
  } finally {
    await loket.stop();
  }
}
