import { useApp } from '../../stores/app-store';
import { selectedOption, useSale } from '../../stores/sale-store';
import { flowPaymentProps } from '../flow-props';
import { PaymentPanel } from '../../components/payment/PaymentPanel';

export function PaymentStep() {
  const sale = useSale();
  const { t, locale } = useApp();
  const inquiry = sale.inquiry!;
  const option = selectedOption(sale)!;
  return (
    <PaymentPanel
      {...flowPaymentProps(sale, t, locale)}
      payLabel={t('sale.pay')}
      summary={
        <>
          <h2>{t('sale.customer')}</h2>
          <div className="customer-line">
            <strong>{inquiry.name}</strong> · {inquiry.meterNumber} · {inquiry.tariffPower}
          </div>
        </>
      }
      amounts={option.amounts}
    />
  );
}
