// Beyond today: `/` finds a sale by receipt number, meter or customer number, token or reference
// (any day); a date range with product, provider, payment method and cashier filters; `E` exports
// the selection as CSV. Enter in any field applies it, Esc leaves the field, "Hari ini" goes back.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { LedgerTotals } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/domain/money';
import type { Translate } from '../../i18n';
import { useKeys } from '../../hooks/use-keys';
import { useTransactions, type LedgerSelection } from '../../stores/transactions-store';
import { providerLabel, useApp } from '../../stores/app-store';

const METHODS = ['cash', 'qris', 'gopay', 'shopeepay', 'va_bca', 'va_bni', 'va_bri', 'va_permata', 'mandiri_bill', 'card', 'bitcoin'] as const;

export function SearchBar({ t, today, shiftId }: { t: Translate; today: string; shiftId: string | null }) {
  const { info } = useApp();
  const tx = useTransactions();
  const sel = tx.selection;
  const [form, setForm] = useState<LedgerSelection>(sel ?? { from: today, to: today, shiftId: null, cashier: null, productKind: null, provider: null, method: null, query: null });
  const queryRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!sel && today) setForm((f) => ({ ...f, from: today, to: today }));
  }, [today, sel]);
  useKeys({ '/': () => queryRef.current?.focus(), e: () => void tx.exportCsv(), d: () => void tx.dayReport() }, tx.detail === null);
  const apply = (e: FormEvent): void => {
    e.preventDefault();
    void tx.setSelection({ ...form, query: form.query?.trim() || null, cashier: form.cashier?.trim() || null });
  };
  const leave = (e: React.KeyboardEvent): void => {
    if (e.key === 'Escape') (e.target as HTMLElement).blur();
  };
  return (
    <form className="search-bar" onSubmit={apply} onKeyDown={leave} data-testid="search-bar">
      <input ref={queryRef} placeholder={t('tx.searchPlaceholder')} value={form.query ?? ''} onChange={(e) => setForm({ ...form, query: e.target.value })} data-testid="tx-search" />
      <input type="date" value={form.from} onChange={(e) => setForm({ ...form, from: e.target.value })} data-testid="tx-from" aria-label={t('tx.from')} />
      <input type="date" value={form.to} onChange={(e) => setForm({ ...form, to: e.target.value })} data-testid="tx-to" aria-label={t('tx.to')} />
      <select value={form.productKind ?? ''} onChange={(e) => setForm({ ...form, productKind: (e.target.value || null) as LedgerSelection['productKind'] })} data-testid="tx-product" aria-label={t('tx.product')}>
        <option value="">{t('tx.allProducts')}</option>
        <option value="pln_prepaid">{t('tx.kind.pln_prepaid')}</option>
        <option value="bill">{t('tx.kind.bill')}</option>
        <option value="digital">{t('tx.kind.digital')}</option>
      </select>
      <select value={form.provider ?? ''} onChange={(e) => setForm({ ...form, provider: (e.target.value || null) as LedgerSelection['provider'] })} data-testid="tx-provider" aria-label={t('tx.provider')}>
        <option value="">{t('tx.allProviders')}</option>
        {(info?.purchaseProviders ?? []).map((p) => (
          <option key={p} value={p}>
            {providerLabel(info, p)}
          </option>
        ))}
      </select>
      <select value={form.method ?? ''} onChange={(e) => setForm({ ...form, method: (e.target.value || null) as LedgerSelection['method'] })} data-testid="tx-method" aria-label={t('tx.method')}>
        <option value="">{t('tx.allMethods')}</option>
        {METHODS.map((m) => (
          <option key={m} value={m}>
            {t(`pay.method.${m}`)}
          </option>
        ))}
      </select>
      <input placeholder={t('tx.cashier')} value={form.cashier ?? ''} onChange={(e) => setForm({ ...form, cashier: e.target.value })} data-testid="tx-cashier" />
      {shiftId || form.shiftId ? (
        <label className="inline">
          <input type="checkbox" checked={form.shiftId !== null} onChange={(e) => setForm({ ...form, shiftId: e.target.checked ? shiftId : null })} data-testid="tx-this-shift" />
          {t('tx.thisShift')}
        </label>
      ) : null}
      <button className="btn primary" type="submit" data-testid="tx-apply">
        {t('tx.apply')} <kbd className="kbd">Enter</kbd>
      </button>
      {sel ? (
        <button type="button" className="btn ghost" onClick={() => void tx.setSelection(null)} data-testid="tx-today">
          {t('tx.today')}
        </button>
      ) : null}
      <button type="button" className="btn ghost" onClick={() => void tx.exportCsv()} data-testid="tx-export">
        {t('tx.export')} <kbd className="kbd">E</kbd>
      </button>
      <button type="button" className="btn ghost" onClick={() => void tx.dayReport()} disabled={tx.busy} data-testid="tx-day-report">
        {t('tx.dayReport', { date: tx.reportDay() })} <kbd className="kbd">D</kbd>
      </button>
    </form>
  );
}

export function SelectionTotals({ totals, t }: { totals: LedgerTotals; t: Translate }) {
  const { info } = useApp();
  const line = (items: LedgerTotals['byMethod'], label: (k: string) => string): string => items.map((x) => `${label(x.key)}: ${formatRupiah(x.total)} (${x.count}×)`).join(' · ');
  return (
    <div className="selection-totals" data-testid="selection-totals">
      <div>
        <strong>{t('tx.succeededSum', { count: totals.succeeded.count, total: formatRupiah(totals.succeeded.total) })}</strong>
        {' · '}
        {t('tx.adminTotal', { total: formatRupiah(totals.succeeded.margin) })}
        {' · '}
        {t('tx.otherCounts', { failed: totals.failed, unfinished: totals.unfinished })}
      </div>
      <div className="muted small">{line(totals.byProduct, (k) => t(`tx.kind.${k}`))}</div>
      <div className="muted small">{line(totals.byProvider, (k) => providerLabel(info, k))}</div>
      <div className="muted small" data-testid="selection-by-method">{line(totals.byMethod, (k) => t(`pay.method.${k}`))}</div>
    </div>
  );
}
