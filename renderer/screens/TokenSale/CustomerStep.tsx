import { formatAmount, formatRupiah } from '../../../shared/domain/money';
import { useApp } from '../../stores/app-store';
import { selectedOption, useSale } from '../../stores/sale-store';
import { useKeys } from '../../hooks/use-keys';
import { KeyButton } from '../../components/KeyButton';
import { CustomerCard } from './CustomerCard';
import { AmountSummary } from '../../components/AmountSummary';

const COLUMNS = 3;

export function CustomerStep() {
  const sale = useSale();
  const { t } = useApp();
  const inquiry = sale.inquiry!;
  const option = selectedOption(sale);
  const recent = inquiry.recentPurchases.find((p) => p.denomination === option?.denomination);

  const keys: Record<string, () => void> = {
    Enter: () => sale.confirmDenomination(),
    Escape: () => sale.back(),
    ArrowRight: () => sale.select(sale.selected + 1),
    ArrowLeft: () => sale.select(sale.selected - 1),
    ArrowDown: () => sale.select(sale.selected + COLUMNS),
    ArrowUp: () => sale.select(sale.selected - COLUMNS),
  };
  inquiry.options.slice(0, 9).forEach((_, i) => {
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
            {inquiry.options.map((o, i) => (
              <button
                key={o.denomination}
                type="button"
                role="option"
                aria-selected={i === sale.selected}
                aria-disabled={!o.available}
                title={o.reason ?? undefined}
                className={`denomination${i === sale.selected ? ' selected' : ''}${o.available ? '' : ' unavailable'}`}
                data-testid={`denomination-${o.denomination}`}
                onClick={() => sale.select(i)}
                onDoubleClick={() => sale.confirmDenomination()}
                tabIndex={-1}
              >
                {i < 9 ? <span className="index">{i + 1}</span> : null}
                <span className="value">{formatAmount(o.denomination)}</span>
                <span className="price">{o.available ? formatRupiah(o.amounts.total) : o.reason}</span>
              </button>
            ))}
          </div>
          <div className="hint">{t('sale.denominationHint')}</div>
        </div>
      </div>
      {option !== null ? <AmountSummary amounts={option.amounts} t={t} /> : null}
      {option && !option.available ? (
        <div className="warning strong" role="alert">
          {option.reason}
        </div>
      ) : null}
      {recent ? (
        <div className="warning strong" role="alert" data-testid="recent-warning">
          {t('sale.recentSame', { minutes: Math.max(1, Math.round((Date.now() - recent.at) / 60_000)), receiptNo: recent.receiptNo })}
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
