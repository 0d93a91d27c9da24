// Paying a bill: product → customer number → the bill as its provider states it → payment → result.
import type { BillInquiryView, ProductView } from '../../shared/contract';
import { call } from '../api/client';
import { createSaleFlow } from './sale-flow';
import { checkFieldValues, fieldValuesOf } from '../../shared/provider-fields';

export type BillStep = 'product' | 'number' | 'bill' | 'payment' | 'result';

/** `fieldValues`: what the cashier typed for the product's extra inputs, by field name. */
type Data = { product: ProductView | null; number: string; fieldValues: Record<string, string>; bill: BillInquiryView | null };
type Own = {
  choose(product: ProductView): void;
  setNumber(n: string): void;
  setField(name: string, value: string): void;
  inquire(): Promise<void>;
  toPayment(): void;
};

export const useBill = createSaleFlow<'product' | 'number' | 'bill', Data, Own>({
  first: 'product',
  data: { product: null, number: '', fieldValues: {}, bill: null },
  back: { number: { to: 'product' }, bill: { to: 'number' }, payment: { to: 'bill' } },
  total: (s) => s.bill?.amounts.total ?? null,
  start: (s, clientRequestId, payment) => call('sale.startBill', { clientRequestId, inquiryId: s.bill!.inquiryId, payment }),
  actions: (set, get) => ({
    choose: (product) => set({ product, step: 'number', error: null, bill: null, fieldValues: {} }),
    setNumber: (number) => set({ number, error: null }),
    setField: (name, value) => set({ fieldValues: { ...get().fieldValues, [name]: value }, error: null }),
    async inquire() {
      const s = get();
      if (s.busy || !s.product) return;
      const fields = fieldValuesOf(s.product.fields, s.fieldValues);
      const checked = checkFieldValues(s.product.fields, fields);
      if (!checked.ok) {
        set({ error: checked.error });
        return;
      }
      set({ busy: true, error: null });
      const r = await call('bill.inquire', { productCode: s.product.code, customerNumber: s.number, ...(fields.length > 0 ? { fields } : {}) });
      set({ busy: false });
      if (r.ok) set({ bill: r.value, step: 'bill' });
      else set({ error: r.error });
    },
    toPayment: () => get().enterPayment(),
  }),
});
