// Paying a bill: product → customer number → the bill as SAT states it → cash → result.
import { create } from 'zustand';
import type { BillInquiryView, ProductView } from '../../shared/contract';
import { ulid } from '../../shared/domain/ids';
import { parseRupiahInput } from '../../shared/domain/money';
import { call } from '../api/client';
import { sessionActions, type SessionActions, type SessionState } from './sale-session';

export type BillStep = 'product' | 'number' | 'bill' | 'payment' | 'result';

type BillFlow = SessionState &
  SessionActions & {
    step: BillStep;
    product: ProductView | null;
    number: string;
    bill: BillInquiryView | null;
    tenderedText: string;
    clientRequestId: string | null;
    choose(product: ProductView): void;
    setNumber(n: string): void;
    inquire(): Promise<void>;
    toPayment(): void;
    setTendered(text: string): void;
    pay(): Promise<void>;
    back(): void;
    reset(): void;
  };

const initial = {
  step: 'product' as BillStep,
  product: null,
  number: '',
  bill: null,
  tenderedText: '',
  clientRequestId: null,
  sale: null,
  receipt: null,
  busy: false,
  error: null,
};

export const useBill = create<BillFlow>((set, get) => {
  const session = sessionActions<BillFlow>(set, get, () => ({ step: 'result' }));
  return {
    ...initial,
    ...session,
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
    toPayment: () => set({ step: 'payment', tenderedText: '', clientRequestId: ulid(), error: null }),
    setTendered: (tenderedText) => set({ tenderedText, error: null }),
    async pay() {
      const s = get();
      const tendered = parseRupiahInput(s.tenderedText);
      if (s.busy || !s.bill || !s.clientRequestId || tendered === null || tendered < s.bill.amounts.total) return;
      set({ busy: true, error: null });
      const r = await call('sale.startBill', { clientRequestId: s.clientRequestId, inquiryId: s.bill.inquiryId, tendered });
      set({ busy: false });
      if (r.ok) session.showSale(r.value);
      else set({ error: r.error });
    },
    back() {
      const s = get();
      if (s.busy) return;
      const previous: Partial<Record<BillStep, BillStep>> = { number: 'product', bill: 'number', payment: 'bill' };
      const to = previous[s.step];
      if (to) set({ step: to, error: null });
    },
    reset: () => set({ ...initial }),
  };
});
