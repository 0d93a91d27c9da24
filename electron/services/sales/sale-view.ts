// A ledger record as the renderer sees it. Receipt numbers are the sale's sequence, six digits.
import { AppError, ErrorCode } from '../../../shared/domain/errors';
import { Warning, type SaleView, type SaleRow } from '../../../shared/contract';
import type { SaleListRecord, SaleRecord } from '../../db/rows';
import { z } from 'zod';

export const receiptNo = (seq: number): string => String(seq).padStart(6, '0');

const Warnings = z.array(Warning).catch([]);

export function parseWarnings(json: string): Warning[] {
  try {
    return Warnings.parse(JSON.parse(json));
  } catch {
    return [];
  }
}

function failureOf(r: SaleRecord): AppError | null {
  if (r.state !== 'failed' || r.failure_code === null) return null;
  const code = ErrorCode.catch('provider_failed').parse(r.failure_code);
  const e: AppError = { code, message: r.failure_message ?? '' };
  if (r.failure_detail) e.detail = r.failure_detail;
  return e;
}

export function toSaleView(r: SaleRecord): SaleView {
  const open = r.state === 'pending' || r.state === 'review' || r.state === 'sending';
  return {
    id: r.id,
    receiptNo: receiptNo(r.seq),
    state: r.state,
    env: r.env,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    customer: {
      number: r.customer_number,
      meterNumber: r.meter_number,
      idpel: r.idpel,
      name: r.customer_name,
      tariffPower: r.tariff_power,
    },
    amounts: {
      denomination: r.denomination,
      providerAdmin: r.provider_admin,
      counterFee: r.counter_fee,
      total: r.total,
    },
    cash: { tendered: r.cash_tendered, change: r.cash_change, state: r.cash_state },
    token: r.token,
    kwh: r.kwh,
    payRef: r.pay_ref,
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

export function toSaleRow(r: SaleListRecord): SaleRow {
  return {
    id: r.id,
    receiptNo: receiptNo(r.seq),
    createdAt: r.created_at,
    state: r.state,
    cashState: r.cash_state,
    customerNumber: r.customer_number,
    customerName: r.customer_name,
    denomination: r.denomination,
    total: r.total,
    tokenLast4: r.token ? r.token.slice(-4) : null,
  };
}
