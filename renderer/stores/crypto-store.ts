// The crypto screen: a standalone bitcoin order being taken (typed amount and reference), the
// webPOS's orders as Chainside lists them (status filter, pages, sort) and one opened in detail.
import { create } from 'zustand';
import type { Req, Receipt, SimulatedOutcome } from '../../shared/contract';
import type { AppError } from '../../shared/domain/errors';
import type { CryptoOrderView } from '../../shared/payment';
import { call } from '../api/client';
import { printInBrowser } from '../print';
import { printFailure } from './receipt-actions';

export type CryptoFilter = Req<'crypto.list'>['status'];
export const CRYPTO_FILTERS: readonly CryptoFilter[] = [null, 'pending', 'partial', 'paid', 'expired', 'cancelled'];
const PAGE_SIZE = 10;

type CryptoState = {
  current: CryptoOrderView | null;
  detail: CryptoOrderView | null;
  receipt: Receipt | null;
  items: CryptoOrderView[];
  totalItems: number;
  totalPages: number;
  page: number;
  filter: CryptoFilter;
  sortBy: 'created_at' | 'amount';
  sortOrder: 'asc' | 'desc';
  selected: number;
  busy: boolean;
  error: AppError | null;
  create(amount: number, label: string): Promise<boolean>;
  refresh(): Promise<void>;
  load(): Promise<void>;
  setFilter(f: CryptoFilter): Promise<void>;
  setPage(p: number): Promise<void>;
  toggleSort(): Promise<void>;
  move(delta: number): void;
  open(index?: number): Promise<void>;
  closeDetail(): void;
  newOrder(): void;
  check(): Promise<void>;
  cancel(): Promise<void>;
  simulate(outcome: SimulatedOutcome): Promise<void>;
  print(): Promise<void>;
};

export const useCrypto = create<CryptoState>((set, get) => {
  /** The order the left panel shows: the one being taken, or the one opened from the list. */
  const shown = (): CryptoOrderView | null => get().detail ?? get().current;
  const put = (fresh: CryptoOrderView): void => {
    const before = shown();
    // The ledger knows only the txids; what Chainside said of each (confirmations) is kept once fetched.
    const known =
      before?.reference === fresh.reference && before.state === fresh.state && before.transactions.length === fresh.transactions.length && before.transactions.every((x) => x.blockchainStatus !== '');
    const o = known && fresh.transactions.some((x) => x.blockchainStatus === '') ? { ...fresh, transactions: before.transactions } : fresh;
    if (get().detail?.reference === o.reference) set({ detail: o });
    if (get().current?.reference === o.reference) set({ current: o });
  };
  async function act(run: (reference: string) => Promise<{ ok: true; value: CryptoOrderView } | { ok: false; error: AppError }>): Promise<void> {
    const o = shown();
    if (!o?.reference || get().busy) return;
    set({ busy: true, error: null });
    const r = await run(o.reference);
    set({ busy: false });
    if (r.ok) put(r.value);
    else set({ error: r.error });
    void get().load();
  }
  return {
    current: null,
    detail: null,
    receipt: null,
    items: [],
    totalItems: 0,
    totalPages: 0,
    page: 0,
    filter: null,
    sortBy: 'created_at',
    sortOrder: 'desc',
    selected: 0,
    busy: false,
    error: null,
    async create(amount, label) {
      if (get().busy) return false;
      set({ busy: true, error: null, receipt: null });
      const r = await call('crypto.create', { clientRequestId: crypto.randomUUID(), amount, label });
      set({ busy: false });
      if (!r.ok) {
        set({ error: r.error });
        return false;
      }
      set({ current: r.value, detail: null });
      void get().load();
      return true;
    },
    async refresh() {
      const o = shown();
      if (!o?.reference) return;
      // Chainside is asked for each transaction's state only when the screen does not have it yet
      // (new txids, or the order's state moved); otherwise the ledger, which the tracker keeps fresh.
      const remote = o.transactions.some((x) => x.blockchainStatus === '');
      const r = await call('crypto.get', { reference: o.reference, remote });
      if (r.ok) put(r.value);
    },
    async load() {
      const { filter, page, sortBy, sortOrder } = get();
      const r = await call('crypto.list', { status: filter, page, pageSize: PAGE_SIZE, sortBy, sortOrder });
      if (!r.ok) {
        set({ error: r.error });
        return;
      }
      set({ items: r.value.items, totalItems: r.value.totalItems, totalPages: r.value.totalPages, selected: Math.min(get().selected, Math.max(0, r.value.items.length - 1)) });
    },
    async setFilter(filter) {
      set({ filter, page: 0, selected: 0 });
      await get().load();
    },
    async setPage(p) {
      const last = Math.max(0, get().totalPages - 1);
      set({ page: Math.min(Math.max(0, p), last), selected: 0 });
      await get().load();
    },
    async toggleSort() {
      const byDate = get().sortBy === 'created_at';
      set({ sortBy: byDate ? 'amount' : 'created_at', sortOrder: 'desc', page: 0, selected: 0 });
      await get().load();
    },
    move(delta) {
      const n = get().items.length;
      if (n === 0) return;
      set({ selected: Math.min(n - 1, Math.max(0, get().selected + delta)) });
    },
    async open(index) {
      const i = index ?? get().selected;
      const item = get().items[i];
      if (!item) return;
      set({ selected: i, detail: item, receipt: null, error: null });
      if (!item.reference) return;
      const r = await call('crypto.get', { reference: item.reference, remote: true });
      // An order Loket did not create stays as Chainside listed it.
      if (r.ok) set({ detail: r.value });
    },
    closeDetail: () => set({ detail: null, receipt: null, error: null }),
    newOrder: () => set({ current: null, detail: null, receipt: null, error: null }),
    check: () => act((reference) => call('crypto.check', { reference })),
    cancel: () => act((reference) => call('crypto.cancel', { reference })),
    simulate: (outcome) => act((reference) => call('crypto.simulate', { reference, outcome })),
    async print() {
      const o = shown();
      if (!o?.reference || o.state !== 'paid' || o.saleId !== null) return;
      const r = await call('crypto.receipt', { reference: o.reference });
      if (!r.ok) {
        set({ error: r.error });
        return;
      }
      set({ receipt: r.value.receipt, error: printFailure(r.value.outcome) });
      if (r.value.outcome.by === 'renderer') printInBrowser(r.value.receipt);
    },
  };
});
