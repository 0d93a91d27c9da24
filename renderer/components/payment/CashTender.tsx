// Cash at the payment step: what the customer handed over and the change. F5 takes the exact
// amount; the note buttons fill common notes; Enter pays when it is enough.
import { useEffect, useRef } from 'react';
import { formatAmount, formatRupiah, parseRupiahInput } from '../../../shared/domain/money';
import type { Translate } from '../../i18n';
import { useKeys } from '../../hooks/use-keys';
import { KeyButton } from '../KeyButton';

/** Notes a customer typically hands over for this total: the next 10k, 50k and 100k above it. */
export function quickTenders(total: number): number[] {
  const ups = [10_000, 50_000, 100_000].map((step) => Math.ceil(total / step) * step).filter((v) => v > total);
  return [...new Set(ups)].slice(0, 3);
}

type Props = {
  t: Translate;
  total: number;
  payLabel: string;
  tenderedText: string;
  busy: boolean;
  onTendered: (text: string) => void;
  onPay: () => void;
};

export function CashTender({ t, total, payLabel, tenderedText, busy, onTendered, onPay }: Props) {
  const tendered = parseRupiahInput(tenderedText);
  const enough = tendered !== null && tendered >= total;
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!busy) input.current?.focus();
  }, [busy]);
  useKeys({ F5: () => onTendered(String(total)) }, !busy);

  return (
    <form
      className="tender"
      onSubmit={(e) => {
        e.preventDefault();
        if (enough) onPay();
      }}
    >
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
          onChange={(e) => onTendered(e.target.value.replace(/\D/g, '').slice(0, 12))}
          disabled={busy}
        />
      </div>
      <div className="quick">
        <KeyButton keyLabel="F5" onClick={() => onTendered(String(total))} testId="exact">
          {t('sale.exact')}
        </KeyButton>
        {quickTenders(total).map((v) => (
          <button key={v} type="button" className="btn" onClick={() => onTendered(String(v))} tabIndex={-1}>
            {formatAmount(v)}
          </button>
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
        <KeyButton keyLabel="Enter" variant="primary" onClick={onPay} disabled={!enough || busy} testId="pay">
          {busy ? t('sale.paying') : payLabel}
        </KeyButton>
      </div>
    </form>
  );
}
