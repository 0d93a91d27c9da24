// The actions an unfinished, failed or cancelled sale offers, wherever it is shown: record money
// handed back (R, also bitcoin sent beyond the sale), ask the provider now (C), declare it failed
// after review (F), and for a payment still waiting: cancel it (X, confirmed) or — in training —
// play the customer (B pays; for bitcoin H pays half, M mines a block).
import { useState } from 'react';
import type { SaleView, SimulatedOutcome } from '../../shared/contract';
import { formatRupiah } from '../../shared/domain/money';
import { cashHandBack } from '../../shared/payment';
import type { Translate } from '../i18n';
import { useKeys } from '../hooks/use-keys';
import { KeyButton } from './KeyButton';
import { ConfirmDialog } from './ConfirmDialog';

export type OpenSaleHandlers = {
  confirmCashReturned(): Promise<void>;
  checkStatus(): Promise<void>;
  declareFailed(): Promise<void>;
  checkPayment(): Promise<void>;
  cancelPayment(): Promise<void>;
  simulatePayment(outcome: SimulatedOutcome): Promise<void>;
};

type Props = { sale: SaleView; t: Translate; busy: boolean; actions: OpenSaleHandlers };

export function OpenSaleActions({ sale, t, busy, actions }: Props) {
  const [confirming, setConfirming] = useState<'declare' | 'cancel' | 'returned' | null>(null);
  const p = sale.payment;
  const excessDue = p.excess > 0 && !p.excessReturned;
  const handBack = (p.state === 'refund_due' && (p.refundBy === 'cash' || p.refundBy === 'manual')) || excessDue;
  const bitcoin = p.method === 'bitcoin';
  const returnAmount = p.state === 'refund_due' ? (p.method === 'cash' ? cashHandBack(p) : p.amount - p.refunded) : p.excess;
  const canCheck = sale.state === 'pending' || sale.state === 'review';
  // A supervisor may decide once the provider said it has no such sale (the core asks once more first).
  const review = sale.state === 'review' || (sale.state === 'pending' && (sale.pending?.notFoundCount ?? 0) > 0);
  const waiting = sale.state === 'awaiting_payment';
  const training = sale.env === 'training';
  const keys: Record<string, () => void> = {};
  // Money leaving the drawer is confirmed with its amount: one stray key must not record it.
  if (handBack) keys.r = () => setConfirming('returned');
  if (canCheck) keys.c = () => void actions.checkStatus();
  if (review) keys.f = () => setConfirming('declare');
  if (waiting) {
    keys.c = () => void actions.checkPayment();
    keys.x = () => setConfirming('cancel');
    if (training) keys.b = () => void actions.simulatePayment('pay');
    if (training && bitcoin) {
      keys.h = () => void actions.simulatePayment('pay_part');
      keys.m = () => void actions.simulatePayment('confirm');
    }
  }
  useKeys(keys, !busy && confirming === null);

  return (
    <>
      {handBack ? (
        <KeyButton keyLabel="R" variant="danger" onClick={() => setConfirming('returned')} testId="cash-returned">
          {p.refundBy === 'manual' || (p.state !== 'refund_due' && excessDue) ? t('pay.manualDone') : t('sale.cashReturned')}
        </KeyButton>
      ) : null}
      {canCheck ? (
        <KeyButton keyLabel="C" onClick={() => void actions.checkStatus()} disabled={busy} testId="check-status">
          {t('sale.checkNow')}
        </KeyButton>
      ) : null}
      {waiting ? (
        <>
          <KeyButton keyLabel="C" onClick={() => void actions.checkPayment()} disabled={busy} testId="check-payment">
            {t('pay.checkNow')}
          </KeyButton>
          <KeyButton keyLabel="X" variant="danger" onClick={() => setConfirming('cancel')} disabled={busy || p.cancelRequested} testId="cancel-payment">
            {t('pay.cancel')}
          </KeyButton>
        </>
      ) : null}
      {waiting && training ? (
        <div className="simulate" data-testid="simulate">
          <span className="muted">{t('pay.simulate')}:</span>
          <KeyButton keyLabel="B" onClick={() => void actions.simulatePayment('pay')} disabled={busy} testId="simulate-pay">
            {t('pay.simulatePay')}
          </KeyButton>
          {bitcoin ? (
            <>
              <KeyButton keyLabel="H" onClick={() => void actions.simulatePayment('pay_part')} disabled={busy} testId="simulate-pay-part">
                {t('btc.simulateHalf')}
              </KeyButton>
              <KeyButton keyLabel="M" onClick={() => void actions.simulatePayment('confirm')} disabled={busy} testId="simulate-confirm">
                {t('btc.simulateBlock')}
              </KeyButton>
              <button type="button" className="btn ghost" onClick={() => void actions.simulatePayment('pay_over')} disabled={busy} data-testid="simulate-pay-over">
                {t('btc.simulateOver')}
              </button>
            </>
          ) : null}
          <button type="button" className="btn ghost" onClick={() => void actions.simulatePayment('expire')} disabled={busy} data-testid="simulate-expire">
            {t('pay.simulateExpire')}
          </button>
          {bitcoin ? null : (
            <button type="button" className="btn ghost" onClick={() => void actions.simulatePayment('deny')} disabled={busy} data-testid="simulate-deny">
              {t('pay.simulateDeny')}
            </button>
          )}
        </div>
      ) : null}
      {review ? (
        <KeyButton keyLabel="F" variant="danger" onClick={() => setConfirming('declare')} testId="declare-failed">
          {t('sale.declareFailed')}
        </KeyButton>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          message={
            confirming === 'declare'
              ? t('sale.declareConfirm', { amount: formatRupiah(sale.amounts.total) })
              : confirming === 'returned'
                ? t('sale.returnedConfirm', { amount: formatRupiah(returnAmount) })
                : t('pay.cancelConfirm', { amount: formatRupiah(sale.amounts.total) })
          }
          confirmLabel={confirming === 'declare' ? t('sale.declareFailed') : confirming === 'returned' ? t('sale.returnedYes') : t('pay.cancel')}
          cancelLabel={t('common.cancel')}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const what = confirming;
            setConfirming(null);
            void (what === 'declare' ? actions.declareFailed() : what === 'returned' ? actions.confirmCashReturned() : actions.cancelPayment());
          }}
        />
      ) : null}
    </>
  );
}
