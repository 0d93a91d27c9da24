import { formatAmount } from '../../../shared/domain/money';
import { useApp } from '../../stores/app-store';
import { selectedDenomination, useSale } from '../../stores/sale-store';
import { useKeys } from '../../hooks/use-keys';
import { KeyButton } from '../../components/KeyButton';
import { CustomerCard } from './CustomerCard';
import { AmountSummary } from './AmountSummary';

const COLUMNS = 3;

export function CustomerStep() {
  const sale = useSale();
  const { t } = useApp();
  const inquiry = sale.inquiry!;
  const denomination = selectedDenomination(sale);
  const recent = inquiry.recentPurchases.find((p) => p.denomination === denomination);

  const keys: Record<string, () => void> = {
    Enter: () => sale.confirmDenomination(),
    Escape: () => sale.back(),
    ArrowRight: () => sale.select(sale.selected + 1),
    ArrowLeft: () => sale.select(sale.selected - 1),
    ArrowDown: () => sale.select(sale.selected + COLUMNS),
    ArrowUp: () => sale.select(sale.selected - COLUMNS),
  };
  inquiry.denominations.slice(0, 9).forEach((_, i) => {
    keys[String(i + 1)] = () => sale.select(i);
  });
  useKeys(keys);

  return (
    <section className="card step-customer">
      <div className="two-col">
        <div>
          <h2>{t('sale.customer')}</h2>
          <CustomerCard inquiry={inquiry} t={t} />
          {inquiry.warnings.map((w) => (
            <div key={w.code} className="warning" role="status">
              {t(`sale.warning.${w.code}`, w.params)}
            </div>
          ))}
        </div>
        <div>
          <h2>{t('sale.chooseDenomination')}</h2>
          <div className="denominations" role="listbox" aria-label={t('sale.chooseDenomination')}>
            {inquiry.denominations.map((d, i) => (
              <button
                key={d}
                type="button"
                role="option"
                aria-selected={i === sale.selected}
                className={`denomination${i === sale.selected ? ' selected' : ''}`}
                data-testid={`denomination-${d}`}
                onClick={() => sale.select(i)}
                onDoubleClick={() => sale.confirmDenomination()}
                tabIndex={-1}
              >
                {i < 9 ? <span className="index">{i + 1}</span> : null}
                <span className="value">{formatAmount(d)}</span>
              </button>
            ))}
          </div>
          <div className="hint">{t('sale.denominationHint')}</div>
        </div>
      </div>
      {denomination !== null ? (
        <AmountSummary denomination={denomination} providerAdmin={inquiry.providerAdmin} counterFee={inquiry.counterFee} t={t} />
      ) : null}
      {recent ? (
        <div className="warning strong" role="alert" data-testid="recent-warning">
          {t('sale.recentSame', { minutes: Math.max(1, Math.round((Date.now() - recent.at) / 60_000)), receiptNo: recent.receiptNo })}
          {sale.recentAcknowledged ? ` ${t('sale.confirmAgain')}` : ''}
        </div>
      ) : null}
      <div className="actions">
        <KeyButton keyLabel="Esc" variant="ghost" onClick={() => sale.back()}>
          {t('common.back')}
        </KeyButton>
        <KeyButton keyLabel="Enter" variant="primary" onClick={() => sale.confirmDenomination()} testId="to-payment">
          {t('sale.continue')}
        </KeyButton>
      </div>
    </section>
  );
}
