// F10 — the owner's books: every account's balance (↑↓ select, Enter opens its statement), each
// provider's deposit in the books against the saldo it reports, and recording a deposit top-up.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BooksView, Res } from '../../../shared/contract';
import { MoneyInput } from '../../components/MoneyInput';
import { formatRupiah, parseRupiahInput } from '../../../shared/domain/money';
import type { AppError } from '../../../shared/domain/errors';
import { call } from '../../api/client';
import { useApp } from '../../stores/app-store';
import { useKeys } from '../../hooks/use-keys';
import { errorText, type Translate } from '../../i18n';
import { ErrorBox } from '../../components/ErrorBox';
import { StatementTable } from './StatementTable';

/** "Digiflazz" from the deposit account's name ("Deposit Digiflazz"), else the provider's code. */
const depositName = (b: BooksView, account: string, provider: string): string =>
  b.accounts.find((a) => a.code === account)?.name.replace(/^Deposit\s+/i, '') ?? provider.toUpperCase();

/** Balances in the sign an owner reads: what assets and expenses hold, what liabilities, capital and income amount to. */
const shown = (a: BooksView['accounts'][number]): number => (a.kind === 'asset' || a.kind === 'expense' ? a.balance : 0 - a.balance);

function DepositForm({ t, onDone, providers }: { t: Translate; onDone: (v: BooksView) => void; providers: readonly { provider: string; name: string; reported: boolean }[] }) {
  // First the deposit a provider reports (the one there is something to reconcile with).
  const [provider, setProvider] = useState<string>((providers.find((p) => p.reported) ?? providers[0])?.provider ?? '');
  const [amountText, setAmountText] = useState('');
  const [source, setSource] = useState<'owner' | 'drawer'>('owner');
  const [note, setNote] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const { locale } = useApp();
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const amount = parseRupiahInput(amountText);
    if (!amount) {
      setError({ code: 'invalid_request', message: t('books.badAmount') });
      return;
    }
    const r = await call('books.recordDeposit', { provider, amount, source, note });
    if (!r.ok) return setError(r.error);
    setError(null);
    setAmountText('');
    setNote('');
    onDone(r.value);
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} data-testid="deposit-form">
      <h2>{t('books.topUp')}</h2>
      <label>
        {t('books.provider')}
        <select value={provider} onChange={(e) => setProvider(e.target.value)} data-testid="deposit-provider">
          {providers.map((p) => (
            <option key={p.provider} value={p.provider}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('books.amount')}
        <MoneyInput value={amountText} onChange={setAmountText} data-testid="deposit-amount" />
      </label>
      <label>
        {t('books.source')}
        <select value={source} onChange={(e) => setSource(e.target.value === 'drawer' ? 'drawer' : 'owner')} data-testid="deposit-source">
          <option value="owner">{t('books.fromOwner')}</option>
          <option value="drawer">{t('books.fromDrawer')}</option>
        </select>
      </label>
      <label>
        {t('books.note')}
        <input value={note} maxLength={80} onChange={(e) => setNote(e.target.value)} data-testid="deposit-note" />
      </label>
      <div className="actions">
        <button className="btn primary" type="submit" data-testid="deposit-save">
          {t('books.record')}
        </button>
      </div>
      {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
    </form>
  );
}

export function BooksScreen() {
  const { t, info } = useApp();
  const [books, setBooks] = useState<BooksView | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const [statement, setStatement] = useState<{ code: string; lines: Res<'books.statement'>['lines'] } | null>(null);
  const timeZone = info?.outlet.timeZone ?? 'Asia/Jakarta';
  const load = async (): Promise<void> => {
    const r = await call('books.get', {});
    if (r.ok) setBooks(r.value);
    else setRefused(r.error.code === 'forbidden' ? t('books.supervisorOnly') : r.error.message);
  };
  useEffect(() => {
    void load();
  }, []);
  const open = async (i: number): Promise<void> => {
    const a = books?.accounts[i];
    if (!a) return;
    setSelected(i);
    const r = await call('books.statement', { account: a.code, limit: 50, beforeEntry: null });
    if (r.ok) setStatement({ code: a.code, lines: r.value.lines });
  };
  const loadingOlder = useRef(false);
  const older = async (): Promise<void> => {
    const last = statement?.lines.at(-1);
    if (!statement || !last || loadingOlder.current) return;
    loadingOlder.current = true;
    const r = await call('books.statement', { account: statement.code, limit: 50, beforeEntry: last.entryId }).finally(() => (loadingOlder.current = false));
    if (r.ok) setStatement((s) => (s && s.code === statement.code ? { code: s.code, lines: [...s.lines, ...r.value.lines] } : s));
  };
  const n = books?.accounts.length ?? 0;
  useKeys({
    ArrowDown: () => setSelected((s) => Math.min(n - 1, s + 1)),
    ArrowUp: () => setSelected((s) => Math.max(0, s - 1)),
    Enter: () => void open(selected),
    Escape: () => setStatement(null),
  });
  if (refused) {
    return (
      <div className="card notice" data-testid="books-refused">
        {refused}
      </div>
    );
  }
  if (!books) return null;
  const total = (kind: string): number => books.accounts.filter((a) => a.kind === kind).reduce((s, a) => s + shown(a), 0);
  return (
    <section className="two-col books">
      <div>
        <div className="card">
          <h2>
            {t('books.title')} <span className="muted small">{info?.mode === 'training' ? t('books.training') : ''}</span>
          </h2>
          <table className="tx-table" data-testid="trial-balance">
            <tbody>
              {books.accounts.map((a, i) => (
                <tr key={a.code} className={i === selected ? 'selected' : ''} onClick={() => void open(i)} data-testid={`account-${a.code}`}>
                  <td className="mono">{a.code}</td>
                  <td>{a.name}</td>
                  <td className="num">{formatRupiah(shown(a))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small" data-testid="books-check">
            {t('books.check', { assets: formatRupiah(total('asset')), claims: formatRupiah(total('liability') + total('equity') + total('income') - total('expense')) })}
          </p>
          {books.problems.length > 0 ? <ErrorBox message={books.problems.join('; ')} detailLabel={t('common.detail')} /> : null}
          <p className="hint">{t('books.hint')}</p>
        </div>
        <div className="card">
          <h2>{t('books.deposits')}</h2>
          <table className="tx-table" data-testid="deposit-reconciliation">
            <thead>
              <tr>
                <th>{t('books.provider')}</th>
                <th className="num">{t('books.inBooks')}</th>
                <th className="num">{t('books.reported')}</th>
                <th className="num">{t('books.difference')}</th>
              </tr>
            </thead>
            <tbody>
              {books.deposits.map((d) => (
                <tr key={d.provider} data-testid={`deposit-${d.provider}`}>
                  <td>{depositName(books, d.account, d.provider)}</td>
                  <td className="num">{formatRupiah(d.books)}</td>
                  <td className="num">{d.reported === null ? t('books.notReported') : formatRupiah(d.reported)}</td>
                  <td className={`num${d.difference ? ' failed-text' : ''}`}>{d.difference === null ? '—' : formatRupiah(d.difference)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      <div>
        {statement ? (
          <div className="card" data-testid="statement">
            <h2>
              {statement.code} · {books.accounts.find((a) => a.code === statement.code)?.name}
            </h2>
            <StatementTable lines={statement.lines} timeZone={timeZone} hasOlder={statement.lines.length > 0 && statement.lines.length % 50 === 0} onNearEnd={() => void older()} />
          </div>
        ) : null}
        <DepositForm t={t} onDone={setBooks} providers={books.deposits.map((d) => ({ provider: d.provider, name: depositName(books, d.account, d.provider), reported: d.reported !== null }))} />
      </div>
    </section>
  );
}
