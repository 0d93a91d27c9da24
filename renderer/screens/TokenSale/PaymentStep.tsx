import { useEffect, useRef } from 'react';
import { formatAmount, formatRupiah, parseRupiahInput } from '../../../shared/domain/money';
import { useApp } from '../../stores/app-store';
import { selectedDenomination, totalFor, useSale } from '../../stores/sale-store';
import { errorText } from '../../i18n';
import { useKeys } from '../../hooks/use-keys';
import { KeyButton } from '../../components/KeyButton';
import { ErrorBox } from '../../components/ErrorBox';
import { AmountSummary } from './AmountSummary';

/** Notes a customer typically hands over for this total: the next 10k, 50k and 100k above it. */
export function quickTenders(total: number): number[] {
  const ups = [10_000, 50_000, 100_000].map((step) => Math.ceil(total / step) * step).filter((v) => v > total);
  return [...new Set(ups)].slice(0, 3);
}

export function PaymentStep() {
  const sale = useSale();
  const { t, locale } = useApp();
  const inquiry = sale.inquiry!;
  const denomination = selectedDenomination(sale)!;
  const total = totalFor(inquiry, denomination);
  const tendered = parseRupiahInput(sale.tenderedText);
  const enough = tendered !== null && tendered >= total;
  const quick = quickTenders(total);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!sale.busy) input.current?.focus();
  }, [sale.busy]);

  const keys: Record<string, () => void> = {
    Escape: () => sale.back(),
    F5: () => sale.exact(),
  };
  quick.forEach((v, i) => {
    keys[`F${6 + i}`] = () => sale.setTendered(String(v));
  });
  useKeys(keys, !sale.busy);

  return (
    <section className="card step-payment">
      <div className="two-col">
        <div>
          <h2>{t('sale.customer')}</h2>
          <div className="customer-line">
            <strong>{inquiry.name}</strong> · {inquiry.meterNumber} · {inquiry.tariffPower}
          </div>
          <AmountSummary denomination={denomination} providerAdmin={inquiry.providerAdmin} counterFee={inquiry.counterFee} t={t} />
        </div>
        <form
          className="tender"
          onSubmit={(e) => {
            e.preventDefault();
            if (enough) void sale.pay();
          }}
        >
          <h2>{t('sale.payment')}</h2>
          <label htmlFor="tendered">{t('sale.tendered')}</label>
          <div className="money-input">
            <span>Rp</span>
            <input
              id="tendered"
              ref={input}
              data-testid="tendered"
              className="big-input"
              inputMode="numeric"
              autoComplete="off"
              autoFocus
              value={tendered === null ? '' : formatAmount(tendered)}
              onChange={(e) => sale.setTendered(e.target.value.replace(/\D/g, '').slice(0, 12))}
              disabled={sale.busy}
            />
          </div>
          <div className="quick">
            <KeyButton keyLabel="F5" onClick={() => sale.exact()} testId="exact">
              {t('sale.exact')}
            </KeyButton>
            {quick.map((v, i) => (
              <KeyButton key={v} keyLabel={`F${6 + i}`} onClick={() => sale.setTendered(String(v))}>
                {formatAmount(v)}
              </KeyButton>
            ))}
          </div>
          <div className={`change ${enough ? 'ok' : 'short'}`} data-testid="change" aria-live="polite">
            {tendered === null
              ? '\u00a0'
              : enough
                ? `${t('sale.change')}: ${formatRupiah(tendered - total)}`
                : t('sale.short', { amount: formatRupiah(total - tendered) })}
          </div>
          <div className="actions">
            <KeyButton keyLabel="Esc" variant="ghost" onClick={() => sale.back()} disabled={sale.busy}>
              {t('common.back')}
            </KeyButton>
            <KeyButton keyLabel="Enter" variant="primary" onClick={() => void sale.pay()} disabled={!enough || sale.busy} testId="pay">
              {sale.busy ? t('sale.paying') : t('sale.pay')}
            </KeyButton>
          </div>
        </form>
      </div>
      {sale.error ? <ErrorBox message={errorText(t, locale, sale.error)} detail={sale.error.detail} detailLabel={t('common.detail')} /> : null}
    </section>
  );
}
