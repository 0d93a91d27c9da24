// The PLN token denominations a counter offers right now and what each costs the customer: a
// provider priced by inquiry (VSI) charges the denomination + the admin fee its inquiry quoted; a
// catalogue provider (SAT, Digiflazz) sells one product per denomination at its own price. The core prices; the renderer only shows.
import { DEFAULT_PLN_DENOMINATIONS } from '../../../shared/domain/pln';
import type { PlnInquiry } from '../../../shared/contract';
import type { InquiryRecord } from '../../db/rows';
import type { SaleDeps } from './deps';
import { UNAVAILABLE } from '../catalog/catalog-service';

export const PLN_CATEGORY = 'Listrik PLN';
export const plnTokenCode = (denomination: number): string => `pln-token-${denomination}`;

export type TokenOption = PlnInquiry['options'][number] & { providerProduct: string };

export function tokenOptions(deps: SaleDeps, inq: InquiryRecord): TokenOption[] {
  const offers =
    deps.providers.describe(inq.provider)?.capabilities.tokenPricing === 'inquiry_admin'
      ? DEFAULT_PLN_DENOMINATIONS.map((d) => ({ d, cost: d + inq.provider_admin, product: plnTokenCode(d), status: 1 as 1 | 2 | 3 }))
      : deps.catalog
          .viewOf(inq.env, inq.provider, 'pln_prepaid')
          .flatMap((p) => (p.faceValue === null ? [] : [{ d: p.faceValue, cost: p.providerPrice, product: p.code, status: (p.sellable ? 1 : 3) as 1 | 2 | 3 }]))
          .sort((a, b) => a.d - b.d);
  return offers.map(({ d, cost, product, status }) => {
    const q = deps.catalog.quote({ code: plnTokenCode(d), category: PLN_CATEGORY, kind: 'pln_prepaid' }, cost);
    const margin = q.ok ? q.value.margin : 0;
    return {
      denomination: d,
      providerProduct: product,
      amounts: { faceValue: d, providerAdmin: Math.max(0, cost - d), providerCost: cost, margin, total: q.ok ? q.value.total : cost },
      available: status === 1 && q.ok,
      reason: status !== 1 ? UNAVAILABLE[status === 2 ? 2 : 3] : q.ok ? null : q.error.message,
    };
  });
}
