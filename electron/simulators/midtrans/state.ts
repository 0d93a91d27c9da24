// The Midtrans simulator's memory: one record per order_id, as Midtrans keeps it.
import { openJsonStore, type JsonStore } from '../json-store';

export type SimTxnStatus = 'pending' | 'settlement' | 'expire' | 'cancel' | 'deny' | 'refund' | 'partial_refund';

export type SimRefund = { key: string; amount: number; reason: string; at: number; id: number };

export type SimTxn = {
  orderId: string;
  transactionId: string;
  paymentType: 'qris' | 'gopay' | 'shopeepay' | 'bank_transfer' | 'echannel';
  bank: string | null;
  amount: number;
  status: SimTxnStatus;
  createdAt: number;
  expiresAt: number;
  settledAt: number | null;
  qrString: string | null;
  acquirer: string | null;
  issuer: string | null;
  vaNumber: string | null;
  billKey: string | null;
  billerCode: string | null;
  refunds: SimRefund[];
  /** Where this transaction's notifications go (X-Override-Notification), loopback only. */
  notify: string[];
};

export type MidtransSimState = {
  /** Kept with the state so a training simulator restarted later still accepts the same key. */
  serverKey: string;
  clientKey: string;
  txns: Record<string, SimTxn>;
  /** Charge requests received per order_id, accepted or not (tests: never a second transaction). */
  charges: Record<string, number>;
  /** Refund requests received per refund_key. */
  refundCalls: Record<string, number>;
  nextRefundId: number;
};

export type MidtransStore = JsonStore<MidtransSimState>;

export function openMidtransStore(file: string | null, keys: () => { serverKey: string; clientKey: string }): MidtransStore {
  return openJsonStore<MidtransSimState>(file, () => ({ ...keys(), txns: {}, charges: {}, refundCalls: {}, nextRefundId: 1 }));
}
