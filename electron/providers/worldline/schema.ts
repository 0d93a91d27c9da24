// Worldline Acquiring v1 bodies (worldline.md §2.3, v3 wire names), validated on the way in.
// Every field is optional in the SDKs; only what the money path reads is required here.
import { z } from 'zod';

export const TokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.number() });
export const TokenError = z.object({ error: z.string(), error_description: z.string().optional() });

const AmountData = z.object({ amount: z.number().int(), currencyCode: z.string(), numberOfDecimals: z.number().int() });
const Category = z.enum(['APPROVED', 'PARTIALLY_APPROVED', 'DECLINED']);
export const PaymentStatusValue = z.enum(['AUTHORIZED', 'NOT_AUTHORIZED', 'PENDING', 'PENDING_CAPTURE', 'CONFIRMED', 'REVERSED', 'CANCELLED']);

const Result = z.object({
  operationId: z.string().optional(),
  responseCode: z.string(),
  responseCodeCategory: Category,
  responseCodeDescription: z.string().optional(),
  responder: z.string().optional(),
});

export const PaymentResponse = Result.extend({
  paymentId: z.string().optional(),
  status: PaymentStatusValue.optional(),
  totalAuthorizedAmount: AmountData.optional(),
  initialAuthorizationCode: z.string().nullable().optional(),
  cardPaymentData: z
    .object({ brand: z.string().optional(), pointOfSaleData: z.object({ panLast4Digits: z.string().optional() }).partial().optional() })
    .partial()
    .optional(),
});
export type PaymentResponse = z.infer<typeof PaymentResponse>;

export const PaymentResource = z.object({
  paymentId: z.string(),
  status: PaymentStatusValue,
  totalAuthorizedAmount: AmountData.optional(),
  initialAuthorizationCode: z.string().nullable().optional(),
  cardPaymentData: z.object({ brand: z.string().optional() }).partial().optional(),
});
export type PaymentResource = z.infer<typeof PaymentResource>;

export const RefundResponse = Result.extend({
  refund: z.object({ refundId: z.string().optional(), status: PaymentStatusValue.optional() }).partial().optional(),
});

export const ReversalResponse = Result.extend({ payment: z.object({ status: PaymentStatusValue.optional() }).partial().optional() });

export const TechnicalReversalResponse = Result;
export const CaptureResponse = Result.extend({ payment: z.object({ status: PaymentStatusValue.optional() }).partial().optional() });

/** RFC 7807 problem details (worldline.md §4.1). */
export const ProblemBody = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
});
