// Digiflazz through the core (issue 14's proof of the plug-in): routed per kind from settings, PLN
// tokens, pulsa and bills sold in training against its simulator over real HTTP, its deposit read
// and booked on its own account, pending sales resolved by the same request, and the fallback from
// another provider after a definite failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saleEvents } from '../../electron/db/queries/sales';
import { trialBalance } from '../../electron/db/queries/journal';
import { createHmac } from 'node:crypto';
import { getSale } from '../../electron/db/queries/sales';
import { freePort, isFinal, requestId, startCore, waitFor, type Core } from './harness';
import type { SaleView } from '../../shared/contract';
import { startDigiflazzSimulator } from '../../electron/simulators/digiflazz/server';
import { DIGIFLAZZ } from '../../electron/providers/registry';

let core: Core;
const sim = () => core.loket.providers.training(DIGIFLAZZ);
const settle = (saleId: string) => waitFor(() => core.call('sale.get', { saleId }), (s) => isFinal(s), 15_000);
const balance = (code: string): number => trialBalance(core.loket.db, 'training').find((a) => a.code === code)?.balance ?? 0;
const ALL_DIGIFLAZZ = { primary: 'digiflazz', fallback: null, digital: { primary: 'digiflazz', fallback: null }, bill: { primary: 'digiflazz' } };

async function buyDigital(code: string, number: string): Promise<SaleView> {
  const p = (await core.call('catalog.list', { kind: 'digital' })).products.find((x) => x.code === code)!;
  return core.call('sale.startDigital', { clientRequestId: requestId(), confirmRepeat: true, productCode: code, customerNumber: number, expectedTotal: p.sellPrice!, payment: { method: 'cash', tendered: p.sellPrice! } });
}

beforeAll(async () => {
  core = await startCore();
  await core.call('settings.setRouting', ALL_DIGIFLAZZ);
  // The catalogue of a newly routed provider is fetched on its own (once: Digiflazz allows one full list per 5 minutes).
  await core.call('catalog.list', {});
});
afterAll(() => core.stop());

describe('Digiflazz as a plug-in provider', () => {
  it('settings list every registered provider with what it sells; the routes name Digiflazz', async () => {
    const v = await core.call('settings.get', {});
    expect(v.purchaseProviders.map((p) => p.name)).toEqual(['vsi', 'sat', 'digiflazz']);
    expect(v.purchaseProviders.find((p) => p.name === 'digiflazz')).toMatchObject({ displayName: 'Digiflazz', sells: ['pln_prepaid', 'digital', 'bill'] });
    expect(v.routing).toMatchObject(ALL_DIGIFLAZZ);
  });

  it('the catalogue shows Digiflazz products only, priced by the outlet rules', async () => {
    const digital = (await core.call('catalog.list', { kind: 'digital' })).products;
    expect(digital.map((p) => p.code)).toEqual(expect.arrayContaining(['s25', 'x10', 'gopay50']));
    expect(digital.some((p) => p.code === '25k-telkomsel')).toBe(false);
    expect(digital.find((p) => p.code === 's150')).toMatchObject({ sellable: false });
    const bills = (await core.call('catalog.list', { kind: 'bill' })).products;
    expect(bills.map((b) => b.code)).toEqual(expect.arrayContaining(['pln', 'pdam', 'bpjs']));
  });

  it('a PLN token: the meter check, the denominations from its price list, the token — and the cost booked on the Digiflazz deposit (1303)', async () => {
    const before = { sim: (await sim()).deposit(), books: balance('1303') };
    const inq = await core.call('pln.inquire', { customerNumber: '14233784991' });
    expect(inq).toMatchObject({ provider: 'digiflazz', name: expect.any(String), tariffPower: expect.stringMatching(/VA$/) });
    expect(inq.options.map((o) => o.denomination)).toEqual([20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000]);
    const option = inq.options.find((o) => o.denomination === 50_000)!;
    expect(option.amounts.providerCost).toBe(51_500);
    const started = await core.call('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 50_000, payment: { method: 'cash', tendered: option.amounts.total } });
    const done = await settle(started.id);
    expect(done).toMatchObject({ state: 'succeeded', product: { provider: 'digiflazz' } });
    expect(done.delivery.token).toMatch(/^\d{20}$/);
    expect((await sim()).deposit()).toBe(before.sim - 51_500);
    expect(balance('1303')).toBe(before.books - 51_500);
    const receipt = (await core.call('receipt.get', { saleId: done.id })).lines.map((l) => l.text).join('\n');
    expect(receipt).toContain(done.delivery.token!.replace(/(\d{4})(?=\d)/g, '$1 '));
  });

  it('pulsa: sold, its serial kept', async () => {
    const done = await settle((await buyDigital('s25', '081234560000')).id);
    expect(done).toMatchObject({ state: 'succeeded', product: { code: 's25', provider: 'digiflazz' } });
    expect(done.delivery.serialNumber).toBeTruthy();
  });

  it('a PLN postpaid bill: inquired, paid under the inquiry ref_id, the deposit debited by Digiflazz price', async () => {
    const before = (await sim()).deposit();
    const bill = await core.call('bill.inquire', { productCode: 'pln', customerNumber: '530000000002' });
    expect(bill.product).toMatchObject({ provider: 'digiflazz', code: 'pln' });
    expect(bill.lines.filter((l) => l.name.startsWith('Periode'))).toHaveLength(2);
    const started = await core.call('sale.startBill', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: bill.inquiryId, payment: { method: 'cash', tendered: bill.amounts.total } });
    const done = await settle(started.id);
    expect(done.state).toBe('succeeded');
    expect((await sim()).deposit()).toBe(before - bill.amounts.providerCost);
    expect((await sim()).transactions().filter((t) => t.customer_no === '530000000002')).toHaveLength(1);
  });

  it('a pending purchase is resolved by sending the same ref_id again: one transaction, succeeded', async () => {
    const started = await buyDigital('x10', '081299991233');
    const pending = await waitFor(() => core.call('sale.get', { saleId: started.id }), (s) => s.state === 'pending');
    expect(pending.state).toBe('pending');
    const done = await settle(started.id);
    expect(done.state).toBe('succeeded');
    const sale = core.loket.db.prepare('SELECT provider_ref FROM sales WHERE id = ?').get(started.id) as { provider_ref: string };
    expect((await sim()).transactions().filter((t) => t.ref_id === sale.provider_ref)).toHaveLength(1);
  });

  it('a definite failure takes nothing and gives the cash back', async () => {
    const done = await settle((await buyDigital('s10', '081299991232')).id);
    expect(done.state).toBe('failed');
    expect(done.payment.state).toBe('refund_due');
  });

  it('the deposit is read from Digiflazz and listed with the others', async () => {
    const r = await core.call('deposit.get', { refresh: true });
    expect(r.deposits.find((d) => d.provider === 'digiflazz')?.balance).toBe((await sim()).deposit());
    const books = await core.call('books.get', {});
    expect(books.deposits.map((d) => d.provider)).toEqual(['vsi', 'sat', 'digiflazz']);
    expect(books.deposits.find((d) => d.provider === 'digiflazz')).toMatchObject({ account: '1303', reported: (await sim()).deposit() });
  });

  it('production settings come from its descriptor: saved, secrets masked and bound to the address, used by the client', async () => {
    const prod = await startDigiflazzSimulator({ username: 'outletku', prodKey: 'prod-key-123456', deposit: 7_500_000 });
    try {
      const before = await core.call('settings.get', {});
      const form = before.providerForms.find((f) => f.name === 'digiflazz')!;
      expect(form.fields.map((f) => f.name)).toEqual(['baseUrl', 'username', 'keyMode']);
      expect(form.secrets.map((x) => [x.field, x.masked])).toEqual([['apiKey', ''], ['webhookSecret', '']]);
      expect(await core.fail('settings.saveProvider', { provider: 'digiflazz', fields: { baseUrl: 'http://example.com/v1', username: 'outletku', keyMode: 'production' }, secrets: {} })).toMatchObject({
        code: 'settings_invalid',
      });
      const saved = await core.call('settings.saveProvider', { provider: 'digiflazz', fields: { baseUrl: prod.baseUrl, username: 'outletku', keyMode: 'production' }, secrets: { apiKey: 'prod-key-123456' } });
      expect(saved.providerForms.find((f) => f.name === 'digiflazz')!.secrets[0]!.masked).toMatch(/•+456$/);
      expect(JSON.stringify(saved)).not.toContain('prod-key-123456');
      const client = await core.loket.providers.distributor('digiflazz', 'production');
      expect(client.ok && (await client.value.balance())).toEqual({ ok: true, value: 7_500_000 });
      // A new address without the key typed again is refused: the stored key goes only where it was given for.
      expect(await core.fail('settings.saveProvider', { provider: 'digiflazz', fields: { baseUrl: 'https://api.digiflazz.com/v1', username: 'outletku', keyMode: 'production' }, secrets: {} })).toMatchObject({
        code: 'settings_invalid',
      });
      expect(await core.fail('settings.saveProvider', { provider: 'vsi', fields: {}, secrets: {} })).toMatchObject({ code: 'settings_invalid' });
    } finally {
      await prod.close();
    }
  });

  it('fallback per category: SAT sells pulsa, fails definitely, Digiflazz sells the same operator and nominal — once', async () => {
    await core.call('settings.setRouting', { ...ALL_DIGIFLAZZ, digital: { primary: 'sat', fallback: 'digiflazz' } });
    // The outlet's margin leaves room for the other provider's higher cost; without it Loket refuses the fallback.
    await core.call('pricing.set', { scope: 'category', key: 'Pulsa', mode: 'markup', amount: 2_000 });
    await core.call('catalog.sync', {});
    const p = (await core.call('catalog.list', { kind: 'digital' })).products.find((x) => x.operator.toLowerCase() === 'telkomsel' && x.faceValue === 25_000 && x.category === 'Pulsa')!;
    expect(p.code).toBe('25k-telkomsel');
    const started = await core.call('sale.startDigital', { clientRequestId: requestId(), confirmRepeat: true, productCode: p.code, customerNumber: '081277770002', expectedTotal: p.sellPrice!, payment: { method: 'cash', tendered: p.sellPrice! } });
    const done = await settle(started.id);
    expect(done).toMatchObject({ state: 'succeeded', product: { provider: 'digiflazz' } });
    expect(saleEvents(core.loket.db, done.id).map((e) => e.type)).toEqual(expect.arrayContaining(['fallback', 'succeeded']));
    expect((await sim()).transactions().filter((t) => t.customer_no === '081277770002')).toHaveLength(1);
    await core.call('settings.setRouting', ALL_DIGIFLAZZ);
  });
});

describe('Digiflazz webhooks', () => {
  it('a signed update makes Loket ask with the same request at once; forged pushes are refused, replays change nothing', async () => {
    // At this scale the status ladder's first check is 100 minutes away: only the webhook can finish the sale now.
    const c = await startCore({ timeScale: 100, trainingTimings: { digiflazz: { settleMs: 300, hangMs: 4_000 } } });
    try {
      await c.call('settings.setRouting', ALL_DIGIFLAZZ);
      const port = await freePort();
      await c.call('settings.setCallback', { enabled: true, port, path: '/sat/cb' });
      const p = (await c.call('catalog.list', { kind: 'digital' })).products.find((x) => x.code === 'x10')!;
      const started = await c.call('sale.startDigital', { clientRequestId: requestId(), confirmRepeat: true, productCode: p.code, customerNumber: '081288881233', expectedTotal: p.sellPrice!, payment: { method: 'cash', tendered: p.sellPrice! } });
      const digiflazz = await c.loket.providers.training(DIGIFLAZZ);
      const ref = getSale(c.loket.db, started.id)!.provider_ref;
      // The purchase told Digiflazz where to call back (its cb_url): Loket's loopback listener.
      expect(digiflazz.transactions().find((t) => t.ref_id === ref)?.cbUrl).toBe(`http://127.0.0.1:${port}/digiflazz/webhook`);
      const done = await waitFor(() => c.call('sale.get', { saleId: started.id }), isFinal);
      expect(done.state).toBe('succeeded');
      expect(digiflazz.webhookCount()).toBeGreaterThan(0);

      const url = `http://127.0.0.1:${port}/digiflazz/webhook`;
      const body = JSON.stringify({ data: { ref_id: ref, customer_no: '081288881233', buyer_sku_code: 'x10', status: 'Gagal', rc: '02', message: 'Transaksi Gagal' } });
      const forged = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature': `sha1=${createHmac('sha1', 'guess').update(body).digest('hex')}` }, body });
      expect(forged.status).toBe(403);
      const asked = digiflazz.requestCount(ref);
      const replay = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature': `sha1=${createHmac('sha1', digiflazz.credentials.webhookSecret).update(body).digest('hex')}` }, body });
      expect(replay.status).toBe(200);
      // A genuine push about a final sale is not followed by a new request; the sale stays as it is.
      expect(digiflazz.requestCount(ref)).toBe(asked);
      expect((await c.call('sale.get', { saleId: started.id })).state).toBe('succeeded');
    } finally {
      await c.stop();
    }
  });
});
