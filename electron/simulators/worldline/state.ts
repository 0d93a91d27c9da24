// The Worldline simulator's memory: payments (with their operations), refunds, and every
// operationId it has answered — the API's duplicate protection is keyed on it.
import { openJsonStore, type JsonStore } from '../json-store';

export type SimOperation = { operationId: string; type: 'AUTHORIZATION' | 'CAPTURE' | 'REFUND' | 'AUTHORIZATION_REVERSAL' | 'INCREMENT'; amount: number; at: number; responseCode: string };

export type SimCardPayment = {
  paymentId: string;
  operationId: string;
  amount: number;
  authorized: number;
  status: 'AUTHORIZED' | 'NOT_AUTHORIZED' | 'CONFIRMED' | 'REVERSED' | 'CANCELLED';
  brand: string;
  last4: string;
  authCode: string | null;
  merchantReference: string;
  refunded: number;
  /** The currency and decimals the payment was asked in; every amount of it is kept in those minor units. */
  currency?: string;
  decimals?: number;
  operations: SimOperation[];
  at: number;
};

/** A referenced refund, readable by its own id (getRefund). */
export type SimRefund = {
  refundId: string;
  paymentId: string;
  operationId: string;
  amount: number;
  status: 'CONFIRMED';
  at: number;
};

export type WorldlineSimState = {
  payments: Record<string, SimCardPayment>;
  /** Optional so a state file written before refunds were kept still opens. */
  refunds?: Record<string, SimRefund>;
  /** operationId → the exact answer given (status and body), replayed for a repeat. */
  answers: Record<string, { status: number; body: string }>;
  /** Requests received per operationId (tests: one authorization per card payment). */
  requests: Record<string, number>;
};

export type WorldlineStore = JsonStore<WorldlineSimState>;

export const openWorldlineStore = (file: string | null): WorldlineStore =>
  openJsonStore<WorldlineSimState>(file, () => ({ payments: {}, refunds: {}, answers: {}, requests: {} }));
