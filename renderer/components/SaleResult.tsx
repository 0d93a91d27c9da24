// The outcome of a sale at the counter, whatever was sold: status, what to hand over or hand back,
// the receipt as it prints, and the keys to print (P), save (S), check (C) or start over (N).
import { useEffect } from 'react';
import type { Locale, Receipt, SaleView } from '../../shared/contract';
import type { PrintJobView } from '../../shared/printing';
import type { AppError } from '../../shared/domain/errors';
import { errorText, type Translate } from '../i18n';
import { useKeys } from '../hooks/use-keys';
import { useNow } from '../hooks/use-now';
import { OPEN_STATES, type SessionActions } from '../stores/sale-session';
import { KeyButton } from './KeyButton';
import { ErrorBox } from './ErrorBox';
import { ReceiptView } from './ReceiptView';
import { PrintStatus } from './PrintStatus';
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
  merchant?: string;
  /** Providers as people read them (the app info's registry names). */
  providerNames?: Readonly<Record<string, string>>;
  /** The last print job of this struk, if any. */
  printed?: PrintJobView | null;
};

export function SaleResult({ sale, receipt, busy, error, t, locale, actions, onNew, onShown, merchant = '', printed = null, providerNames = {} }: Props) {
  const now = useNow();
  const open = OPEN_STATES.has(sale.state);
  useEffect(() => {
    onShown?.();
    if (!open) return;
    const fast = sale.state === 'sending' || sale.state === 'paid' || sale.state === 'awaiting_payment';
    const id = setInterval(() => void actions.refresh(), fast ? 700 : 2000);
    return () => clearInterval(id);
  }, [sale.id, sale.state]);

  // Cash due back must be handed over before the next customer; a provider refund runs by itself.
  const refundDue = sale.payment.state === 'refund_due' && sale.payment.refundBy === 'cash';
  const waiting = sale.state === 'awaiting_payment';
  const settled = sale.state !== 'paid' && sale.state !== 'sending' && !waiting;
  const cancelled = sale.state === 'cancelled';
  const keys: Record<string, () => void> = {};
  if (waiting && (sale.payment.display?.vaNumber || sale.payment.display?.billKey)) keys.p = () => void actions.print();
  if (settled) {
    keys.p = () => void actions.print();
    keys.s = () => void actions.save();
    if (!refundDue) {
      keys.n = onNew;
      keys.Enter = cancelled ? actions.payAgain : onNew;
    }
    if (cancelled) keys.a = actions.payAgain;
  }
  useKeys(keys, !busy);

  const failure = (v: SaleView): string => (v.failure ? errorText(t, locale, v.failure) : '');
  const printLabel =
    sale.state === 'succeeded' ? t('sale.print') : sale.state === 'failed' || cancelled ? t('sale.printFailed') : waiting ? t('pay.printSlip') : t('sale.printPending');

  return (
    <section className="card step-result">
      <div className="two-col">
        <div>
          <SaleStatusPanel sale={sale} t={t} now={now} errorMessage={failure} showChange merchant={merchant} providerNames={providerNames} />
          {sale.warnings.map((w) => (
            <div key={w.code} className="warning">
              {t(`sale.warning.${w.code}`, w.params)}
            </div>
          ))}
          {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
          <PrintStatus printed={printed} t={t} />
          <div className="actions wrap">
            <OpenSaleActions sale={sale} t={t} busy={busy} actions={actions} />
            {waiting && (sale.payment.display?.vaNumber || sale.payment.display?.billKey) ? (
              <KeyButton keyLabel="P" onClick={() => void actions.print()} testId="print">
                {printLabel}
              </KeyButton>
            ) : null}
            {cancelled ? (
              <KeyButton keyLabel="A" variant="primary" onClick={actions.payAgain} testId="pay-again">
                {t('pay.payAgain')}
              </KeyButton>
            ) : null}
            {settled ? (
              <>
                <KeyButton keyLabel="P" onClick={() => void actions.print()} testId="print">
                  {printLabel}
                </KeyButton>
                <KeyButton keyLabel="S" onClick={() => void actions.save()} testId="save">
                  {t('sale.save')}
                </KeyButton>
                <KeyButton keyLabel="N" variant={cancelled ? 'ghost' : 'primary'} onClick={onNew} disabled={refundDue} testId="new-sale">
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
