// Routing's second chance: a PLN token or digital product the primary provider definitely did not
// sell (nothing taken) is bought from the route's fallback — never after an uncertain outcome, at
// most once per sale, only for the same goods, and only when the other provider's cost still fits
// what the customer paid and its deposit covers it. Bills never fall back: a bill is inquired and
// paid at one provider.
import { ulid } from '../../../shared/domain/ids';
import type { ErrorCode } from '../../../shared/domain/errors';
import type { ProviderError, ProviderName } from '../../providers/contract';
import type { CallFinish } from '../../db/queries/provider-calls';
import { beginProviderCall } from '../../db/queries/provider-calls';
import { recordInquiry } from '../../db/queries/inquiries';
import { countSaleEvents, getSale, switchToFallback } from '../../db/queries/sales';
import type { SaleDeps } from './deps';
import { recordFailure } from './apply-outcome';
import { routeFor } from '../catalog/routes';
import type { SaleRecord } from '../../db/rows';

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

/** The same goods at the other provider: its catalogue product of the same kind, face value (and operator, for digital). */
function catalogued(deps: SaleDeps, sale: SaleRecord, to: ProviderName): Alternative | null {
  const mine = deps.catalog.product(sale.env, sale.provider, sale.product_code);
  const p = deps.catalog
    .active(sale.env, to, sale.product_kind)
    .find((x) => x.face_value === sale.face_value && (sale.product_kind === 'pln_prepaid' || (mine !== null && x.category === mine.category && x.operator.toLowerCase() === mine.operator.toLowerCase())));
  return p ? { providerProduct: p.code, providerAdmin: Math.max(0, p.price - sale.face_value), providerCost: p.price, inquiryRef: null } : null;
}

async function alternative(deps: SaleDeps, saleId: string, to: ProviderName): Promise<Alternative | null> {
  const sale = getSale(deps.db, saleId)!;
  const d = deps.providers.describe(to);
  if (!d || !d.capabilities.sells.includes(sale.product_kind)) return null;
  if (sale.product_kind !== 'pln_prepaid' || d.capabilities.tokenPricing === 'catalog') return catalogued(deps, sale, to);
  // A provider pricing tokens by inquiry (VSI) quotes the admin fee per customer: ask (an inquiry moves no money).
  const lookup = await deps.providers.plnLookup(to, sale.env);
  if (!lookup.ok) return null;
  const ref = `INQ-${ulid(deps.now())}`;
  const callId = beginProviderCall(deps.db, { provider: to, env: sale.env, command: 'INQ', providerRef: ref, saleId, at: deps.now() });
  const r = await lookup.value.inquirePln({ ref, customerNumber: sale.meter_number || sale.customer_number, providerProduct: sale.product_code });
  recordInquiry(
    deps.db,
    callId,
    { outcome: r.ok ? 'success' : 'failed', providerCode: r.ok ? '0000' : r.error.providerCode, detail: r.ok ? null : r.error.detail, at: deps.now() },
    null,
  );
  if (!r.ok) return null;
  // The same customer, or nothing: a meter that now answers with another name is not this sale's.
  if (sale.customer_name && r.value.name.trim().toUpperCase() !== sale.customer_name.trim().toUpperCase()) {
    deps.log.warn('sale.reinquiry_mismatch', { saleId, was: sale.customer_name, now: r.value.name });
    return null;
  }
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
  // An inquiry reference that went stale while the customer paid (a QRIS or VA wait; VSI 0048, not
  // processed): the same provider is asked again — a fresh inquiry for the same customer, the same
  // cost ceiling — under a new reference, instead of handing the money back by hand.
  const stale = error.code === 'request_expired' && sale.product_kind === 'pln_prepaid' && deps.providers.describe(sale.provider)?.capabilities.tokenPricing === 'inquiry_admin';
  const to = stale ? sale.provider : routeFor(deps.settings.routing(), sale.product_kind).fallback;
  const eligible =
    sale.product_kind !== 'bill' &&
    to !== null &&
    (stale || to !== sale.provider) &&
    (stale || FALLBACK_CODES.has(error.code)) &&
    countSaleEvents(deps.db, saleId, 'fallback') === 0;
  if (!eligible) {
    recordFailure(deps, saleId, error, callId, call);
    return false;
  }
  const alt = await alternative(deps, saleId, to);
  const fits = alt !== null && alt.providerCost <= sale.total && deps.deposits.check(sale.env, to, alt.providerCost).ok;
  if (!alt || !fits) {
    deps.log.info('sale.fallback_refused', { saleId, to, reason: alt ? 'cost or deposit' : 'unavailable' });
    recordFailure(deps, saleId, error, callId, call);
    return false;
  }
  switchToFallback(deps.db, saleId, deps.now(), callId, { provider: to, providerRef: `LKT-${ulid(deps.now())}`, reason: error.code, ...alt }, call);
  deps.log.warn('sale.fallback', { saleId, from: sale.provider, to, reason: error.code });
  return true;
}
