// Which provider sells a kind of product, from the routing setting: PLN tokens at the top level,
// digital products and bills in their own routes (a bill has no fallback: it is inquired and paid
// at one provider).
import type { Route, Routing } from '../../../shared/contract';
import type { ProductKind } from '../../providers/contract';

export function routeFor(routing: Routing, kind: ProductKind): Route {
  switch (kind) {
    case 'pln_prepaid':
      return { primary: routing.primary, fallback: routing.fallback };
    case 'digital':
      return routing.digital;
    case 'bill':
      return { primary: routing.bill.primary, fallback: null };
  }
}

/** Every provider a route names (each must be reachable for the counter to sell everything). */
export function routedProviders(routing: Routing): string[] {
  const names = [routing.primary, routing.fallback, routing.digital.primary, routing.digital.fallback, routing.bill.primary];
  return [...new Set(names.filter((n): n is string => n !== null))];
}
