import { useEffect, useState } from 'react';
import type { SaleView } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/domain/money';
import { useApp } from '../../stores/app-store';
import { OPEN_STATES, useSale } from '../../stores/sale-store';
import { errorText } from '../../i18n';
import { useKeys } from '../../hooks/use-keys';
import { useNow } from '../../hooks/use-now';
import { KeyButton } from '../../components/KeyButton';
import { ErrorBox } from '../../components/ErrorBox';
import { ReceiptView } from '../../components/ReceiptView';
import { SaleStatusPanel } from '../../components/SaleStatusPanel';
import { ConfirmDialog } from '../../components/ConfirmDialog';

export function ResultStep() {
  const s = useSale();
  const { t, locale, loadInfo } = useApp();
  const now = useNow();
  const [confirming, setConfirming] = useState(false);
  const sale = s.sale!;
  const open = OPEN_STATES.has(sale.state);

  useEffect(() => {
    void loadInfo();
    if (!open) return;
    const id = setInterval(() => void s.refresh(), sale.state === 'sending' || sale.state === 'paid' ? 700 : 2000);
    return () => clearInterval(id);
  }, [sale.id, sale.state]);

  const refundDue = sale.cash.state === 'refund_due';
  const canCheck = sale.state === 'pending' || sale.state === 'review';
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
  if (canCheck) keys.c = () => void s.checkStatus();
  if (sale.state === 'review') keys.f = () => setConfirming(true);
  if (refundDue) keys.r = () => void s.confirmCashReturned();
  useKeys(keys, !confirming && !s.busy);

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
            {refundDue ? (
              <KeyButton keyLabel="R" variant="danger" onClick={() => void s.confirmCashReturned()} testId="cash-returned">
                {t('sale.cashReturned')}
              </KeyButton>
            ) : null}
            {canCheck ? (
              <KeyButton keyLabel="C" onClick={() => void s.checkStatus()} disabled={s.busy} testId="check-status">
                {t('sale.checkNow')}
              </KeyButton>
            ) : null}
            {sale.state === 'review' ? (
              <KeyButton keyLabel="F" variant="danger" onClick={() => setConfirming(true)} testId="declare-failed">
                {t('sale.declareFailed')}
              </KeyButton>
            ) : null}
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
      {confirming ? (
        <ConfirmDialog
          message={t('sale.declareConfirm', { amount: formatRupiah(sale.amounts.total) })}
          confirmLabel={t('sale.declareFailed')}
          cancelLabel={t('common.cancel')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void s.declareFailed();
          }}
        />
      ) : null}
    </section>
  );
}
