// Routing's second chance: a PLN token the primary provider definitely did not sell (nothing
// taken) is bought from the other provider — never after an uncertain outcome, at most once per
// sale, and only when the other provider's cost still fits what the customer paid.
import { ulid } from '../../../shared/domain/ids';
import type { ErrorCode } from '../../../shared/domain/errors';
import type { ProviderError, ProviderName } from '../../providers/contract';
import type { CallFinish } from '../../db/queries/provider-calls';
import { beginProviderCall } from '../../db/queries/provider-calls';
import { recordInquiry } from '../../db/queries/inquiries';
import { countSaleEvents, getSale, switchToFallback } from '../../db/queries/sales';
import type { SaleDeps } from './deps';
import { recordFailure } from './apply-outcome';

/** Failures that say the provider could not serve us; the customer and amount were fine. */
const FALLBACK_CODES: ReadonlySet<ErrorCode> = new Set([
  'provider_unavailable',
  'deposit_insufficient',
  'provider_config',
  'provider_auth',
  'provider_clock',
  'provider_cutoff',
  'provider_refused',
  'provider_failed',
  'product_unavailable',
]);

type Alternative = { providerProduct: string; providerAdmin: number; providerCost: number; inquiryRef: string | null };

async function alternative(deps: SaleDeps, saleId: string, to: ProviderName): Promise<Alternative | null> {
  const sale = getSale(deps.db, saleId)!;
  if (to === 'sat') {
    const p = deps.catalog.active(sale.env, 'pln_prepaid').find((x) => x.face_value === sale.face_value);
    return p ? { providerProduct: p.code, providerAdmin: Math.max(0, p.price - sale.face_value), providerCost: p.price, inquiryRef: null } : null;
  }
  // VSI prices the admin fee per customer: ask (an inquiry moves no money).
  const lookup = await deps.providers.plnLookup('vsi', sale.env);
  if (!lookup.ok) return null;
  const ref = `INQ-${ulid(deps.now())}`;
  const callId = beginProviderCall(deps.db, { provider: 'vsi', env: sale.env, command: 'INQ', providerRef: ref, saleId, at: deps.now() });
  const r = await lookup.value.inquirePln({ ref, customerNumber: sale.meter_number || sale.customer_number, providerProduct: sale.product_code });
  recordInquiry(
    deps.db,
    callId,
    { outcome: r.ok ? 'success' : 'failed', providerCode: r.ok ? '0000' : r.error.providerCode, detail: r.ok ? null : r.error.detail, at: deps.now() },
    null,
  );
  if (!r.ok) return null;
  return {
    providerProduct: sale.product_code,
    providerAdmin: r.value.providerAdmin,
    providerCost: sale.face_value + r.value.providerAdmin,
    inquiryRef: r.value.inquiryRef,
  };
}

/** Either hands the sale to the other provider (true: send it) or records the failure (false). */
export async function fallBackOrFail(deps: SaleDeps, saleId: string, error: ProviderError, callId: number | null, call: CallFinish | null): Promise<boolean> {
  const sale = getSale(deps.db, saleId)!;
  const to = deps.settings.routing().fallback;
  const eligible =
    sale.product_kind === 'pln_prepaid' &&
    to !== null &&
    to !== sale.provider &&
    FALLBACK_CODES.has(error.code) &&
    countSaleEvents(deps.db, saleId, 'fallback') === 0;
  if (!eligible) {
    recordFailure(deps, saleId, error, callId, call);
    return false;
  }
  const alt = await alternative(deps, saleId, to);
  const fits = alt !== null && alt.providerCost <= sale.total && (to !== 'sat' || deps.deposits.check(sale.env, alt.providerCost).ok);
  if (!alt || !fits) {
    deps.log.info('sale.fallback_refused', { saleId, to, reason: alt ? 'cost or deposit' : 'unavailable' });
    recordFailure(deps, saleId, error, callId, call);
    return false;
  }
  switchToFallback(deps.db, saleId, deps.now(), callId, { provider: to, providerRef: `LKT-${ulid(deps.now())}`, reason: error.code, ...alt }, call);
  deps.log.warn('sale.fallback', { saleId, from: sale.provider, to, reason: error.code });
  return true;
}
