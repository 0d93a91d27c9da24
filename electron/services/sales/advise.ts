// One status/advice call for an uncertain sale, with the ORIGINAL provider ref (and VSI's PAYREF
// when known). Never a new purchase.
import { getSale, markAdviceSending, recordUncertain } from '../../db/queries/sales';
import type { PurchaseOutcome } from '../../providers/contract';
import type { SaleDeps } from './deps';
import { recordOutcome, threwOutcome } from './apply-outcome';
import { ladderOf, nextAdviceAt } from './advice-ladder';
import { fallBackOrFail } from './fallback';
import { sendPay } from './pay';
import { purchaseRequestOf } from './purchase-request';

export async function sendAdvice(deps: SaleDeps, saleId: string): Promise<void> {
  const sale = getSale(deps.db, saleId);
  if (!sale || (sale.state !== 'pending' && sale.state !== 'review')) return;
  const provider = await deps.providers.purchaser(sale.provider, sale.env);
  if (!provider.ok) {
    deps.log.warn('advice.no_provider', { saleId, code: provider.error.code });
    const at = deps.now();
    recordUncertain(
      deps.db,
      saleId,
      at,
      null,
      {
        acknowledged: false,
        result: 'provider_unavailable',
        detail: provider.error.detail ?? provider.error.message,
        nextAdviceAt: nextAdviceAt(ladderOf(deps, sale.provider), sale.pay_sent_at ?? sale.created_at, at, deps.adviceTiming.scale),
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
  const callId = markAdviceSending(deps.db, saleId, deps.now(), sale.env);
  await deps.checkpoint('advice.intent', saleId);
  let outcome: PurchaseOutcome;
  try {
    outcome = await provider.value.advise({
      ref: sale.provider_ref,
      payRef: sale.pay_ref,
      customerNumber: sale.meter_number || sale.customer_number,
      faceValue: sale.face_value,
      confirming: sale.confirm_failure === 1,
      purchase: purchaseRequestOf(sale),
      firstSentAt: sale.pay_sent_at,
    });
  } catch (e) {
    outcome = threwOutcome('ADV', e);
  }
  await deps.checkpoint('advice.answered', saleId);
  const next = recordOutcome(deps, getSale(deps.db, saleId)!, provider.value, outcome, callId, 'advice');
  deps.log.info('sale.advice_recorded', { saleId, outcome: outcome.kind });
  if (outcome.kind !== 'uncertain' && deps.providers.describe(sale.provider)?.capabilities.deposit) deps.onDistributorOrder(sale.env, sale.provider);
  if (next.kind === 'resend') await sendPay(deps, saleId, { resend: true });
  else if (next.kind === 'fallback') {
    if (await fallBackOrFail(deps, saleId, next.error, next.callId, next.call)) await sendPay(deps, saleId);
  }
  await deps.checkpoint('advice.recorded', saleId);
}
