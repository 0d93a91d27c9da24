// One advice (status) call for an uncertain sale, with the ORIGINAL trxid and the PAYREF when
// known (vsi.md §1.6). Never a new purchase.
import { getSale, markAdviceSending, recordUncertain } from '../../db/queries/sales';
import type { PurchaseOutcome } from '../../providers/contract';
import type { SaleDeps } from './deps';
import { recordOutcome, threwOutcome } from './apply-outcome';
import { nextAdviceAt } from './advice-ladder';

export async function sendAdvice(deps: SaleDeps, saleId: string): Promise<void> {
  const sale = getSale(deps.db, saleId);
  if (!sale || (sale.state !== 'pending' && sale.state !== 'review')) return;
  const provider = await deps.providers.plnPrepaid(sale.env);
  if (!provider.ok) {
    deps.log.warn('advice.no_provider', { saleId, code: provider.error.code });
    const at = deps.now();
    recordUncertain(
      deps.db,
      saleId,
      at,
      null,
      {
        result: 'provider_unavailable',
        detail: provider.error.detail ?? provider.error.message,
        nextAdviceAt: nextAdviceAt(sale.pay_sent_at ?? sale.created_at, at, deps.adviceTiming.scale),
        fromAdvice: false,
        notFound: false,
        notFoundCount: sale.not_found_count,
        confirmFailure: sale.confirm_failure === 1,
        reviewReason: null,
      },
      null,
    );
    return;
  }
  const callId = markAdviceSending(deps.db, saleId, deps.now(), 'vsi', sale.env);
  await deps.checkpoint('advice.intent', saleId);
  let outcome: PurchaseOutcome;
  try {
    outcome = await provider.value.advise({
      trxid: sale.trxid,
      payRef: sale.pay_ref,
      customerNumber: sale.meter_number || sale.customer_number,
      denomination: sale.denomination,
      confirming: sale.confirm_failure === 1,
    });
  } catch (e) {
    outcome = threwOutcome('ADV', e);
  }
  await deps.checkpoint('advice.answered', saleId);
  recordOutcome(deps, getSale(deps.db, saleId)!, outcome, callId, 'advice');
  deps.log.info('sale.advice_recorded', { saleId, outcome: outcome.kind });
  await deps.checkpoint('advice.recorded', saleId);
}
