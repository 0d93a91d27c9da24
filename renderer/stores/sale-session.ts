// What every sale flow does once a sale exists: follow it and its payment, check its status,
// cancel a waiting payment, record money handed back, declare it failed after review, print
// and save its receipt, and start again with another payment method.
import type { Receipt, SaleView, SimulatedOutcome } from '../../shared/contract';
import type { AppError } from '../../shared/domain/errors';
import { ulid } from '../../shared/domain/ids';
import { call } from '../api/client';
import { printReceipt, saveReceipt } from './receipt-actions';
import type { PayTab, PaymentChoiceState, VaBank } from './payment-choice';
import type { PrintJobView } from '../../shared/printing';

export type SessionState = PaymentChoiceState & {
  sale: SaleView | null;
  receipt: Receipt | null;
  busy: boolean;
  error: AppError | null;
  clientRequestId: string | null;
  /** The last print of this sale's struk: where it went and how (the screen says it printed). */
  printed: PrintJobView | null;
};

export type SessionActions = {
  setTendered(text: string): void;
  setPayMethod(tab: PayTab): void;
  setVaBank(bank: VaBank): void;
  checkPayment(): Promise<void>;
  cancelPayment(): Promise<void>;
  simulatePayment(outcome: SimulatedOutcome): Promise<void>;
  /** The payment did not go through: back to the payment step, as a new sale with the same details. */
  payAgain(): void;
  showSale(sale: SaleView): void;
  refresh(): Promise<void>;
  checkStatus(): Promise<void>;
  confirmCashReturned(): Promise<void>;
  declareFailed(): Promise<void>;
  print(): Promise<void>;
  save(): Promise<void>;
};

export const OPEN_STATES: ReadonlySet<SaleView['state']> = new Set(['awaiting_payment', 'paid', 'sending', 'pending', 'review']);

export function sessionActions<S extends SessionState>(
  set: (patch: Partial<S>) => void,
  get: () => S,
  onShow: (sale: SaleView) => Partial<S> = () => ({}),
  paymentStep: () => Partial<S> = () => ({}),
): SessionActions {
  async function loadReceipt(sale: SaleView): Promise<void> {
    const r = await call('receipt.get', { saleId: sale.id });
    if (r.ok && get().sale?.id === sale.id) set({ receipt: r.value } as Partial<S>);
  }
  function showSale(sale: SaleView): void {
    const previous = get().sale;
    set({ sale, ...onShow(sale) } as Partial<S>);
    if (!previous || previous.id !== sale.id || previous.state !== sale.state || previous.payment.state !== sale.payment.state || previous.payment.display !== sale.payment.display) {
      void loadReceipt(sale);
    }
  }
  async function saleCall(
    name: 'sale.checkStatus' | 'sale.confirmCashReturned' | 'sale.declareFailed' | 'payment.check' | 'payment.cancel',
    extra?: { outcome: SimulatedOutcome },
  ): Promise<void> {
    const sale = get().sale;
    if (!sale || get().busy) return;
    set({ busy: true, error: null } as Partial<S>);
    const r = extra ? await call('payment.simulate', { saleId: sale.id, ...extra }) : await call(name, { saleId: sale.id });
    set({ busy: false } as Partial<S>);
    if (r.ok) showSale(r.value);
    else set({ error: r.error } as Partial<S>);
  }
  return {
    setTendered: (tenderedText) => set({ tenderedText, error: null } as Partial<S>),
    setPayMethod: (payMethod) => set({ payMethod, error: null } as Partial<S>),
    setVaBank: (vaBank) => set({ vaBank, error: null } as Partial<S>),
    checkPayment: () => saleCall('payment.check'),
    cancelPayment: () => saleCall('payment.cancel'),
    simulatePayment: (outcome) => saleCall('payment.check', { outcome }),
    payAgain() {
      const sale = get().sale;
      if (!sale || sale.state !== 'cancelled') return;
      set({ sale: null, receipt: null, error: null, printed: null, clientRequestId: ulid(), tenderedText: '', ...paymentStep() } as Partial<S>);
    },
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
      // What went to paper (the virtual printer's paper in training), and why it did not print if it did not.
      else set({ receipt: r.receipt, error: r.failed, printed: r.job } as Partial<S>);
    },
    async save() {
      const sale = get().sale;
      if (!sale) return;
      const e = await saveReceipt(sale.id);
      if (e) set({ error: e } as Partial<S>);
    },
  };
}
