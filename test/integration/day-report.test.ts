// The day report PDF: one click gives the owner a paper copy of the day whose figures are the
// ledger's — totals, per method, the shift's drawer count, what is unresolved, every sale.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessDate } from '../../shared/domain/time';
import { formatRupiah } from '../../shared/domain/money';
import { pdfText } from '../support/pdf-text';
import { requestId, sellToken, startCore, waitFor, type Core } from './harness';

let core: Core;
const today = businessDate(Date.now(), 'Asia/Jakarta');

beforeAll(async () => {
  core = await startCore();
});
afterAll(async () => {
  await core.stop();
});

describe('day report PDF', () => {
  it('lists the day as the ledger has it', async () => {
    const cash = await sellToken(core, '14233784991');
    const failed = await sellToken(core, '99000000046');
    const inq = await core.call('pln.inquire', { customerNumber: '12345678901' });
    const q = await core.call('sale.startPlnToken', { clientRequestId: requestId(), confirmRepeat: true, inquiryId: inq.inquiryId, denomination: 20_000, payment: { method: 'qris' } });
    await core.call('payment.simulate', { saleId: q.id, outcome: 'pay' });
    const qris = await waitFor(() => core.call('sale.get', { saleId: q.id }), (s) => s.state === 'succeeded');

    const out = await core.call('report.dayPdf', { date: today });
    expect(out).toMatchObject({ fileName: `loket-laporan-harian-${today}.pdf`, sales: 3, truncated: false, pages: 1 });
    const pdf = Buffer.from(out.base64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    const joined = text.join('\n');
    expect(text[0]).toBe('LAPORAN HARIAN');
    expect(joined).toContain('MODE TRAINING');
    expect(joined).toContain(`Penjualan berhasil (2×)`);
    expect(joined).toContain(formatRupiah(cash.amounts.total + qris.amounts.total));
    expect(joined).toContain('QRIS');
    expect(text).toContain(formatRupiah(qris.amounts.total));
    // The shift the test core opened, still open, with its float.
    expect(joined).toContain('masih buka');
    // The failed cash sale is owed back and unresolved.
    expect(joined).toContain('Kembalikan tunai dari laci');
    for (const s of [cash, failed, qris]) expect(text).toContain(s.receiptNo);
    expect(joined).toMatch(/segel audit #\d+ [0-9a-f]{16}/);
    expect(joined).toContain('halaman 1/1');
  });

  it('a day with nothing still makes a report, and a bad date is refused', async () => {
    const empty = await core.call('report.dayPdf', { date: '2020-01-01' });
    expect(empty.sales).toBe(0);
    expect(pdfText(Buffer.from(empty.base64, 'base64')).join('\n')).toContain('Belum ada transaksi.');
    expect((await core.fail('report.dayPdf', { date: '2020-13-45x' } as never)).code).toBe('invalid_request');
  });

  it('a long day runs over pages, each with its header row and page number', async () => {
    const sold = [];
    for (let i = 0; i < 70; i++) sold.push(await sellToken(core, '14233784991', 20_000));
    const out = await core.call('report.dayPdf', { date: today });
    expect(out.pages).toBeGreaterThanOrEqual(2);
    const text = pdfText(Buffer.from(out.base64, 'base64'));
    expect(out.sales).toBe(73);
    // The sales table's header row again at the top of the next page.
    expect(text.filter((t) => t === 'Pelanggan').length).toBeGreaterThanOrEqual(2);
    for (const s of sold) expect(text).toContain(s.receiptNo);
    expect(text.join('\n')).toContain(`halaman ${out.pages}/${out.pages}`);
  });
});
