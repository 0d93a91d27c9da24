// The owner's selling prices: rules per product or category (markup on the provider's price, or a
// fixed price for prepaid products), and the catalogue sync that feeds them.
import { useEffect, useState } from 'react';
import type { PriceRule, ProductView } from '../../../shared/contract';
import type { AppError } from '../../../shared/domain/errors';
import { formatRupiah } from '../../../shared/domain/money';
import { formatLocalDateTime } from '../../../shared/domain/time';
import { call } from '../../api/client';
import { useApp } from '../../stores/app-store';
import { errorText } from '../../i18n';
import { ErrorBox } from '../../components/ErrorBox';

export function PricingSettings() {
  const { t, locale, info } = useApp();
  const [rules, setRules] = useState<PriceRule[]>([]);
  const [defaultMargin, setDefaultMargin] = useState(0);
  const [products, setProducts] = useState<ProductView[]>([]);
  const [syncedAt, setSyncedAt] = useState<number | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [draft, setDraft] = useState<PriceRule>({ scope: 'category', key: '', mode: 'markup', amount: 1000 });

  const load = async (): Promise<void> => {
    const [r, c] = await Promise.all([call('pricing.list', {}), call('catalog.list', {})]);
    if (r.ok) {
      setRules(r.value.rules);
      setDefaultMargin(r.value.defaultMargin);
    }
    if (c.ok) {
      setProducts(c.value.products);
      setSyncedAt(c.value.syncedAt);
    }
  };
  useEffect(() => {
    void load();
  }, []);
  const categories = [...new Set(products.map((p) => p.category))];

  return (
    <div className="card form" data-testid="pricing">
      <h2>{t('settings.pricing')}</h2>
      <p className="muted">{t('settings.defaultRule', { amount: formatRupiah(defaultMargin) })}</p>
      <table className="tx-table" data-testid="price-rules">
        <tbody>
          {rules.map((r) => (
            <tr key={`${r.scope}:${r.key}`}>
              <td>{r.scope === 'product' ? t('settings.ruleProduct') : t('settings.ruleCategory')}</td>
              <td className="mono">{r.key}</td>
              <td>{r.mode === 'markup' ? `+ ${formatRupiah(r.amount)}` : `= ${formatRupiah(r.amount)}`}</td>
              <td>
                <button
                  type="button"
                  className="btn ghost"
                  onClick={() => void call('pricing.remove', { scope: r.scope, key: r.key }).then((x) => x.ok && setRules(x.value.rules))}
                >
                  {t('settings.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="rule-form"
        onSubmit={(e) => {
          e.preventDefault();
          void call('pricing.set', draft).then((x) => {
            if (x.ok) {
              setRules(x.value.rules);
              setError(null);
            } else setError(x.error);
          });
        }}
      >
        <select value={draft.scope} onChange={(e) => setDraft({ ...draft, scope: e.target.value as PriceRule['scope'], key: '' })} aria-label={t('settings.ruleScope')}>
          <option value="category">{t('settings.ruleCategory')}</option>
          <option value="product">{t('settings.ruleProduct')}</option>
        </select>
        <input className="rule-key" list={`pricing-${draft.scope}`} value={draft.key} onChange={(e) => setDraft({ ...draft, key: e.target.value })} placeholder={t('settings.ruleKey')} data-testid="rule-key" />
        <datalist id="pricing-category">
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <datalist id="pricing-product">
          {products.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
          {[20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000].map((d) => (
            <option key={d} value={`pln-token-${d}`} />
          ))}
        </datalist>
        <select value={draft.mode} onChange={(e) => setDraft({ ...draft, mode: e.target.value as PriceRule['mode'] })} aria-label={t('settings.ruleMode')}>
          <option value="markup">{t('settings.markup')}</option>
          <option value="fixed">{t('settings.fixed')}</option>
        </select>
        <input value={String(draft.amount)} inputMode="numeric" onChange={(e) => setDraft({ ...draft, amount: Number(e.target.value.replace(/\D/g, '') || 0) })} aria-label={t('settings.amount')} data-testid="rule-amount" />
        <button className="btn primary" type="submit" data-testid="rule-save">
          {t('settings.addRule')}
        </button>
      </form>
      {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
      <div className="actions">
        <button type="button" className="btn" onClick={() => void call('catalog.sync', {}).then(() => load())} data-testid="catalog-sync">
          {t('settings.catalogSync')}
        </button>
        <span className="muted">
          {syncedAt ? t('settings.catalogSynced', { count: products.length, time: formatLocalDateTime(syncedAt, info?.outlet.timeZone ?? 'Asia/Jakarta') }) : ''}
        </span>
      </div>
    </div>
  );
}
