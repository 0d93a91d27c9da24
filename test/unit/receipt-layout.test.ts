import { describe, expect, it } from 'vitest';
import { layoutReceipt, toPrintable } from '../../electron/receipts/layout';
import { receiptHtml } from '../../electron/receipts/html';
import type { ReceiptModel } from '../../electron/receipts/model';

const base: ReceiptModel = {
  kind: 'token',
  outlet: { name: 'Warung Berkah Jaya', address: 'Jl. Melati No. 5, Bekasi' },
  training: false,
  receiptNo: '000123',
  providerRef: 'LKT-01JD0000000000000000000000',
  product: { kind: 'pln_prepaid', name: 'Token PLN 200.000', category: 'Listrik PLN' },
  saleAt: Date.parse('2026-11-22T07:05:09Z'),
  timeZone: 'Asia/Jakarta',
  cashier: 'Sari',
  customer: { number: '88888888888', meterNumber: '88888888888', idpel: '885555555555', name: "TestDu''mmyPanjang8855555", tariffPower: 'R1/1300 VA', extra: [] },
  amounts: { faceValue: 200_000, providerAdmin: 1_600, margin: 1_000, total: 202_600, tendered: 205_000, change: 2_400 },
  token: '25930960810610721376',
  kwh: '352,0',
  payRef: '05062135116139A54A95CCC549DDA94C',
  vendorTime: '2016-06-08 11:50:22',
  serialNumber: null,
  voucherCode: null,
  taxes: { materai: '0', ppn: '0', ppj: '8124.77', angsuran: '24000' },
  inquiryLines: [],
  fulfillmentLines: [],
  failureMessage: null,
  payment: { method: 'cash', state: 'settled', reference: null, approvalCode: null, cardBrand: null, cardLast4: null, refunded: 0, byHand: false, expiresAt: null, vaNumber: null, bank: null, billKey: null, billerCode: null, qr: null, bitcoin: null, excess: 0 },
  copy: null,
};

const text = (m: ReceiptModel): string => layoutReceipt(m).map((l) => l.text).join('\n');

describe('58 mm receipt layout (domain.md §2.5)', () => {
  it('every line fits 32 columns of printable ASCII', () => {
    for (const kind of ['token', 'bill', 'digital', 'pending', 'failed'] as const) {
      for (const l of layoutReceipt({ ...base, kind, training: true, copy: { number: 2, at: base.saleAt } })) {
        expect(l.text.length, l.text).toBeLessThanOrEqual(l.style === 'large' ? 24 : 32);
        expect(l.text).toMatch(/^[\x20-\x7e]*$/);
      }
    }
  });

  it('shows what a PLN prepaid struk must show', () => {
    const t = text(base);
    for (const s of [
      'Warung Berkah Jaya', 'STRUK PEMBELIAN LISTRIK PRABAYAR', '08/06/2016 11:50:22', '88888888888', '885555555555',
      "TestDu''mmyPanjang8855555", 'R1/1300 VA', '05062135116139A54A95CCC549DDA94C', 'Rp 200.000', 'Rp 1.600', 'Adm Loket',
      'Rp 202.600', 'Rp 205.000', 'Rp 2.400', '352,0', '8124.77', 'Rp 24.000', 'STROOM/TOKEN', 'Kasir: Sari', 'Call Center PLN 123',
    ]) {
      expect(t, s).toContain(s);
    }
    const token = layoutReceipt(base).find((l) => l.style === 'large');
    expect(token).toEqual({ text: '2593 0960 8106 1072 1376', style: 'large', align: 'center' });
    expect(t).not.toContain('TRAINING');
    expect(t).not.toContain('SALINAN');
  });

  it('a token bought through SAT is referenced by its serial number, or by the order id when the serial is the token', () => {
    const sat = { ...base, payRef: null, vendorTime: null };
    expect(text({ ...sat, serialNumber: 'SN-123' })).toContain('SN-123');
    const t = text({ ...sat, serialNumber: '2593 09608106 1072 1376' });
    expect(t).toContain('LKT-01JD0000000000000000000000');
    expect(t).not.toContain('2593 09608106');
  });

  it('dates the struk with the vendor’s transaction time, else the counter’s clock', () => {
    expect(text({ ...base, vendorTime: null })).toContain('22/11/2026 14:05:09');
    expect(text({ ...base, vendorTime: 'garbage' })).toContain('22/11/2026 14:05:09');
  });

  it('marks training receipts and copies', () => {
    const t = text({ ...base, training: true, copy: { number: 2, at: Date.parse('2026-11-22T08:00:00Z') } });
    expect(t).toContain('*** MODE TRAINING ***');
    expect(t).toContain('SALINAN ke-2 22/11/2026 15:00:00');
  });

  it('a pending slip carries no token and says not to pay again', () => {
    const t = text({ ...base, kind: 'pending', token: null });
    expect(t).toContain('BUKTI TRANSAKSI PENDING');
    expect(t).toContain('JANGAN BAYAR ULANG');
    expect(t).toContain('LKT-01JD0000000000000000000000');
    expect(t).not.toContain('2593');
  });

  it('a failure slip states the cash that goes back', () => {
    const t = text({ ...base, kind: 'failed', token: null, failureMessage: 'Saldo deposit loket di penyedia tidak cukup.', payment: { ...base.payment, state: 'refund_due' } });
    expect(t).toContain('TRANSAKSI GAGAL');
    expect(t).toContain('UANG DIKEMBALIKAN');
    expect(t).toContain('Rp 202.600');
  });

  it('a failure slip says who returns non-cash money: the provider, or a supervisor by hand', () => {
    const failed = { ...base, kind: 'failed' as const, token: null, failureMessage: 'Gagal.' };
    const auto = text({ ...failed, payment: { ...base.payment, method: 'qris', state: 'refund_due', reference: 'GOPAY 1' } });
    expect(auto).toContain('DANA DIKEMBALIKAN KE QRIS');
    const byHand = text({ ...failed, payment: { ...base.payment, method: 'va_bri', state: 'refund_due', byHand: true, reference: 'BRI 8858' } });
    expect(byHand).toContain('DANA AKAN DIKEMBALIKAN');
    expect(byHand).toContain('Supervisor');
    expect(byHand).not.toContain('KE BRI');
    expect(text({ ...failed, payment: { ...base.payment, method: 'va_bri', state: 'refunded', byHand: true } })).toContain('DANA SUDAH DIKEMBALIKAN');
  });

  it('a bitcoin payment prints the BTC amount, the rate, the whole order uuid and every txid in full, within 32 columns', () => {
    const txids = ['9bb7fffc7d08bb2c877df4f1f5bbdc4b29d7206b5ec6fde5e9d3ef724108e7c6', 'a'.repeat(64)];
    const bitcoin = { orderUuid: 'd24d942d-b758-400d-9e47-c5fa72aac053', satoshi: 3500, rate: '1500000000.00', address: 'bcrt1qgzajhvqz8fs6re3fw9xunsny4xs4vvc2gzajhv', txids };
    const paid = layoutReceipt({ ...base, payment: { ...base.payment, method: 'bitcoin', reference: txids[0]!, bitcoin, excess: 5_000 } });
    const slip = layoutReceipt({ ...base, kind: 'payment_slip', token: null, payment: { ...base.payment, method: 'bitcoin', state: 'pending', bitcoin: { ...bitcoin, txids: [] }, expiresAt: base.saleAt + 900_000 } });
    for (const l of [...paid, ...slip]) expect(l.text.length, l.text).toBeLessThanOrEqual(l.style === 'large' ? 24 : 32);
    const t = paid.map((l) => l.text).join('');
    expect(t).toContain('0.000035 BTC');
    expect(t).toContain('Rp 1.500.000.000/BTC');
    expect(t).toContain(bitcoin.orderUuid.replace('-c5fa', 'c5fa'));
    for (const txid of txids) expect(t).toContain(txid);
    expect(t).toContain('Kelebihan bayar');
    const s = slip.map((l) => l.text).join('');
    expect(s).toContain(bitcoin.address);
    expect(s).toContain('dompet bitcoin');
  });

  it('a bill receipt prints SAT’s lines in order, the reference and the counter fee', () => {
    const bill: ReceiptModel = {
      ...base,
      kind: 'bill',
      token: null,
      product: { kind: 'bill', name: 'PDAM Kota Cirebon', category: 'PDAM' },
      customer: { number: '0811111111', meterNumber: '', idpel: '', name: 'BUDI SANTOSO', tariffPower: '', extra: [] },
      amounts: { faceValue: 49_250, providerAdmin: 2_500, margin: 1_500, total: 53_250, tendered: 60_000, change: 6_750 },
      serialNumber: '123412341234',
      fulfillmentLines: [
        { name: 'Periode', value: 'DEC21' },
        { name: 'Pemakaian', value: '10 M3' },
      ],
    };
    const t = text(bill);
    expect(t).toContain('STRUK PEMBAYARAN PDAM');
    expect(t.indexOf('Periode')).toBeLessThan(t.indexOf('Pemakaian'));
    for (const s of ['No. Pelanggan', '0811111111', '123412341234', 'Tagihan', 'Rp 49.250', 'Adm Loket', 'Rp 1.500', 'Rp 53.250', 'LUNAS']) expect(t, s).toContain(s);
  });

  it('a bill receipt does not repeat the name, the serial number or a total SAT’s lines already print', () => {
    const bill: ReceiptModel = {
      ...base,
      kind: 'bill',
      token: null,
      product: { kind: 'bill', name: 'PLN Postpaid', category: 'Listrik PLN' },
      customer: { number: '532110000060', meterNumber: '', idpel: '', name: 'BUDI SANTOSO', tariffPower: '', extra: [] },
      serialNumber: 'SN-77',
      inquiryLines: [{ name: 'Nama', value: 'BUDI SANTOSO' }],
      fulfillmentLines: [
        { name: 'IDPEL', value: '532110000060' },
        { name: 'Nama Pelanggan', value: 'BUDI SANTOSO' },
        { name: 'No. Ref', value: 'SN-77' },
        { name: 'TOTAL BAYAR', value: 'Rp 201.600' },
      ],
    };
    const t = text(bill);
    // SAT's own total (its price to the outlet) would contradict the counter's TOTAL BAYAR.
    expect(t.match(/TOTAL BAYAR/g)).toHaveLength(1);
    expect(t).not.toContain('Rp 201.600');
    expect(t).toContain('Rp 202.600');
    expect(t.match(/BUDI SANTOSO/g)).toHaveLength(1);
    expect(t.match(/532110000060/g)).toHaveLength(1);
    expect(t.match(/SN-77/g)).toHaveLength(1);
    // A pending slip prints no SAT lines, so it names the customer itself.
    const pending = text({ ...bill, kind: 'pending' });
    expect(pending).toContain('BUDI SANTOSO');
    expect(pending.replace(/\s+/g, ' ')).toContain('Struk lunas diberikan');
    expect(pending).not.toContain('Token');
  });

  it('a digital receipt shows the voucher code large', () => {
    const t = layoutReceipt({
      ...base,
      kind: 'digital',
      token: null,
      product: { kind: 'digital', name: 'Google Play 50,000', category: 'Voucher Game' },
      customer: { number: '081234567890', meterNumber: '', idpel: '', name: '', tariffPower: '', extra: [] },
      amounts: { faceValue: 50_000, providerAdmin: 0, margin: 1_000, total: 50_500, tendered: 50_500, change: 0 },
      voucherCode: 'ABCD-EFGH-IJKL-MNOP',
    });
    expect(t.find((l) => l.style === 'large')?.text).toBe('ABCD-EFGH-IJKL-MNOP');
    const all = t.map((l) => l.text).join('\n');
    expect(all).toContain('No. Tujuan');
    // One selling price: the outlet's cost (Rp 49.500) and margin stay off the customer's struk.
    expect(all).toMatch(/Harga\s+Rp 50\.500/);
    expect(all).not.toContain('Adm Loket');
    expect(all).not.toContain('49.500');
  });

  it('transliterates what a thermal printer cannot print, keeping apostrophes', () => {
    expect(toPrintable('JOSÉ “Dodi” O’Neil – Rp')).toBe('JOSE "Dodi" O\'Neil - Rp');
  });

  it('the saved HTML is script-free and escapes names', () => {
    const lines = layoutReceipt({ ...base, customer: { ...base.customer, name: '<script>x</script>' } });
    const html = receiptHtml({ saleId: 's', kind: 'token', columns: 32, copyNumber: 0, lines, qr: null, paper: null }, 'Struk');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('size: 58mm auto');
  });
});
