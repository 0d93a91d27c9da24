// Midtrans Core API bodies (midtrans.md §4–§6), validated on the way in. Every body carries a
// string `status_code`; transactions carry more. Unknown fields pass ("always expect new fields").
import { z } from 'zod';

export const StatusBody = z.object({
  status_code: z.string(),
  status_message: z.string().optional(),
  validation_messages: z.array(z.string()).optional(),
});

const VaNumber = z.object({ bank: z.string(), va_number: z.string() });
const Action = z.object({ name: z.string(), method: z.string().optional(), url: z.string() });
const Refund = z.object({ refund_amount: z.string().optional(), refund_key: z.string().optional() });

export const TransactionBody = StatusBody.extend({
  transaction_id: z.string().optional(),
  order_id: z.string().optional(),
  gross_amount: z.string().optional(),
  payment_type: z.string().optional(),
  transaction_status: z.enum(['pending', 'authorize', 'capture', 'settlement', 'deny', 'cancel', 'expire', 'failure', 'refund', 'partial_refund', 'chargeback', 'partial_chargeback']),
  fraud_status: z.string().optional(),
  expiry_time: z.string().optional(),
  qr_string: z.string().optional(),
  actions: z.array(Action).optional(),
  va_numbers: z.array(VaNumber).optional(),
  permata_va_number: z.string().optional(),
  bill_key: z.string().optional(),
  biller_code: z.string().optional(),
  issuer: z.string().optional(),
  acquirer: z.string().optional(),
  approval_code: z.string().optional(),
  masked_card: z.string().optional(),
  refund_amount: z.string().optional(),
  refunds: z.array(Refund).optional(),
  refund_chargeback_id: z.union([z.number(), z.string()]).optional(),
  refund_key: z.string().optional(),
});
export type TransactionBody = z.infer<typeof TransactionBody>;

/** The fields a notification is signed over (midtrans.md §7), as the exact strings received. */
export const NotificationBody = z.object({
  order_id: z.string(),
  status_code: z.string(),
  gross_amount: z.string(),
  signature_key: z.string(),
  transaction_status: z.string().optional(),
});
