import { useEffect, useState } from 'react';
import type { ProductView } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/domain/money';
import { useApp } from '../../stores/app-store';
import { useDigital } from '../../stores/digital-store';
import { call } from '../../api/client';
import { errorText } from '../../i18n';
import { useKeys } from '../../hooks/use-keys';
import { ProductPicker } from '../../components/ProductPicker';
import { KeyButton } from '../../components/KeyButton';
import { ErrorBox } from '../../components/ErrorBox';
import { flowPaymentProps, flowResultProps } from '../flow-props';
import { PaymentPanel } from '../../components/payment/PaymentPanel';
import { SaleResult } from '../../components/SaleResult';
import { ProductFields } from '../../components/ProductFields';

function ProductStep() {
  const { t } = useApp();
  const choose = useDigital((s) => s.choose);
  const [products, setProducts] = useState<ProductView[]>([]);
  useEffect(() => {
    void call('catalog.list', { kind: 'digital' }).then((r) => r.ok && setProducts(r.value.products));
  }, []);
  return (
    <section className="card">
      <h2>{t('digital.title')}</h2>
      <ProductPicker products={products} t={t} onChoose={choose} showPrice />
    </section>
  );
}

function NumberStep() {
  const d = useDigital();
  const { t, locale } = useApp();
  useKeys({ Escape: d.back });
  const p = d.product!;
  return (
    <section className="card">
      <h2>
        {p.name} <span className="muted">· {formatRupiah(p.sellPrice ?? 0)}</span>
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          d.toPayment();
        }}
      >
        <label htmlFor="digital-number">{p.category === 'E-Wallet' ? t('digital.account') : t('digital.number')}</label>
        <input
          id="digital-number"
          className="big-input"
          data-testid="digital-number"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          maxLength={30}
          value={d.number}
          onChange={(e) => d.setNumber(e.target.value)}
        />
        <ProductFields specs={p.fields} values={d.fieldValues} onChange={d.setField} />
        <div className="actions">
          <KeyButton keyLabel="Esc" variant="ghost" onClick={d.back}>
            {t('common.back')}
          </KeyButton>
          <KeyButton keyLabel="Enter" variant="primary" onClick={d.toPayment} testId="to-payment">
            {t('sale.continue')}
          </KeyButton>
        </div>
      </form>
      {d.error ? <ErrorBox message={errorText(t, locale, d.error)} detail={d.error.detail} detailLabel={t('common.detail')} /> : null}
    </section>
  );
}

export function DigitalScreen() {
  const d = useDigital();
  const { t, locale, loadInfo, info } = useApp();
  switch (d.step) {
    case 'product':
      return <ProductStep />;
    case 'number':
      return <NumberStep />;
    case 'payment': {
      const p = d.product!;
      const total = p.sellPrice ?? 0;
      return (
        <PaymentPanel
          {...flowPaymentProps(d, t, locale)}
          payLabel={t('digital.pay')}
          summary={
            <>
              <h2>{p.name}</h2>
              <div className="customer-line">
                {t('digital.number')}: <strong>{d.number}</strong>
              </div>
              {p.fields.map((f) => (
                <div key={f.name} className="customer-line">
                  {f.label}: <strong>{d.fieldValues[f.name] ?? ''}</strong>
                </div>
              ))}
            </>
          }
          amounts={{ faceValue: total - p.margin, providerAdmin: 0, providerCost: p.providerPrice, margin: p.margin, total }}
          faceLabel={t('digital.price')}
        />
      );
    }
    case 'result':
      return <SaleResult {...flowResultProps(d, t, locale, info, () => void loadInfo())} />;
  }
}
