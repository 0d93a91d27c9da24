import { useApp } from '../../stores/app-store';
import { selectedOption, useSale } from '../../stores/sale-store';
import { errorText } from '../../i18n';
import { PaymentPanel } from '../../components/payment/PaymentPanel';

export function PaymentStep() {
  const sale = useSale();
  const { t, locale } = useApp();
  const inquiry = sale.inquiry!;
  const option = selectedOption(sale)!;
  return (
    <PaymentPanel
      t={t}
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
      choice={sale}
      busy={sale.busy}
      error={sale.error}
      errorMessage={(e) => errorText(t, locale, e)}
      onTendered={sale.setTendered}
      onMethod={sale.setPayMethod}
      onVaBank={sale.setVaBank}
      onPay={(card) => void sale.pay(card)}
      onBack={sale.back}
    />
  );
}
