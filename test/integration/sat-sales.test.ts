// Bills, digital products and SAT-routed PLN tokens: the core against the training SAT simulator
// over real HTTP with a real ledger.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSale, saleEvents } from '../../electron/db/queries/sales';
import { freePort, isFinal, requestId, sellToken, startCore, waitFor, type Core } from './harness';
import type { SaleView } from '../../shared/contract';

let core: Core;
const sat = () => core.loket.providers.trainingSat();
const settle = (saleId: string) => waitFor(() => core.call('sale.get', { saleId }), (s) => isFinal(s), 15_000);

async function product(code: string) {
  const list = await core.call('catalog.list', {});
  return list.products.find((p) => p.code === code)!;
}

async function payBill(code: string, number: string): Promise<SaleView> {
  const bill = await core.call('bill.inquire', { productCode: code, customerNumber: number });
  return core.call('sale.startBill', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: bill.inquiryId, payment: { method: 'cash', tendered: bill.amounts.total } });
}

async function buyDigital(code: string, number: string): Promise<SaleView> {
  const p = await product(code);
  return core.call('sale.startDigital', { clientRequestId: requestId(), confirmRepeat: true, productCode: code, customerNumber: number, expectedTotal: p.sellPrice!, payment: { method: 'cash', tendered: p.sellPrice! } });
}

beforeAll(async () => {
  core = await startCore();
});
afterAll(async () => {
  await core.stop();
});

describe('bills through SAT', () => {
  it('the catalogue is synced into the ledger with what can and cannot be sold', async () => {
    const list = await core.call('catalog.list', {});
    expect(list.syncedAt).not.toBeNull();
    expect(list.products.length).toBeGreaterThan(40);
    const bills = (await core.call('catalog.list', { kind: 'bill' })).products;
    expect(bills.map((b) => b.code)).toEqual(expect.arrayContaining(['pln-postpaid', 'bpjs-kesehatan', 'pdam-jabar-kota-cirebon', 'speedy-indihome']));
    expect(bills.every((b) => b.needsInquiry && b.sellPrice === null)).toBe(true);
    expect(await product('steam-wallet-60k')).toMatchObject({ sellable: false, reason: 'Produk dinonaktifkan penyedia.' });
    expect(await product('20k-smartfren')).toMatchObject({ sellable: false, reason: expect.stringContaining('gangguan') });
  });

  it('a PLN postpaid bill: SAT’s lines in order, the amounts, paid, serial and receipt; the deposit debited', async () => {
    const before = (await sat()).deposit();
    const bill = await core.call('bill.inquire', { productCode: 'pln-postpaid', customerNumber: '532110000060' });
    expect(bill.lines.map((l) => l.name)).toEqual(['IDPEL', 'Nama', 'Tarif/Daya', 'BL/TH', 'Stand Meter', 'RP TAG PLN', 'ADMIN BANK', 'TOTAL BAYAR']);
    expect(bill.amounts.providerCost).toBe(bill.amounts.faceValue + bill.amounts.providerAdmin);
    expect(bill.amounts.total).toBe(bill.amounts.providerCost + bill.amounts.margin);
    const started = await core.call('sale.startBill', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: bill.inquiryId, payment: { method: 'cash', tendered: 1_000_000 } });
    expect(started.product).toMatchObject({ kind: 'bill', code: 'pln-postpaid', provider: 'sat' });
    const done = await settle(started.id);
    expect(done.state).toBe('succeeded');
    expect(done.delivery.serialNumber).toMatch(/^\d{12}$/);
    expect(done.delivery.lines.at(-1)).toEqual({ name: 'No.Reff', value: done.delivery.serialNumber });
    expect(done.payment.change).toBe(1_000_000 - bill.amounts.total);
    const receipt = (await core.call('receipt.get', { saleId: done.id })).lines.map((l) => l.text).join('\n');
    expect(receipt).toContain('STRUK PEMBAYARAN LISTRIK PLN');
    expect(receipt).toContain('BL/TH');
    expect(receipt).toContain(done.delivery.serialNumber!);
    expect((await sat()).deposit()).toBe(before - bill.amounts.providerCost);
  });

  it('a BPJS bill', async () => {
    const done = await settle((await payBill('bpjs-kesehatan', '8888801234567')).id);
    expect(done).toMatchObject({ state: 'succeeded', product: { name: 'BPJS Kesehatan', category: 'BPJS' } });
    expect(done.inquiryLines.map((l) => l.name)).toContain('Jumlah Peserta');
  });

  it('a bill once paid is no longer due; if the biller lags, the ledger warns of a double payment', async () => {
    const first = await settle((await payBill('pdam-dki-jakarta', '3100456789')).id);
    expect(first.state).toBe('succeeded');
    const again = await core.fail('bill.inquire', { productCode: 'pdam-dki-jakarta', customerNumber: '3100456789' });
    expect(again).toMatchObject({ code: 'customer_not_found', message: 'Tagihan tidak ditemukan atau sudah dibayar.' });

    (await sat()).configure({ fault: { stalePaidBills: true } });
    try {
      const stale = await core.call('bill.inquire', { productCode: 'pdam-dki-jakarta', customerNumber: '3100456789' });
      expect(stale.warnings).toEqual([{ code: 'recent_same_bill', params: { receiptNo: first.receiptNo, when: expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/) } }]);
      const other = await core.call('bill.inquire', { productCode: 'pdam-jatim-kota-surabaya', customerNumber: '3100456789' });
      expect(other.warnings).toEqual([]);
      // The cashier may still pay (a new bill can look the same); the sale carries the warning.
      const second = await core.call('sale.startBill', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: stale.inquiryId, payment: { method: 'cash', tendered: stale.amounts.total } });
      expect(second.warnings.map((w) => w.code)).toEqual(['recent_same_bill']);
      await settle(second.id);
    } finally {
      (await sat()).configure({ fault: { stalePaidBills: false } });
    }
  });

  it('no bill to pay is a clear message; nothing is sold', async () => {
    const e = await core.fail('bill.inquire', { productCode: 'pln-postpaid', customerNumber: '5321100009999' });
    expect(e.code).toBe('customer_not_found');
    expect((await core.fail('bill.inquire', { productCode: 'pln-postpaid', customerNumber: '12ab' })).code).toBe('invalid_customer_number');
  });

  it('a failed order (S02) returns the customer’s cash and SAT refunds the deposit', async () => {
    const before = (await sat()).deposit();
    const done = await settle((await payBill('pdam-dki-jakarta', '7777770002')).id);
    expect(done).toMatchObject({ state: 'failed', payment: { state: 'refund_due' }, failure: { code: 'product_unavailable' } });
    expect((await sat()).deposit()).toBe(before);
  });
});

describe('digital products through SAT', () => {
  it('a data package at the counter’s price; the margin recorded', async () => {
    await core.call('pricing.set', { scope: 'category', key: 'Paket Data', mode: 'markup', amount: 2_000 });
    const p = await product('data-telkomsel-3gb');
    expect(p.sellPrice).toBe(p.providerPrice + 2_000);
    const done = await settle((await buyDigital('data-telkomsel-3gb', '081234567890')).id);
    expect(done).toMatchObject({ state: 'succeeded', amounts: { margin: 2_000, providerCost: p.providerPrice, total: p.sellPrice } });
    expect(done.delivery.serialNumber).toMatch(/^TELK\d{10}$/);
  });

  it('a voucher code is delivered and printed large', async () => {
    const done = await settle((await buyDigital('kode-voucher-google-100k', '081234567891')).id);
    expect(done.delivery.voucherCode).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    const receipt = await core.call('receipt.get', { saleId: done.id });
    expect(receipt.lines.find((l) => l.style === 'large')?.text).toBe(done.delivery.voucherCode);
  });

  it('a changed price, an inactive product, a disturbed one and a bad number are refused before anything is sent', async () => {
    const p = await product('25k-xl');
    const changed = await core.fail('sale.startDigital', { clientRequestId: requestId(), confirmRepeat: true, productCode: '25k-xl', customerNumber: '0812345678', expectedTotal: p.sellPrice! - 1, payment: { method: 'cash', tendered: 100_000 } });
    expect(changed.code).toBe('price_changed');
    for (const code of ['steam-wallet-60k', '20k-smartfren']) {
      expect((await core.fail('sale.startDigital', { clientRequestId: requestId(), confirmRepeat: true, productCode: code, customerNumber: '0812345678', expectedTotal: 100_000, payment: { method: 'cash', tendered: 100_000 } })).code).toBe('product_unavailable');
    }
    expect((await core.fail('sale.startDigital', { clientRequestId: requestId(), confirmRepeat: true, productCode: '25k-xl', customerNumber: 'abcde', expectedTotal: p.sellPrice!, payment: { method: 'cash', tendered: 100_000 } })).code).toBe('invalid_customer_number');
    expect((await core.fail('sale.startDigital', { clientRequestId: requestId(), confirmRepeat: true, productCode: 'pln-postpaid', customerNumber: '0812345678', expectedTotal: 1, payment: { method: 'cash', tendered: 100_000 } })).code).toBe('invalid_request');
  });

  it.each([
    ['081200000500', 'checkout answered 500 S00 but the order exists'],
    ['081200000408', 'checkout hung past the client timeout, order created'],
  ])('%s (%s) ends succeeded through the status call; one order', async (number) => {
    const started = await buyDigital('10k-xl', number);
    const done = await settle(started.id);
    expect(done.state).toBe('succeeded');
    const ref = getSale(core.loket.db, done.id)!.provider_ref;
    expect((await sat()).orders().filter((o) => o.id === ref)).toHaveLength(1);
  });

  it('a checkout lost at a proxy (HTML 502, nothing created): status says P02, the same order is sent again, one order', async () => {
    const done = await settle((await buyDigital('10k-indosat', '081200000502')).id);
    expect(done.state).toBe('succeeded');
    const ref = getSale(core.loket.db, done.id)!.provider_ref;
    expect((await sat()).checkoutCount(ref)).toBe(2);
    expect((await sat()).orders().filter((o) => o.id === ref)).toHaveLength(1);
    expect(saleEvents(core.loket.db, done.id).map((e) => e.type)).toContain('pay_resent');
  });

  it('an answer with a bad signature is never trusted: the goods are not delivered', async () => {
    const started = await buyDigital('kode-voucher-google-50k', '081200000777');
    const ref = getSale(core.loket.db, started.id)!.provider_ref;
    // Loket has asked SAT twice and been answered twice with a signature that does not verify.
    await waitFor(async () => (await sat()).statusReads(ref), (n) => n >= 2);
    const s = await core.call('sale.get', { saleId: started.id });
    expect(s.state).toBe('pending');
    expect(s.delivery.voucherCode).toBeNull();
  });

  it('a sale the deposit cannot cover is stopped before checkout', async () => {
    const sim = await sat();
    const saved = sim.deposit();
    sim.setDeposit(5_000);
    await core.call('deposit.get', { refresh: true });
    const info = await core.call('app.info', {});
    expect(info.deposits[0]).toMatchObject({ provider: 'sat', balance: 5_000, low: true });
    const orders = sim.orders().length;
    const p = await product('50k-telkomsel');
    const e = await core.fail('sale.startDigital', { clientRequestId: requestId(), confirmRepeat: true, productCode: '50k-telkomsel', customerNumber: '0812345000', expectedTotal: p.sellPrice!, payment: { method: 'cash', tendered: p.sellPrice! } });
    expect(e.code).toBe('deposit_insufficient');
    expect(e.message).toContain('Rp 5.000');
    expect(sim.orders().length).toBe(orders);
    sim.setDeposit(saved);
    await core.call('deposit.get', { refresh: true });
  });
});

describe('products with extra inputs (issue 15 §2)', () => {
  it('a game top-up asks its zone id and a land tax bill its tax year: refused in words without them, sent with the order, printed on the struk', async () => {
    const game = await product('mlbb-86-diamonds');
    expect(game.fields).toEqual([{ name: 'zone_id', label: 'Zone ID' }]);
    const request = (fields?: Array<{ name: string; value: string }>) => ({
      clientRequestId: requestId(),
      confirmRepeat: true,
      productCode: game.code,
      customerNumber: '123456789',
      expectedTotal: game.sellPrice!,
      payment: { method: 'cash' as const, tendered: game.sellPrice! },
      ...(fields ? { fields } : {}),
    });
    expect(await core.fail('sale.startDigital', request())).toMatchObject({ code: 'invalid_request', message: 'Isi Zone ID untuk produk ini.' });
    expect((await core.fail('sale.startDigital', request([{ name: 'server', value: '1' }]))).code).toBe('invalid_request');
    const sold = await core.call('sale.startDigital', request([{ name: 'zone_id', value: ' 2001 ' }]));
    const done = await settle(sold.id);
    expect(done.state).toBe('succeeded');
    const order = (await sat()).orders().find((o) => o.id === getSale(core.loket.db, done.id)!.provider_ref)!;
    expect(order.fields).toEqual([{ name: 'zone_id', value: '2001' }]);
    const receipt = (await core.call('receipt.get', { saleId: done.id })).lines.map((l) => l.text).join('\n');
    expect(receipt).toMatch(/Zone ID\s+2001/);

    const inquiry = (fields?: Array<{ name: string; value: string }>) => ({ productCode: 'pbb-kota-bandung', customerNumber: '327301000100', ...(fields ? { fields } : {}) });
    expect(await core.fail('bill.inquire', inquiry())).toMatchObject({ message: 'Isi Tahun pajak untuk produk ini.' });
    const bill = await core.call('bill.inquire', inquiry([{ name: 'tahun_pajak', value: '2026' }]));
    const paid = await core.call('sale.startBill', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: bill.inquiryId, payment: { method: 'cash', tendered: bill.amounts.total } });
    expect((await settle(paid.id)).state).toBe('succeeded');
    const billOrder = (await sat()).orders().find((o) => o.id === getSale(core.loket.db, paid.id)!.provider_ref)!;
    expect(billOrder.fields).toEqual([{ name: 'tahun_pajak', value: '2026' }]);
  });
});

describe('PLN tokens routed to SAT', () => {
  it('a SAT that refuses to check a meter on its token products (is_inquiry: false) still sells the token on the number alone; the name comes with the token (issue 15 §2)', async () => {
    await core.call('settings.setRouting', { primary: 'sat', fallback: null });
    (await sat()).configure({ inquiryOnNonInquiry: 'refuse' });
    try {
      const inq = await core.call('pln.inquire', { customerNumber: '14233784994' });
      expect(inq).toMatchObject({ provider: 'sat', name: '' });
      expect(inq.warnings.map((w) => w.code)).toContain('name_after_sale');
      expect(inq.options.length).toBeGreaterThan(0);
      const started = await core.call('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 50_000, payment: { method: 'cash', tendered: 100_000 } });
      const done = await settle(started.id);
      expect(done.state).toBe('succeeded');
      expect(done.delivery.token).toMatch(/^\d{20}$/);
      expect(done.customer.name).not.toBe('');
      const receipt = (await core.call('receipt.get', { saleId: done.id })).lines.map((l) => l.text).join('\n');
      expect(receipt).toContain(done.customer.name);
    } finally {
      (await sat()).configure({ inquiryOnNonInquiry: 'answer' });
      await core.call('settings.setRouting', { primary: 'vsi', fallback: null });
    }
  });

  it('with SAT as the primary provider the token comes from SAT’s voucher code', async () => {
    await core.call('settings.setRouting', { primary: 'sat', fallback: null });
    try {
      const inq = await core.call('pln.inquire', { customerNumber: '14233784991' });
      expect(inq.provider).toBe('sat');
      expect(inq.options.map((o) => o.denomination)).toEqual([20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000]);
      expect(inq.options[2]!.amounts).toMatchObject({ faceValue: 100_000, providerCost: 101_500, providerAdmin: 1_500 });
      const started = await core.call('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 100_000, payment: { method: 'cash', tendered: 200_000 } });
      const done = await settle(started.id);
      expect(done.state).toBe('succeeded');
      expect(done.delivery.token).toMatch(/^\d{20}$/);
      expect(done.delivery.voucherCode?.replace(/\s/g, '')).toBe(done.delivery.token);
      expect(done.delivery.kwh).toMatch(/^\d+,\d$/);
      expect(done.product.provider).toBe('sat');
    } finally {
      await core.call('settings.setRouting', { primary: 'vsi', fallback: null });
    }
  });

  it('falls back to SAT after a definite VSI failure (nothing taken), never after an uncertain one', async () => {
    await core.call('settings.setRouting', { primary: 'vsi', fallback: 'sat' });
    try {
      const done = await settle((await sellToken(core, '99000000046', 100_000)).id);
      expect(done).toMatchObject({ state: 'succeeded', product: { provider: 'sat' } });
      expect(done.delivery.token).toMatch(/^\d{20}$/);
      const events = saleEvents(core.loket.db, done.id).map((e) => e.type);
      expect(events).toEqual(expect.arrayContaining(['pay_sent', 'fallback', 'succeeded']));
      expect(done.amounts.margin).toBe(done.amounts.total - 101_500);

      const uncertain = await settle((await sellToken(core, '99000000068', 100_000)).id);
      expect(uncertain.product.provider).toBe('vsi');
      expect(saleEvents(core.loket.db, uncertain.id).map((e) => e.type)).not.toContain('fallback');
    } finally {
      await core.call('settings.setRouting', { primary: 'vsi', fallback: null });
    }
  });
});

describe('SAT callbacks', () => {
  it('a signed callback makes Loket ask for the status at once; replays and forgeries change nothing', async () => {
    // The status ladder's first poll is 200 s away at this scale: only the callback can finish the sale now.
    const c = await startCore({ timeScale: 100, trainingSatTiming: { fulfilMs: 200, hangMs: 4_000 }, satTimeouts: { connectMs: 2_000, checkoutMs: 3_000, otherMs: 3_000 } });
    try {
      const port = await freePort();
      await c.call('settings.setCallback', { enabled: true, port, path: '/sat/cb' });
      const list = await c.call('catalog.list', {});
      const p = list.products.find((x) => x.code === '25k-telkomsel')!;
      const started = await c.call('sale.startDigital', { clientRequestId: requestId(), confirmRepeat: true, productCode: p.code, customerNumber: '081233334444', expectedTotal: p.sellPrice!, payment: { method: 'cash', tendered: p.sellPrice! } });
      const done = await waitFor(() => c.call('sale.get', { saleId: started.id }), isFinal);
      expect(done.state).toBe('succeeded');

      const url = `http://127.0.0.1:${port}/sat/cb`;
      const ref = getSale(c.loket.db, done.id)!.provider_ref;
      const reads = (await c.loket.providers.trainingSat()).statusReads(ref);
      const forged = JSON.stringify({ data: { type: 'order', id: ref, attributes: { status: 'Failed' } } });
      const bad = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/vnd.api+json', signature: 'AAAA' }, body: forged });
      expect(bad.status).toBe(400);
      const keys = JSON.parse(readFileSync(path.join(c.dataDir, 'training', 'sat-sim.json'), 'utf8')) as { keys: { satPrivatePem: string } };
      const { createPrivateKey, sign, constants } = await import('node:crypto');
      const late = Buffer.from(forged);
      const sig = sign('sha256', late, { key: createPrivateKey(keys.keys.satPrivatePem), padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 222 }).toString('base64');
      const replay = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/vnd.api+json', signature: sig }, body: late });
      // Accepted as a hint (its signature is SAT's) and handled before the answer reached us: a
      // final sale is not asked about again, and the ledger's transition rules keep it final.
      expect(replay.status).toBe(200);
      expect((await c.loket.providers.trainingSat()).statusReads(ref)).toBe(reads);
      expect((await c.call('sale.get', { saleId: done.id })).state).toBe('succeeded');
    } finally {
      await c.stop();
    }
  });
});
