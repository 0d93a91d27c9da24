import { describe, expect, it } from 'vitest';
import { classifyProduct } from '../../electron/providers/sat/products';
import { quote } from '../../electron/services/catalog/pricing';

const item = (id: string, name: string, extra: Partial<{ is_inquiry: boolean; status: 1 | 2 | 3; category_name: string; price: number }> = {}) => ({
  type: 'product' as const,
  id,
  attributes: { product_name: name, price: extra.price ?? 1000, is_inquiry: extra.is_inquiry ?? false, status: extra.status ?? (1 as const), ...(extra.category_name ? { category_name: extra.category_name } : {}) },
});

describe('SAT catalogue → Loket products', () => {
  it('reads the nominal from the code or the name, and the kind from is_inquiry and the code', () => {
    expect(classifyProduct(item('25k-xl', 'XL 25,000'))).toMatchObject({ kind: 'digital', faceValue: 25_000 });
    expect(classifyProduct(item('pln-prepaid-token-100k', 'Token Listrik 100,000'))).toMatchObject({ kind: 'pln_prepaid', faceValue: 100_000, category: 'Listrik PLN' });
    expect(classifyProduct(item('pln-prepaid-token-1000k', 'Token Listrik 1,000,000'))).toMatchObject({ faceValue: 1_000_000 });
    expect(classifyProduct(item('kode-voucher-google-100k', 'Google Play 100,000'))).toMatchObject({ faceValue: 100_000, category: 'Voucher' });
    expect(classifyProduct(item('mlbb-86-diamonds', 'Mobile Legends 86 Diamonds'))).toMatchObject({ faceValue: null });
    expect(classifyProduct(item('pln-postpaid', 'PLN Pascabayar', { is_inquiry: true }))).toMatchObject({ kind: 'bill', faceValue: null });
    expect(classifyProduct(item('x', 'y', { category_name: 'Pulsa', status: 3 }))).toMatchObject({ category: 'Pulsa', status: 3 });
  });
});

describe('selling prices', () => {
  const rules = [
    { scope: 'category' as const, key: 'Pulsa', mode: 'markup' as const, amount: 2_000, updated_at: 0 },
    { scope: 'product' as const, key: '25k-xl', mode: 'fixed' as const, amount: 27_000, updated_at: 0 },
    { scope: 'category' as const, key: 'PDAM', mode: 'fixed' as const, amount: 3_000, updated_at: 0 },
  ];
  it('a product rule beats its category, a category rule beats the default', () => {
    expect(quote(rules, 500, { code: '25k-xl', category: 'Pulsa', kind: 'digital' }, 24_913)).toEqual({ ok: true, value: { margin: 2_087, total: 27_000 } });
    expect(quote(rules, 500, { code: '10k-xl', category: 'Pulsa', kind: 'digital' }, 10_150)).toEqual({ ok: true, value: { margin: 2_000, total: 12_150 } });
    expect(quote(rules, 500, { code: 'gopay-50k', category: 'E-Wallet', kind: 'digital' }, 51_000)).toEqual({ ok: true, value: { margin: 500, total: 51_500 } });
  });
  it('on a bill a fixed rule is the counter fee (the bill amount varies)', () => {
    expect(quote(rules, 500, { code: 'pdam-x', category: 'PDAM', kind: 'bill' }, 51_750)).toEqual({ ok: true, value: { margin: 3_000, total: 54_750 } });
  });
  it('a price below cost is refused, with both amounts in the message', () => {
    const r = quote(rules, 0, { code: '25k-xl', category: 'Pulsa', kind: 'digital' }, 28_000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/Rp 27\.000.*Rp 28\.000/);
  });
});
