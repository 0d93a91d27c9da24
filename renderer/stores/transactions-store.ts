import { create } from 'zustand';
import type { LedgerQuery, LedgerTotals, Receipt, SaleRow, SaleView, StatusFilter, TodayTotals, SimulatedOutcome, UnresolvedItem } from '../../shared/contract';
import { mergeFreshPage } from './merge-page';
import { base64Bytes, downloadFile } from '../print';
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
  /** The day report as PDF: of the selected day (the range's last), or today. */
  dayReport(): Promise<void>;
  reportDay(): string;
  items: SaleRow[];
  /** Every sale not finished with (any day), with what Loket is doing about it. */
  unresolved: UnresolvedItem[];
  unresolvedMore: boolean;
  /** Which list the arrow keys move in: the day's/selection's, or the unresolved panel. */
  zone: 'list' | 'unresolved';
  unresolvedSelected: number;
  toggleZone(): void;
  openUnresolved(index?: number): Promise<void>;
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
  /** Opens one sale's detail (a notice's "show me"), the list as it is. */
  openSaleDetail(saleId: string): Promise<void>;
  /** The open detail's sale as it is now (it finished while shown); the list follows when it changed. */
  refreshDetail(): Promise<void>;
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
  let loadingMore = false;
  async function openSale(saleId: string): Promise<void> {
    set({ error: null });
    const r = await call('sale.get', { saleId });
    if (r.ok) await showDetail(r.value);
    else set({ error: r.error });
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
      set({ selection, selected: 0, detail: null, selectionTotals: null, items: [], nextBeforeSeq: null });
      await get().load();
    },
    async exportCsv() {
      const sel = get().selection ?? { from: get().businessDate, to: get().businessDate, shiftId: null, cashier: null, productKind: null, provider: null, method: null, query: null };
      const r = await call('ledger.exportCsv', { ...sel, status: get().filter });
      if (!r.ok) return set({ error: r.error });
      downloadFile(r.value.fileName, r.value.csv, 'text/csv');
    },
    reportDay: () => get().selection?.to ?? get().businessDate,
    async dayReport() {
      const date = get().reportDay();
      if (!date || get().busy) return;
      set({ busy: true, error: null });
      const r = await call('report.dayPdf', { date });
      set({ busy: false });
      if (!r.ok) return set({ error: r.error });
      downloadFile(r.value.fileName, base64Bytes(r.value.base64), 'application/pdf');
    },
    items: [],
    unresolved: [],
    unresolvedMore: false,
    zone: 'list',
    unresolvedSelected: 0,
    toggleZone() {
      if (get().zone === 'unresolved' || get().unresolved.length === 0) set({ zone: 'list' });
      else set({ zone: 'unresolved', unresolvedSelected: Math.min(get().unresolvedSelected, get().unresolved.length - 1) });
    },
    async openUnresolved(index) {
      const i = index ?? get().unresolvedSelected;
      const item = get().unresolved[i];
      if (!item) return;
      set({ zone: 'unresolved', unresolvedSelected: i });
      await openSale(item.row.id);
    },
    totals: null,
    businessDate: '',
    nextBeforeSeq: null,
    selected: 0,
    detail: null,
    busy: false,
    error: null,
    async load() {
      void call('ledger.unresolved', {}).then((u) => {
        if (!u.ok) return;
        const n = u.value.items.length;
        set({ unresolved: u.value.items, unresolvedMore: u.value.more, unresolvedSelected: Math.min(get().unresolvedSelected, Math.max(0, n - 1)), ...(n === 0 ? { zone: 'list' as const } : {}) });
      });
      // An answer for a list the cashier has since left is dropped.
      const filter = get().filter;
      const sel = get().selection;
      const left = (): boolean => get().filter !== filter || get().selection !== sel;
      if (sel) {
        // The page first; the range's sums follow without holding it up.
        void call('ledger.searchTotals', { ...sel, status: filter }).then((t) => t.ok && !left() && set({ selectionTotals: t.value }));
        const found = await search();
        if (left()) return;
        if (!found.ok) return set({ error: found.error });
        const page = mergeFreshPage(found.value, get());
        return set({ ...page, selected: Math.min(get().selected, Math.max(0, page.items.length - 1)) });
      }
      const r = await call('ledger.today', { status: filter, limit: PAGE });
      if (left()) return;
      if (!r.ok) {
        set({ error: r.error });
        return;
      }
      // A new business day starts the list afresh; otherwise rows loaded further down stay.
      const page = r.value.businessDate === get().businessDate ? mergeFreshPage(r.value, get()) : r.value;
      set({ ...page, totals: r.value.totals, businessDate: r.value.businessDate, selected: Math.min(get().selected, Math.max(0, page.items.length - 1)) });
    },
    async loadMore() {
      const before = get().nextBeforeSeq;
      // Scrolling near the end asks on every frame; one page at a time.
      if (before === null || loadingMore) return;
      loadingMore = true;
      try {
        const more = get().selection ? await search(before) : await call('ledger.today', { status: get().filter, limit: PAGE, beforeSeq: before });
        if (more.ok && get().nextBeforeSeq === before) set({ items: [...get().items, ...more.value.items], nextBeforeSeq: more.value.nextBeforeSeq });
      } finally {
        loadingMore = false;
      }
    },
    async setFilter(filter) {
      // Another list: nothing of the old one is kept (the refresh keeps rows only within one list).
      set({ filter, selected: 0, detail: null, items: [], nextBeforeSeq: null });
      await get().load();
    },
    move(delta) {
      if (get().zone === 'unresolved') {
        const n = get().unresolved.length;
        return set({ unresolvedSelected: Math.max(0, Math.min(n - 1, get().unresolvedSelected + delta)) });
      }
      const n = get().items.length;
      if (n === 0) return;
      set({ selected: Math.max(0, Math.min(n - 1, get().selected + delta)) });
    },
    async open(index) {
      const i = index ?? get().selected;
      const row = get().items[i];
      if (!row) return;
      set({ selected: i, zone: 'list' });
      await openSale(row.id);
    },
    close: () => set({ detail: null, error: null }),
    openSaleDetail: (saleId) => openSale(saleId),
    async refreshDetail() {
      const d = get().detail;
      if (!d) return;
      const r = await call('sale.get', { saleId: d.sale.id });
      if (!r.ok || get().detail?.sale.id !== d.sale.id) return;
      const changed = r.value.state !== d.sale.state || r.value.payment.state !== d.sale.payment.state;
      if (!changed) return;
      await showDetail(r.value);
      await get().load();
    },
    async reprint() {
      const d = get().detail;
      if (!d) return;
      const r = await printReceipt(d.sale.id, true);
      if ('error' in r) set({ error: r.error });
      // Show what went to paper: the numbered copy (and why it did not print, if it did not).
      else set({ detail: { sale: { ...d.sale, reprints: r.receipt.copyNumber }, receipt: r.receipt }, error: r.failed });
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
