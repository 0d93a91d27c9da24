// What services know about the customer's payment providers (Midtrans for QRIS, e-wallets and
// virtual accounts; Worldline for cards). Wire formats stay in each provider's folder; here there
// are only the outcomes the money path acts on.
import type { BitcoinDisplay } from '../../shared/payment';
import type { ProviderError, ProviderResult } from './contract';

export type PaymentProviderName = 'midtrans' | 'worldline' | 'chainside';

export type VaBank = 'bca' | 'bni' | 'bri' | 'permata';
export type NonCashMethod = 'qris' | 'gopay' | 'shopeepay' | `va_${VaBank}` | 'mandiri_bill' | 'card' | 'bitcoin';

/** What the customer needs to pay a waiting payment: a QR to scan, a deeplink, a number to transfer to. */
export type PaymentDisplay = {
  qrString: string | null;
  deeplink: string | null;
  vaNumber: string | null;
  bank: string | null;
  billKey: string | null;
  billerCode: string | null;
  /** The provider's own image of the QR (a `data:image/…` URL), fetched by the core; drawn instead of `qrString`/`deeplink` when present. */
  qrImage?: string | null;
  bitcoin?: BitcoinDisplay | null;
};

/** A card as read at the counter: keyed (number + expiry) or swiped (track 2). Never stored. */
export type CardInput =
  | { entry: 'keyed'; number: string; expiry: string; securityCode: string | null }
  | { entry: 'swiped'; track2: string };

export type ChargeRequest = {
  /** Our id for this payment (Midtrans order_id, Worldline operationId), persisted before the call. */
  ref: string;
  method: NonCashMethod;
  amount: number;
  /** Seconds the customer has to pay (ignored by cards, which answer at once). */
  expirySeconds: number;
  description: string;
  card: CardInput | null;
};

export type Settled = {
  txnId: string | null;
  /** A printable reference without secrets: card last 4, VA number, QRIS/e-wallet reference. */
  reference: string | null;
  approvalCode: string | null;
  cardBrand: string | null;
  cardLast4: string | null;
  /** The final picture of the payment, where the provider has more than a reference (a bitcoin order's txids). */
  display?: PaymentDisplay;
  /** Rupiah received beyond the amount (a bitcoin overpayment): owed back to the customer. */
  excess?: number;
};

/**
 * Where a payment stands, as the provider says:
 * - pending: waiting for the customer (`display` is null when the provider did not repeat it);
 * - settled: the money is in;
 * - closed: it will never be paid (expired, denied, cancelled, or the charge was refused);
 * - refunded: the money went back (in full or in part, after settlement);
 * - unknown: the provider could not be asked or its answer cannot be trusted; `notFound` when it
 *   says it has no such payment (so a charge with the same ref is safe).
 */
export type PaymentStatus =
  | { kind: 'pending'; txnId: string | null; display: PaymentDisplay | null; expiresAt: number | null }
  | { kind: 'settled'; settled: Settled }
  | { kind: 'closed'; reason: 'expired' | 'denied' | 'cancelled' | 'failed'; error: ProviderError; display?: PaymentDisplay; excess?: number }
  | { kind: 'refunded'; refundedAmount: number }
  | { kind: 'unknown'; notFound: boolean; error: ProviderError };

export type RefundRequest = {
  ref: string;
  txnId: string | null;
  /** Idempotency: the same key never refunds twice (Midtrans refund_key, Worldline operationId). */
  key: string;
  amount: number;
  reason: string;
  /** The customer is waiting (a failed purchase): ask for the provider's direct, immediate refund where it has one. */
  direct: boolean;
};

export type RefundOutcome =
  | { kind: 'done'; refundId: string | null }
  | { kind: 'refused'; error: ProviderError }
  | { kind: 'unknown'; error: ProviderError };

export type PaymentGateway = {
  readonly name: PaymentProviderName;
  /** Methods this provider can give back through its API (others are handed back by a person). */
  refundable(method: NonCashMethod): boolean;
  charge(request: ChargeRequest): Promise<PaymentStatus>;
  /** `amount`: what the ledger says this payment is for, so a provider's record for another amount is not trusted. */
  status(ref: string, txnId: string | null, amount?: number): Promise<PaymentStatus>;
  /** Stop a waiting payment. The answer is the payment's status afterwards (it may have been paid). */
  cancel(ref: string, txnId: string | null, amount?: number): Promise<PaymentStatus>;
  /** Close a waiting payment whose time is up (Midtrans' expire); like cancel, the answer may be "paid". */
  expire(ref: string, txnId: string | null, amount?: number): Promise<PaymentStatus>;
  refund(request: RefundRequest): Promise<RefundOutcome>;
};

/** One order as the crypto screen shows it, read from Chainside (fiat in rupiah, bitcoin in satoshi). */
export type BitcoinOrder = {
  reference: string | null;
  details: string | null;
  amount: number;
  bitcoin: BitcoinDisplay;
  createdAt: number | null;
  expiresAt: number | null;
  resolvedAt: number | null;
  /** After "paid": when the network dispute began, and when the order was charged back. */
  disputeStartAt: number | null;
  chargebackAt: number | null;
  transactions: { txid: string; status: string; blockchainStatus: string; satoshi: number; createdAt: number | null }[];
};

export type BitcoinOrderQuery = { status: string | null; page: number; pageSize: number; sortBy: 'created_at' | 'amount'; sortOrder: 'asc' | 'desc' };

export type BitcoinGateway = PaymentGateway & {
  /** A page of the webPOS's orders, filtered and sorted by Chainside. */
  listOrders(q: BitcoinOrderQuery): Promise<ProviderResult<{ items: BitcoinOrder[]; totalItems: number; totalPages: number }>>;
  getOrder(uuid: string): Promise<ProviderResult<BitcoinOrder>>;
};
