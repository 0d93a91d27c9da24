// Paying a bill: product → customer number → the bill as SAT states it → cash → result.
import { create } from 'zustand';
import type { BillInquiryView, ProductView } from '../../shared/contract';
import { ulid } from '../../shared/domain/ids';
import { call } from '../api/client';
import { sessionActions, type SessionActions, type SessionState } from './sale-session';
import { INITIAL_CHOICE, paymentChoice } from './payment-choice';
import type { CardInput } from '../../shared/payment';

export type BillStep = 'product' | 'number' | 'bill' | 'payment' | 'result';

type BillFlow = SessionState &
  SessionActions & {
    step: BillStep;
    product: ProductView | null;
    number: string;
    bill: BillInquiryView | null;
    choose(product: ProductView): void;
    setNumber(n: string): void;
    inquire(): Promise<void>;
    toPayment(): void;
    pay(card?: CardInput | null): Promise<void>;
    back(): void;
    reset(): void;
  };

const initial = {
  step: 'product' as BillStep,
  product: null,
  number: '',
  bill: null,
  ...INITIAL_CHOICE,
  clientRequestId: null,
  sale: null,
  receipt: null,
  printed: null,
  busy: false,
  error: null,
};

export const useBill = create<BillFlow>((set, get) => {
  const session = sessionActions<BillFlow>(set, get, () => ({ step: 'result' }), () => ({ step: 'payment' }));
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
    toPayment: () => set({ step: 'payment', tenderedText: '', payMethod: 'cash', clientRequestId: ulid(), error: null }),
    async pay(card = null) {
      const s = get();
      if (s.busy || !s.bill || !s.clientRequestId) return;
      const payment = paymentChoice(s, s.bill.amounts.total, card);
      if (!payment) return;
      set({ busy: true, error: null });
      const r = await call('sale.startBill', { clientRequestId: s.clientRequestId, inquiryId: s.bill.inquiryId, payment });
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
