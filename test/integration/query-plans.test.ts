// Every statement the core prepares while it sells must find its rows through an index: a full scan
// of the sales, events, payments or provider-call tables grows with the ledger (a year is a million
// rows) and would slow every sale. Recorded from real sales, then explained by SQLite itself.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFinal, requestId, sellToken, startCore, waitFor, type Core } from './harness';

const BIG_TABLES = ['sales', 'sale_events', 'payments', 'payment_refunds', 'provider_calls', 'inquiries', 'bitcoin_orders', 'sales_by_method'];
/** Scans that read only rows that stay few: the open sales, the due advice, one sale's events. */
const FEW_ROWS = /USING (COVERING )?INDEX (sales_open|sales_next_advice|provider_calls_unfinished|payments_next_check|payments_refund_due|payments_excess_due|bitcoin_orders_next_check)\b/;

const prepared = new Set<string>();
const originalPrepare = Database.prototype.prepare;
let core: Core;

beforeAll(async () => {
  Database.prototype.prepare = function prepare(this: Database.Database, sql: string) {
    prepared.add(sql);
    return originalPrepare.call(this, sql);
  } as typeof Database.prototype.prepare;
  core = await startCore();
});
afterAll(async () => {
  Database.prototype.prepare = originalPrepare;
  await core.stop();
});

const settle = (saleId: string) => waitFor(() => core.call('sale.get', { saleId }), (s) => isFinal(s), 15_000);

describe('query plans on the money path', () => {
  it('no statement scans a table that grows with the ledger', async () => {
    const token = await sellToken(core, '14233784991', 50_000);
    await core.call('receipt.print', { saleId: token.id, copy: false });
    const bill = await core.call('bill.inquire', { productCode: 'pln-postpaid', customerNumber: '532110000060' });
    const paid = await core.call('sale.startBill', { clientRequestId: requestId(), inquiryId: bill.inquiryId, payment: { method: 'cash', tendered: bill.amounts.total } });
    await settle(paid.id);
    await core.call('sale.checkStatus', { saleId: paid.id });
    const failed = await core.call('bill.inquire', { productCode: 'bpjs-kesehatan', customerNumber: '8888801230002' });
    const refused = await settle((await core.call('sale.startBill', { clientRequestId: requestId(), inquiryId: failed.inquiryId, payment: { method: 'cash', tendered: failed.amounts.total } })).id);
    await core.call('sale.confirmCashReturned', { saleId: refused.id });
    const voucher = (await core.call('catalog.list', { kind: 'digital' })).products.find((p) => p.code === 'kode-voucher-google-50k')!;
    const sold = await core.call('sale.startDigital', { clientRequestId: requestId(), productCode: voucher.code, customerNumber: '081234567890', expectedTotal: voucher.sellPrice!, payment: { method: 'cash', tendered: voucher.sellPrice! } });
    await settle(sold.id);
    await core.call('receipt.export', { saleId: sold.id });
    const qrisInq = await core.call('pln.inquire', { customerNumber: '12345678901' });
    const qris = await core.call('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: qrisInq.inquiryId, denomination: 50_000, payment: { method: 'qris' } });
    await core.call('payment.simulate', { saleId: qris.id, outcome: 'pay' });
    await settle(qris.id);
    await core.call('payment.refund', { saleId: qris.id, amount: 1_000, reason: 'query plan' });
    const cancelInq = await core.call('pln.inquire', { customerNumber: '12345678901' });
    const waiting = await core.call('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: cancelInq.inquiryId, denomination: 20_000, payment: { method: 'va_bca' } });
    await core.call('payment.check', { saleId: waiting.id });
    await core.call('payment.cancel', { saleId: waiting.id });
    const btcInq = await core.call('pln.inquire', { customerNumber: '14233784991' });
    const btc = await core.call('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: btcInq.inquiryId, denomination: 20_000, payment: { method: 'bitcoin' } });
    await core.call('payment.simulate', { saleId: btc.id, outcome: 'pay_over' });
    await core.call('payment.simulate', { saleId: btc.id, outcome: 'confirm' });
    await settle(btc.id);
    await core.call('sale.confirmCashReturned', { saleId: btc.id });
    const order = await core.call('crypto.create', { clientRequestId: requestId(), amount: 25_000, label: 'query plan' });
    await core.call('crypto.simulate', { reference: order.reference!, outcome: 'pay' });
    await core.call('crypto.simulate', { reference: order.reference!, outcome: 'confirm' });
    await core.call('crypto.receipt', { reference: order.reference! });
    await core.call('crypto.list', { status: null, page: 0, pageSize: 40, sortBy: 'created_at', sortOrder: 'desc' });
    const other = await core.call('crypto.create', { clientRequestId: requestId(), amount: 25_000, label: 'query plan 2' });
    await core.call('crypto.cancel', { reference: other.reference! });
    await core.call('pricing.set', { scope: 'category', key: 'Pulsa', mode: 'markup', amount: 1_500 });
    await core.call('catalog.sync', {});
    await core.call('deposit.get', { refresh: true });
    await core.call('ledger.today', { status: 'all', limit: 50 });
    await core.call('ledger.today', { status: 'failed', limit: 50 });
    await core.call('ledger.today', { status: 'open', limit: 50 });
    await core.call('ledger.today', { status: 'refund_due', limit: 50 });
    await core.call('ledger.unresolved', {});
    await core.call('app.info', {});
    const day = new Date().toISOString().slice(0, 10);
    await core.call('ledger.search', { from: day, to: day, method: 'qris', status: 'succeeded' });
    for (const query of ['1', '14233784991', '12345678901234567890', 'LKT-XYZ']) await core.call('ledger.search', { from: day, to: day, query });
    await core.call('ledger.exportCsv', { from: day, to: day });
    await core.call('shift.report', {});
    await core.call('books.get', {});

    const db = core.loket.db;
    const scans: string[] = [];
    for (const sql of prepared) {
      if (!/^\s*(SELECT|UPDATE|DELETE|INSERT)/i.test(sql) || /^\s*INSERT[^]*VALUES/i.test(sql)) continue;
      // Run once on a ledger from before a feature (baseline, backfill), never per sale.
      if (sql.includes('/* once:')) continue;
      const named = [...sql.matchAll(/[@:$](\w+)/g)].map((m) => m[1]!);
      const params = named.length > 0 ? [Object.fromEntries(named.map((n) => [n, null]))] : (sql.match(/\?/g) ?? []).map(() => null);
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      for (const { detail } of plan) {
        const table = /^SCAN (\w+)/.exec(detail)?.[1];
        if (table && BIG_TABLES.includes(table) && !FEW_ROWS.test(detail)) scans.push(`${detail}\n    in: ${sql.replace(/\s+/g, ' ').slice(0, 160)}`);
      }
    }
    expect(prepared.size).toBeGreaterThan(20);
    expect(scans).toEqual([]);
  });
});
