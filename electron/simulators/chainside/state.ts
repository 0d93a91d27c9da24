// The Chainside simulator's memory: payment orders with their transactions, issued tokens, the
// simulated clock's offset and every callback sent, kept as one JSON file in training.
import { openJsonStore, type JsonStore } from '../json-store';

export type SimTx = { txid: string; sat: number; confirmations: number; reverted: boolean; createdAt: number };

export type SimOrderStatus = 'pending' | 'paid' | 'cancelled' | 'expired' | 'network_dispute' | 'chargeback';

export type SimOrder = {
  uuid: string;
  /** Fiat in hundredths, as the request's decimal string said it. */
  fiatCents: number;
  sat: number;
  address: string;
  requiredConfirmations: number;
  createdAt: number;
  expiresAt: number;
  /** A final state reached (paid, expired, cancelled, chargeback); null while open. */
  final: SimOrderStatus | null;
  resolvedAt: number | null;
  disputeStartAt: number | null;
  chargebackAt: number | null;
  reference: string | null;
  details: string | null;
  callbackUrl: string | null;
  cancelUrl: string | null;
  continueUrl: string | null;
  txs: SimTx[];
  callbacksSent: string[];
};

export type SimCallback = { event: string; uuid: string; url: string; signature: string; body: string; status: number | null; at: number };

export type ChainsideSimState = {
  /** Kept with the state so a training simulator restarted later accepts the same credentials. */
  clientId: string;
  secret: string;
  orders: Record<string, SimOrder>;
  tokens: Record<string, number>;
  /** Seconds the simulated clock runs ahead of the real one (POST /__sim/clock/advance). */
  clockOffsetMs: number;
  /** Create requests received per reference, accepted or not (tests: never a second live order). */
  creates: Record<string, number>;
  nextAddress: number;
  callbacks: SimCallback[];
};

export type ChainsideStore = JsonStore<ChainsideSimState>;

export function openChainsideStore(file: string | null, creds: () => { clientId: string; secret: string }): ChainsideStore {
  return openJsonStore<ChainsideSimState>(file, () => ({ ...creds(), orders: {}, tokens: {}, clockOffsetMs: 0, creates: {}, nextAddress: 1, callbacks: [] }));
}
