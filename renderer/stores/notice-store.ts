// A sale that finished while the cashier was elsewhere — a pending token that resolved, a bill
// SAT confirmed later — announces itself: a notice the cashier cannot miss (highlighted, no
// sound at a busy counter), and F3 opens that sale with its struk.
import { create } from 'zustand';

export type Notice = { saleId: string; receiptNo: string; outcome: 'succeeded' | 'failed'; product: string };

type NoticeState = {
  notice: Notice | null;
  show(n: Notice): void;
  dismiss(): void;
};

export const useNotice = create<NoticeState>((set) => ({
  notice: null,
  show: (notice) => set({ notice }),
  dismiss: () => set({ notice: null }),
}));
