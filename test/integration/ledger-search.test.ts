// The transactions beyond today: a date range with filters, totals per product, provider and
// method, a sale found by what is on the customer's slip, and the selection as CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SaleView } from '../../shared/contract';
import { businessDate } from '../../shared/domain/time';
import { getSale } from '../../electron/db/queries/sales';
import { requestId, startCore, waitFor, type Core } from './harness';

let core: Core;
let cash: SaleView;
let qris: SaleView;
let bill: SaleView;
const today = businessDate(Date.now(), 'Asia/Jakarta');
const range = { from: today, to: today };

beforeAll(async () => {
  core = await startCore();
  const until = (id: string) => waitFor(() => core.call('sale.get', { saleId: id }), (s) => s.state === 'succeeded', 15_000);
  const inq = await core.call('pln.inquire', { customerNumber: '14233784991' });
  cash = await until((await core.call('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: inq.inquiryId, denomination: 50_000, payment: { method: 'cash', tendered: 100_000 } })).id);
  const inq2 = await core.call('pln.inquire', { customerNumber: '12345678901' });
  const q = await core.call('sale.startPlnToken', { clientRequestId: requestId(), inquiryId: inq2.inquiryId, denomination: 20_000, payment: { method: 'qris' } });
  await core.call('payment.simulate', { saleId: q.id, outcome: 'pay' });
  qris = await until(q.id);
  const b = await core.call('bill.inquire', { productCode: 'pln-postpaid', customerNumber: '532110000060' });
  bill = await until((await core.call('sale.startBill', { clientRequestId: requestId(), inquiryId: b.inquiryId, payment: { method: 'cash', tendered: b.amounts.total } })).id);
});
afterAll(async () => {
  await core.stop();
});

const find = async (query: string) => (await core.call('ledger.search', { from: '2020-01-01', to: '2020-01-01', query })).items.map((r) => r.id);

describe('ledger search', () => {
  it('a date range with filters, and the totals per product, provider and method', async () => {
    const all = { ...(await core.call('ledger.search', { ...range })), totals: await core.call('ledger.searchTotals', { ...range }) };
    expect(all.items.map((r) => r.id)).toEqual([bill.id, qris.id, cash.id]);
    expect(all.totals).toMatchObject({ count: 3, succeeded: { count: 3, total: cash.amounts.total + qris.amounts.total + bill.amounts.total }, failed: 0, unfinished: 0 });
    expect(all.totals.byMethod).toContainEqual({ key: 'qris', count: 1, total: qris.amounts.total });
    expect(all.totals.byProvider).toContainEqual({ key: 'sat', count: 1, total: bill.amounts.total });
    expect(all.totals.byProduct).toContainEqual({ key: 'pln_prepaid', count: 2, total: cash.amounts.total + qris.amounts.total });
    expect((await core.call('ledger.search', { ...range, method: 'qris' })).items.map((r) => r.id)).toEqual([qris.id]);
    // Every sale is in the by-method index the method filter walks, under its payment's method.
    const indexed = core.loket.db.prepare('SELECT m.method, p.method AS paid FROM sales_by_method m JOIN sales s ON s.seq = m.seq JOIN payments p ON p.sale_id = s.id').all() as { method: string; paid: string }[];
    expect(indexed).toHaveLength((core.loket.db.prepare('SELECT count(*) AS n FROM payments').get() as { n: number }).n);
    expect(indexed.every((r) => r.method === r.paid)).toBe(true);
    expect((await core.call('ledger.search', { ...range, method: 'cash', productKind: 'bill' })).items.map((r) => r.id)).toEqual([bill.id]);
    expect((await core.call('ledger.search', { ...range, provider: 'sat' })).items.map((r) => r.id)).toEqual([bill.id]);
    expect((await core.call('ledger.search', { ...range, productKind: 'bill', method: 'cash' })).items).toHaveLength(1);
    expect((await core.call('ledger.search', { ...range, cashier: 'Pemilik' })).items).toHaveLength(3);
    expect((await core.call('ledger.search', { ...range, cashier: 'Orang lain' })).items).toHaveLength(0);
    const shiftId = (core.loket.db.prepare('SELECT shift_id FROM sales WHERE id = ?').get(cash.id) as { shift_id: string }).shift_id;
    expect((await core.call('ledger.search', { ...range, shiftId })).items).toHaveLength(3);
    expect((await core.call('ledger.search', { from: '2020-01-01', to: '2020-12-31' })).items).toEqual([]);
    const paged = await core.call('ledger.search', { ...range, limit: 2 });
    expect(paged.items).toHaveLength(2);
    expect((await core.call('ledger.search', { ...range, limit: 2, beforeSeq: paged.nextBeforeSeq! })).items.map((r) => r.id)).toEqual([cash.id]);
  });

  it('finds a sale by receipt number, meter number, token or Loket reference — on any day', async () => {
    expect(await find(cash.receiptNo)).toEqual([cash.id]);
    expect(await find('14233784991')).toEqual([cash.id]);
    expect(await find(cash.delivery.token!)).toEqual([cash.id]);
    expect(await find(cash.delivery.token!.replace(/(\d{4})/g, '$1 '))).toEqual([cash.id]);
    expect(await find(getSale(core.loket.db, qris.id)!.provider_ref.toLowerCase())).toEqual([qris.id]);
    expect(await find('532110000060')).toEqual([bill.id]);
    expect(await find('tidak ada')).toEqual([]);
  });

  it('finds by part of what a customer remembers: the last digits of a token, part of a name, a payment reference, part of the cashier', async () => {
    const token = cash.delivery.token!;
    expect(await find(token.slice(-4))).toContain(cash.id);
    expect(await find(token.slice(-8).replace(/(\d{4})/, '$1 '))).toEqual([cash.id]);
    const name = getSale(core.loket.db, cash.id)!.customer_name;
    expect(await find(name.split(' ')[0]!.slice(1, 5).toLowerCase())).toContain(cash.id);
    const paymentRef = (core.loket.db.prepare('SELECT provider_ref FROM payments WHERE sale_id = ?').get(qris.id) as { provider_ref: string }).provider_ref;
    expect(await find(paymentRef.slice(-10))).toEqual([qris.id]);
    expect((await find('emil')).sort()).toEqual([cash.id, qris.id, bill.id].sort());
    // Too short to mean anything, and LIKE's wildcards are only characters.
    expect(await find('ab')).toEqual([]);
    expect(await find('%%%')).toEqual([]);
  });

  it('exports the selection as CSV a spreadsheet opens safely', async () => {
    const out = await core.call('ledger.exportCsv', { ...range });
    // A UTF-8 BOM and semicolons: an Indonesian-locale spreadsheet opens it in columns.
    expect(out.csv.startsWith('\uFEFF')).toBe(true);
    const lines = out.csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('struk;waktu;status;produk;penyedia;pelanggan;nama;nominal;total;cara_bayar;status_bayar;kasir');
    expect(lines).toHaveLength(4);
    expect(out).toMatchObject({ rows: 3, truncated: false, fileName: `loket-transaksi-${today}_${today}.csv` });
    // Indonesian words, and identifiers kept as text (leading zeros survive).
    const q = lines.find((l) => l.includes(String(qris.amounts.total)))!.split(';');
    expect(q).toContain('QRIS');
    expect(q).toContain('Berhasil');
    expect(q[0]).toBe(`="${qris.receiptNo}"`);
    expect(lines.join('\n')).not.toMatch(/succeeded|settled|qris;/);
  });
});
