// The outcome of a sale at the counter, whatever was sold: status, what to hand over or hand back,
// the receipt as it prints, and the keys to print (P), save (S), check (C) or start over (N).
import { useEffect } from 'react';
import type { Locale, Receipt, SaleView } from '../../shared/contract';
import type { AppError } from '../../shared/domain/errors';
import { errorText, type Translate } from '../i18n';
import { useKeys } from '../hooks/use-keys';
import { useNow } from '../hooks/use-now';
import { OPEN_STATES, type SessionActions } from '../stores/sale-session';
import { KeyButton } from './KeyButton';
import { ErrorBox } from './ErrorBox';
import { ReceiptView } from './ReceiptView';
import { SaleStatusPanel } from './SaleStatusPanel';
import { OpenSaleActions } from './OpenSaleActions';

type Props = {
  sale: SaleView;
  receipt: Receipt | null;
  busy: boolean;
  error: AppError | null;
  t: Translate;
  locale: Locale;
  actions: SessionActions;
  onNew: () => void;
  onShown?: () => void;
};

export function SaleResult({ sale, receipt, busy, error, t, locale, actions, onNew, onShown }: Props) {
  const now = useNow();
  const open = OPEN_STATES.has(sale.state);
  useEffect(() => {
    onShown?.();
    if (!open) return;
    const id = setInterval(() => void actions.refresh(), sale.state === 'sending' || sale.state === 'paid' ? 700 : 2000);
    return () => clearInterval(id);
  }, [sale.id, sale.state]);

  const refundDue = sale.cash.state === 'refund_due';
  const settled = sale.state !== 'paid' && sale.state !== 'sending';
  const keys: Record<string, () => void> = {};
  if (settled) {
    keys.p = () => void actions.print();
    keys.s = () => void actions.save();
    if (!refundDue) {
      keys.n = onNew;
      keys.Enter = onNew;
    }
  }
  useKeys(keys, !busy);

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
          {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
          <div className="actions wrap">
            <OpenSaleActions
              sale={sale}
              t={t}
              busy={busy}
              onCashReturned={() => void actions.confirmCashReturned()}
              onCheck={() => void actions.checkStatus()}
              onDeclareFailed={() => void actions.declareFailed()}
            />
            {settled ? (
              <>
                <KeyButton keyLabel="P" onClick={() => void actions.print()} testId="print">
                  {printLabel}
                </KeyButton>
                <KeyButton keyLabel="S" onClick={() => void actions.save()} testId="save">
                  {t('sale.save')}
                </KeyButton>
                <KeyButton keyLabel="N" variant="primary" onClick={onNew} disabled={refundDue} testId="new-sale">
                  {t('sale.newSale')}
                </KeyButton>
              </>
            ) : null}
          </div>
        </div>
        <div className="receipt-column">{receipt ? <ReceiptView receipt={receipt} /> : null}</div>
      </div>
    </section>
  );
}
