import type { TodayTotals } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/domain/money';
import type { Translate } from '../../i18n';

export function TotalsBar({ totals, t }: { totals: TodayTotals; t: Translate }) {
  return (
    <div className="totals" data-testid="totals">
      <div className="total-card">
        <div className="label">{t('tx.count')}</div>
        <div className="value">{totals.count}</div>
      </div>
      <div className="total-card ok">
        <div className="label">{t('tx.succeededTotal')}</div>
        <div className="value">{formatRupiah(totals.succeededTotal)}</div>
        <div className="sub">{totals.succeededCount}×</div>
      </div>
      {totals.figures.refunds.count > 0 ? (
        <div className="total-card failed" data-testid="refunds-total">
          <div className="label">{t('tx.refunds')}</div>
          <div className="value">-{formatRupiah(totals.figures.refunds.total)}</div>
          <div className="sub">
            {totals.figures.refunds.count}× · {t('tx.net')} {formatRupiah(totals.figures.net)}
          </div>
        </div>
      ) : null}
      <div className={`total-card ${totals.openCount > 0 ? 'pending' : ''}`}>
        <div className="label">{t('tx.openTotal')}</div>
        <div className="value">{formatRupiah(totals.openTotal)}</div>
        <div className="sub">{totals.openCount}×</div>
      </div>
      <div className={`total-card ${totals.refundDue > 0 ? 'failed' : ''}`}>
        <div className="label">{t('tx.owedBack')}</div>
        <div className="value" data-testid="refund-due-total">{formatRupiah(totals.refundDue)}</div>
        {totals.cashRefundDue > 0 ? <div className="sub">{t('pay.method.cash')}: {formatRupiah(totals.cashRefundDue)}</div> : null}
      </div>
      <div className="total-card">
        <div className="label">{t('tx.cashInDrawer')}</div>
        <div className="value" data-testid="cash-in-drawer">{formatRupiah(totals.cashInDrawer)}</div>
      </div>
      {totals.byMethod.some((m) => m.method !== 'cash') ? (
        <div className="total-card wide" data-testid="by-method">
          <div className="label">{t('tx.byMethod')}</div>
          {totals.byMethod.map((m) => (
            <div key={m.method} className="sub">
              {t(`pay.method.${m.method}`)}: {formatRupiah(m.total)} ({m.count}×)
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
