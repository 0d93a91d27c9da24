// Loket Pusat, the owner's screen (issue 18): today across every outlet and counter — succeeded
// sales, takings and admin income per counter and per outlet, each counter's last contact — live
// (refreshed every few seconds), any day by ←/→; what the hub noticed about a counter's history;
// sales still open anywhere; shift closes; deposits and the books from the journals; price rules;
// a new counter's one-time enrollment code; the day's report as a PDF.
// Keyboard: ←/→ day, T today, N new counter, H price rule, B books per outlet, P PDF, R refresh.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { HubBooks, HubFlags, HubShifts, HubSummary, HubUnresolved, NewCounterAnswer } from '../../shared/hub-contract';
import { businessDate, formatLocalDateTime } from '../../shared/domain/time';
import type { AppError } from '../../shared/domain/errors';
import { formatRupiah } from '../../shared/domain/money';
import { translator } from '../i18n';
import { pusatCall, pusatPdf } from './api';
import { BooksCard } from './BooksCard';
import { DepositsCard } from './DepositsCard';
import { FlagsCard } from './FlagsCard';
import { RulesCard } from './RulesCard';

const t = translator('id');
const ZONE = 'Asia/Jakarta';
const shift = (day: string, by: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + by * 86_400_000).toISOString().slice(0, 10);
const longDay = (day: string): string => new Intl.DateTimeFormat('id-ID', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

function contact(ms: number | null, now: number): string {
  if (ms === null) return t('pusat.never');
  const min = Math.round((now - ms) / 60_000);
  return min < 1 ? t('pusat.justNow') : min < 60 ? t('pusat.minutesAgo', { n: min }) : min < 48 * 60 ? t('pusat.hoursAgo', { n: Math.round(min / 60) }) : t('pusat.daysAgo', { n: Math.round(min / 1440) });
}

function NewCounter({ onDone }: { onDone: () => void }) {
  const [outlet, setOutlet] = useState('');
  const [counter, setCounter] = useState('');
  const [code, setCode] = useState<{ code: string; for: string } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const r = await pusatCall('POST', '/api/v1/counters', NewCounterAnswer, { outlet, counter });
    if (!r.ok) return setError(r.error);
    setError(null);
    setCode({ code: r.value.code, for: `${counter} — ${outlet}` });
    onDone();
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} data-testid="pusat-new-counter">
      <h2>{t('pusat.newCounter')}</h2>
      <label>
        {t('pusat.outlet')}
        <input ref={first} value={outlet} onChange={(e) => setOutlet(e.target.value)} maxLength={80} data-testid="pusat-outlet" />
      </label>
      <label>
        {t('pusat.counter')}
        <input value={counter} onChange={(e) => setCounter(e.target.value)} maxLength={80} data-testid="pusat-counter" />
      </label>
      <div className="actions">
        <button type="submit" className="btn primary" disabled={!outlet.trim() || !counter.trim()} data-testid="pusat-issue">
          {t('pusat.issue')}
        </button>
      </div>
      {code ? (
        <div className="va-box" data-testid="pusat-code-box">
          <div className="muted">{t('pusat.codeFor', { for: code.for })}</div>
          <div className="va-number mono" data-testid="pusat-code">
            {code.code}
          </div>
          <div className="muted small">{t('pusat.codeHint')}</div>
        </div>
      ) : null}
      {error ? (
        <div className="error-box" role="alert" data-testid="pusat-error">
          {error.message}
        </div>
      ) : null}
    </form>
  );
}

export function PusatApp() {
  const [day, setDay] = useState(() => businessDate(Date.now(), ZONE));
  const [summary, setSummary] = useState<HubSummary | null>(null);
  const [open, setOpen] = useState<HubUnresolved['sales']>([]);
  const [closes, setCloses] = useState<HubShifts['closes']>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [adding, setAdding] = useState(false);
  const [ruling, setRuling] = useState(false);
  const [now, setNow] = useState(Date.now());
  const [flags, setFlags] = useState<HubFlags['flags']>([]);
  const [books, setBooks] = useState<HubBooks | null>(null);
  /** The outlet whose books are shown; null: all outlets together. */
  const [scope, setScope] = useState<string | null>(null);

  const load = useCallback(async () => {
    const [r, u, sh, f, b] = await Promise.all([
      pusatCall('GET', `/api/v1/summary?date=${day}`, HubSummary),
      pusatCall('GET', '/api/v1/unresolved', HubUnresolved),
      pusatCall('GET', `/api/v1/shifts?date=${day}`, HubShifts),
      pusatCall('GET', '/api/v1/flags', HubFlags),
      pusatCall('GET', `/api/v1/books?date=${day}`, HubBooks),
    ]);
    setNow(Date.now());
    if (u.ok) setOpen(u.value.sales);
    if (sh.ok) setCloses(sh.value.closes);
    if (f.ok) setFlags(f.value.flags);
    if (b.ok) setBooks(b.value);
    if (r.ok) {
      setSummary(r.value);
      setError(null);
    } else setError(r.error);
  }, [day]);
  useEffect(() => {
    void load();
    const id = setInterval(() => void load(), 5_000);
    return () => clearInterval(id);
  }, [load]);
  const booksRef = useRef<HubBooks | null>(null);
  booksRef.current = books;
  const pdf = useCallback(async () => {
    const r = await pusatPdf(`/api/v1/report.pdf?date=${day}`, `loket-pusat-${day}.pdf`);
    if (!r.ok) setError(r.error);
  }, [day]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      // Esc closes a form from inside it; every other key is the field's while typing.
      if (e.key === 'Escape') {
        setAdding(false);
        setRuling(false);
        return;
      }
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement) return;
      if (e.key === 'ArrowLeft') setDay((d) => shift(d, -1));
      else if (e.key === 'ArrowRight') setDay((d) => shift(d, 1));
      else if (e.key === 't' || e.key === 'T') setDay(businessDate(Date.now(), ZONE));
      else if (e.key === 'r' || e.key === 'R') void load();
      else if (e.key === 'n' || e.key === 'N') {
        e.preventDefault();
        setAdding(true);
      } else if (e.key === 'h' || e.key === 'H') {
        e.preventDefault();
        setRuling(true);
      } else if (e.key === 'b' || e.key === 'B') {
        // All outlets → each outlet in turn → all outlets again.
        const names = booksRef.current?.outlets.map((o) => o.name) ?? [];
        setScope((s) => (s === null ? (names[0] ?? null) : (names[names.indexOf(s) + 1] ?? null)));
      } else if (e.key === 'p' || e.key === 'P') void pdf();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [load, pdf]);

  const outlets = summary?.outlets ?? [];
  const all = outlets.reduce((s, o) => ({ sales: s.sales + o.sales, total: s.total + o.total, admin: s.admin + o.admin, refunds: s.refunds + o.refunds }), { sales: 0, total: 0, admin: 0, refunds: 0 });
  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="logo">⚡</span>
          <strong>Loket Pusat</strong>
          <span className="outlet">{t('pusat.subtitle')}</span>
        </div>
      </header>
      <main className="main">
        {adding ? <NewCounter onDone={() => void load()} /> : null}
        <FlagsCard t={t} flags={flags} />
        <section className="card" data-testid="pusat-today">
          <h2 data-testid="pusat-day">{t('pusat.dayTitle', { day: longDay(day) })}</h2>
          <p className="muted small">{t('pusat.keys')}</p>
          {summary?.env === 'training' ? <p className="muted small" data-testid="pusat-training">{t('pusat.trainingFigures')}</p> : null}
          {error ? (
            <div className="error-box" role="alert" data-testid="pusat-error">
              {error.message}
            </div>
          ) : null}
          {outlets.length === 0 ? (
            <p className="muted">{t('pusat.none')}</p>
          ) : (
            <table className="tx-table" data-testid="pusat-table">
              <thead>
                <tr>
                  <th>{t('pusat.outletCounter')}</th>
                  <th className="num">{t('pusat.sales')}</th>
                  <th className="num">{t('pusat.total')}</th>
                  <th className="num">{t('pusat.admin')}</th>
                  <th className="num">{t('pusat.refunds')}</th>
                  <th>{t('pusat.lastContact')}</th>
                </tr>
              </thead>
              <tbody>
                {outlets.map((o) => [
                  <tr key={o.name} className="selected" data-testid="pusat-outlet-row">
                    <td>
                      <strong>{o.name}</strong>
                      {o.byMethod.length > 0 ? (
                        <div className="muted small" data-testid="pusat-methods">
                          {o.byMethod.map((m) => `${t(`pay.method.${m.method}`)} ${formatRupiah(m.total)}`).join(' · ')}
                        </div>
                      ) : null}
                    </td>
                    <td className="num">{o.sales}</td>
                    <td className="num">
                      <strong>{formatRupiah(o.total)}</strong>
                    </td>
                    <td className="num">{formatRupiah(o.admin)}</td>
                    <td className="num">{o.refunds === 0 ? '' : formatRupiah(o.refunds)}</td>
                    <td />
                  </tr>,
                  ...o.counters.map((c) => (
                    <tr key={`${o.name}/${c.name}`} data-testid="pusat-counter-row">
                      <td>· {c.name}</td>
                      <td className="num">{c.sales}</td>
                      <td className="num">{formatRupiah(c.total)}</td>
                      <td className="num">{formatRupiah(c.admin)}</td>
                      <td className="num">{c.refunds === 0 ? '' : formatRupiah(c.refunds)}</td>
                      <td className={c.lastContactAt === null || now - c.lastContactAt > 3_600_000 || c.backlog.rows > 0 ? 'failed-text small' : 'muted small'} data-testid="pusat-contact">
                        {contact(c.lastContactAt, now)}
                        {c.backlog.rows > 0 && c.backlog.oldestAt !== null
                          ? ` · ${t('pusat.pending', { n: c.backlog.rows, time: formatLocalDateTime(c.backlog.oldestAt, ZONE).slice(0, 16) })}`
                          : ''}
                      </td>
                    </tr>
                  )),
                ])}
              </tbody>
              <tfoot>
                <tr data-testid="pusat-total-row">
                  <td>
                    <strong>{t('pusat.allOutlets')}</strong>
                  </td>
                  <td className="num">{all.sales}</td>
                  <td className="num">
                    <strong>{formatRupiah(all.total)}</strong>
                  </td>
                  <td className="num">{formatRupiah(all.admin)}</td>
                  <td className="num">{all.refunds === 0 ? '' : formatRupiah(all.refunds)}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          )}
        </section>
        <section className="card" data-testid="pusat-unresolved">
          <h2>{t('pusat.unresolved', { n: open.length })}</h2>
          {open.length === 0 ? (
            <p className="muted">{t('pusat.allResolved')}</p>
          ) : (
            <table className="tx-table">
              <tbody>
                {open.map((s) => (
                  <tr key={`${s.outlet}/${s.counter}/${s.receiptNo}`} data-testid="pusat-unresolved-row">
                    <td className="small">{formatLocalDateTime(s.createdAt, ZONE).slice(0, 16)}</td>
                    <td>
                      {s.outlet} · {s.counter}
                    </td>
                    <td className="mono">{s.receiptNo}</td>
                    <td>{s.productName}</td>
                    <td className="num">{formatRupiah(s.total)}</td>
                    <td>{t(`pusat.state.${s.state}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" data-testid="pusat-shifts">
          <h2>{t('pusat.shifts', { n: closes.length })}</h2>
          {closes.length === 0 ? (
            <p className="muted">{t('pusat.noShifts')}</p>
          ) : (
            <table className="tx-table">
              <thead>
                <tr>
                  <th>{t('pusat.closedAt')}</th>
                  <th>{t('pusat.outletCounter')}</th>
                  <th className="num">{t('pusat.expected')}</th>
                  <th className="num">{t('pusat.counted')}</th>
                  <th className="num">{t('pusat.variance')}</th>
                  <th>{t('pusat.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {closes.map((c) => (
                  <tr key={`${c.outlet}/${c.counter}/${c.closedAt}`} data-testid="pusat-shift-row">
                    <td className="small">{formatLocalDateTime(c.closedAt, ZONE).slice(11, 16)}</td>
                    <td>
                      {c.outlet} · {c.counter} · {c.cashier}
                    </td>
                    <td className="num">{formatRupiah(c.expectedCash)}</td>
                    <td className="num">{formatRupiah(c.countedCash)}</td>
                    <td className={`num${c.variance < 0 ? ' failed-text' : ''}`}>{c.variance === 0 ? t('pusat.exact') : formatRupiah(c.variance)}</td>
                    <td>{c.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <DepositsCard t={t} deposits={books?.deposits ?? []} />
        <BooksCard t={t} books={books} scope={scope} />
        <RulesCard t={t} outlets={outlets.map((o) => o.name)} editing={ruling} onClose={() => setRuling(false)} />
      </main>
    </div>
  );
}
