// One factory for every sale flow at the counter (token, bill, digital): the steps up to payment
// differ, everything from the payment step on is the same — a fresh client request id when the
// payment step opens, the payment choice, one start call, the sale followed to its end (the
// session actions), Esc back along the steps, reset. Each flow gives its steps, what the customer
// pays, the core call that starts its sale, and its own actions for the steps before payment.
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { SaleView } from '../../shared/contract';
import type { AppError, Result } from '../../shared/domain/errors';
import { ulid } from '../../shared/domain/ids';
import type { CardInput, PaymentChoice } from '../../shared/payment';
import { sessionActions, type SessionActions, type SessionState } from './sale-session';
import { INITIAL_CHOICE, paymentChoice } from './payment-choice';

export type FlowBase<Step extends string> = SessionState &
  SessionActions & {
    step: Step | 'payment' | 'result';
    /** Opens the payment step with a new client request id (one sale per payment step). */
    enterPayment(): void;
    pay(card?: CardInput | null): Promise<void>;
    back(): void;
    reset(): void;
  };

type Setter<S> = (patch: Partial<S>) => void;

export type FlowSpec<Step extends string, Data extends object, Own extends object> = {
  first: Step;
  /** The flow's own data at the start (and after reset). */
  data: Data;
  /** Esc: the step before each step, and what going back clears. */
  back: Partial<Record<Step | 'payment', { to: Step; clear?: Partial<Data> }>>;
  /** What the customer pays now, or null while the flow cannot be paid. */
  total(s: FlowBase<Step> & Data): number | null;
  /** The core call that starts the sale. */
  start(s: FlowBase<Step> & Data, clientRequestId: string, payment: PaymentChoice): Promise<Result<SaleView, AppError>>;
  /** The flow's actions before the payment step. */
  actions(set: Setter<FlowBase<Step> & Data & Own>, get: () => FlowBase<Step> & Data & Own): Own;
};

export type SaleFlowStore<Step extends string, Data extends object, Own extends object> = UseBoundStore<StoreApi<FlowBase<Step> & Data & Own>>;

export function createSaleFlow<Step extends string, Data extends object, Own extends object>(spec: FlowSpec<Step, Data, Own>): SaleFlowStore<Step, Data, Own> {
  type S = FlowBase<Step> & Data & Own;
  return create<S>((setState, get) => {
    const set: Setter<S> = (patch) => setState(patch);
    const session = sessionActions<S>(set, get, () => ({ step: 'result' }) as Partial<S>, () => ({ step: 'payment' }) as Partial<S>);
    const initial = {
      step: spec.first,
      ...spec.data,
      ...INITIAL_CHOICE,
      clientRequestId: null,
      sale: null,
      receipt: null,
      printed: null,
      busy: false,
      error: null,
    };
    const base: FlowBase<Step> = {
      ...initial,
      ...session,
      enterPayment: () => set({ step: 'payment', tenderedText: '', payMethod: 'cash', clientRequestId: ulid(), error: null } as Partial<S>),
      async pay(card = null) {
        const s = get();
        const total = spec.total(s);
        if (s.busy || total === null || !s.clientRequestId) return;
        const payment = paymentChoice(s, total, card);
        if (!payment) return;
        set({ busy: true, error: null } as Partial<S>);
        const r = await spec.start(s, s.clientRequestId, payment);
        set({ busy: false } as Partial<S>);
        if (r.ok) session.showSale(r.value);
        else set({ error: r.error } as Partial<S>);
      },
      back() {
        const s = get();
        if (s.busy || s.step === 'result') return;
        const to = spec.back[s.step as Step | 'payment'];
        if (to) set({ step: to.to, error: null, ...to.clear } as Partial<S>);
      },
      reset: () => set({ ...initial } as Partial<S>),
    };
    return { ...base, ...spec.actions(set, get) } as S;
  });
}
