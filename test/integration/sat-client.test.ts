// The SAT client against the SAT simulator over real HTTP: login, token reuse and renewal,
// catalogue, deposit, inquiries, and the classes of checkout and status answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSatClient, DEFAULT_SAT_TIMEOUTS, type SatClient } from '../../electron/providers/sat/client';
import { startSatSimulator, type SatSimulator } from '../../electron/simulators/sat/server';
import { silentLogger } from '../../electron/log/logger';
import { waitFor } from './harness';

let sim: SatSimulator;
let tokenRequests = 0;
let clock = Date.now();
const now = (): number => clock;

function client(overrides: Partial<{ clientSecret: string; checkoutMs: number }> = {}): SatClient {
  return createSatClient({
    endpoint: { baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, ...sim.credentials, ...(overrides.clientSecret ? { clientSecret: overrides.clientSecret } : {}) },
    timeouts: { ...DEFAULT_SAT_TIMEOUTS, checkoutMs: overrides.checkoutMs ?? 2_000 },
    now,
    log: silentLogger,
  });
}

const ref = (): string => `LKT-T${Math.random().toString(36).slice(2, 12)}`;
const order = (c: SatClient, r: string, code: string, number: string, amount = 0) =>
  c.purchase({ ref: r, kind: 'digital', maxCost: 0, providerProduct: code, customerNumber: number, faceValue: 0, amount, inquiryRef: null });
const status = (c: SatClient, r: string) => c.advise({ ref: r, payRef: null, customerNumber: '', faceValue: 0, confirming: false, purchase: { ref: r, kind: 'digital', maxCost: 0, providerProduct: '', customerNumber: '', faceValue: 0, amount: 0, inquiryRef: null }, firstSentAt: null });

beforeAll(async () => {
  sim = await startSatSimulator({
    config: { fulfilMs: 150, hangMs: 3_000, tokenLifetimeS: 3600 },
    onRequest: (r) => {
      if (r.path === '/token') tokenRequests++;
    },
  });
});
afterAll(async () => {
  await sim.close();
});

/** The simulator has finished the order (its own pending → final), seen in its state: no sleeping on its timer. */
async function settledAtSat(id: string): Promise<void> {
  await waitFor(async () => sim.orders().find((o) => o.id === id)?.status, (st) => st === 'Success' || st === 'Failed', 10_000, 20);
}

describe('SAT client against the SAT simulator', () => {
  it('logs in once for concurrent calls, reuses the token, renews it 10 minutes before expiry', async () => {
    const c = client();
    const before = tokenRequests;
    await Promise.all([c.balance(), c.balance(), c.listProducts(['25k-xl'])]);
    expect(tokenRequests - before).toBe(1);
    await c.balance();
    expect(tokenRequests - before).toBe(1);
    clock += (3600 - 599) * 1000;
    await c.balance();
    expect(tokenRequests - before).toBe(2);
  });

  it('a token SAT stops accepting is dropped, renewed and the call retried once', async () => {
    const c = client();
    await c.balance();
    const before = tokenRequests;
    sim.revokeTokens();
    expect((await c.balance()).ok).toBe(true);
    expect(tokenRequests - before).toBe(1);
  });

  it('a wrong secret is a clear authentication failure, never cached', async () => {
    const c = client({ clientSecret: 'wrong' });
    const r = await c.balance();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('provider_auth');
    const before = tokenRequests;
    await c.balance();
    expect(tokenRequests - before).toBe(1);
  });

  it('reads the catalogue, the deposit and a bill', async () => {
    const c = client();
    const all = await c.listProducts();
    expect(all.ok && all.value.length).toBeGreaterThan(40);
    const some = await c.listProducts(['25k-xl', 'pln-postpaid']);
    expect(some.ok && some.value.map((p) => [p.code, p.kind])).toEqual([
      ['25k-xl', 'digital'],
      ['pln-postpaid', 'bill'],
    ]);
    const missing = await c.listProducts(['nope']);
    expect(missing.ok === false && missing.error.code).toBe('product_unavailable');
    const balance = await c.balance();
    expect(balance).toEqual({ ok: true, value: sim.deposit() });
    const bill = await c.inquireBill({ ref: 'INQ-T', productCode: 'bpjs-kesehatan', customerNumber: '8888801234567' });
    expect(bill.ok && bill.value.salesPrice).toBe(bill.ok ? bill.value.baseAmount + bill.value.adminFee : 0);
    expect(bill.ok && bill.value.lines.map((l) => l.name)).toContain('No. VA');
    const noBill = await c.inquireBill({ ref: 'INQ-T', productCode: 'pln-postpaid', customerNumber: '5321100009999' });
    expect(noBill.ok === false && noBill.error.code).toBe('customer_not_found');
  });

  it('checkout is only an acknowledgement; the signed status delivers', async () => {
    const c = client();
    const r = ref();
    const placed = await order(c, r, 'kode-voucher-google-50k', '081234560001');
    expect(placed).toMatchObject({ kind: 'uncertain', acknowledged: true });
    await settledAtSat(r);
    const done = await status(c, r);
    expect(done.kind).toBe('success');
    if (done.kind === 'success') {
      expect(done.delivered.voucherCode).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
      expect(done.delivered.chargedAmount).toBe(49_500);
    }
    expect(await order(c, r, 'kode-voucher-google-50k', '081234560001')).toMatchObject({ kind: 'uncertain', acknowledged: true });
    expect(sim.orders().filter((o) => o.id === r)).toHaveLength(1);
  });

  it('a failed order is a definite failure with its code; unknown ids are NOT-FOUND', async () => {
    const c = client();
    const r = ref();
    await order(c, r, '25k-xl', '081200000002');
    await settledAtSat(r);
    const failed = await status(c, r);
    expect(failed).toMatchObject({ kind: 'failed', error: { code: 'product_unavailable', providerCode: 'S02' } });
    expect(await status(c, ref())).toMatchObject({ kind: 'uncertain', notFound: true });
  });

  it('an answer with a bad signature never delivers goods', async () => {
    const c = client();
    const r = ref();
    await order(c, r, '25k-xl', '081200000777');
    await settledAtSat(r);
    expect(await status(c, r)).toMatchObject({ kind: 'uncertain', notFound: false });
  });

  it('S00, a proxy page and a timeout after sending are uncertain; a product SAT does not sell is a definite failure', async () => {
    const c = client({ checkoutMs: 1_000 });
    expect(await order(c, ref(), '25k-xl', '081200000500')).toMatchObject({ kind: 'uncertain', acknowledged: false });
    expect(await order(c, ref(), '25k-xl', '081200000502')).toMatchObject({ kind: 'uncertain', acknowledged: false });
    expect(await order(c, ref(), '25k-xl', '081200000408')).toMatchObject({ kind: 'uncertain', acknowledged: false });
    expect(await order(c, ref(), 'steam-wallet-60k', '0812345678')).toMatchObject({ kind: 'failed', error: { code: 'product_unavailable' } });
    sim.configure({ fault: { status500: 1 } });
    const inq = await c.inquireBill({ ref: 'INQ-T', productCode: 'pln-postpaid', customerNumber: '532110000060' });
    expect(inq.ok === false && inq.error.code).toBe('provider_unavailable');
    sim.configure({ fault: { html502: 1 } });
    expect((await c.balance()).ok).toBe(false);
    expect((await c.balance()).ok).toBe(true);
  });

  it('a bill checkout with the wrong amount is refused before anything is taken', async () => {
    const c = client();
    const before = sim.deposit();
    expect(await order(c, ref(), 'pln-postpaid', '532110000060', 1)).toMatchObject({ kind: 'failed' });
    expect(sim.deposit()).toBe(before);
  });

  it('one product with a status SAT never published does not lose the catalogue: the rest are kept, that one is not sold (issue 15 §7)', async () => {
    sim.configure({ fault: { oddProductStatus: true } });
    try {
      const r = await client().listProducts();
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.length).toBeGreaterThan(40);
      expect(r.value.filter((p) => p.status === 3).length).toBeGreaterThan(0);
      expect(r.value[0]!.status).toBe(3);
    } finally {
      sim.configure({ fault: { oddProductStatus: false } });
    }
  });

  it('products that declare extra inputs get them, on inquiry and order; the outlet’s downline id goes with every call (issue 15 §2)', async () => {
    const listed = await client().listProducts(['mlbb-86-diamonds', 'pbb-kota-bandung', '25k-xl']);
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    const byCode = new Map(listed.value.map((p) => [p.code, p]));
    expect(byCode.get('mlbb-86-diamonds')!.extraFields).toEqual([{ name: 'zone_id', label: 'Zone ID' }]);
    expect(byCode.get('pbb-kota-bandung')!.extraFields).toEqual([{ name: 'tahun_pajak', label: 'Tahun pajak' }]);
    expect(byCode.get('25k-xl')!.extraFields).toEqual([]);

    const withDownline = createSatClient({
      endpoint: { baseUrl: sim.baseUrl, tokenUrl: sim.tokenUrl, ...sim.credentials, downlineId: 'OUTLET-07' },
      timeouts: DEFAULT_SAT_TIMEOUTS,
      now,
      log: silentLogger,
    });
    // Without its field the product is refused before anything is taken; with it, sold, and SAT holds what was sent.
    const before = sim.deposit();
    const missing = await order(withDownline, ref(), 'mlbb-86-diamonds', '1234567890');
    expect(missing).toMatchObject({ kind: 'failed', error: { providerCode: 'P01' } });
    expect(sim.deposit()).toBe(before);
    const r = ref();
    const game = await withDownline.purchase({ ref: r, kind: 'digital', maxCost: 0, providerProduct: 'mlbb-86-diamonds', customerNumber: '1234567890', faceValue: 0, amount: 0, inquiryRef: null, fields: [{ name: 'zone_id', value: '2001' }] });
    expect(game.kind).not.toBe('failed');
    expect(sim.orders().find((o) => o.id === r)).toMatchObject({ fields: [{ name: 'zone_id', value: '2001' }], downlineId: 'OUTLET-07' });

    const bill = await withDownline.inquireBill({ ref: ref(), productCode: 'pbb-kota-bandung', customerNumber: '327301000100', fields: [{ name: 'tahun_pajak', value: '2026' }] });
    expect(bill.ok).toBe(true);
    expect(sim.inquiries().at(-1)).toMatchObject({ productCode: 'pbb-kota-bandung', fields: [{ name: 'tahun_pajak', value: '2026' }], downlineId: 'OUTLET-07' });
    // A client without a downline id sends none.
    await client().inquireBill({ ref: ref(), productCode: 'pln-postpaid', customerNumber: '532110000060' });
    expect(sim.inquiries().at(-1)).toMatchObject({ productCode: 'pln-postpaid', fields: null, downlineId: null });
  });
});
