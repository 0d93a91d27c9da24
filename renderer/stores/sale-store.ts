// The token sale flow at the counter: number → customer & denomination → cash → result.
// Screen state only; prices, limits and outcomes come from the core.
import { create } from 'zustand';
import type { PlnInquiry } from '../../shared/contract';
import { ulid } from '../../shared/domain/ids';
import { call } from '../api/client';
import { sessionActions, type SessionActions, type SessionState } from './sale-session';
import { INITIAL_CHOICE, paymentChoice } from './payment-choice';
import type { CardInput } from '../../shared/payment';

export type SaleStep = 'number' | 'customer' | 'payment' | 'result';

type SaleFlow = SessionState &
  SessionActions & {
    step: SaleStep;
    number: string;
    inquiry: PlnInquiry | null;
    selected: number;
    /** A recent identical purchase was shown; the next confirm goes through. */
    setNumber(n: string): void;
    inquire(): Promise<void>;
    select(index: number): void;
    confirmDenomination(): boolean;
    back(): void;
    pay(card?: CardInput | null): Promise<void>;
    reset(): void;
  };

const initial = {
  step: 'number' as SaleStep,
  number: '',
  busy: false,
  error: null,
  inquiry: null,
  selected: 0,
  ...INITIAL_CHOICE,
  clientRequestId: null,
  sale: null,
  receipt: null,
  printed: null,
};

export type TokenOption = PlnInquiry['options'][number];

export function selectedOption(s: { inquiry: PlnInquiry | null; selected: number }): TokenOption | null {
  return s.inquiry?.options[s.selected] ?? null;
}

export { OPEN_STATES } from './sale-session';

export const useSale = create<SaleFlow>((set, get) => {
  const session = sessionActions<SaleFlow>(set, get, () => ({ step: 'result' }), () => ({ step: 'payment' }));
  return {
    ...initial,
    ...session,
    setNumber: (number) => set({ number, error: null }),
    async inquire() {
      if (get().busy) return;
      set({ busy: true, error: null });
      const r = await call('pln.inquire', { customerNumber: get().number });
      if (!r.ok) {
        set({ busy: false, error: r.error });
        return;
      }
      const preferred = r.value.options.findIndex((o) => o.denomination === 100_000 && o.available);
      set({
        busy: false,
        inquiry: r.value,
        step: 'customer',
        selected: preferred >= 0 ? preferred : 0,
            });
    },
    select: (index) => {
      const n = get().inquiry?.options.length ?? 0;
      if (index >= 0 && index < n) set({ selected: index });
    },
    confirmDenomination() {
      const s = get();
      const o = selectedOption(s);
      if (!s.inquiry || o === null || !o.available) return false;
      set({ step: 'payment', tenderedText: '', payMethod: 'cash', clientRequestId: ulid(), error: null });
      return true;
    },
    back() {
      const s = get();
      if (s.busy) return;
      if (s.step === 'payment') set({ step: 'customer', error: null });
      else if (s.step === 'customer') set({ step: 'number', inquiry: null, error: null });
    },
    async pay(card = null) {
      const s = get();
      const o = selectedOption(s);
      if (s.busy || !s.inquiry || o === null || !s.clientRequestId) return;
      const payment = paymentChoice(s, o.amounts.total, card);
      if (!payment) return;
      set({ busy: true, error: null });
      const r = await call('sale.startPlnToken', {
        clientRequestId: s.clientRequestId,
        inquiryId: s.inquiry.inquiryId,
        denomination: o.denomination,
        payment,
      });
      set({ busy: false });
      if (r.ok) session.showSale(r.value);
      else set({ error: r.error });
    },
    reset: () => set({ ...initial }),
  };
});
