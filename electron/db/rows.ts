// Zod schemas of the rows we read back: a row that does not match (a hand-edited database, a
// half-applied migration) is an error at the boundary, not a wrong number on a receipt.
import { z } from 'zod';

const int = z.number().int();
const nint = int.nullable();
const ntext = z.string().nullable();

export const SaleRecord = z.object({
  id: z.string(),
  seq: int,
  client_request_id: z.string(),
  product: z.literal('pln_prepaid'),
  provider: z.literal('vsi'),
  env: z.enum(['training', 'production']),
  state: z.enum(['paid', 'sending', 'pending', 'review', 'succeeded', 'failed']),
  business_date: z.string(),
  created_at: int,
  updated_at: int,
  cashier: z.string(),
  inquiry_id: ntext,
  customer_number: z.string(),
  meter_number: z.string(),
  idpel: z.string(),
  customer_name: z.string(),
  tariff_power: z.string(),
  denomination: int,
  provider_admin: int,
  counter_fee: int,
  total: int,
  trxid: z.string(),
  inquiry_ref: ntext,
  pay_sent_at: nint,
  pay_ref: ntext,
  advice_ref: ntext,
  token: ntext,
  kwh: ntext,
  vendor_time: ntext,
  vendor_json: ntext,
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
  customer_number: z.string(),
  customer_name: z.string(),
  denomination: int,
  total: int,
  token: ntext,
});
export type SaleListRecord = z.infer<typeof SaleListRecord>;

export const InquiryRecord = z.object({
  id: z.string(),
  env: z.enum(['training', 'production']),
  provider: z.string(),
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
