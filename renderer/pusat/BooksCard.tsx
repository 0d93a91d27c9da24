// Loket Pusat → the books (issue 18): the trial balance of one outlet (all its counters) or of all
// outlets together on the day shown — each account's debits and credits that day and its balance
// at the day's end, from the counters' journals — and whether they balance. B cycles the outlets.
import type { HubBooks } from '../../shared/hub-contract';
import { formatRupiah } from '../../shared/domain/money';
import type { Translate } from '../i18n';

const money = (n: number): string => (n === 0 ? '' : formatRupiah(n));

export function BooksCard({ t, books, scope }: { t: Translate; books: HubBooks | null; scope: string | null }) {
  const outlet = scope === null ? null : (books?.outlets.find((o) => o.name === scope) ?? null);
  const accounts = outlet ? outlet.accounts : (books?.total ?? []);
  const balanced = outlet ? outlet.balanced : (books?.outlets.every((o) => o.balanced) ?? true);
  const title = `${scope ?? t('pusat.allOutlets')}${books?.env === 'training' ? ` (${t('pusat.booksTraining')})` : ''}`;
  return (
    <section className="card" data-testid="pusat-books">
      <h2>{t('pusat.books', { scope: title })}</h2>
      <p className="muted small">{t('pusat.booksKeys')}</p>
      {accounts.length === 0 ? (
        <p className="muted">{t('pusat.noBooks')}</p>
      ) : (
        <table className="tx-table">
          <thead>
            <tr>
              <th>{t('pusat.account')}</th>
              <th className="num">{t('pusat.dayDebit')}</th>
              <th className="num">{t('pusat.dayCredit')}</th>
              <th className="num">{t('pusat.balanceDebit')}</th>
              <th className="num">{t('pusat.balanceCredit')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.account} data-testid="pusat-book-row">
                <td>
                  <span className="mono">{a.account}</span> {a.name}
                </td>
                <td className="num">{money(a.debit)}</td>
                <td className="num">{money(a.credit)}</td>
                <td className="num">{money(Math.max(a.balance, 0))}</td>
                <td className="num">{money(Math.max(-a.balance, 0))}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="pusat-books-total">
              <td>
                <strong className={balanced ? '' : 'failed-text'}>{balanced ? t('pusat.balanced') : t('pusat.unbalanced')}</strong>
              </td>
              <td className="num">{formatRupiah(accounts.reduce((s, a) => s + a.debit, 0))}</td>
              <td className="num">{formatRupiah(accounts.reduce((s, a) => s + a.credit, 0))}</td>
              <td className="num">{formatRupiah(accounts.reduce((s, a) => s + Math.max(a.balance, 0), 0))}</td>
              <td className="num">{formatRupiah(accounts.reduce((s, a) => s + Math.max(-a.balance, 0), 0))}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
