import type { PlnInquiry } from '../../../shared/contract';
import type { Translate } from '../../i18n';

export function CustomerCard({ inquiry, t }: { inquiry: PlnInquiry; t: Translate }) {
  return (
    <dl className="customer-card" data-testid="customer">
      <div className="customer-name">{inquiry.name}</div>
      <div className="kv">
        <dt>{t('sale.meter')}</dt>
        <dd>{inquiry.meterNumber}</dd>
      </div>
      <div className="kv">
        <dt>{t('sale.idpel')}</dt>
        <dd>{inquiry.idpel}</dd>
      </div>
      <div className="kv">
        <dt>{t('sale.tariff')}</dt>
        <dd data-testid="tariff">{inquiry.tariffPower}</dd>
      </div>
    </dl>
  );
}
