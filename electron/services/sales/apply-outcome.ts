// Turns a provider outcome into the sale's next state — the heart of the money path: success needs
// the goods in hand (a valid, never-seen token for PLN); a definite failure returns the cash or
// hands the sale to the fallback provider; anything uncertain stays pending and is asked about
// again — never bought again under a new id.
import type { ProviderError, PurchaseOutcome, PurchaseProvider } from '../../providers/contract';
import { recordPurchaseFailure, recordPurchaseSuccess, recordUncertain } from '../../db/queries/sales';
import type { CallFinish } from '../../db/queries/provider-calls';
import type { SaleRecord } from '../../db/rows';
import type { SaleDeps } from './deps';
import { isOverdue, ladderOf, nextAdviceAt } from './advice-ladder';

export type OutcomeSource = 'pay' | 'advice';

/** What the caller does next: nothing, send the same order again, or try the fallback provider. */
export type Next =
  | { kind: 'done' }
  | { kind: 'resend' }
  | { kind: 'fallback'; error: ProviderError; callId: number | null; call: CallFinish };

const DONE: Next = { kind: 'done' };
const TOKEN = /^\d{20}$/;

/** A provider client that threw instead of answering: the request may have gone out, so uncertain. */
export function threwOutcome(command: 'PAY' | 'ADV', e: unknown): PurchaseOutcome {
  return {
    kind: 'uncertain',
    notFound: false,
    acknowledged: false,
    error: { code: 'provider_timeout', message: 'Status transaksi belum pasti.', detail: `${command} threw: ${String(e)}`, providerCode: null },
  };
}

function uncertain(
  deps: SaleDeps,
  sale: SaleRecord,
  callId: number | null,
  source: OutcomeSource,
  u: { result: string; detail: string; notFound: boolean; acknowledged: boolean; review: string | null },
  call: CallFinish | null,
): void {
  const at = deps.now();
  const { scale, notFoundCount: needed, notFoundWindowMs } = deps.adviceTiming;
  const paySentAt = sale.pay_sent_at ?? sale.created_at;
  // A NOT-FOUND streak only counts while the provider has said nothing else about the sale.
  const notFoundCount = u.notFound ? sale.not_found_count + 1 : u.result !== 'no_answer' ? 0 : sale.not_found_count;
  let reviewReason = u.review;
  if (!reviewReason && u.notFound && notFoundCount >= needed && at - paySentAt >= notFoundWindowMs * scale) reviewReason = 'not_found';
  else if (!reviewReason && isOverdue(paySentAt, at, scale)) reviewReason = 'overdue';
  recordUncertain(
    deps.db,
    sale.id,
    at,
    callId,
    {
      acknowledged: u.acknowledged,
      result: u.result,
      detail: u.detail,
      nextAdviceAt: nextAdviceAt(ladderOf(deps, sale.provider), paySentAt, at, scale),
      fromAdvice: source === 'advice',
      notFound: u.notFound,
      notFoundCount,
      confirmFailure: sale.confirm_failure === 1,
      reviewReason,
    },
    call,
  );
}

export function applyOutcome(
  deps: SaleDeps,
  sale: SaleRecord,
  provider: PurchaseProvider,
  outcome: PurchaseOutcome,
  callId: number | null,
  source: OutcomeSource,
): Next {
  const at = deps.now();
  switch (outcome.kind) {
    case 'success': {
      const d = outcome.delivered;
      const call = { outcome: 'success', providerCode: d.providerCode, detail: null, at };
      // PLN: the token is the goods. SAT delivers it as the voucher code.
      const token = sale.product_kind !== 'pln_prepaid' ? null : (d.token ?? d.voucherCode?.replace(/[\s-]/g, '') ?? null);
      if (sale.product_kind === 'pln_prepaid' && (token === null || !TOKEN.test(token))) {
        uncertain(deps, sale, callId, source, { result: d.providerCode, detail: 'success without a valid 20-digit token', notFound: false, acknowledged: true, review: 'missing_token' }, call);
        return DONE;
      }
      const expected = deps.providers.describe(sale.provider)?.capabilities.chargedAmounts === 'face_or_cost' ? [sale.face_value, sale.provider_cost] : [sale.provider_cost];
      const amountMismatch = d.chargedAmount !== null && !expected.includes(d.chargedAmount);
      if (amountMismatch) deps.log.warn('sale.amount_mismatch', { saleId: sale.id, charged: d.chargedAmount, expected });
      const result = recordPurchaseSuccess(
        deps.db,
        sale.id,
        at,
        callId,
        {
          token,
          kwh: d.kwh,
          serialNumber: d.serialNumber,
          voucherCode: d.voucherCode,
          payRef: d.payRef,
          adviceRef: d.adviceRef,
          vendorTime: d.vendorTime,
          vendorJson: JSON.stringify({ taxes: d.taxes, chargedAmount: d.chargedAmount, providerCode: d.providerCode, amountMismatch, token }),
          fulfillmentLinesJson: JSON.stringify(d.lines),
          customerName: d.customerName,
          tariffPower: d.tariffPower,
        },
        call,
      );
      if (result.kind === 'duplicate_token') deps.log.error('sale.duplicate_token', { saleId: sale.id, otherSaleId: result.otherSaleId });
      return DONE;
    }
    case 'failed': {
      const e = outcome.error;
      const call = { outcome: 'failed', providerCode: e.providerCode, detail: e.detail, at };
      if (outcome.confirm) {
        // A downstream failure (VSI 0051): one confirming advice before the cash goes back.
        recordUncertain(
          deps.db,
          sale.id,
          at,
          callId,
          {
            acknowledged: false,
            result: e.providerCode ?? 'confirm',
            detail: e.detail,
            nextAdviceAt: at,
            fromAdvice: source === 'advice',
            notFound: false,
            notFoundCount: sale.not_found_count,
            confirmFailure: true,
            reviewReason: null,
          },
          call,
        );
        return DONE;
      }
      return { kind: 'fallback', error: e, callId, call };
    }
    case 'uncertain': {
      const e = outcome.error;
      const call = { outcome: outcome.notFound ? 'not_found' : 'uncertain', providerCode: e.providerCode, detail: e.detail, at };
      if (source === 'advice' && outcome.notFound && sale.confirm_failure === 1) {
        const confirmed: ProviderError = {
          ...e,
          code: 'provider_failed',
          message: 'Transaksi gagal di penyedia (sudah dipastikan). Kembalikan uang pelanggan.',
        };
        return { kind: 'fallback', error: confirmed, callId, call };
      }
      const acknowledged = outcome.acknowledged || sale.acknowledged === 1;
      uncertain(
        deps,
        sale,
        callId,
        source,
        { result: e.providerCode ?? 'no_answer', detail: e.detail, notFound: outcome.notFound, acknowledged: outcome.acknowledged, review: null },
        call,
      );
      // The provider never saw the order and dedupes by id: sending it again cannot buy twice.
      if (source === 'advice' && outcome.notFound && provider.resendSafe && !acknowledged) return { kind: 'resend' };
      return DONE;
    }
  }
}

/** Records a definite failure: the customer's cash is due back. */
export function recordFailure(deps: SaleDeps, saleId: string, error: ProviderError, callId: number | null, call: CallFinish | null, eventType = 'failed'): void {
  recordPurchaseFailure(deps.db, saleId, deps.now(), callId, { code: error.code, message: error.message, detail: error.detail }, call, eventType);
}

/**
 * Records an outcome; if that fails (a bug, a full disk) the sale is at least moved to pending so
 * the advice ladder keeps asking — never left in 'sending' until the next restart.
 */
export function recordOutcome(
  deps: SaleDeps,
  sale: SaleRecord,
  provider: PurchaseProvider,
  outcome: PurchaseOutcome,
  callId: number | null,
  source: OutcomeSource,
): Next {
  try {
    return applyOutcome(deps, sale, provider, outcome, callId, source);
  } catch (e) {
    deps.log.error('sale.outcome_not_recorded', { saleId: sale.id, outcome: outcome.kind, error: String(e) });
    uncertain(
      deps,
      sale,
      callId,
      source,
      { result: 'not_recorded', detail: `outcome ${outcome.kind} could not be recorded: ${String(e)}`, notFound: false, acknowledged: false, review: null },
      { outcome: 'not_recorded', providerCode: null, detail: String(e), at: deps.now() },
    );
    return DONE;
  }
}
