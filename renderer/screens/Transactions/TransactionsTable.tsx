// The list of sales: only the rows in view are in the page (the list may hold thousands), and
// scrolling or moving the cursor near the end loads the next page.
import { useEffect } from 'react';
import type { SaleRow } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/domain/money';
import { formatLocalDateTime } from '../../../shared/domain/time';
import type { Translate } from '../../i18n';
import { useRowWindow } from '../../hooks/use-row-window';
import { StatusBadge } from '../../components/StatusBadge';

export const ROW_HEIGHT = 58;

type Props = {
  t: Translate;
  tz: string;
  items: SaleRow[];
  selected: number;
  withDate: boolean;
  /** Beside the sale's detail: no room for the face value (the total stays). */
  compact: boolean;
  hasMore: boolean;
  onOpen(index: number): void;
  onNearEnd(): void;
};

export function TransactionsTable({ t, tz, items, selected, withDate, compact, hasMore, onOpen, onNearEnd }: Props) {
  const win = useRowWindow(items.length, ROW_HEIGHT, selected);
  const nearEnd = hasMore && (win.end >= items.length - 5 || selected >= items.length - 5);
  useEffect(() => {
    if (nearEnd) onNearEnd();
  }, [nearEnd, items.length]);
  const rows = items.slice(win.start, win.end);
  return (
    <div className="tx-scroll" ref={win.box} data-testid="tx-scroll">
      <table className={`tx-table tx-list${withDate ? ' with-date' : ''}`} data-testid="tx-table" aria-rowcount={items.length}>
        <colgroup>
          <col className="c-time" />
          <col className="c-receipt" />
          <col />
          {compact ? null : <col className="c-num" />}
          <col className="c-num" />
          <col className="c-status" />
        </colgroup>
        <thead>
          <tr>
            <th>{t('tx.time')}</th>
            <th>{t('tx.receipt')}</th>
            <th>{t('tx.customer')}</th>
            {compact ? null : <th className="num">{t('tx.nominal')}</th>}
            <th className="num">{t('tx.total')}</th>
            <th>{t('tx.status')}</th>
          </tr>
        </thead>
        <tbody>
          {win.padTop > 0 ? <tr className="pad" style={{ height: win.padTop }} aria-hidden /> : null}
          {rows.map((r, k) => {
            const i = win.start + k;
            const at = formatLocalDateTime(r.createdAt, tz);
            return (
              <tr key={r.id} className={i === selected ? 'selected' : ''} onClick={() => onOpen(i)} data-testid={`tx-row-${r.receiptNo}`} aria-rowindex={i + 1}>
                <td>{withDate ? at.slice(0, 16) : at.slice(11, 16)}</td>
                <td className="mono">{r.receiptNo}</td>
                <td>
                  <div className="clip">
                    {r.productName}
                    {r.customerName ? <span className="muted"> · {r.customerName}</span> : null}
                  </div>
                  <div className="muted mono clip">
                    {r.customerNumber}
                    {r.deliveryHint ? ` · ${r.deliveryHint}` : ''}
                  </div>
                </td>
                {compact ? null : <td className="num">{formatRupiah(r.faceValue)}</td>}
                <td className="num">{formatRupiah(r.total)}</td>
                <td>
                  <div className="clip">
                    <StatusBadge state={r.state} label={t(`state.${r.state}`)} />
                  </div>
                  <div className="muted small clip">
                    {r.paymentState === 'refund_due' ? <span className="badge state-failed">↩ {t('tx.refundDue')}</span> : null}
                    {r.paymentMethod !== 'cash' ? <span data-testid="row-method">{t(`pay.method.${r.paymentMethod}`)}</span> : null}
                  </div>
                </td>
              </tr>
            );
          })}
          {win.padBottom > 0 ? <tr className="pad" style={{ height: win.padBottom }} aria-hidden /> : null}
        </tbody>
      </table>
    </div>
  );
}
