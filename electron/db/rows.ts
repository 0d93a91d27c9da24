// Zod schemas of the rows we read back: a row that does not match (a hand-edited database, a
// half-applied migration) is an error at the boundary, not a wrong number on a receipt.
import { z } from 'zod';

const int = z.number().int();
const nint = int.nullable();
const ntext = z.string().nullable();

export const ProductKind = z.enum(['pln_prepaid', 'bill', 'digital']);
export const ProviderName = z.string();
export const PaymentMethod = z.enum(['cash', 'qris', 'gopay', 'shopeepay', 'va_bca', 'va_bni', 'va_bri', 'va_permata', 'mandiri_bill', 'card', 'bitcoin']);
/** A payment gateway's name, as the payment_providers reference table holds it (migration 0014). */
export const PaymentProvider = z.string();
export const PaymentState = z.enum(['created', 'pending', 'settled', 'expired', 'denied', 'cancelled', 'failed', 'refund_due', 'refunded']);

export const SaleRecord = z.object({
  id: z.string(),
  seq: int,
  client_request_id: z.string(),
  product_kind: ProductKind,
  product_code: z.string(),
  provider_product: z.string(),
  product_name: z.string(),
  category: z.string(),
  provider: ProviderName,
  env: z.enum(['training', 'production']),
  state: z.enum(['awaiting_payment', 'paid', 'sending', 'pending', 'review', 'succeeded', 'failed', 'cancelled']),
  business_date: z.string(),
  created_at: int,
  updated_at: int,
  cashier: z.string(),
  inquiry_id: ntext,
  customer_number: z.string(),
  customer_name: z.string(),
  meter_number: z.string(),
  idpel: z.string(),
  tariff_power: z.string(),
  face_value: int,
  provider_admin: int,
  provider_cost: int,
  margin: int,
  total: int,
  provider_ref: z.string(),
  inquiry_ref: ntext,
  pay_sent_at: nint,
  pay_ref: ntext,
  advice_ref: ntext,
  token: ntext,
  kwh: ntext,
  serial_number: ntext,
  voucher_code: ntext,
  vendor_time: ntext,
  vendor_json: ntext,
  inquiry_lines: z.string(),
  fulfillment_lines: z.string(),
  acknowledged: z.union([z.literal(0), z.literal(1)]),
  advice_attempts: int,
  last_advice_at: nint,
  next_advice_at: nint,
  last_advice_result: ntext,
  not_found_count: int,
  confirm_failure: z.union([z.literal(0), z.literal(1)]),
  failure_code: ntext,
  failure_message: ntext,
  failure_detail: ntext,
  review_reason: ntext,
  reprints: int,
  warnings_json: z.string(),
  /** JSON [{name, value}]: the product's extra inputs as the purchase sends them (SAT `fields`); null for none. */
  provider_fields: ntext,
  // joined from the sale's payment
  payment_id: z.string(),
  payment_method: PaymentMethod,
  payment_provider: PaymentProvider.nullable(),
  payment_state: PaymentState,
  payment_tendered: int,
  payment_change: int,
  payment_refunded: int,
  payment_ref: ntext,
  payment_expires_at: nint,
  payment_display: z.string(),
  payment_reference: ntext,
  payment_approval: ntext,
  payment_card_brand: ntext,
  payment_card_last4: ntext,
  payment_cancel_requested: z.union([z.literal(0), z.literal(1)]),
  payment_refund_manual: z.union([z.literal(0), z.literal(1)]),
  payment_last_status: ntext,
  payment_check_attempts: int,
  payment_next_check_at: nint,
  payment_failure_code: ntext,
  payment_failure_message: ntext,
  payment_excess: int,
  payment_excess_returned_at: nint,
});
export type SaleRecord = z.infer<typeof SaleRecord>;

/** The payment columns as SELECT_SALE names them. */
export const SALE_PAYMENT_COLUMNS = `p.id AS payment_id, p.method AS payment_method, p.provider AS payment_provider,
  p.state AS payment_state, p.tendered AS payment_tendered, p.change AS payment_change, p.refunded_amount AS payment_refunded,
  p.provider_ref AS payment_ref, p.expires_at AS payment_expires_at, p.display_json AS payment_display,
  p.reference AS payment_reference, p.approval_code AS payment_approval, p.card_brand AS payment_card_brand,
  p.card_last4 AS payment_card_last4, p.cancel_requested AS payment_cancel_requested, p.refund_manual AS payment_refund_manual,
  p.last_status AS payment_last_status, p.check_attempts AS payment_check_attempts, p.next_check_at AS payment_next_check_at,
  p.failure_code AS payment_failure_code, p.failure_message AS payment_failure_message,
  p.excess_amount AS payment_excess, p.excess_returned_at AS payment_excess_returned_at`;

export const SaleListRecord = z.object({
  id: z.string(),
  seq: int,
  created_at: int,
  state: SaleRecord.shape.state,
  payment_method: PaymentMethod,
  payment_state: PaymentState,
  product_kind: ProductKind,
  product_name: z.string(),
  provider: ProviderName,
  customer_number: z.string(),
  customer_name: z.string(),
  face_value: int,
  total: int,
  token: ntext,
  voucher_code: ntext,
  serial_number: ntext,
  cashier: z.string(),
});
export type SaleListRecord = z.infer<typeof SaleListRecord>;

export const InquiryRecord = z.object({
  id: z.string(),
  env: z.enum(['training', 'production']),
  provider: ProviderName,
  product_kind: ProductKind,
  product_code: z.string(),
  face_value: nint,
  provider_cost: nint,
  lines_json: z.string(),
  created_at: int,
  expires_at: int,
  customer_number: z.string(),
  meter_number: z.string(),
  idpel: z.string(),
  customer_name: z.string(),
  tariff_power: z.string(),
  provider_admin: int,
  unsold_tokens: int,
  inquiry_ref: z.string(),
  /** JSON [{name, value}] sent with the inquiry (and so with the payment of its bill). */
  fields_json: z.string(),
});
export type InquiryRecord = z.infer<typeof InquiryRecord>;

export const SaleEventRecord = z.object({
  id: int,
  sale_id: z.string(),
  at: int,
  type: z.string(),
  from_state: ntext,
  to_state: ntext,
  data: z.string(),
});
export type SaleEventRecord = z.infer<typeof SaleEventRecord>;

export const SecretRecord = z.object({
  name: z.string(),
  iv: z.instanceof(Buffer),
  tag: z.instanceof(Buffer),
  ciphertext: z.instanceof(Buffer),
  updated_at: int,
  bound_to: z.string().nullable(),
});
export type SecretRecord = z.infer<typeof SecretRecord>;

export const ProductRecord = z.object({
  env: z.enum(['training', 'production']),
  code: z.string(),
  provider: ProviderName,
  kind: ProductKind,
  name: z.string(),
  category: z.string(),
  operator: z.string(),
  price: int,
  face_value: nint,
  is_inquiry: z.union([z.literal(0), z.literal(1)]),
  status: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  synced_at: int,
  /** JSON [{name, label}]: extra inputs the product asks for (SAT `fields`); '[]' for none. */
  extra_fields: z.string(),
});
export type ProductRecord = z.infer<typeof ProductRecord>;

export const PriceRuleRecord = z.object({
  scope: z.enum(['product', 'category']),
  key: z.string(),
  mode: z.enum(['markup', 'fixed']),
  amount: int,
  updated_at: int,
});
export type PriceRuleRecord = z.infer<typeof PriceRuleRecord>;

export const PaymentRecord = z.object({
  id: z.string(),
  sale_id: z.string(),
  method: PaymentMethod,
  provider: PaymentProvider.nullable(),
  amount: int,
  tendered: int,
  change: int,
  state: PaymentState,
  provider_ref: ntext,
  provider_txn_id: ntext,
  refunded_amount: int,
  expires_at: nint,
  display_json: z.string(),
  reference: ntext,
  approval_code: ntext,
  card_brand: ntext,
  card_last4: ntext,
  cancel_requested: z.union([z.literal(0), z.literal(1)]),
  refund_manual: z.union([z.literal(0), z.literal(1)]),
  last_status: ntext,
  status_detail: ntext,
  check_attempts: int,
  next_check_at: nint,
  failure_code: ntext,
  failure_message: ntext,
  created_at: int,
  updated_at: int,
  settled_at: nint,
  excess_amount: int,
  excess_returned_at: nint,
});
export type PaymentRecord = z.infer<typeof PaymentRecord>;

export const RefundRecord = z.object({
  id: z.string(),
  payment_id: z.string(),
  refund_key: z.string(),
  amount: int,
  reason: z.string(),
  kind: z.enum(['automatic', 'supervisor', 'manual']),
  state: z.enum(['requested', 'done', 'refused', 'unknown']),
  provider_refund_id: ntext,
  detail: ntext,
  requested_at: int,
  finished_at: nint,
});
export type RefundRecord = z.infer<typeof RefundRecord>;

export const BitcoinOrderRecord = z.object({
  id: z.string(),
  sale_id: ntext,
  env: z.enum(['training', 'production']),
  label: z.string(),
  cashier: z.string(),
  fiat_amount: int,
  currency: z.string(),
  order_uuid: ntext,
  satoshi: nint,
  rate: ntext,
  address: ntext,
  uri: ntext,
  required_confirmations: nint,
  state: z.enum(['created', 'pending', 'paid', 'expired', 'cancelled', 'failed']),
  status: ntext,
  blockchain_status: ntext,
  paid_sat: int,
  in_confirmation_sat: int,
  unpaid_sat: int,
  overpaid_sat: int,
  excess_amount: int,
  txids_json: z.string(),
  expires_at: nint,
  resolved_at: nint,
  cancel_requested: z.union([z.literal(0), z.literal(1)]),
  check_attempts: int,
  next_check_at: nint,
  last_error: ntext,
  prints: int,
  created_at: int,
  updated_at: int,
  /** Watched after "paid" until then (disputes, chargebacks); null when not watched. */
  watch_until: nint,
  dispute_at: nint,
  chargeback_at: nint,
});
export type BitcoinOrderRecord = z.infer<typeof BitcoinOrderRecord>;
