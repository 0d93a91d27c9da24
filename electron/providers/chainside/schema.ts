// Chainside WebPos v1 bodies (chainside.md §3, §5, §6), checked at the boundary. Fields the SDKs
// mark nullable are nullable here; dates are read leniently (their exact format is a known gap).
import { z } from 'zod';

export const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().int().positive(),
  id_token: z.string().optional(),
  scope: z.string().nullable().optional(),
});

export const ErrorBody = z.object({
  error_code: z.string(),
  message: z.string().nullable().optional(),
  request_id: z.string().nullable().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

const Decimal = z.string().regex(/^-?\d+(\.\d+)?$/);
const Leg = z.object({ crypto: z.number().int(), fiat: Decimal }).nullable();

export const Rate = z.object({ source: z.string(), value: Decimal, created_at: z.string().nullable().optional() });

export const CreationResponse = z.object({
  uuid: z.string().uuid(),
  address: z.string().min(26),
  uri: z.string().startsWith('bitcoin:'),
  /** Satoshi here, unlike every other `amount` of the API (chainside.md §5.2). */
  amount: z.number().int().positive(),
  expiration_time: z.string(),
  expires_in: z.number().int(),
  rate: Rate,
  redirect_url: z.string().nullable().optional(),
  created_at: z.string().nullable().optional(),
  reference: z.string().nullable().optional(),
});
export type CreationResponse = z.infer<typeof CreationResponse>;

export const Transaction = z.object({
  txid: z.string(),
  status: z.enum(['unconfirmed', 'confirmed', 'reverted']),
  blockchain_status: z.enum(['mempool', 'unconfirmed', 'confirmed', 'reverted']),
  outs_sum: z.number().int(),
  created_at: z.string().nullable().optional(),
});

export const PublicStatus = z.enum(['pending', 'paid', 'cancelled', 'expired', 'network_dispute', 'chargeback']);
export const BlockchainStatus = z.enum([
  'pending', 'partial', 'mempool_unconfirmed', 'unconfirmed', 'paid', 'cancelled', 'expired',
  'network_dispute', 'mempool_network_dispute', 'possible_chargeback', 'chargeback',
]);
export type BlockchainStatus = z.infer<typeof BlockchainStatus>;

export const OrderBody = z.object({
  uuid: z.string().uuid(),
  /** Fiat, as a decimal string. */
  amount: Decimal,
  btc_amount: z.number().int(),
  address: z.string(),
  uri: z.string(),
  state: z.object({ status: PublicStatus, blockchain_status: BlockchainStatus, paid: Leg, in_confirmation: Leg, unpaid: Leg }),
  transactions: z.array(Transaction).nullable(),
  required_confirmations: z.number().int(),
  expires_in: z.number().int(),
  expiration_time: z.string(),
  created_at: z.string(),
  resolved_at: z.string().nullable(),
  /** Required and nullable in the docs (chainside.md §3); optional here so an answer without them still reads. */
  dispute_start_date: z.string().nullable().optional(),
  chargeback_date: z.string().nullable().optional(),
  rate: Rate,
  currency: z.object({ name: z.string() }).passthrough(),
  reference: z.string().nullable(),
  details: z.string().nullable().optional(),
});
export type OrderBody = z.infer<typeof OrderBody>;

export const OrderList = z.object({ paymentorders: z.array(OrderBody).nullable(), total_items: z.number().int(), total_pages: z.number().int() });
export type OrderList = z.infer<typeof OrderList>;
export const DeletionResponse = z.object({ cancel_url: z.string().nullable().optional() });
export type DeletionResponse = z.infer<typeof DeletionResponse>;
export const CallbackList = z.object({ callbacks: z.array(z.object({ name: z.string() })) });
export type CallbackList = z.infer<typeof CallbackList>;

export const CallbackEnvelope = z.object({
  event: z.string(),
  created_at: z.string(),
  object_type: z.string().nullable(),
  object: z.object({ uuid: z.string().uuid(), reference: z.string().nullable().optional() }).passthrough(),
});
