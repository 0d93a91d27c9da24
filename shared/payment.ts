// How the customer pays, as the renderer and the core agree on it: the methods, the choice the
// cashier makes at the payment step, and what a payment looks like once it exists.
import { z } from 'zod';
import { AppError } from './domain/errors';
import { Rupiah } from './domain/money';

export const PaymentMethod = z.enum(['cash', 'qris', 'gopay', 'shopeepay', 'va_bca', 'va_bni', 'va_bri', 'va_permata', 'mandiri_bill', 'card', 'bitcoin']);
export type PaymentMethod = z.infer<typeof PaymentMethod>;

/** Methods the customer completes on their phone or at their bank: through Midtrans, or bitcoin through Chainside. */
export const WaitingMethod = z.enum(['qris', 'gopay', 'shopeepay', 'va_bca', 'va_bni', 'va_bri', 'va_permata', 'mandiri_bill', 'bitcoin']);
export type WaitingMethod = z.infer<typeof WaitingMethod>;

export const PaymentState = z.enum(['created', 'pending', 'settled', 'expired', 'denied', 'cancelled', 'failed', 'refund_due', 'refunded']);
export type PaymentState = z.infer<typeof PaymentState>;

/**
 * A card as read at the counter: keyed (number, expiry MMYY, optional CVV) or swiped (track 2 as a
 * magnetic reader types it). It travels to the core once and is never stored or shown again.
 */
export const CardInput = z.discriminatedUnion('entry', [
  z.object({
    entry: z.literal('keyed'),
    number: z.string().regex(/^\d{12,19}$/),
    expiry: z.string().regex(/^(0[1-9]|1[0-2])\d{2}$/),
    securityCode: z.string().regex(/^\d{3,4}$/).nullable(),
  }),
  z.object({ entry: z.literal('swiped'), track2: z.string().min(16).max(40) }),
]);
export type CardInput = z.infer<typeof CardInput>;

export const PaymentChoice = z.union([
  z.object({ method: z.literal('cash'), tendered: Rupiah }),
  z.object({ method: WaitingMethod }),
  z.object({ method: z.literal('card'), card: CardInput }),
]);
export type PaymentChoice = z.infer<typeof PaymentChoice>;

/** A Chainside payment order as the customer and the cashier follow it (satoshi as integers). */
export const BitcoinDisplay = z.object({
  orderUuid: z.string(),
  address: z.string(),
  /** BIP21, exactly as Chainside returned it: the QR shows this string. */
  uri: z.string(),
  satoshi: z.number().int().nonnegative(),
  /** Fiat per bitcoin as Chainside quoted it (decimal string). */
  rate: z.string(),
  currency: z.string(),
  requiredConfirmations: z.number().int().nonnegative(),
  /** The fewest confirmations among the transactions seen (0: still in the mempool). */
  confirmations: z.number().int().nonnegative(),
  paidSat: z.number().int().nonnegative(),
  inConfirmationSat: z.number().int().nonnegative(),
  unpaidSat: z.number().int().nonnegative(),
  /** What the customer still has to send, in rupiah (rounded up). */
  unpaidRupiah: Rupiah,
  /** Sent beyond the order's amount (the supervisor gives it back). */
  overpaidSat: z.number().int().nonnegative(),
  blockchainStatus: z.string(),
  status: z.string(),
  txids: z.array(z.string()),
});
export type BitcoinDisplay = z.infer<typeof BitcoinDisplay>;

export const PaymentDisplay = z.object({
  qrString: z.string().nullable(),
  deeplink: z.string().nullable(),
  vaNumber: z.string().nullable(),
  bank: z.string().nullable(),
  billKey: z.string().nullable(),
  billerCode: z.string().nullable(),
  /** The provider's own QR image as a `data:image/(png|gif|jpeg);base64,…` URL (GoPay's generate-qr-code). */
  qrImage: z
    .string()
    .regex(/^data:image\/(png|gif|jpeg);base64,[A-Za-z0-9+/=]+$/)
    .nullable()
    .optional(),
  bitcoin: BitcoinDisplay.nullable().optional(),
});
export type PaymentDisplay = z.infer<typeof PaymentDisplay>;

export const PaymentRefundView = z.object({
  amount: Rupiah,
  reason: z.string(),
  kind: z.enum(['automatic', 'supervisor', 'manual']),
  state: z.enum(['requested', 'done', 'refused', 'unknown']),
  at: z.number().int(),
});
export type PaymentRefundView = z.infer<typeof PaymentRefundView>;

export const PaymentView = z.object({
  method: PaymentMethod,
  /** The gateway's name (the core's registry), null for cash. */
  provider: z.string().nullable(),
  state: PaymentState,
  amount: Rupiah,
  tendered: Rupiah,
  change: Rupiah,
  refunded: Rupiah,
  /** Printable, never secret: card last 4, VA number, QRIS/e-wallet reference. */
  reference: z.string().nullable(),
  approvalCode: z.string().nullable(),
  cardBrand: z.string().nullable(),
  cardLast4: z.string().nullable(),
  display: PaymentDisplay.nullable(),
  expiresAt: z.number().int().nullable(),
  lastStatus: z.string().nullable(),
  checkAttempts: z.number().int().nonnegative(),
  nextCheckAt: z.number().int().nullable(),
  cancelRequested: z.boolean(),
  /** How money due back reaches the customer: from the drawer, through the provider, or by a supervisor. */
  refundBy: z.enum(['cash', 'automatic', 'manual']).nullable(),
  refunds: z.array(PaymentRefundView),
  /** Money received beyond the sale (a bitcoin overpayment, or bitcoin sent to an order that closed): the supervisor gives it back. */
  excess: Rupiah,
  excessReturned: z.boolean(),
  failure: AppError.nullable(),
});
export type PaymentView = z.infer<typeof PaymentView>;

/** A Chainside order as the crypto screen lists and opens it (a sale's or a standalone one). */
export const CryptoOrderView = z.object({
  /** Loket's reference (the id Chainside was given); null for an order Loket did not create. */
  reference: z.string().nullable(),
  label: z.string(),
  saleId: z.string().nullable(),
  amount: Rupiah,
  state: z.enum(['created', 'pending', 'paid', 'expired', 'cancelled', 'failed']),
  bitcoin: BitcoinDisplay.nullable(),
  createdAt: z.number().int(),
  expiresAt: z.number().int().nullable(),
  resolvedAt: z.number().int().nullable(),
  cashier: z.string(),
  excess: Rupiah,
  transactions: z.array(
    z.object({ txid: z.string(), status: z.string(), blockchainStatus: z.string(), satoshi: z.number().int(), createdAt: z.number().int().nullable() }),
  ),
  lastError: z.string().nullable(),
  checkAttempts: z.number().int(),
  nextCheckAt: z.number().int().nullable(),
  cancelRequested: z.boolean(),
  /**
   * After "paid": `open` while the network disputes it (confirmations lost), `ended` when they came
   * back, `chargeback` when they never did — the bitcoin is gone and the loss is in the books.
   */
  dispute: z.enum(['none', 'open', 'ended', 'chargeback']),
  disputeAt: z.number().int().nullable(),
  chargebackAt: z.number().int().nullable(),
});
export type CryptoOrderView = z.infer<typeof CryptoOrderView>;

/**
 * What the cashier hands back for a cash sale that did not deliver: all the customer gave. The
 * change is handed over only when the goods are, so after a failure it is still in the drawer.
 */
export function cashHandBack(p: { amount: number; refunded: number; change: number }): number {
  return p.amount - p.refunded + p.change;
}

/** The most cash a sale may take: a mistyped extra zero is not a payment. */
export const MAX_CASH_OVER_TOTAL = 10_000_000;
