// The payment step of every sale: the summary on the left; on the right the method (a letter
// switches it: T cash, Q QRIS, G GoPay, S ShopeePay, V transfer, K card, B bitcoin) and what it needs.
// Non-cash methods only create the payment here; the sale then waits for it on the result screen.
import { useEffect, type ReactNode } from 'react';
import type { Amounts } from '../../../shared/contract';
import type { AppError } from '../../../shared/domain/errors';
import type { CardInput } from '../../../shared/payment';
import type { Translate } from '../../i18n';
import { useKeys } from '../../hooks/use-keys';
import { PAY_TABS, VA_BANKS, type PayTab, type PaymentChoiceState, type VaBank } from '../../stores/payment-choice';
import { KeyButton } from '../KeyButton';
import { ErrorBox } from '../ErrorBox';
import { AmountSummary } from '../AmountSummary';
import { CashTender } from './CashTender';
import { CardEntry } from './CardEntry';
import { RailLine } from '../RailLine';
import { providerLabel, useApp } from '../../stores/app-store';

export type PaymentPanelProps = {
  t: Translate;
  summary: ReactNode;
  amounts: Amounts;
  faceLabel?: string;
  /** What Enter does with cash, in the cashier's words ("Bayar tagihan", "Bayar & beli token"). */
  payLabel: string;
  choice: PaymentChoiceState;
  busy: boolean;
  error: AppError | null;
  errorMessage: (e: AppError) => string;
  onTendered: (text: string) => void;
  onMethod: (tab: PayTab) => void;
  onVaBank: (bank: VaBank) => void;
  onPay: (card: CardInput | null) => void;
  onBack: () => void;
};

/** Method letters work even inside the amount field (it takes digits only) — not in the card field, which a reader types into. */
function useMethodLetters(onMethod: (tab: PayTab) => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey || e.ctrlKey || e.metaKey || e.isComposing || e.key.length !== 1) return;
      if (e.target instanceof HTMLElement && e.target.dataset.cardInput !== undefined) return;
      const hit = PAY_TABS.find((p) => p.key === e.key.toLowerCase());
      if (!hit) return;
      e.preventDefault();
      onMethod(hit.tab);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, onMethod]);
}

function WaitingMethod({ t, choice, busy, onVaBank, onPay }: { t: Translate; choice: PaymentChoiceState; busy: boolean; onVaBank: (b: VaBank) => void; onPay: () => void }) {
  const va = choice.payMethod === 'va';
  const keys: Record<string, () => void> = { Enter: onPay };
  if (va) VA_BANKS.forEach((b, i) => (keys[String(i + 1)] = () => onVaBank(b)));
  useKeys(keys, !busy);
  const wallet = choice.payMethod === 'gopay' ? 'GoPay' : 'ShopeePay';
  const bitcoin = choice.payMethod === 'bitcoin';
  const info = choice.payMethod === 'qris' ? t('pay.qrisInfo') : va ? t('pay.vaInfo') : bitcoin ? t('pay.bitcoinInfo') : t('pay.walletInfo', { wallet });
  return (
    <div className="waiting-method">
      <p className="muted">{info}</p>
      {va ? (
        <ul className="options" role="listbox" aria-label={t('pay.method.va')}>
          {VA_BANKS.map((b, i) => (
            <li key={b} role="option" aria-selected={choice.vaBank === b} className={`option${choice.vaBank === b ? ' selected' : ''}`} onClick={() => onVaBank(b)} data-testid={`bank-${b}`}>
              <kbd className="kbd">{i + 1}</kbd> {t(`pay.method.${b}`)}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="actions">
        <KeyButton keyLabel="Enter" variant="primary" onClick={onPay} disabled={busy} testId="create-payment">
          {busy ? t('sale.paying') : va ? t('pay.createVa') : bitcoin ? t('pay.createBitcoin') : t('pay.createQr')}
        </KeyButton>
      </div>
    </div>
  );
}

/** The rail the chosen way to pay will use (issue 15 §6): Midtrans for QRIS and transfers, Worldline for cards, Chainside for bitcoin. */
function PaymentRail({ t, choice }: { t: Translate; choice: PaymentChoiceState }) {
  const info = useApp((s) => s.info);
  if (!info || choice.payMethod === 'cash') return null;
  const gateway = info.paymentGateways[choice.payMethod === 'va' ? choice.vaBank : choice.payMethod];
  if (!gateway) return null;
  return <RailLine t={t} now={Date.now()} name={providerLabel(info, gateway)} rail={info.rails.find((r) => r.provider === gateway) ?? null} testId="payment-rail-line" />;
}

export function PaymentPanel(p: PaymentPanelProps) {
  const { t, choice, busy } = p;
  useKeys({ Escape: p.onBack }, !busy);
  useMethodLetters(p.onMethod, !busy);
  return (
    <section className="card step-payment">
      <div className="two-col">
        <div>
          {p.summary}
          <AmountSummary amounts={p.amounts} t={t} {...(p.faceLabel ? { faceLabel: p.faceLabel } : {})} />
          <div className="actions">
            <KeyButton keyLabel="Esc" variant="ghost" onClick={p.onBack} disabled={busy}>
              {t('common.back')}
            </KeyButton>
          </div>
        </div>
        <div className="pay-side">
          <h2>{t('pay.title')}</h2>
          <div className="pay-tabs" role="tablist">
            {PAY_TABS.map(({ tab, key }) => (
              <button
                key={tab}
                type="button"
                role="tab"
                aria-selected={choice.payMethod === tab}
                className={`chip${choice.payMethod === tab ? ' active' : ''}`}
                onClick={() => p.onMethod(tab)}
                tabIndex={-1}
                data-testid={`method-${tab}`}
              >
                <kbd className="kbd">{key.toUpperCase()}</kbd> {t(`pay.method.${tab}`)}
              </button>
            ))}
          </div>
          {choice.payMethod === 'cash' ? (
            <CashTender t={t} total={p.amounts.total} payLabel={p.payLabel} tenderedText={choice.tenderedText} busy={busy} onTendered={p.onTendered} onPay={() => p.onPay(null)} />
          ) : choice.payMethod === 'card' ? (
            <CardEntry t={t} busy={busy} onCharge={(card) => p.onPay(card)} />
          ) : (
            <WaitingMethod t={t} choice={choice} busy={busy} onVaBank={p.onVaBank} onPay={() => p.onPay(null)} />
          )}
          <p className="hint">{t('pay.hint')}</p>
          <PaymentRail t={t} choice={choice} />
        </div>
      </div>
      {p.error ? <ErrorBox message={p.errorMessage(p.error)} detail={p.error.detail} detailLabel={t('common.detail')} /> : null}
    </section>
  );
}
