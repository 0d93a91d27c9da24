import { useEffect, useRef } from 'react';
import type { StatusFilter } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/domain/money';
import { formatLocalDateTime } from '../../../shared/domain/time';
import { useApp } from '../../stores/app-store';
import { useTransactions } from '../../stores/transactions-store';
import { useKeys } from '../../hooks/use-keys';
import { useFieldFocused } from '../../hooks/use-field-focused';
import { StatusBadge } from '../../components/StatusBadge';
import { TotalsBar } from './TotalsBar';
import { SaleDetail } from './SaleDetail';
import { SearchBar, SelectionTotals } from './SearchBar';

const FILTERS: StatusFilter[] = ['all', 'succeeded', 'open', 'failed', 'refund_due'];

export function TransactionsScreen() {
  const tx = useTransactions();
  const { t, info } = useApp();
  const tz = info?.outlet.timeZone ?? 'Asia/Jakarta';
  const tableRef = useRef<HTMLTableSectionElement>(null);
  const typing = useFieldFocused();

  useEffect(() => {
    void tx.load();
    const id = setInterval(() => void tx.load(), 4000);
    return () => clearInterval(id);
    // load once on entry, then refresh; tx is a stable store
  }, []);

  useEffect(() => {
    tableRef.current?.querySelector('tr.selected')?.scrollIntoView({ block: 'nearest' });
  }, [tx.selected]);

  const keys: Record<string, () => void> = {
    ArrowDown: () => tx.move(1),
    ArrowUp: () => tx.move(-1),
    PageDown: () => tx.move(10),
    PageUp: () => tx.move(-10),
  };
  // Enter opens the selected sale — unless a search field has the cursor (Enter applies the search).
  if (!typing) keys.Enter = () => void tx.open();
  FILTERS.forEach((f, i) => {
    keys[String(i + 1)] = () => void tx.setFilter(f);
  });
  useKeys(keys, tx.detail === null);

  return (
    <div className={`transactions${tx.detail ? ' with-detail' : ''}`}>
      <section className="card">
        <div className="detail-head">
          {tx.filter === 'refund_due' ? (
            <h2>{t('tx.refundDueTitle')}</h2>
          ) : tx.selection ? (
            <h2 data-testid="selection-title">
              {tx.selection.query ? t('tx.searchTitle', { query: tx.selection.query }) : t('tx.rangeTitle', { from: tx.selection.from, to: tx.selection.to })}
            </h2>
          ) : (
            <h2>
              {t('tx.title')} <span className="muted">{tx.businessDate}</span>
            </h2>
          )}
          <div className="filters" role="tablist">
            {FILTERS.map((f, i) => (
              <button
                key={f}
                type="button"
                role="tab"
                aria-selected={tx.filter === f}
                className={`chip${tx.filter === f ? ' active' : ''}`}
                onClick={() => void tx.setFilter(f)}
                tabIndex={-1}
              >
                <kbd className="kbd">{i + 1}</kbd> {t(`tx.filter.${f}`)}
              </button>
            ))}
          </div>
        </div>
        <SearchBar t={t} today={tx.businessDate} shiftId={info?.counter.shift?.id ?? null} />
        {tx.selection ? tx.selectionTotals ? <SelectionTotals totals={tx.selectionTotals} t={t} /> : null : tx.totals ? <TotalsBar totals={tx.totals} t={t} /> : null}
        {tx.items.length === 0 ? (
          <p className="muted empty">{t(tx.filter === 'refund_due' ? 'tx.emptyRefundDue' : 'tx.empty')}</p>
        ) : (
          <table className="tx-table" data-testid="tx-table">
            <thead>
              <tr>
                <th>{t('tx.time')}</th>
                <th>{t('tx.receipt')}</th>
                <th>{t('tx.customer')}</th>
                <th className="num">{t('tx.nominal')}</th>
                <th className="num">{t('tx.total')}</th>
                <th>{t('tx.status')}</th>
              </tr>
            </thead>
            <tbody ref={tableRef}>
              {tx.items.map((r, i) => (
                <tr
                  key={r.id}
                  className={i === tx.selected ? 'selected' : ''}
                  onClick={() => void tx.open(i)}
                  data-testid={`tx-row-${r.receiptNo}`}
                >
                  <td>{tx.selection ? formatLocalDateTime(r.createdAt, tz).slice(0, 16) : formatLocalDateTime(r.createdAt, tz).slice(11, 16)}</td>
                  <td className="mono">{r.receiptNo}</td>
                  <td>
                    <div>
                      {r.productName}
                      {r.customerName ? <span className="muted"> · {r.customerName}</span> : null}
                    </div>
                    <div className="muted mono">
                      {r.customerNumber}
                      {r.deliveryHint ? ` · ${r.deliveryHint}` : ''}
                    </div>
                  </td>
                  <td className="num">{formatRupiah(r.faceValue)}</td>
                  <td className="num">{formatRupiah(r.total)}</td>
                  <td>
                    <StatusBadge state={r.state} label={t(`state.${r.state}`)} />
                    {r.paymentState === 'refund_due' ? <span className="badge state-failed">↩ {t('tx.refundDue')}</span> : null}
                    {r.paymentMethod !== 'cash' ? <div className="muted small" data-testid="row-method">{t(`pay.method.${r.paymentMethod}`)}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {tx.nextBeforeSeq !== null ? (
          <button type="button" className="btn ghost" onClick={() => void tx.loadMore()}>
            {t('tx.more')}
          </button>
        ) : null}
        <div className="hint">{t('tx.hint')}</div>
      </section>
      {tx.detail ? <SaleDetail /> : null}
    </div>
  );
}
