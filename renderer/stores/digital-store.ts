// Selling a digital product: product → destination number → payment → result. The price shown is
// the core's; the core refuses the sale if it changed in between.
import type { ProductView } from '../../shared/contract';
import { call } from '../api/client';
import { createSaleFlow } from './sale-flow';
import { checkFieldValues, fieldValuesOf } from '../../shared/provider-fields';

export type DigitalStep = 'product' | 'number' | 'payment' | 'result';

/** `fieldValues`: what the cashier typed for the product's extra inputs, by field name. */
type Data = { product: ProductView | null; number: string; fieldValues: Record<string, string> };
type Own = {
  choose(product: ProductView): void;
  setNumber(n: string): void;
  setField(name: string, value: string): void;
  toPayment(): void;
};

export const useDigital = createSaleFlow<'product' | 'number', Data, Own>({
  first: 'product',
  data: { product: null, number: '', fieldValues: {} },
  back: { number: { to: 'product' }, payment: { to: 'number' } },
  total: (s) => s.product?.sellPrice ?? null,
  start: (s, clientRequestId, payment) =>
    call('sale.startDigital', {
      clientRequestId,
      productCode: s.product!.code,
      customerNumber: s.number,
      expectedTotal: s.product!.sellPrice!,
      ...(s.product!.fields.length > 0 ? { fields: fieldValuesOf(s.product!.fields, s.fieldValues) } : {}),
      payment,
    }),
  actions: (set, get) => ({
    choose: (product) => set({ product, step: 'number', error: null, fieldValues: {} }),
    setNumber: (number) => set({ number, error: null }),
    setField: (name, value) => set({ fieldValues: { ...get().fieldValues, [name]: value }, error: null }),
    toPayment() {
      const s = get();
      const digits = s.number.replace(/\D/g, '');
      if (digits.length < 4) {
        set({ error: { code: 'invalid_customer_number', message: 'Nomor tujuan hanya angka (4–24 digit).' } });
        return;
      }
      const checked = s.product ? checkFieldValues(s.product.fields, fieldValuesOf(s.product.fields, s.fieldValues)) : null;
      if (checked && !checked.ok) {
        set({ error: checked.error });
        return;
      }
      get().enterPayment();
    },
  }),
});
