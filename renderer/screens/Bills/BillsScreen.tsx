import { useEffect, useRef, useState } from 'react';
import type { ProductView } from '../../../shared/contract';
import { customerFacingLines } from '../../../shared/domain/provider-lines';
import { useApp } from '../../stores/app-store';
import { useBill } from '../../stores/bill-store';
import { call } from '../../api/client';
import { errorText } from '../../i18n';
import { useKeys } from '../../hooks/use-keys';
import { ProductPicker } from '../../components/ProductPicker';
import { KeyButton } from '../../components/KeyButton';
import { ErrorBox } from '../../components/ErrorBox';
import { AmountSummary } from '../../components/AmountSummary';
import { flowPaymentProps, flowResultProps } from '../flow-props';
import { PaymentPanel } from '../../components/payment/PaymentPanel';
import { SaleResult } from '../../components/SaleResult';
import { ProductFields } from '../../components/ProductFields';

function ProductStep() {
  const { t } = useApp();
  const choose = useBill((s) => s.choose);
  const [products, setProducts] = useState<ProductView[]>([]);
  useEffect(() => {
    void call('catalog.list', { kind: 'bill' }).then((r) => r.ok && setProducts(r.value.products));
  }, []);
  return (
    <section className="card">
      <h2>{t('bill.title')}</h2>
      <ProductPicker products={products} t={t} onChoose={choose} showPrice={false} />
    </section>
  );
}

function NumberStep() {
  const b = useBill();
  const { t, locale } = useApp();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!b.busy) input.current?.select();
  }, [b.busy]);
  useKeys({ Escape: b.back });
  return (
    <section className="card">
      <h2>
        {b.product!.name} <span className="muted">· {b.product!.category}</span>
      </h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void b.inquire();
        }}
      >
        <label htmlFor="bill-number">{t('bill.customerNumber')}</label>
        <input
          id="bill-number"
          ref={input}
          className="big-input"
          data-testid="bill-number"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          maxLength={30}
          value={b.number}
          onChange={(e) => b.setNumber(e.target.value)}
          disabled={b.busy}
        />
        <ProductFields specs={b.product!.fields} values={b.fieldValues} onChange={b.setField} disabled={b.busy} />
        <div className="actions">
          <KeyButton keyLabel="Esc" variant="ghost" onClick={b.back}>
            {t('common.back')}
          </KeyButton>
          <KeyButton keyLabel="Enter" variant="primary" onClick={() => void b.inquire()} disabled={b.busy} testId="bill-inquire">
            {b.busy ? t('bill.checking') : t('bill.check')}
          </KeyButton>
        </div>
      </form>
      {b.error ? <ErrorBox message={errorText(t, locale, b.error)} detail={b.error.detail} detailLabel={t('common.detail')} /> : null}
    </section>
  );
}

function BillStep() {
  const b = useBill();
  const { t } = useApp();
  const bill = b.bill!;
  useKeys({ Escape: b.back, Enter: b.toPayment });
  return (
    <section className="card">
      <div className="two-col">
        <div>
          <h2>{t('bill.details')}</h2>
          <div className="customer-name" data-testid="bill-customer">
            {bill.customerName}
          </div>
          <dl className="lines" data-testid="bill-lines">
            {customerFacingLines(bill.lines).map((l, i) => (
              <div key={`${l.name}-${i}`} className="kv">
                <dt>{l.name}</dt>
                <dd>{l.value}</dd>
              </div>
            ))}
          </dl>
        </div>
        <div>
          <h2>{bill.product.name}</h2>
          {bill.warnings.map((w) => (
            <div key={w.code} className="warning" role="alert" data-testid={`warning-${w.code}`}>
              {t(`sale.warning.${w.code}`, w.params)}
            </div>
          ))}
          <AmountSummary amounts={bill.amounts} t={t} faceLabel={t('bill.amount')} />
          <div className="actions">
            <KeyButton keyLabel="Esc" variant="ghost" onClick={b.back}>
              {t('common.back')}
            </KeyButton>
            <KeyButton keyLabel="Enter" variant="primary" onClick={b.toPayment} testId="to-payment">
              {t('sale.continue')}
            </KeyButton>
          </div>
        </div>
      </div>
    </section>
  );
}

export function BillsScreen() {
  const b = useBill();
  const { t, locale, loadInfo, info } = useApp();
  switch (b.step) {
    case 'product':
      return <ProductStep />;
    case 'number':
      return <NumberStep />;
    case 'bill':
      return <BillStep />;
    case 'payment':
      return (
        <PaymentPanel
          {...flowPaymentProps(b, t, locale)}
          payLabel={t('bill.pay')}
          summary={
            <>
              <h2>{b.bill!.product.name}</h2>
              <div className="customer-line">
                <strong>{b.bill!.customerName}</strong> · {b.bill!.customerNumber}
              </div>
            </>
          }
          amounts={b.bill!.amounts}
          faceLabel={t('bill.amount')}
        />
      );
    case 'result':
      return <SaleResult {...flowResultProps(b, t, locale, info, () => void loadInfo())} />;
  }
}
