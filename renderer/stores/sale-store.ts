// The token sale flow at the counter: number → customer & denomination → cash → result.
// Screen state only; prices, limits and outcomes come from the core.
import { create } from 'zustand';
import type { PlnInquiry, Receipt, SaleView } from '../../shared/contract';
import type { AppError } from '../../shared/domain/errors';
import { ulid } from '../../shared/domain/ids';
import { parseRupiahInput, sumRupiah } from '../../shared/domain/money';
import { call } from '../api/client';
import { printReceipt, saveReceipt } from './receipt-actions';

export type SaleStep = 'number' | 'customer' | 'payment' | 'result';

type SaleFlow = {
  step: SaleStep;
  number: string;
  busy: boolean;
  error: AppError | null;
  inquiry: PlnInquiry | null;
  selected: number;
  /** A recent identical purchase was shown; the next confirm goes through. */
  recentAcknowledged: boolean;
  tenderedText: string;
  clientRequestId: string | null;
  sale: SaleView | null;
  receipt: Receipt | null;
  setNumber(n: string): void;
  inquire(): Promise<void>;
  select(index: number): void;
  confirmDenomination(): boolean;
  back(): void;
  setTendered(text: string): void;
  exact(): void;
  pay(): Promise<void>;
  refresh(): Promise<void>;
  checkStatus(): Promise<void>;
  confirmCashReturned(): Promise<void>;
  declareFailed(): Promise<void>;
  print(): Promise<void>;
  save(): Promise<void>;
  reset(): void;
};

const initial = {
  step: 'number' as SaleStep,
  number: '',
  busy: false,
  error: null,
  inquiry: null,
  selected: 0,
  recentAcknowledged: false,
  tenderedText: '',
  clientRequestId: null,
  sale: null,
  receipt: null,
};

export function totalFor(inquiry: PlnInquiry, denomination: number): number {
  return sumRupiah(denomination, inquiry.providerAdmin, inquiry.counterFee);
}

export function selectedDenomination(s: { inquiry: PlnInquiry | null; selected: number }): number | null {
  return s.inquiry?.denominations[s.selected] ?? null;
}

export const OPEN_STATES: ReadonlySet<SaleView['state']> = new Set(['paid', 'sending', 'pending', 'review']);

export const useSale = create<SaleFlow>((set, get) => {
  async function loadReceipt(sale: SaleView): Promise<void> {
    const r = await call('receipt.get', { saleId: sale.id });
    if (r.ok && get().sale?.id === sale.id) set({ receipt: r.value });
  }
  function showSale(sale: SaleView): void {
    const previous = get().sale;
    set({ sale, step: 'result' });
    if (!previous || previous.id !== sale.id || previous.state !== sale.state || previous.cash.state !== sale.cash.state) {
      void loadReceipt(sale);
    }
  }
  async function saleCall(name: 'sale.checkStatus' | 'sale.confirmCashReturned' | 'sale.declareFailed'): Promise<void> {
    const sale = get().sale;
    if (!sale || get().busy) return;
    set({ busy: true, error: null });
    const r = await call(name, { saleId: sale.id });
    set({ busy: false });
    if (r.ok) showSale(r.value);
    else set({ error: r.error });
  }

  return {
    ...initial,
    setNumber: (number) => set({ number, error: null }),
    async inquire() {
      if (get().busy) return;
      set({ busy: true, error: null });
      const r = await call('pln.inquire', { customerNumber: get().number });
      if (!r.ok) {
        set({ busy: false, error: r.error });
        return;
      }
      const preferred = r.value.denominations.indexOf(100_000);
      set({
        busy: false,
        inquiry: r.value,
        step: 'customer',
        selected: preferred >= 0 ? preferred : 0,
        recentAcknowledged: false,
      });
    },
    select: (index) => {
      const n = get().inquiry?.denominations.length ?? 0;
      if (index >= 0 && index < n) set({ selected: index, recentAcknowledged: false });
    },
    confirmDenomination() {
      const s = get();
      const d = selectedDenomination(s);
      if (!s.inquiry || d === null) return false;
      const recent = s.inquiry.recentPurchases.some((p) => p.denomination === d);
      if (recent && !s.recentAcknowledged) {
        set({ recentAcknowledged: true });
        return false;
      }
      set({ step: 'payment', tenderedText: '', clientRequestId: ulid(), error: null });
      return true;
    },
    back() {
      const s = get();
      if (s.busy) return;
      if (s.step === 'payment') set({ step: 'customer', error: null });
      else if (s.step === 'customer') set({ step: 'number', inquiry: null, error: null });
    },
    setTendered: (tenderedText) => set({ tenderedText, error: null }),
    exact() {
      const s = get();
      const d = selectedDenomination(s);
      if (s.inquiry && d !== null) set({ tenderedText: String(totalFor(s.inquiry, d)) });
    },
    async pay() {
      const s = get();
      const d = selectedDenomination(s);
      if (s.busy || !s.inquiry || d === null || !s.clientRequestId) return;
      const tendered = parseRupiahInput(s.tenderedText);
      if (tendered === null || tendered < totalFor(s.inquiry, d)) return;
      set({ busy: true, error: null });
      const r = await call('sale.startPlnToken', {
        clientRequestId: s.clientRequestId,
        inquiryId: s.inquiry.inquiryId,
        denomination: d,
        tendered,
      });
      set({ busy: false });
      if (r.ok) showSale(r.value);
      else set({ error: r.error });
    },
    async refresh() {
      const sale = get().sale;
      if (!sale) return;
      const r = await call('sale.get', { saleId: sale.id });
      if (r.ok && get().sale?.id === sale.id) showSale(r.value);
    },
    checkStatus: () => saleCall('sale.checkStatus'),
    confirmCashReturned: () => saleCall('sale.confirmCashReturned'),
    declareFailed: () => saleCall('sale.declareFailed'),
    async print() {
      const sale = get().sale;
      if (!sale) return;
      const r = await printReceipt(sale.id, false);
      if ('error' in r) set({ error: r.error });
    },
    async save() {
      const sale = get().sale;
      if (!sale) return;
      const e = await saveReceipt(sale.id);
      if (e) set({ error: e });
    },
    reset: () => set({ ...initial }),
  };
});
