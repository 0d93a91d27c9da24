import { useEffect } from 'react';
import type { SaleView } from '../../../shared/contract';
import { useApp } from '../../stores/app-store';
import { OPEN_STATES, useSale } from '../../stores/sale-store';
import { errorText } from '../../i18n';
import { useKeys } from '../../hooks/use-keys';
import { useNow } from '../../hooks/use-now';
import { KeyButton } from '../../components/KeyButton';
import { ErrorBox } from '../../components/ErrorBox';
import { ReceiptView } from '../../components/ReceiptView';
import { SaleStatusPanel } from '../../components/SaleStatusPanel';
import { OpenSaleActions } from '../../components/OpenSaleActions';

export function ResultStep() {
  const s = useSale();
  const { t, locale, loadInfo } = useApp();
  const now = useNow();
  const sale = s.sale!;
  const open = OPEN_STATES.has(sale.state);

  useEffect(() => {
    void loadInfo();
    if (!open) return;
    const id = setInterval(() => void s.refresh(), sale.state === 'sending' || sale.state === 'paid' ? 700 : 2000);
    return () => clearInterval(id);
  }, [sale.id, sale.state]);

  const refundDue = sale.cash.state === 'refund_due';
  const finishedOrWaiting = sale.state !== 'paid' && sale.state !== 'sending';
  const keys: Record<string, () => void> = {};
  if (finishedOrWaiting) {
    keys.p = () => void s.print();
    keys.s = () => void s.save();
    if (!refundDue) {
      keys.n = () => s.reset();
      keys.Enter = () => s.reset();
    }
  }
  useKeys(keys, !s.busy);

  const failure = (v: SaleView): string => (v.failure ? errorText(t, locale, v.failure) : '');
  const printLabel = sale.state === 'succeeded' ? t('sale.print') : sale.state === 'failed' ? t('sale.printFailed') : t('sale.printPending');

  return (
    <section className="card step-result">
      <div className="two-col">
        <div>
          <SaleStatusPanel sale={sale} t={t} now={now} errorMessage={failure} showChange />
          {sale.warnings.map((w) => (
            <div key={w.code} className="warning">
              {t(`sale.warning.${w.code}`, w.params)}
            </div>
          ))}
          {s.error ? <ErrorBox message={errorText(t, locale, s.error)} detail={s.error.detail} detailLabel={t('common.detail')} /> : null}
          <div className="actions wrap">
            <OpenSaleActions
              sale={sale}
              t={t}
              busy={s.busy}
              onCashReturned={() => void s.confirmCashReturned()}
              onCheck={() => void s.checkStatus()}
              onDeclareFailed={() => void s.declareFailed()}
            />
            {finishedOrWaiting ? (
              <>
                <KeyButton keyLabel="P" onClick={() => void s.print()} testId="print">
                  {printLabel}
                </KeyButton>
                <KeyButton keyLabel="S" onClick={() => void s.save()} testId="save">
                  {t('sale.save')}
                </KeyButton>
                <KeyButton keyLabel="N" variant="primary" onClick={() => s.reset()} disabled={refundDue} testId="new-sale">
                  {t('sale.newSale')}
                </KeyButton>
              </>
            ) : null}
          </div>
        </div>
        <div className="receipt-column">{s.receipt ? <ReceiptView receipt={s.receipt} /> : null}</div>
      </div>
    </section>
  );
}
