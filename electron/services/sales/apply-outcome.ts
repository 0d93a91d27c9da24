// Turns a provider outcome into the sale's next state — the heart of the money path:
// success needs a valid, never-seen token; a definite failure returns the cash; anything
// uncertain stays pending and is asked about again (never bought again).
import type { PurchaseOutcome } from '../../providers/contract';
import {
  recordPurchaseFailure,
  recordPurchaseSuccess,
  recordUncertain,
} from '../../db/queries/sales';
import type { SaleRecord } from '../../db/rows';
import type { SaleDeps } from './deps';
import { isOverdue, nextAdviceAt } from './advice-ladder';

export type OutcomeSource = 'pay' | 'advice';

/** A provider client that threw instead of answering: the request may have gone out, so uncertain. */
export function threwOutcome(command: 'PAY' | 'ADV', e: unknown): PurchaseOutcome {
  return {
    kind: 'uncertain',
    notFound: false,
    error: { code: 'provider_timeout', message: 'Status transaksi belum pasti.', detail: `${command} threw: ${String(e)}`, providerCode: null },
  };
}

/**
 * Records an outcome; if that fails (a bug, a full disk) the sale is at least moved to pending so
 * the advice ladder keeps asking — never left in 'sending' until the next restart.
 */
export function recordOutcome(deps: SaleDeps, sale: SaleRecord, outcome: PurchaseOutcome, callId: number | null, source: OutcomeSource): void {
  try {
    applyOutcome(deps, sale, outcome, callId, source);
  } catch (e) {
    deps.log.error('sale.outcome_not_recorded', { saleId: sale.id, outcome: outcome.kind, error: String(e) });
    const at = deps.now();
    recordUncertain(
      deps.db,
      sale.id,
      at,
      callId,
      {
        result: 'not_recorded',
        detail: `outcome ${outcome.kind} could not be recorded: ${String(e)}`,
        nextAdviceAt: nextAdviceAt(sale.pay_sent_at ?? sale.created_at, at, deps.adviceTiming.scale),
        fromAdvice: source === 'advice',
        notFound: false,
        notFoundCount: sale.not_found_count,
        confirmFailure: sale.confirm_failure === 1,
        reviewReason: null,
      },
      { outcome: 'not_recorded', providerCode: null, detail: String(e), at },
    );
  }
}

export function applyOutcome(
  deps: SaleDeps,
  sale: SaleRecord,
  outcome: PurchaseOutcome,
  callId: number | null,
  source: OutcomeSource,
): void {
  const at = deps.now();
  const fromAdvice = source === 'advice';
  switch (outcome.kind) {
    case 'success': {
      const i = outcome.issued;
      const expected = [sale.denomination, sale.denomination + sale.provider_admin];
      const amountMismatch = i.chargedNominal !== null && !expected.includes(i.chargedNominal);
      if (amountMismatch) {
        deps.log.warn('sale.amount_mismatch', { saleId: sale.id, charged: i.chargedNominal, expected });
      }
      const result = recordPurchaseSuccess(
        deps.db,
        sale.id,
        at,
        callId,
        {
          token: i.token,
          kwh: i.kwh,
          payRef: i.payRef,
          adviceRef: i.adviceRef,
          vendorTime: i.vendorTime,
          vendorJson: JSON.stringify({
            taxes: i.taxes,
            chargedNominal: i.chargedNominal,
            providerAdmin: i.providerAdmin,
            providerCode: i.providerCode,
            amountMismatch,
            token: i.token,
          }),
          customerName: i.name,
          tariffPower: i.tariffPower,
        },
        { outcome: 'success', providerCode: i.providerCode, detail: null, at },
      );
      if (result.kind === 'duplicate_token') {
        deps.log.error('sale.duplicate_token', { saleId: sale.id, otherSaleId: result.otherSaleId });
      }
      return;
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
            result: e.providerCode ?? 'confirm',
            detail: e.detail,
            nextAdviceAt: at,
            fromAdvice,
            notFound: false,
            notFoundCount: sale.not_found_count,
            confirmFailure: true,
            reviewReason: null,
          },
          call,
        );
        return;
      }
      recordPurchaseFailure(deps.db, sale.id, at, callId, { code: e.code, message: e.message, detail: e.detail }, call);
      return;
    }
    case 'uncertain': {
      const e = outcome.error;
      const call = { outcome: outcome.notFound ? 'not_found' : 'uncertain', providerCode: e.providerCode, detail: e.detail, at };
      if (fromAdvice && sale.confirm_failure === 1 && outcome.notFound) {
        recordPurchaseFailure(
          deps.db,
          sale.id,
          at,
          callId,
          { code: 'provider_failed', message: 'Transaksi gagal di penyedia (sudah dipastikan). Kembalikan uang pelanggan.', detail: e.detail },
          call,
          'failure_confirmed',
        );
        return;
      }
      const { scale, notFoundCount: needed, notFoundWindowMs } = deps.adviceTiming;
      const paySentAt = sale.pay_sent_at ?? sale.created_at;
      // A NOT-FOUND streak only counts while the provider has said nothing else about the sale.
      const notFoundCount = outcome.notFound ? sale.not_found_count + 1 : e.providerCode !== null ? 0 : sale.not_found_count;
      let reviewReason: string | null = null;
      if (outcome.notFound && notFoundCount >= needed && at - paySentAt >= notFoundWindowMs * scale) reviewReason = 'not_found';
      else if (isOverdue(paySentAt, at, scale)) reviewReason = 'overdue';
      recordUncertain(
        deps.db,
        sale.id,
        at,
        callId,
        {
          result: e.providerCode ?? 'no_answer',
          detail: e.detail,
          nextAdviceAt: nextAdviceAt(paySentAt, at, scale),
          fromAdvice,
          notFound: outcome.notFound,
          notFoundCount,
          confirmFailure: sale.confirm_failure === 1,
          reviewReason,
        },
        call,
      );
      return;
    }
  }
}
