// Loket Pusat → provider deposits (issue 18): each counter's deposit accounts as its books hold them
// (the day's movement, the balance at the day's end) beside what the provider last reported, and
// the difference in red — an opening deposit or a top-up not yet in the books, or worse.
import type { HubBooks } from '../../shared/hub-contract';
import { formatRupiah } from '../../shared/domain/money';
import { formatLocalDateTime } from '../../shared/domain/time';
import type { Translate } from '../i18n';

const ZONE = 'Asia/Jakarta';

export function DepositsCard({ t, deposits }: { t: Translate; deposits: HubBooks['deposits'] }) {
  return (
    <section className="card" data-testid="pusat-deposits">
      <h2>{t('pusat.deposits')}</h2>
      <p className="muted small">{t('pusat.depositsExplain')}</p>
      {deposits.length === 0 ? (
        <p className="muted">{t('pusat.noDeposits')}</p>
      ) : (
        <table className="tx-table">
          <thead>
            <tr>
              <th>{t('pusat.outletCounter')}</th>
              <th>{t('pusat.account')}</th>
              <th className="num">{t('pusat.moved')}</th>
              <th className="num">{t('pusat.bookBalance')}</th>
              <th className="num">{t('pusat.reported')}</th>
              <th className="num">{t('pusat.drift')}</th>
            </tr>
          </thead>
          <tbody>
            {deposits.map((d) => (
              <tr key={`${d.outlet}/${d.counter}/${d.account}`} data-testid="pusat-deposit-row">
                <td>
                  {d.outlet} · {d.counter}
                </td>
                <td>{d.name}</td>
                <td className="num">{formatRupiah(d.movedToday)}</td>
                <td className="num">{formatRupiah(d.balance)}</td>
                <td className="num">
                  {d.reported === null ? <span className="muted">{t('pusat.notReported')}</span> : formatRupiah(d.reported)}
                  {d.checkedAt === null ? null : <div className="muted small">{formatLocalDateTime(d.checkedAt, ZONE).slice(0, 16)}</div>}
                </td>
                <td className={`num${d.drift !== null && d.drift !== 0 ? ' failed-text' : ''}`}>{d.drift === null ? '' : d.drift === 0 ? t('pusat.exact') : formatRupiah(d.drift)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
