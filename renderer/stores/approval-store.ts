// A supervisor's approval asked at the counter: when the core answers "approval required", the
// call waits while a dialog takes the supervisor's name and PIN, then goes again with them (or
// gives up when the cashier cancels). One request at a time.
import { create } from 'zustand';
import type { Approval } from '../../shared/contract';

type ApprovalState = {
  asking: { message: string; resolve: (a: Approval | null) => void } | null;
  ask(message: string): Promise<Approval | null>;
  answer(a: Approval | null): void;
};

export const useApproval = create<ApprovalState>((set, get) => ({
  asking: null,
  ask: (message) =>
    new Promise((resolve) => {
      get().asking?.resolve(null);
      set({ asking: { message, resolve } });
    }),
  answer(a) {
    get().asking?.resolve(a);
    set({ asking: null });
  },
}));
