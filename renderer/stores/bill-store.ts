// Paying a bill: product → customer number → the bill as its provider states it → payment → result.
import type { BillInquiryView, ProductView } from '../../shared/contract';
import { call } from '../api/client';
import { createSaleFlow } from './sale-flow';

export type BillStep = 'product' | 'number' | 'bill' | 'payment' | 'result';

type Data = { product: ProductView | null; number: string; bill: BillInquiryView | null };
type Own = {
  choose(product: ProductView): void;
  setNumber(n: string): void;
  inquire(): Promise<void>;
  toPayment(): void;
};

export const useBill = createSaleFlow<'product' | 'number' | 'bill', Data, Own>({
  first: 'product',
  data: { product: null, number: '', bill: null },
  back: { number: { to: 'product' }, bill: { to: 'number' }, payment: { to: 'bill' } },
  total: (s) => s.bill?.amounts.total ?? null,
  start: (s, clientRequestId, payment) => call('sale.startBill', { clientRequestId, inquiryId: s.bill!.inquiryId, payment }),
  actions: (set, get) => ({
    choose: (product) => set({ product, step: 'number', error: null, bill: null }),
    setNumber: (number) => set({ number, error: null }),
    async inquire() {
      const s = get();
      if (s.busy || !s.product) return;
      set({ busy: true, error: null });
      const r = await call('bill.inquire', { productCode: s.product.code, customerNumber: s.number });
      set({ busy: false });
      if (r.ok) set({ bill: r.value, step: 'bill' });
      else set({ error: r.error });
    },
    toPayment: () => get().enterPayment(),
  }),
});
