// The SAT simulator's memory (orders, deposit, keys), persisted as JSON so training keeps its
// orders and its keys across restarts.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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
};

export type SatSimState = {
  deposit: number;
  keys: SimKeys;
  orders: Record<string, SimOrder>;
  /** Checkout requests received per request id, created or not (tests: no second order). */
  checkouts: Record<string, number>;
};

export type SatStore = { state: SatSimState; save(): void };

export function openSatStore(file: string | null, initial: () => SatSimState): SatStore {
  let state: SatSimState | null = null;
  if (file) {
    try {
      state = JSON.parse(readFileSync(file, 'utf8')) as SatSimState;
    } catch {
      state = null;
    }
  }
  const store = {
    state: state ?? initial(),
    save() {
      if (!file) return;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(store.state));
      renameSync(`${file}.tmp`, file);
    },
  };
  if (!state) store.save();
  return store;
}
