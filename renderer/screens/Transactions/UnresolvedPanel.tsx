// Sales not finished with, on any day, each with what Loket is doing about it and who acts next —
// the first thing a cashier or supervisor looks at when a customer comes back asking.
import { useEffect, useRef } from 'react';
import type { UnresolvedActivity, UnresolvedItem } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/domain/money';
import { businessDate, formatLocalDateTime } from '../../../shared/domain/time';
import type { Translate } from '../../i18n';
import { useNow } from '../../hooks/use-now';
import { StatusBadge } from '../../components/StatusBadge';

const PROVIDER_NAMES: Record<string, string> = { vsi: 'VSI', sat: 'SAT', midtrans: 'Midtrans', worldline: 'Worldline', chainside: 'Chainside' };
/** Who must act: Loket itself (wait), the cashier, or a supervisor. */
const ACTOR: Record<UnresolvedActivity['kind'], 'loket' | 'cashier' | 'supervisor'> = {
  awaiting_payment: 'loket',
  buying: 'loket',
  asking_provider: 'loket',
  refunding: 'loket',
  cash_back: 'cashier',
  needs_supervisor: 'supervisor',
  hand_back: 'supervisor',
  excess_back: 'supervisor',
};

function when(at: number, now: number, tz: string): string {
  const local = formatLocalDateTime(at, tz);
  return businessDate(at, tz) === businessDate(now, tz) ? local.slice(11, 16) : local.slice(0, 16);
}

function Activity({ item, t, tz, now }: { item: UnresolvedItem; t: Translate; tz: string; now: number }) {
  const a = item.activity;
  const provider = a.provider ? (PROVIDER_NAMES[a.provider] ?? a.provider) : '';
  const details: string[] = [];
  if (a.attempts > 0 || a.nextAt !== null) {
    details.push(a.nextAt === null ? t('unresolved.tries', { n: a.attempts }) : a.nextAt <= now + 1_000 ? t('unresolved.nextNow', { n: a.attempts + 1 }) : t('unresolved.next', { n: a.attempts + 1, time: when(a.nextAt, now, tz) }));
  }
  if (a.expiresAt !== null) details.push(t('unresolved.expires', { time: when(a.expiresAt, now, tz) }));
  if (a.lastResult) details.push(t('unresolved.last', { result: a.lastResult }));
  return (
    <div className="u-activity">
      <div data-testid="unresolved-activity">
        {t(`unresolved.kind.${a.kind}`, { provider, method: t(`pay.method.${item.row.paymentMethod}`), amount: formatRupiah(a.amount) })}
      </div>
      {a.reason ? <div className="muted small">{t(`sale.reviewReason.${a.reason}`)}</div> : null}
      {details.length > 0 ? <div className="muted small">{details.join(' · ')}</div> : null}
    </div>
  );
}

type Props = { t: Translate; tz: string; items: UnresolvedItem[]; more: boolean; active: boolean; selected: number; onOpen(index: number): void };

export function UnresolvedPanel({ t, tz, items, more, active, selected, onOpen }: Props) {
  const now = useNow(15_000);
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (active) list.current?.children[selected]?.scrollIntoView({ block: 'nearest' });
  }, [active, selected]);
  if (items.length === 0) return null;
  return (
    <section className={`card unresolved${active ? ' active' : ''}`} data-testid="unresolved">
      <div className="detail-head">
        <h3>{t('unresolved.title', { count: items.length })}</h3>
        <span className="muted small">{t('unresolved.hint')}</span>
      </div>
      <ul ref={list}>
        {items.map((item, i) => (
          <li
            key={item.row.id}
            className={`actor-${ACTOR[item.activity.kind]}${active && i === selected ? ' selected' : ''}`}
            onClick={() => onOpen(i)}
            data-testid={`unresolved-${item.row.receiptNo}`}
          >
            <div className="u-id">
              <div>
                <span className="mono">{item.row.receiptNo}</span> <span className="muted small">{when(item.row.createdAt, now, tz)}</span>
              </div>
              <StatusBadge state={item.row.state} label={t(`state.${item.row.state}`)} />
            </div>
            <div className="u-sale">
              <div className="clip">
                {item.row.productName} · <span className="mono">{item.row.customerNumber}</span>
              </div>
              <div className="num">{formatRupiah(item.row.total)}</div>
            </div>
            <Activity item={item} t={t} tz={tz} now={now} />
            <span className="actor badge">{t(`unresolved.actor.${ACTOR[item.activity.kind]}`)}</span>
          </li>
        ))}
      </ul>
      {more ? <p className="muted small">{t('unresolved.more')}</p> : null}
    </section>
  );
}
