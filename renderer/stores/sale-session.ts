// What every sale flow does once a sale exists: follow it, check its status, record the cash
// handed back, declare it failed after review, print and save its receipt.
import type { Receipt, SaleView } from '../../shared/contract';
import type { AppError } from '../../shared/domain/errors';
import { call } from '../api/client';
import { printReceipt, saveReceipt } from './receipt-actions';

export type SessionState = { sale: SaleView | null; receipt: Receipt | null; busy: boolean; error: AppError | null };

export type SessionActions = {
  showSale(sale: SaleView): void;
  refresh(): Promise<void>;
  checkStatus(): Promise<void>;
  confirmCashReturned(): Promise<void>;
  declareFailed(): Promise<void>;
  print(): Promise<void>;
  save(): Promise<void>;
};

export const OPEN_STATES: ReadonlySet<SaleView['state']> = new Set(['paid', 'sending', 'pending', 'review']);

export function sessionActions<S extends SessionState>(
  set: (patch: Partial<S>) => void,
  get: () => S,
  onShow: (sale: SaleView) => Partial<S> = () => ({}),
): SessionActions {
  async function loadReceipt(sale: SaleView): Promise<void> {
    const r = await call('receipt.get', { saleId: sale.id });
    if (r.ok && get().sale?.id === sale.id) set({ receipt: r.value } as Partial<S>);
  }
  function showSale(sale: SaleView): void {
    const previous = get().sale;
    set({ sale, ...onShow(sale) } as Partial<S>);
    if (!previous || previous.id !== sale.id || previous.state !== sale.state || previous.cash.state !== sale.cash.state) {
      void loadReceipt(sale);
    }
  }
  async function saleCall(name: 'sale.checkStatus' | 'sale.confirmCashReturned' | 'sale.declareFailed'): Promise<void> {
    const sale = get().sale;
    if (!sale || get().busy) return;
    set({ busy: true, error: null } as Partial<S>);
    const r = await call(name, { saleId: sale.id });
    set({ busy: false } as Partial<S>);
    if (r.ok) showSale(r.value);
    else set({ error: r.error } as Partial<S>);
  }
  return {
    showSale,
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
      if ('error' in r) set({ error: r.error } as Partial<S>);
    },
    async save() {
      const sale = get().sale;
      if (!sale) return;
      const e = await saveReceipt(sale.id);
      if (e) set({ error: e } as Partial<S>);
    },
  };
}
