import type { Amounts } from '../../shared/contract';
import { formatRupiah } from '../../shared/domain/money';
import type { Translate } from '../i18n';

type Props = { amounts: Amounts; t: Translate; faceLabel?: string };

/** The price as the core computed it: nominal, the biller's admin fee, the counter's fee, total. */
export function AmountSummary({ amounts, t, faceLabel }: Props) {
  return (
    <dl className="amounts">
      <div className="kv">
        <dt>{faceLabel ?? t('sale.nominal')}</dt>
        <dd>{formatRupiah(amounts.faceValue)}</dd>
      </div>
      {amounts.providerAdmin > 0 ? (
        <div className="kv">
          <dt>{t('sale.providerAdmin')}</dt>
          <dd data-testid="admin-fee">{formatRupiah(amounts.providerAdmin)}</dd>
        </div>
      ) : null}
      {amounts.margin > 0 ? (
        <div className="kv">
          <dt>{t('sale.counterFee')}</dt>
          <dd>{formatRupiah(amounts.margin)}</dd>
        </div>
      ) : null}
      <div className="kv total">
        <dt>{t('sale.total')}</dt>
        <dd data-testid="total">{formatRupiah(amounts.total)}</dd>
      </div>
    </dl>
  );
}
