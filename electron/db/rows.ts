// Zod schemas of the rows we read back: a row that does not match (a hand-edited database, a
// half-applied migration) is an error at the boundary, not a wrong number on a receipt.
import { z } from 'zod';

const int = z.number().int();
const nint = int.nullable();
const ntext = z.string().nullable();

export const ProductKind = z.enum(['pln_prepaid', 'bill', 'digital']);
export const ProviderName = z.enum(['vsi', 'sat']);

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
  state: z.enum(['paid', 'sending', 'pending', 'review', 'succeeded', 'failed']),
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
  // joined from payments
  cash_tendered: int,
  cash_change: int,
  cash_state: z.enum(['settled', 'refund_due', 'refunded']),
});
export type SaleRecord = z.infer<typeof SaleRecord>;

export const SaleListRecord = z.object({
  id: z.string(),
  seq: int,
  created_at: int,
  state: SaleRecord.shape.state,
  cash_state: SaleRecord.shape.cash_state,
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
