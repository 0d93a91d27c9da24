// Which provider sells each kind of product, and which one takes over after a definite failure.
// The choices come from the core's registry (what each provider sells); bills have no fallback
// because a bill is inquired and paid at one provider.
import type { PurchaseProviderInfo, Routing } from '../../../shared/contract';
import { useApp } from '../../stores/app-store';
import { useSettings } from '../../stores/settings-store';

type Kind = PurchaseProviderInfo['sells'][number];

function routeOf(r: Routing, kind: Kind): { primary: string; fallback: string | null } {
  if (kind === 'pln_prepaid') return { primary: r.primary, fallback: r.fallback };
  if (kind === 'digital') return r.digital;
  return { primary: r.bill.primary, fallback: null };
}

function withRoute(r: Routing, kind: Kind, route: { primary: string; fallback: string | null }): Routing {
  const fallback = route.fallback === route.primary ? null : route.fallback;
  if (kind === 'pln_prepaid') return { ...r, primary: route.primary, fallback };
  if (kind === 'digital') return { ...r, digital: { primary: route.primary, fallback } };
  return { ...r, bill: { primary: route.primary } };
}

export function RoutingFields() {
  const { t } = useApp();
  const { view, setRouting } = useSettings();
  const v = view!;
  const rows: { kind: Kind; label: string; testId: string }[] = [
    { kind: 'pln_prepaid', label: t('settings.routeToken'), testId: 'routing' },
    { kind: 'digital', label: t('settings.routeDigital'), testId: 'routing-digital' },
    { kind: 'bill', label: t('settings.routeBill'), testId: 'routing-bill' },
  ];
  return (
    <div className="routing-grid">
      {rows.map(({ kind, label, testId }) => {
        const choices = v.purchaseProviders.filter((p) => p.sells.includes(kind));
        const route = routeOf(v.routing, kind);
        return (
          <fieldset key={kind} className="routing-row">
            <legend>{label}</legend>
            <label>
              {t('settings.primary')}
              <select
                value={route.primary}
                data-testid={`${testId}-primary`}
                onChange={(e) => void setRouting(withRoute(v.routing, kind, { primary: e.target.value, fallback: route.fallback }))}
              >
                {choices.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.displayName}
                  </option>
                ))}
              </select>
            </label>
            {kind !== 'bill' && (
              <label>
                {t('settings.fallback')}
                <select
                  value={route.fallback ?? ''}
                  data-testid={`${testId}-fallback`}
                  onChange={(e) => void setRouting(withRoute(v.routing, kind, { primary: route.primary, fallback: e.target.value === '' ? null : e.target.value }))}
                >
                  <option value="">{t('settings.noFallback')}</option>
                  {choices
                    .filter((p) => p.name !== route.primary)
                    .map((p) => (
                      <option key={p.name} value={p.name}>
                        {p.displayName}
                      </option>
                    ))}
                </select>
              </label>
            )}
          </fieldset>
        );
      })}
    </div>
  );
}
