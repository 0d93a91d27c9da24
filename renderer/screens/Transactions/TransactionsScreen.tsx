import { useEffect } from 'react';
import type { StatusFilter } from '../../../shared/contract';
import { formatBusinessDate } from '../../../shared/domain/time';
import { useApp } from '../../stores/app-store';
import { useTransactions } from '../../stores/transactions-store';
import { useKeys } from '../../hooks/use-keys';
import { useFieldFocused } from '../../hooks/use-field-focused';
import { TransactionsTable } from './TransactionsTable';
import { UnresolvedPanel } from './UnresolvedPanel';
import { TotalsBar } from './TotalsBar';
import { SaleDetail } from './SaleDetail';
import { SearchBar, SelectionTotals } from './SearchBar';

const FILTERS: StatusFilter[] = ['all', 'succeeded', 'open', 'failed', 'refund_due'];

export function TransactionsScreen() {
  const tx = useTransactions();
  const { t, info } = useApp();
  const tz = info?.outlet.timeZone ?? 'Asia/Jakarta';
  const typing = useFieldFocused();

  useEffect(() => {
    void tx.load();
    const id = setInterval(() => void tx.load(), 4000);
    return () => clearInterval(id);
    // load once on entry, then refresh; tx is a stable store
  }, []);

  const keys: Record<string, () => void> = {
    ArrowDown: () => tx.move(1),
    ArrowUp: () => tx.move(-1),
    PageDown: () => tx.move(10),
    PageUp: () => tx.move(-10),
  };
  // Enter opens the selected sale — unless a search field has the cursor (Enter applies the search).
  if (!typing) {
    keys.Enter = () => void (tx.zone === 'unresolved' ? tx.openUnresolved() : tx.open());
    keys.u = () => tx.toggleZone();
  }
  FILTERS.forEach((f, i) => {
    keys[String(i + 1)] = () => void tx.setFilter(f);
  });
  useKeys(keys, tx.detail === null);

  return (
    <div className={`transactions${tx.detail ? ' with-detail' : ''}`}>
      <div className="tx-main">
        <UnresolvedPanel
          t={t}
          tz={tz}
          items={tx.unresolved}
          more={tx.unresolvedMore}
          active={tx.zone === 'unresolved'}
          selected={tx.unresolvedSelected}
          onOpen={(i) => void tx.openUnresolved(i)}
        />
        <section className="card">
          <div className="detail-head">
            {tx.filter === 'refund_due' ? (
              <h2>{t('tx.refundDueTitle')}</h2>
            ) : tx.selection ? (
              <h2 data-testid="selection-title">
                {tx.selection.query ? t('tx.searchTitle', { query: tx.selection.query }) : t('tx.rangeTitle', { from: formatBusinessDate(tx.selection.from), to: formatBusinessDate(tx.selection.to) })}
              </h2>
            ) : (
              <h2>
                {t('tx.title')} <span className="muted">{formatBusinessDate(tx.businessDate)}</span>
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
            <TransactionsTable
              t={t}
              tz={tz}
              items={tx.items}
              selected={tx.zone === 'list' ? tx.selected : -1}
              withDate={tx.selection !== null || tx.filter === 'refund_due'}
              compact={tx.detail !== null}
              hasMore={tx.nextBeforeSeq !== null}
              onOpen={(i) => void tx.open(i)}
              onNearEnd={() => void tx.loadMore()}
            />
          )}
          <div className="hint">{t('tx.hint')}</div>
        </section>
      </div>
      {tx.detail ? <SaleDetail /> : null}
    </div>
  );
}
