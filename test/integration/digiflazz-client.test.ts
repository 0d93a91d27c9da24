// The Digiflazz client against its simulator over real HTTP (digiflazz.md): signatures, the price
// lists, the deposit, every money-path class of rc, the lost answers a re-sent ref_id resolves
// without a second purchase, postpaid under the inquiry's ref_id, and webhooks checked over raw bytes.
import { createHmac } from 'node:crypto';
import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDigiflazzClient, digiflazzWebhookReader, tokenOf, type DigiflazzClient } from '../../electron/providers/digiflazz/client';
import { signFor } from '../../electron/providers/digiflazz/signing';
import { rcClass } from '../../electron/providers/digiflazz/errors';
import type { PurchaseRequest } from '../../electron/providers/contract';
import { startDigiflazzSimulator, type DigiflazzSimulator } from '../../electron/simulators/digiflazz/server';
import { silentLogger } from '../../electron/log/logger';

let sim: DigiflazzSimulator;
let client: DigiflazzClient;
const DEV = 'dev-test-key';
let n = 0;
const ref = (): string => `LKT-DF${Date.now().toString(36)}${(n++).toString(36)}`;

const make = (over: Partial<{ baseUrl: string; apiKey: string; testing: boolean; transactionMs: number }> = {}): DigiflazzClient =>
  createDigiflazzClient({
    endpoint: { baseUrl: over.baseUrl ?? sim.baseUrl, username: 'loketlatihan', apiKey: over.apiKey ?? DEV, testing: over.testing ?? true },
    timeouts: { connectMs: 1_000, transactionMs: over.transactionMs ?? 2_000, otherMs: 2_000 },
    now: Date.now,
    log: silentLogger,
  });

const buy = (r: string, sku: string, customer: string, kind: PurchaseRequest['kind'] = 'digital', inquiryRef: string | null = null): PurchaseRequest => ({
  ref: r,
  kind,
  providerProduct: sku,
  customerNumber: customer,
  faceValue: 0,
  amount: 0,
  maxCost: 0,
  inquiryRef,
});
const status = (req: PurchaseRequest, firstSentAt: number | null = Date.now()) =>
  client.advise({ ref: req.ref, payRef: null, customerNumber: req.customerNumber, faceValue: 0, confirming: false, purchase: req, firstSentAt });
const trxOf = (r: string) => sim.transactions().filter((t) => t.ref_id === r);

beforeAll(async () => {
  sim = await startDigiflazzSimulator({ devKey: DEV, config: { settleMs: 60_000, hangMs: 3_000, priceListLimit: 'off' } });
  client = make();
});
afterAll(() => sim.close());
afterEach(() => sim.configure({ devKeyNeedsTesting: false, minRecheckMs: 0, refConflict: 'rc49', priceListLimit: 'off' }));

describe('Digiflazz signatures and classes', () => {
  it('md5(username + key + suffix), lower-case hex (§2.1)', () => {
    // Computed with `printf %s usernamekeydepo | md5sum`.
    expect(signFor('username', 'key', 'depo')).toBe('46d4f3215ce90fe790a9001dc849bc6a');
    expect(signFor('username', 'key', 'some1d')).toBe('2fca734a273de7f788b89b36fc3dcce5');
  });
  it('rc classes (§4.4): only 00 succeeds, 03/99 and unlisted codes are unknown, 47/49 conflicts', () => {
    expect(['00', '03', '99', '46', '98', '02', '54', '44', '41', '49', '47'].map(rcClass)).toEqual(['S', 'P', 'P', 'P', 'P', 'FY', 'FY', 'FN', 'FN', 'X', 'X']);
  });
  it('a PLN token is the first 20 digits of sn; kWh and tariff come along', () => {
    expect(tokenOf('1234-5678-9012-3456-7890/SITI AMINAH/R1/1300/32.1')).toEqual({ token: '12345678901234567890', kwh: '32.1', name: 'SITI AMINAH', tariff: 'R1/1300 VA' });
    expect(tokenOf('S1234554321N').token).toBeNull();
  });
});

describe('Digiflazz catalogue and deposit', () => {
  it('reads the deposit and both price lists; PLN SKUs are tokens, pasca items are bills, switched-off items unsellable', async () => {
    const bal = await client.balance();
    expect(bal).toEqual({ ok: true, value: sim.deposit() });
    const list = await client.listProducts();
    expect(list.ok).toBe(true);
    if (!list.ok) return;
    const pln100 = list.value.find((p) => p.code === 'pln100')!;
    expect(pln100).toMatchObject({ kind: 'pln_prepaid', faceValue: 100_000, category: 'Listrik PLN' });
    expect(list.value.find((p) => p.code === 's25')).toMatchObject({ kind: 'digital', category: 'Pulsa', operator: 'TELKOMSEL', faceValue: 25_000, status: 1 });
    expect(list.value.find((p) => p.code === 'pln' && p.kind === 'bill')).toMatchObject({ isInquiry: true, category: 'Listrik PLN' });
    expect(list.value.find((p) => p.code === 's150')?.status).toBe(3);
    expect(list.value.find((p) => p.code === 'i150')?.status).toBe(2);
    const one = await client.listProducts(['x10']);
    expect(one.ok && one.value.map((p) => p.code)).toEqual(['x10']);
  });
  it('a second full price list within 5 minutes is refused (rc 83) as "try later", not as an empty catalogue', async () => {
    sim.configure({ priceListLimit: 'per_cmd' });
    const c = make();
    expect((await c.listProducts()).ok).toBe(true);
    const again = await c.listProducts();
    expect(again).toMatchObject({ ok: false, error: { code: 'provider_unavailable', providerCode: '83' } });
  });
  it('if one 5-minute limit covers both lists, the second list comes next time, fetched first', async () => {
    sim.configure({ priceListLimit: 'off' });
    let t = Date.now();
    const sim2 = await startDigiflazzSimulator({ devKey: DEV, now: () => t, config: { priceListLimit: 'shared' } });
    const c = createDigiflazzClient({ endpoint: { baseUrl: sim2.baseUrl, username: 'loketlatihan', apiKey: DEV, testing: true }, timeouts: { connectMs: 1_000, transactionMs: 2_000, otherMs: 2_000 }, now: () => t, log: silentLogger });
    const first = await c.listProducts();
    expect(first.ok && first.value.every((p) => p.kind !== 'bill')).toBe(true);
    t += 6 * 60_000;
    const second = await c.listProducts();
    expect(second.ok && second.value.every((p) => p.kind === 'bill') && second.value.length > 0).toBe(true);
    await sim2.close();
  });
});

describe('Digiflazz purchases', () => {
  it('success: the price is taken once; a PLN token is delivered as 20 digits', async () => {
    const before = sim.deposit();
    const r = ref();
    const out = await client.purchase(buy(r, 'pln50', '12345678901', 'pln_prepaid'));
    expect(out.kind).toBe('success');
    if (out.kind !== 'success') return;
    expect(out.delivered.token).toMatch(/^\d{20}$/);
    expect(out.delivered.chargedAmount).toBe(51_500);
    expect(sim.deposit()).toBe(before - 51_500);
  });
  it('a definite failure (rc 02) takes nothing', async () => {
    const before = sim.deposit();
    const out = await client.purchase(buy(ref(), 's10', '081200001232'));
    expect(out).toMatchObject({ kind: 'failed', error: { providerCode: '02' } });
    expect(sim.deposit()).toBe(before);
  });
  it('pending (rc 03) is uncertain and acknowledged; the same request again is the status check — one transaction', async () => {
    const r = ref();
    const req = buy(r, 's10', '081200001233');
    expect(await client.purchase(req)).toMatchObject({ kind: 'uncertain', acknowledged: true });
    expect(await status(req)).toMatchObject({ kind: 'uncertain', acknowledged: true });
    sim.settleAll();
    expect((await status(req)).kind).toBe('success');
    expect(trxOf(r)).toHaveLength(1);
    expect(sim.requestCount(r)).toBe(3);
  });
  it('pending that fails gives the deposit back and ends failed', async () => {
    const before = sim.deposit();
    const req = buy(ref(), 's10', '081200001234');
    expect((await client.purchase(req)).kind).toBe('uncertain');
    sim.settleAll();
    expect(await status(req)).toMatchObject({ kind: 'failed' });
    expect(sim.deposit()).toBe(before);
  });
  it.each([
    ['an answer that never comes (timeout)', '081200000408'],
    ['a connection dropped after the commit', '081200000500'],
    ['an HTML 502 after the commit', '081200000502'],
  ])('%s: uncertain, found by status under the same ref_id, bought once', async (_what, customer) => {
    const before = sim.deposit();
    const r = ref();
    const req = buy(r, 's5', customer);
    const c = make({ transactionMs: 500 });
    const out = await c.purchase(req);
    expect(out).toMatchObject({ kind: 'uncertain', acknowledged: false });
    const found = await status(req);
    expect(found.kind).toBe('success');
    expect(trxOf(r)).toHaveLength(1);
    expect(sim.deposit()).toBe(before - trxOf(r)[0]!.price);
  });
  it('an unlisted rc (46) with status Gagal is unknown, never failed; the status check settles it', async () => {
    const req = buy(ref(), 's5', '081200000046');
    expect(await client.purchase(req)).toMatchObject({ kind: 'uncertain', error: { providerCode: '46' } });
    sim.settleAll();
    expect((await status(req)).kind).toBe('success');
  });
  it('a refused connection is provably not sent: failed, nothing taken', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const out = await make({ baseUrl: `http://127.0.0.1:${port}/v1` }).purchase(buy(ref(), 's5', '081211110000'));
    expect(out).toMatchObject({ kind: 'failed', error: { code: 'provider_unavailable' } });
  });
  it('but a refused status check is not a failure of the purchase', async () => {
    const req = buy(ref(), 's5', '081211110001');
    const out = await make({ baseUrl: 'http://127.0.0.1:1/v1' }).advise({ ref: req.ref, payRef: null, customerNumber: '', faceValue: 0, confirming: false, purchase: req, firstSentAt: Date.now() });
    expect(out.kind).toBe('uncertain');
  });
  it('the deposit too small (rc 44): refused before anything is made', async () => {
    const before = sim.deposit();
    sim.setDeposit(1_000);
    const r = ref();
    expect(await client.purchase(buy(r, 'pln1000', '12345678901', 'pln_prepaid'))).toMatchObject({ kind: 'failed', error: { code: 'deposit_insufficient' } });
    expect(trxOf(r)).toHaveLength(0);
    sim.setDeposit(before);
  });
  it('the same ref_id for another number (rc 49) is a conflict to resolve, not a failure', async () => {
    const r = ref();
    await client.purchase(buy(r, 's5', '081233330000'));
    expect(await client.purchase(buy(r, 's5', '081233339999'))).toMatchObject({ kind: 'uncertain', error: { providerCode: '49' } });
  });
  it('a status check refused by the once-a-minute rule (rc 85) is "ask later", never failed', async () => {
    sim.configure({ minRecheckMs: 60_000 });
    const req = buy(ref(), 's5', '081244441233');
    await client.purchase(req);
    expect(await status(req)).toMatchObject({ kind: 'uncertain', error: { providerCode: '85' } });
  });
  it('past the re-query horizon nothing is sent: a re-sent ref_id would be a new purchase (§3.5)', async () => {
    const req = buy(ref(), 's5', '081255550000');
    const out = await status(req, Date.now() - 86 * 86_400_000);
    expect(out).toMatchObject({ kind: 'uncertain', error: { providerCode: 'horizon' } });
    expect(sim.requestCount(req.ref)).toBe(0);
  });
  it('the development-key trap: without testing:true rc 41 (provider_auth), with it the sale goes through', async () => {
    sim.configure({ devKeyNeedsTesting: true });
    expect(await make({ testing: false }).purchase(buy(ref(), 's5', '081266660000'))).toMatchObject({ kind: 'failed', error: { code: 'provider_auth' } });
    expect((await make({ testing: true }).purchase(buy(ref(), 's5', '081266660001'))).kind).toBe('success');
  });
});

describe('Digiflazz bills: inquiry, then pay and status under the inquiry ref_id', () => {
  it('inquiry prices the bill; the payment goes under the inquiry ref_id and takes `price`', async () => {
    const inqRef = `INQ-${ref()}`;
    const bill = await client.inquireBill({ ref: inqRef, productCode: 'pln', customerNumber: '530000000002' });
    expect(bill.ok).toBe(true);
    if (!bill.ok) return;
    expect(bill.value.inquiryRef).toBe(inqRef);
    expect(bill.value.lines.filter((l) => l.name.startsWith('Periode'))).toHaveLength(2);
    const before = sim.deposit();
    const req = buy(ref(), 'pln', '530000000002', 'bill', inqRef);
    const paid = await client.purchase(req);
    expect(paid.kind).toBe('success');
    expect(sim.deposit()).toBe(before - bill.value.salesPrice);
    expect((await status(req)).kind).toBe('success');
    expect(trxOf(inqRef)).toHaveLength(1);
  });
  it('an inquiry that fails (530000000003) is a clear refusal; a payment that fails (…06) takes nothing', async () => {
    expect(await client.inquireBill({ ref: `INQ-${ref()}`, productCode: 'pln', customerNumber: '530000000003' })).toMatchObject({ ok: false });
    const inqRef = `INQ-${ref()}`;
    expect((await client.inquireBill({ ref: inqRef, productCode: 'pln', customerNumber: '530000000006' })).ok).toBe(true);
    const before = sim.deposit();
    expect(await client.purchase(buy(ref(), 'pln', '530000000006', 'bill', inqRef))).toMatchObject({ kind: 'failed' });
    expect(sim.deposit()).toBe(before);
  });
  it('status of a payment Digiflazz never got ("Data belum ada") is not-found, not failed', async () => {
    const req = buy(ref(), 'pln', '530000000001', 'bill', `INQ-${ref()}`);
    expect(await status(req)).toMatchObject({ kind: 'uncertain', notFound: true });
  });
});

describe('Digiflazz webhooks: a hint checked over the raw bytes', () => {
  const secret = 'loket-webhook-secret';
  const sign = (raw: Buffer, key = secret): string => `sha1=${createHmac('sha1', key).update(raw).digest('hex')}`;
  const read = digiflazzWebhookReader(secret);
  it('a valid signature names the ref_id; a wrong one or none is refused', () => {
    const raw = Buffer.from('{"data":{"ref_id":"LKT-1","customer_no":"0812","buyer_sku_code":"s5","message":"Sukses","status":"Sukses","rc":"00","sn":"A\\/B"}}');
    expect(read(raw, sign(raw))).toEqual({ refId: 'LKT-1' });
    expect(read(raw, sign(raw, 'other'))).toBeNull();
    expect(read(raw, undefined)).toBeNull();
    // The same JSON re-encoded (no `\/`) is other bytes: its signature does not carry over.
    const reencoded = Buffer.from(JSON.stringify(JSON.parse(raw.toString())));
    expect(read(reencoded, sign(raw))).toBeNull();
  });
});
