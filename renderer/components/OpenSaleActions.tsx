// The actions an unfinished or failed sale offers, wherever it is shown: record the cash handed
// back (R), ask the provider now (C), declare it failed after review (F, with confirmation).
import { useState } from 'react';
import type { SaleView } from '../../shared/contract';
import { formatRupiah } from '../../shared/domain/money';
import type { Translate } from '../i18n';
import { useKeys } from '../hooks/use-keys';
import { KeyButton } from './KeyButton';
import { ConfirmDialog } from './ConfirmDialog';

type Props = {
  sale: SaleView;
  t: Translate;
  busy: boolean;
  onCashReturned: () => void;
  onCheck: () => void;
  onDeclareFailed: () => void;
};

export function OpenSaleActions({ sale, t, busy, onCashReturned, onCheck, onDeclareFailed }: Props) {
  const [confirming, setConfirming] = useState(false);
  const refundDue = sale.cash.state === 'refund_due';
  const canCheck = sale.state === 'pending' || sale.state === 'review';
  const review = sale.state === 'review';
  const keys: Record<string, () => void> = {};
  if (refundDue) keys.r = onCashReturned;
  if (canCheck) keys.c = onCheck;
  if (review) keys.f = () => setConfirming(true);
  useKeys(keys, !busy && !confirming);

  return (
    <>
      {refundDue ? (
        <KeyButton keyLabel="R" variant="danger" onClick={onCashReturned} testId="cash-returned">
          {t('sale.cashReturned')}
        </KeyButton>
      ) : null}
      {canCheck ? (
        <KeyButton keyLabel="C" onClick={onCheck} disabled={busy} testId="check-status">
          {t('sale.checkNow')}
        </KeyButton>
      ) : null}
      {review ? (
        <KeyButton keyLabel="F" variant="danger" onClick={() => setConfirming(true)} testId="declare-failed">
          {t('sale.declareFailed')}
        </KeyButton>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          message={t('sale.declareConfirm', { amount: formatRupiah(sale.amounts.total) })}
          confirmLabel={t('sale.declareFailed')}
          cancelLabel={t('common.cancel')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            onDeclareFailed();
          }}
        />
      ) : null}
    </>
  );
}
