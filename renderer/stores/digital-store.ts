// Selling a digital product: product → destination number → cash → result. The price shown is
// the core's; the core refuses the sale if it changed in between.
import { create } from 'zustand';
import type { ProductView } from '../../shared/contract';
import { ulid } from '../../shared/domain/ids';
import { call } from '../api/client';
import { sessionActions, type SessionActions, type SessionState } from './sale-session';
import { INITIAL_CHOICE, paymentChoice } from './payment-choice';
import type { CardInput } from '../../shared/payment';

export type DigitalStep = 'product' | 'number' | 'payment' | 'result';

type DigitalFlow = SessionState &
  SessionActions & {
    step: DigitalStep;
    product: ProductView | null;
    number: string;
    choose(product: ProductView): void;
    setNumber(n: string): void;
    toPayment(): void;
    pay(card?: CardInput | null): Promise<void>;
    back(): void;
    reset(): void;
  };

const initial = {
  step: 'product' as DigitalStep,
  product: null,
  number: '',
  ...INITIAL_CHOICE,
  clientRequestId: null,
  sale: null,
  receipt: null,
  printed: null,
  busy: false,
  error: null,
};

export const useDigital = create<DigitalFlow>((set, get) => {
  const session = sessionActions<DigitalFlow>(set, get, () => ({ step: 'result' }), () => ({ step: 'payment' }));
  return {
    ...initial,
    ...session,
    choose: (product) => set({ product, step: 'number', error: null }),
    setNumber: (number) => set({ number, error: null }),
    toPayment() {
      const digits = get().number.replace(/\D/g, '');
      if (digits.length < 4) {
        set({ error: { code: 'invalid_customer_number', message: 'Nomor tujuan hanya angka (4–24 digit).' } });
        return;
      }
      set({ step: 'payment', tenderedText: '', payMethod: 'cash', clientRequestId: ulid(), error: null });
    },
    async pay(card = null) {
      const s = get();
      const total = s.product?.sellPrice ?? null;
      if (s.busy || !s.product || total === null || !s.clientRequestId) return;
      const payment = paymentChoice(s, total, card);
      if (!payment) return;
      set({ busy: true, error: null });
      const r = await call('sale.startDigital', {
        clientRequestId: s.clientRequestId,
        productCode: s.product.code,
        customerNumber: s.number,
        expectedTotal: total,
        payment,
      });
      set({ busy: false });
      if (r.ok) session.showSale(r.value);
      else set({ error: r.error });
    },
    back() {
      const s = get();
      if (s.busy) return;
      const previous: Partial<Record<DigitalStep, DigitalStep>> = { number: 'product', payment: 'number' };
      const to = previous[s.step];
      if (to) set({ step: to, error: null });
    },
    reset: () => set({ ...initial }),
  };
});
