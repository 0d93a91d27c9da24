// Sending the purchase: the intent (state 'sending' + provider call row with the provider ref) is
// durable before the request leaves; the outcome is recorded after. A purchase goes out once per
// ref — again only when the provider dedupes by id and said it never saw it (SAT P02).
import { getSale, markPaySending } from '../../db/queries/sales';
import type { PurchaseOutcome } from '../../providers/contract';
import type { SaleDeps } from './deps';
import { recordOutcome, threwOutcome } from './apply-outcome';
import { fallBackOrFail } from './fallback';
import { purchaseRequestOf } from './purchase-request';

export async function sendPay(deps: SaleDeps, saleId: string, opts: { resend?: boolean } = {}): Promise<void> {
  const sale = getSale(deps.db, saleId);
  const sendable = sale && (sale.state === 'paid' || (opts.resend === true && sale.state === 'pending' && sale.acknowledged === 0));
  if (!sale || !sendable) return;
  const provider = await deps.providers.purchaser(sale.provider, sale.env);
  if (!provider.ok) {
    if (sale.state !== 'paid') return; // a re-send that cannot go now: the advice ladder continues
    // Nothing was sent: a definite failure (or the fallback provider's turn).
    const e = provider.error;
    const err = { code: e.code, message: e.message, detail: e.detail ?? '', providerCode: null };
    if (await fallBackOrFail(deps, saleId, err, null, null)) await sendPay(deps, saleId);
    return;
  }
  const callId = markPaySending(deps.db, saleId, deps.now(), sale.env);
  await deps.checkpoint('pay.intent', saleId);
  let outcome: PurchaseOutcome;
  try {
    outcome = await provider.value.purchase(purchaseRequestOf(sale));
  } catch (e) {
    outcome = threwOutcome('PAY', e);
  }
  await deps.checkpoint('pay.answered', saleId);
  const next = recordOutcome(deps, getSale(deps.db, saleId)!, provider.value, outcome, callId, 'pay');
  deps.log.info('sale.pay_recorded', { saleId, outcome: outcome.kind, provider: sale.provider });
  if (deps.providers.describe(sale.provider)?.capabilities.deposit) deps.onDistributorOrder(sale.env, sale.provider);
  if (next.kind === 'fallback') {
    if (await fallBackOrFail(deps, saleId, next.error, next.callId, next.call)) await sendPay(deps, saleId);
  }
  await deps.checkpoint('pay.recorded', saleId);
}

