import { formatRupiah } from '../../../shared/domain/money';
import type { Translate } from '../../i18n';

type Props = { denomination: number; providerAdmin: number; counterFee: number; t: Translate };

export function AmountSummary({ denomination, providerAdmin, counterFee, t }: Props) {
  const total = denomination + providerAdmin + counterFee;
  return (
    <dl className="amounts">
      <div className="kv">
        <dt>{t('sale.nominal')}</dt>
        <dd>{formatRupiah(denomination)}</dd>
      </div>
      <div className="kv">
        <dt>{t('sale.providerAdmin')}</dt>
        <dd data-testid="admin-fee">{formatRupiah(providerAdmin)}</dd>
      </div>
      {counterFee > 0 ? (
        <div className="kv">
          <dt>{t('sale.counterFee')}</dt>
          <dd>{formatRupiah(counterFee)}</dd>
        </div>
      ) : null}
      <div className="kv total">
        <dt>{t('sale.total')}</dt>
        <dd data-testid="total">{formatRupiah(total)}</dd>
      </div>
    </dl>
  );
}
