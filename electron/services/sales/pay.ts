// Sending the PAY: the intent (state 'sending' + provider call row with the trxid) is durable
// before the request leaves; the outcome is recorded after. A PAY is sent at most once per sale.
import { getSale, markPaySending, recordPurchaseFailure } from '../../db/queries/sales';
import type { PurchaseOutcome } from '../../providers/contract';
import type { SaleDeps } from './deps';
import { recordOutcome, threwOutcome } from './apply-outcome';

export async function sendPay(deps: SaleDeps, saleId: string): Promise<void> {
  const sale = getSale(deps.db, saleId);
  if (!sale || sale.state !== 'paid') return;
  const provider = await deps.providers.plnPrepaid(sale.env);
  if (!provider.ok) {
    // Nothing was sent: a definite failure, the customer's cash goes back.
    const e = provider.error;
    recordPurchaseFailure(deps.db, saleId, deps.now(), null, { code: e.code, message: e.message, detail: e.detail ?? '' }, null, 'pay_not_sent');
    return;
  }
  const callId = markPaySending(deps.db, saleId, deps.now(), 'vsi', sale.env);
  await deps.checkpoint('pay.intent', saleId);
  let outcome: PurchaseOutcome;
  try {
    outcome = await provider.value.purchase({
      trxid: sale.trxid,
      inquiryRef: sale.inquiry_ref,
      customerNumber: sale.customer_number,
      denomination: sale.denomination,
    });
  } catch (e) {
    outcome = threwOutcome('PAY', e);
  }
  await deps.checkpoint('pay.answered', saleId);
  recordOutcome(deps, getSale(deps.db, saleId)!, outcome, callId, 'pay');
  deps.log.info('sale.pay_recorded', { saleId, outcome: outcome.kind });
  await deps.checkpoint('pay.recorded', saleId);
}
