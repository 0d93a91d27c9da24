// @vitest-environment jsdom
// The sale flows' stores (token, bill, digital — one factory) in jsdom, against a fake core through
// the transport seam: what each step asks the core, the payment step's one client request id, Esc
// back along the steps, bad input kept with its message, and the sale followed to the result.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setTransport } from '../../renderer/api/client';
import { useBill } from '../../renderer/stores/bill-store';
import { useDigital } from '../../renderer/stores/digital-store';
import { useSale } from '../../renderer/stores/sale-store';
import type { CallName } from '../../shared/contract-names';
import type { ProductView } from '../../shared/contract';

type Sent = { name: CallName; request: Record<string, unknown> };
let sent: Sent[] = [];
let answers: Partial<Record<CallName, (req: Record<string, unknown>) => unknown>> = {};

const sale = (over: Record<string, unknown> = {}) => ({
  id: 'S1',
  state: 'succeeded',
  payment: { state: 'settled', display: null },
  ...over,
});

beforeEach(() => {
  sent = [];
  answers = {
    'receipt.get': () => ({ ok: true, value: { lines: [] } }),
  };
  setTransport(async (name, request) => {
    sent.push({ name, request: (request ?? {}) as Record<string, unknown> });
    const answer = answers[name];
    return answer ? answer((request ?? {}) as Record<string, unknown>) : { ok: false, error: { code: 'internal', message: `no fake for ${name}` } };
  });
  useBill.getState().reset();
  useDigital.getState().reset();
  useSale.getState().reset();
});
afterEach(() => setTransport(null));

const product: ProductView = { code: 'pln', kind: 'bill', name: 'PLN Pascabayar', category: 'Listrik PLN', operator: 'PLN', faceValue: null, providerPrice: 2500, sellPrice: null, margin: 0, needsInquiry: true, sellable: true, reason: null, fields: [] };

describe('bill flow', () => {
  it('product → number → the bill → payment (one request id) → the sale', async () => {
    answers['bill.inquire'] = () => ({ ok: true, value: { inquiryId: 'I1', amounts: { total: 156_600 } } });
    answers['sale.startBill'] = () => ({ ok: true, value: sale() });
    const s = useBill.getState();
    s.choose(product);
    s.setNumber('530000000002');
    await useBill.getState().inquire();
    expect(useBill.getState().step).toBe('bill');
    expect(sent.at(-1)).toEqual({ name: 'bill.inquire', request: { productCode: 'pln', customerNumber: '530000000002' } });
    useBill.getState().toPayment();
    const id = useBill.getState().clientRequestId;
    expect(id).toMatch(/^[0-9A-Z]{26}$/);
    useBill.getState().setTendered('150.000');
    await useBill.getState().pay();
    // Short of the total: nothing is sent.
    expect(sent.some((x) => x.name === 'sale.startBill')).toBe(false);
    useBill.getState().setTendered('200.000');
    await useBill.getState().pay();
    expect(sent.find((x) => x.name === 'sale.startBill')?.request).toEqual({ clientRequestId: id, inquiryId: 'I1', payment: { method: 'cash', tendered: 200_000 } });
    expect(useBill.getState().step).toBe('result');
    expect(useBill.getState().sale?.id).toBe('S1');
  });

  it('Esc walks back along the steps; a refused inquiry keeps the number and says why', async () => {
    answers['bill.inquire'] = () => ({ ok: false, error: { code: 'customer_not_found', message: 'Tagihan tidak ditemukan atau sudah dibayar.' } });
    useBill.getState().choose(product);
    useBill.getState().setNumber('530000000003');
    await useBill.getState().inquire();
    expect(useBill.getState()).toMatchObject({ step: 'number', number: '530000000003', error: { code: 'customer_not_found' } });
    useBill.getState().back();
    expect(useBill.getState().step).toBe('product');
  });
});

describe('digital flow', () => {
  const pulsa = { ...product, code: 's25', kind: 'digital', name: 'Telkomsel 25.000', category: 'Pulsa', needsInquiry: false, sellPrice: 25_450 } as const;

  it('a number too short is said plainly and never reaches the payment step', () => {
    useDigital.getState().choose(pulsa);
    useDigital.getState().setNumber('08');
    useDigital.getState().toPayment();
    expect(useDigital.getState()).toMatchObject({ step: 'number', error: { code: 'invalid_customer_number' } });
  });

  it('a changed price refused by the core stays on the payment step with its message', async () => {
    answers['sale.startDigital'] = () => ({ ok: false, error: { code: 'price_changed', message: 'Harga Telkomsel 25.000 berubah menjadi Rp 26.000. Konfirmasi ulang ke pelanggan.' } });
    useDigital.getState().choose(pulsa);
    useDigital.getState().setNumber('081234567890');
    useDigital.getState().toPayment();
    useDigital.getState().setPayMethod('qris');
    await useDigital.getState().pay();
    expect(sent.find((x) => x.name === 'sale.startDigital')?.request).toMatchObject({ productCode: 's25', customerNumber: '081234567890', expectedTotal: 25_450, payment: { method: 'qris' } });
    expect(useDigital.getState()).toMatchObject({ step: 'payment', busy: false, error: { code: 'price_changed' } });
    useDigital.getState().back();
    expect(useDigital.getState().step).toBe('number');
  });
});

describe('token flow', () => {
  const inquiry = {
    inquiryId: 'Q1',
    options: [20_000, 50_000, 100_000].map((d) => ({ denomination: d, amounts: { total: d + 2_500 }, available: d !== 50_000, reason: d === 50_000 ? 'gangguan' : null })),
  };

  it('the 100.000 option is preselected; an unavailable one cannot be confirmed; back from the customer forgets the inquiry', async () => {
    answers['pln.inquire'] = () => ({ ok: true, value: inquiry });
    useSale.getState().setNumber('14233784991');
    await useSale.getState().inquire();
    expect(useSale.getState()).toMatchObject({ step: 'customer', selected: 2 });
    useSale.getState().select(1);
    expect(useSale.getState().confirmDenomination()).toBe(false);
    useSale.getState().back();
    expect(useSale.getState()).toMatchObject({ step: 'number', inquiry: null });
  });

  it('pays the selected denomination under the payment step’s request id', async () => {
    answers['pln.inquire'] = () => ({ ok: true, value: inquiry });
    answers['sale.startPlnToken'] = () => ({ ok: true, value: sale() });
    useSale.getState().setNumber('14233784991');
    await useSale.getState().inquire();
    expect(useSale.getState().confirmDenomination()).toBe(true);
    useSale.getState().setTendered('110.000');
    await useSale.getState().pay();
    expect(sent.find((x) => x.name === 'sale.startPlnToken')?.request).toEqual({
      clientRequestId: useSale.getState().clientRequestId,
      inquiryId: 'Q1',
      denomination: 100_000,
      payment: { method: 'cash', tendered: 110_000 },
    });
    expect(useSale.getState().step).toBe('result');
  });
});
