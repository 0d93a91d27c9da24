// A ledger record as the renderer sees it. Receipt numbers are the sale's sequence, six digits.
import { AppError, ErrorCode } from '../../../shared/domain/errors';
import { DisplayLine, Warning, type SaleView, type SaleRow } from '../../../shared/contract';
import type { RefundRecord, SaleListRecord, SaleRecord } from '../../db/rows';
import type { Ledger } from '../../db/connection';
import { refundsOf } from '../../db/queries/payments';
import { PaymentDisplay, type PaymentView } from '../../../shared/payment';
import { z } from 'zod';

export const receiptNo = (seq: number): string => String(seq).padStart(6, '0');

const Warnings = z.array(Warning).catch([]);
const Lines = z.array(DisplayLine).catch([]);

function parseJson<T>(schema: z.ZodType<T>, json: string | null, fallback: T): T {
  if (json === null) return fallback;
  try {
    return schema.parse(JSON.parse(json));
  } catch {
    return fallback;
  }
}

export const parseWarnings = (json: string): Warning[] => parseJson(Warnings, json, []);
export const parseLines = (json: string | null): DisplayLine[] => parseJson(Lines, json, []);

function failureOf(r: SaleRecord): AppError | null {
  if ((r.state !== 'failed' && r.state !== 'cancelled') || r.failure_code === null) return null;
  const code = ErrorCode.catch('provider_failed').parse(r.failure_code);
  const e: AppError = { code, message: r.failure_message ?? '' };
  if (r.failure_detail) e.detail = r.failure_detail;
  return e;
}

const Display = PaymentDisplay.nullable().catch(null);

function paymentFailure(r: SaleRecord): AppError | null {
  if (r.payment_failure_code === null) return null;
  return { code: ErrorCode.catch('provider_failed').parse(r.payment_failure_code), message: r.payment_failure_message ?? '' };
}

function refundBy(r: SaleRecord): PaymentView['refundBy'] {
  if (r.payment_state !== 'refund_due') return null;
  if (r.payment_method === 'cash') return 'cash';
  return r.payment_refund_manual === 1 ? 'manual' : 'automatic';
}

export function toPaymentView(r: SaleRecord, refunds: readonly RefundRecord[]): PaymentView {
  const display = r.payment_display === '{}' ? null : parseJson(Display, r.payment_display, null);
  return {
    method: r.payment_method,
    provider: r.payment_provider,
    state: r.payment_state,
    amount: r.total,
    tendered: r.payment_tendered,
    change: r.payment_change,
    refunded: r.payment_refunded,
    reference: r.payment_reference,
    approvalCode: r.payment_approval,
    cardBrand: r.payment_card_brand,
    cardLast4: r.payment_card_last4,
    display,
    expiresAt: r.payment_expires_at,
    lastStatus: r.payment_last_status,
    checkAttempts: r.payment_check_attempts,
    nextCheckAt: r.payment_next_check_at,
    cancelRequested: r.payment_cancel_requested === 1,
    refundBy: refundBy(r),
    refunds: refunds.map((x) => ({ amount: x.amount, reason: x.reason, kind: x.kind, state: x.state, at: x.finished_at ?? x.requested_at })),
    failure: paymentFailure(r),
    excess: r.payment_excess,
    excessReturned: r.payment_excess_returned_at !== null,
  };
}

/** The view with what only the ledger knows besides the sale row (its refunds). */
export function loadSaleView(db: Ledger, r: SaleRecord): SaleView {
  return toSaleView(r, refundsOf(db, r.payment_id));
}

export function toSaleView(r: SaleRecord, refunds: readonly RefundRecord[] = []): SaleView {
  const open = r.state === 'pending' || r.state === 'review' || r.state === 'sending';
  return {
    id: r.id,
    receiptNo: receiptNo(r.seq),
    cashier: r.cashier,
    state: r.state,
    env: r.env,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    product: { kind: r.product_kind, code: r.product_code, name: r.product_name, category: r.category, provider: r.provider },
    customer: {
      number: r.customer_number,
      name: r.customer_name,
      meterNumber: r.meter_number,
      idpel: r.idpel,
      tariffPower: r.tariff_power,
    },
    amounts: {
      faceValue: r.face_value,
      providerAdmin: r.provider_admin,
      providerCost: r.provider_cost,
      margin: r.margin,
      total: r.total,
    },
    payment: toPaymentView(r, refunds),
    delivery: {
      token: r.token,
      kwh: r.kwh,
      serialNumber: r.serial_number,
      voucherCode: r.voucher_code,
      payRef: r.pay_ref,
      lines: parseLines(r.fulfillment_lines),
    },
    inquiryLines: parseLines(r.inquiry_lines),
    pending: open
      ? {
          attempts: r.advice_attempts,
          lastCheckAt: r.last_advice_at,
          nextCheckAt: r.next_advice_at,
          lastResult: r.last_advice_result,
          notFoundCount: r.not_found_count,
        }
      : null,
    failure: failureOf(r),
    reviewReason: r.review_reason,
    warnings: parseWarnings(r.warnings_json),
    reprints: r.reprints,
  };
}

function deliveryHint(r: SaleListRecord): string | null {
  const d = r.token ?? r.voucher_code ?? r.serial_number;
  if (!d) return null;
  const compact = d.replace(/\s+/g, '');
  return compact.length > 4 ? `…${compact.slice(-4)}` : compact;
}

export function toSaleRow(r: SaleListRecord): SaleRow {
  return {
    id: r.id,
    receiptNo: receiptNo(r.seq),
    createdAt: r.created_at,
    state: r.state,
    paymentMethod: r.payment_method,
    paymentState: r.payment_state,
    productKind: r.product_kind,
    productName: r.product_name,
    provider: r.provider,
    customerNumber: r.customer_number,
    customerName: r.customer_name,
    faceValue: r.face_value,
    total: r.total,
    deliveryHint: deliveryHint(r),
  };
}
