import { create } from 'zustand';
import type { LedgerQuery, LedgerTotals, Receipt, SaleRow, SaleView, StatusFilter, TodayTotals, SimulatedOutcome } from '../../shared/contract';
import { downloadFile } from '../print';
import type { AppError } from '../../shared/domain/errors';
import { call } from '../api/client';
import { printReceipt, saveReceipt } from './receipt-actions';

/** A selection beyond today's list: a date range with filters, or a search (status comes from `filter`). */
export type LedgerSelection = Omit<LedgerQuery, 'status'>;

type TransactionsState = {
  filter: StatusFilter;
  selection: LedgerSelection | null;
  selectionTotals: LedgerTotals | null;
  setSelection(s: LedgerSelection | null): Promise<void>;
  exportCsv(): Promise<void>;
  items: SaleRow[];
  totals: TodayTotals | null;
  businessDate: string;
  nextBeforeSeq: number | null;
  selected: number;
  detail: { sale: SaleView; receipt: Receipt | null } | null;
  busy: boolean;
  error: AppError | null;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  setFilter(filter: StatusFilter): Promise<void>;
  move(delta: number): void;
  open(index?: number): Promise<void>;
  close(): void;
  reprint(): Promise<void>;
  save(): Promise<void>;
  checkStatus(): Promise<void>;
  confirmCashReturned(): Promise<void>;
  declareFailed(): Promise<void>;
  checkPayment(): Promise<void>;
  cancelPayment(): Promise<void>;
  simulatePayment(outcome: SimulatedOutcome): Promise<void>;
  /** A supervisor refunds a settled non-cash sale (in part where the method allows). */
  refund(amount: number, reason: string): Promise<boolean>;
};

const PAGE = 50;

export const useTransactions = create<TransactionsState>((set, get) => {
  async function showDetail(sale: SaleView): Promise<void> {
    set({ detail: { sale, receipt: get().detail?.sale.id === sale.id ? (get().detail?.receipt ?? null) : null } });
    const r = await call('receipt.get', { saleId: sale.id });
    if (r.ok && get().detail?.sale.id === sale.id) set({ detail: { sale, receipt: r.value } });
  }
  async function saleAction(
    name: 'sale.checkStatus' | 'sale.confirmCashReturned' | 'sale.declareFailed' | 'payment.check' | 'payment.cancel',
    extra?: { simulate?: SimulatedOutcome; refund?: { amount: number; reason: string } },
  ): Promise<boolean> {
    const d = get().detail;
    if (!d || get().busy) return false;
    set({ busy: true, error: null });
    const saleId = d.sale.id;
    const r = extra?.simulate
      ? await call('payment.simulate', { saleId, outcome: extra.simulate })
      : extra?.refund
        ? await call('payment.refund', { saleId, ...extra.refund })
        : await call(name, { saleId });
    set({ busy: false });
    if (!r.ok) {
      set({ error: r.error });
      return false;
    }
    await showDetail(r.value);
    await get().load();
    return true;
  }
  const search = (beforeSeq?: number) => {
    const sel = get().selection!;
    return call('ledger.search', { ...sel, status: get().filter, limit: PAGE, ...(beforeSeq ? { beforeSeq } : {}) });
  };
  return {
    filter: 'all',
    selection: null,
    selectionTotals: null,
    async setSelection(selection) {
      set({ selection, selected: 0, detail: null, selectionTotals: null });
      await get().load();
    },
    async exportCsv() {
      const sel = get().selection ?? { from: get().businessDate, to: get().businessDate, shiftId: null, cashier: null, productKind: null, provider: null, method: null, query: null };
      const r = await call('ledger.exportCsv', { ...sel, status: get().filter });
      if (!r.ok) return set({ error: r.error });
      downloadFile(r.value.fileName, r.value.csv, 'text/csv');
    },
    items: [],
    totals: null,
    businessDate: '',
    nextBeforeSeq: null,
    selected: 0,
    detail: null,
    busy: false,
    error: null,
    async load() {
      if (get().selection) {
        const sel = get().selection!;
        // The page first; the range's sums follow without holding it up.
        void call('ledger.searchTotals', { ...sel, status: get().filter }).then((t) => t.ok && get().selection === sel && set({ selectionTotals: t.value }));
        const found = await search();
        if (!found.ok) return set({ error: found.error });
        const selected = Math.min(get().selected, Math.max(0, found.value.items.length - 1));
        return set({ items: found.value.items, nextBeforeSeq: found.value.nextBeforeSeq, selected });
      }
      const r = await call('ledger.today', { status: get().filter, limit: PAGE });
      if (!r.ok) {
        set({ error: r.error });
        return;
      }
      const selected = Math.min(get().selected, Math.max(0, r.value.items.length - 1));
      set({ items: r.value.items, totals: r.value.totals, businessDate: r.value.businessDate, nextBeforeSeq: r.value.nextBeforeSeq, selected });
    },
    async loadMore() {
      const before = get().nextBeforeSeq;
      if (before === null) return;
      if (get().selection) {
        const more = await search(before);
        if (more.ok) set({ items: [...get().items, ...more.value.items], nextBeforeSeq: more.value.nextBeforeSeq });
        return;
      }
      const r = await call('ledger.today', { status: get().filter, limit: PAGE, beforeSeq: before });
      if (r.ok) set({ items: [...get().items, ...r.value.items], nextBeforeSeq: r.value.nextBeforeSeq, totals: r.value.totals });
    },
    async setFilter(filter) {
      set({ filter, selected: 0, detail: null });
      await get().load();
    },
    move(delta) {
      const n = get().items.length;
      if (n === 0) return;
      set({ selected: Math.max(0, Math.min(n - 1, get().selected + delta)) });
    },
    async open(index) {
      const i = index ?? get().selected;
      const row = get().items[i];
      if (!row) return;
      set({ selected: i, error: null });
      const r = await call('sale.get', { saleId: row.id });
      if (r.ok) await showDetail(r.value);
      else set({ error: r.error });
    },
    close: () => set({ detail: null, error: null }),
    async reprint() {
      const d = get().detail;
      if (!d) return;
      const r = await printReceipt(d.sale.id, true);
      if ('error' in r) set({ error: r.error });
      // Show what went to paper: the numbered copy.
      else set({ detail: { sale: { ...d.sale, reprints: r.receipt.copyNumber }, receipt: r.receipt } });
    },
    async save() {
      const d = get().detail;
      if (!d) return;
      const e = await saveReceipt(d.sale.id);
      if (e) set({ error: e });
    },
    checkStatus: async () => void (await saleAction('sale.checkStatus')),
    confirmCashReturned: async () => void (await saleAction('sale.confirmCashReturned')),
    declareFailed: async () => void (await saleAction('sale.declareFailed')),
    checkPayment: async () => void (await saleAction('payment.check')),
    cancelPayment: async () => void (await saleAction('payment.cancel')),
    simulatePayment: async (outcome) => void (await saleAction('payment.check', { simulate: outcome })),
    refund: (amount, reason) => saleAction('payment.check', { refund: { amount, reason } }),
  };
});
