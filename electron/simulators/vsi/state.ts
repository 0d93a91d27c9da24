// The simulator's memory: inquiries, payments by trxid, issued tokens and a request log.
// Persisted as JSON (atomic rename) so advice still works after the simulator restarts.
import { readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Scenario } from './customers';

export type SimInquiry = { refnum: string; number: string; createdAt: number };

export type SimPayment = {
  trxid: string;
  payref: string;
  number: string;
  meter: string;
  idpel: string;
  denomination: number;
  scenario: Scenario;
  createdAt: number;
  /** committed: the token exists; pending: becomes committed at resolveAt; lost/failed: never. */
  status: 'committed' | 'pending' | 'lost' | 'failed';
  resolveAt: number | null;
  token: string;
  failRc: string | null;
};

export type SimRequest = { at: number; command: string; trxid: string; number: string | null };

export type SimState = {
  deposit: number;
  inquiries: Record<string, SimInquiry>;
  payments: Record<string, SimPayment>;
  requests: SimRequest[];
};

export function emptyState(deposit: number): SimState {
  return { deposit, inquiries: {}, payments: {}, requests: [] };
}

export type StateStore = { state: SimState; save(): void };

export function openStateStore(file: string | null, deposit: number): StateStore {
  let state = emptyState(deposit);
  if (file) {
    try {
      state = JSON.parse(readFileSync(file, 'utf8')) as SimState;
    } catch {
      // first start, or an unreadable file: begin empty
    }
  }
  return {
    get state() {
      return state;
    },
    set state(s: SimState) {
      state = s;
    },
    save() {
      if (!file) return;
      mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify(state));
      renameSync(tmp, file);
    },
  };
}
