// The token sale flow at the counter: number → customer & denomination → payment → result.
// Screen state only; prices, limits and outcomes come from the core.
import type { PlnInquiry } from '../../shared/contract';
import { call } from '../api/client';
import { createSaleFlow } from './sale-flow';

export type SaleStep = 'number' | 'customer' | 'payment' | 'result';

type Data = { number: string; inquiry: PlnInquiry | null; selected: number };
type Own = {
  setNumber(n: string): void;
  inquire(): Promise<void>;
  select(index: number): void;
  /** Opens the payment step for the selected denomination; false when it cannot be sold. */
  confirmDenomination(): boolean;
};

export type TokenOption = PlnInquiry['options'][number];

export function selectedOption(s: { inquiry: PlnInquiry | null; selected: number }): TokenOption | null {
  return s.inquiry?.options[s.selected] ?? null;
}

export { OPEN_STATES } from './sale-session';

export const useSale = createSaleFlow<'number' | 'customer', Data, Own>({
  first: 'number',
  data: { number: '', inquiry: null, selected: 0 },
  back: { customer: { to: 'number', clear: { inquiry: null } }, payment: { to: 'customer' } },
  total: (s) => (s.inquiry ? (selectedOption(s)?.amounts.total ?? null) : null),
  start: (s, clientRequestId, payment) => {
    const o = selectedOption(s)!;
    return call('sale.startPlnToken', { clientRequestId, inquiryId: s.inquiry!.inquiryId, denomination: o.denomination, payment });
  },
  actions: (set, get) => ({
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
      set({ busy: false, inquiry: r.value, step: 'customer', selected: preferred >= 0 ? preferred : 0 });
    },
    select: (index) => {
      const n = get().inquiry?.options.length ?? 0;
      if (index >= 0 && index < n) set({ selected: index });
    },
    confirmDenomination() {
      const s = get();
      const o = selectedOption(s);
      if (!s.inquiry || o === null || !o.available) return false;
      s.enterPayment();
      return true;
    },
  }),
});
