// The SAT simulator's memory (orders, deposit, keys), persisted as JSON so training keeps its
// orders and its keys across restarts.
import { openJsonStore, type JsonStore } from '../json-store';
import type { SimKeys } from './keys';

export type SimOrder = {
  id: string;
  productCode: string;
  clientNumber: string;
  salesPrice: number;
  partnerFee: number;
  adminFee: number;
  clientName: string;
  createdAt: number;
  fulfilAt: number;
  status: 'Pending' | 'Success' | 'Failed';
  errorCode: string;
  errorDetail: string;
  fulfilledAt: string | null;
  serial: string;
  voucher: string;
  lines: Array<{ name: string; value: string }>;
  refunded: boolean;
  /** As sent with the order (`fields`, `downline_id`); absent when not sent. */
  fields?: Array<{ name: string; value: string }> | null;
  downlineId?: string;
};

export type SatSimState = {
  deposit: number;
  keys: SimKeys;
  orders: Record<string, SimOrder>;
  /** Checkout requests received per request id, created or not (tests: no second order). */
  checkouts: Record<string, number>;
};

export type SatStore = JsonStore<SatSimState>;

export function openSatStore(file: string | null, initial: () => SatSimState): SatStore {
  return openJsonStore(file, initial);
}
