// A second purchase of the same product for the same customer within minutes: the core refuses it
// unless the cashier confirms (the rule lives in the core, so two tabs or a double Enter cannot
// get past it). The call waits while a dialog asks — focus on "Batal", so a stray Enter never
// buys twice — then goes again confirmed, or gives up.
import { create } from 'zustand';

type RepeatState = {
  asking: { message: string; resolve: (yes: boolean) => void } | null;
  ask(message: string): Promise<boolean>;
  answer(yes: boolean): void;
};

export const useRepeat = create<RepeatState>((set, get) => ({
  asking: null,
  ask: (message) =>
    new Promise((resolve) => {
      get().asking?.resolve(false);
      set({ asking: { message, resolve } });
    }),
  answer(yes) {
    get().asking?.resolve(yes);
    set({ asking: null });
  },
}));
