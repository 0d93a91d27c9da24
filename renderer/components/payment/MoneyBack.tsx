// Where the customer's money stands after a sale that did not deliver: due back from the drawer,
// being refunded by the provider, waiting for a supervisor's transfer, or already returned.
import type { SaleView } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/domain/money';
import { cashHandBack } from '../../../shared/payment';
import type { Translate } from '../../i18n';

export function MoneyBack({ sale, t }: { sale: SaleView; t: Translate }) {
  const p = sale.payment;
  const amount = formatRupiah(p.amount - (p.state === 'refunded' ? 0 : p.refunded));
  const method = t(`pay.method.${p.method}`);
  if (p.state === 'refunded') {
    return (
      <div className="refund done" data-testid="refunded">
        {p.method === 'cash'
          ? t('sale.refunded', { amount: formatRupiah(p.tendered) })
          : p.refunds.some((r) => r.kind === 'manual')
            ? t('pay.refundDoneByHand', { amount: formatRupiah(p.amount) })
            : t('pay.refundDone', { amount: formatRupiah(p.amount), method })}
      </div>
    );
  }
  if (p.state !== 'refund_due') return null;
  if (p.refundBy === 'cash') {
    return (
      <div className="refund big">
        <div data-testid="refund-due">{t('sale.refundDue', { amount: formatRupiah(cashHandBack(p)) })}</div>
        <div className="refund-detail" data-testid="refund-detail">
          {t('sale.refundDetail', { tendered: formatRupiah(p.tendered), total: formatRupiah(p.amount) })}
        </div>
      </div>
    );
  }
  return (
    <div className={`refund ${p.refundBy === 'manual' ? 'big' : ''}`} data-testid={p.refundBy === 'manual' ? 'refund-manual' : 'refund-auto'}>
      {p.refundBy === 'manual' ? t('pay.refundManual', { amount }) : t('pay.refundAuto', { amount, method })}
    </div>
  );
}
