// A supervisor's refund of a delivered non-cash sale: the amount (all of what is left, or part of
// it) and the reason, confirmed before it goes to the provider. U opens it.
import { useState, type FormEvent } from 'react';
import type { SaleView } from '../../../shared/contract';
import { formatAmount, formatRupiah, parseRupiahInput } from '../../../shared/domain/money';
import { useApp } from '../../stores/app-store';
import { useTransactions } from '../../stores/transactions-store';
import { useKeys } from '../../hooks/use-keys';
import { KeyButton } from '../../components/KeyButton';
import { ConfirmDialog } from '../../components/ConfirmDialog';

export function RefundForm({ sale }: { sale: SaleView }) {
  const { t } = useApp();
  const tx = useTransactions();
  const remaining = sale.payment.amount - sale.payment.refunded;
  const [open, setOpen] = useState(false);
  const [amountText, setAmountText] = useState(String(remaining));
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  useKeys({ u: () => setOpen(true) }, !open && !tx.busy);
  const amount = parseRupiahInput(amountText) ?? 0;
  const valid = amount > 0 && amount <= remaining && reason.trim().length >= 3;

  if (!open) {
    return (
      <div className="actions">
        <KeyButton keyLabel="U" variant="ghost" onClick={() => setOpen(true)} testId="refund-open">
          {t('pay.refund')}
        </KeyButton>
      </div>
    );
  }
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (valid) setConfirming(true);
  };
  return (
    <form className="card form refund-form" onSubmit={submit} data-testid="refund-form">
      <h3>{t('pay.refundTitle')}</h3>
      <label>
        {t('pay.refundAmount')}
        <input autoFocus inputMode="numeric" value={amount > 0 ? formatAmount(amount) : ''} onChange={(e) => setAmountText(e.target.value.replace(/\D/g, ''))} data-testid="refund-amount" />
      </label>
      <p className="muted">{t('pay.refundMax', { amount: formatRupiah(remaining) })}</p>
      <label>
        {t('pay.refundReason')}
        <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} data-testid="refund-reason" />
      </label>
      <div className="actions">
        <button type="button" className="btn ghost" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn danger" disabled={!valid || tx.busy} data-testid="refund-submit">
          {t('pay.refundDo')}
        </button>
      </div>
      {confirming ? (
        <ConfirmDialog
          message={`${t('pay.refundDo')}: ${formatRupiah(amount)} — ${reason}`}
          confirmLabel={t('pay.refundDo')}
          cancelLabel={t('common.cancel')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void tx.refund(amount, reason.trim()).then((ok) => ok && setOpen(false));
          }}
        />
      ) : null}
    </form>
  );
}
