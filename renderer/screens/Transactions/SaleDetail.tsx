import { useEffect } from 'react';
import { formatRupiah } from '../../../shared/domain/money';
import { formatLocalDateTime } from '../../../shared/domain/time';
import { providerLabel, useApp } from '../../stores/app-store';
import { useTransactions } from '../../stores/transactions-store';
import { errorText } from '../../i18n';
import { useKeys } from '../../hooks/use-keys';
import { useNow } from '../../hooks/use-now';
import { KeyButton } from '../../components/KeyButton';
import { ReceiptView } from '../../components/ReceiptView';
import { SaleStatusPanel } from '../../components/SaleStatusPanel';
import { OpenSaleActions } from '../../components/OpenSaleActions';
import { ErrorBox } from '../../components/ErrorBox';
import { OPEN_STATES } from '../../stores/sale-session';
import { RefundForm } from './RefundForm';

export function SaleDetail() {
  const tx = useTransactions();
  const { t, locale, info } = useApp();
  const now = useNow();
  const detail = tx.detail!;
  const sale = detail.sale;
  const tz = info?.outlet.timeZone ?? 'Asia/Jakarta';
  const p = sale.payment;
  // A supervisor may give money back on a delivered sale paid by QRIS, e-wallet or card.
  const refundable = sale.state === 'succeeded' && p.state === 'settled' && ['cash', 'qris', 'gopay', 'shopeepay', 'card'].includes(p.method);
  // A sale still in progress is followed here as on the sale screen: the panel never shows a stale "Mengirim…".
  const unfinished = OPEN_STATES.has(sale.state) || p.state === 'refund_due';
  useEffect(() => {
    if (!unfinished) return;
    const id = setInterval(() => void tx.refreshDetail(), 1_500);
    return () => clearInterval(id);
  }, [sale.id, unfinished]);

  const keys: Record<string, () => void> = {
    Escape: () => tx.close(),
    p: () => void tx.reprint(),
    s: () => void tx.save(),
  };
  useKeys(keys);

  return (
    <aside className="detail card" data-testid="sale-detail">
      <div className="detail-head">
        <h2>
          {t('tx.detail')} · {sale.receiptNo}
        </h2>
        <button type="button" className="btn ghost" onClick={() => tx.close()}>
          {t('common.close')} <kbd className="kbd">Esc</kbd>
        </button>
      </div>
      <div className="muted" data-testid="detail-summary">
        {formatLocalDateTime(sale.createdAt, tz)} · {sale.product.name} · {[sale.customer.name, sale.customer.meterNumber || sale.customer.number].filter(Boolean).join(' · ')} ·{' '}
        {formatRupiah(sale.amounts.total)} · {t('tx.via', { provider: providerLabel(info, sale.product.provider) })}
      </div>
      <SaleStatusPanel sale={sale} t={t} now={now} errorMessage={(v) => (v.failure ? errorText(t, locale, v.failure) : '')} providerNames={info?.providerNames ?? {}} />
      {tx.error ? <ErrorBox message={errorText(t, locale, tx.error)} detail={tx.error.detail} detailLabel={t('common.detail')} /> : null}
      <div className="actions wrap">
        <OpenSaleActions sale={sale} t={t} busy={tx.busy} actions={tx} />
        <KeyButton keyLabel="P" onClick={() => void tx.reprint()} testId="reprint">
          {t('tx.reprint')}
        </KeyButton>
        <KeyButton keyLabel="S" onClick={() => void tx.save()}>
          {t('sale.save')}
        </KeyButton>
      </div>
      {refundable ? <RefundForm sale={sale} /> : null}
      {detail.receipt ? <ReceiptView receipt={detail.receipt} /> : null}
    </aside>
  );
}
