// F6 — the shift: open it with the float in the drawer; during it, the X report and cash in or out
// of the drawer for a reason; close it by counting the drawer (by denomination or as a total). With
// the blind count (the default) a cashier sees what the drawer should hold only after counting:
// the core then says the difference and asks for its reason, here, beside the count.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppError } from '../../../shared/domain/errors';
import type { Receipt, ShiftReport } from '../../../shared/contract';
import type { PrintJobView } from '../../../shared/printing';
import { formatRupiah, parseRupiahInput } from '../../../shared/domain/money';
import { call } from '../../api/client';
import { useApp } from '../../stores/app-store';
import { errorText } from '../../i18n';
import { ErrorBox } from '../../components/ErrorBox';
import { ReceiptView } from '../../components/ReceiptView';
import { PrintStatus } from '../../components/PrintStatus';
import { MoneyInput } from '../../components/MoneyInput';
import { printInBrowser } from '../../print';
import { printFailure } from '../../stores/receipt-actions';
import { useKeys } from '../../hooks/use-keys';

const NOTES = [100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100] as const;

const asReceipt = (r: ShiftReport): Receipt => ({ saleId: r.shiftId, kind: 'shift_report', columns: 32, copyNumber: 0, lines: r.lines, qr: null, paper: null });

function OpenShift({ onDone }: { onDone: () => void }) {
  const { t, locale } = useApp();
  const [text, setText] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const r = await call('shift.open', { openingFloat: parseRupiahInput(text) ?? 0 });
    if (!r.ok) return setError(r.error);
    onDone();
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} data-testid="shift-open">
      <h2>{t('shift.openTitle')}</h2>
      <p className="muted">{t('shift.openInfo')}</p>
      <label>
        {t('shift.float')}
        <MoneyInput ref={input} value={text} onChange={setText} data-testid="shift-float" />
      </label>
      <div className="actions">
        <button className="btn primary" type="submit" data-testid="shift-open-submit">
          {t('shift.openDo')} <kbd className="kbd">Enter</kbd>
        </button>
      </div>
      {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
    </form>
  );
}

function CloseShift({ x, cashier, onClosed }: { x: ShiftReport; cashier: boolean; onClosed: (z: ShiftReport) => void }) {
  const { t, locale } = useApp();
  const [counts, setCounts] = useState<Record<string, string>>({});
  // Or the drawer counted as one total: it then stands instead of the notes and coins.
  const [totalText, setTotalText] = useState('');
  const [reason, setReason] = useState('');
  const [sup, setSup] = useState({ name: '', pin: '' });
  const [error, setError] = useState<AppError | null>(null);
  // Blind: the core said the count differs (and by how much) — the reason is asked right here.
  const [unexplained, setUnexplained] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const reasonInput = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    if (unexplained) reasonInput.current?.focus();
  }, [unexplained]);
  const blind = x.expectedCash === null;
  const byTotal = totalText.trim() !== '';
  const total = parseRupiahInput(totalText);
  const counted = byTotal ? (total ?? 0) : NOTES.reduce((sum, n) => sum + n * (Number(counts[n] ?? '') || 0), 0);
  const variance = blind ? null : counted - x.expectedCash!;
  const askReason = (variance !== null && variance !== 0) || unexplained !== null;
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (byTotal && total === null) return setError({ code: 'invalid_request', message: t('shift.totalInvalid') });
    const denominations = byTotal ? null : Object.fromEntries(NOTES.filter((n) => Number(counts[n] ?? '') > 0).map((n) => [String(n), Number(counts[n])]));
    const r = await call('shift.close', {
      counted,
      denominations,
      reason: reason.trim() || null,
      ...(cashier ? { approval: { name: sup.name.trim(), pin: sup.pin } } : {}),
    });
    if (!r.ok && r.error.code === 'variance_unexplained') {
      setError(null);
      return setUnexplained(r.error.message);
    }
    if (!r.ok) return setError(r.error);
    onClosed(r.value);
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} data-testid="shift-close">
      <h2>{t('shift.closeTitle')}</h2>
      <p className="muted">{t('shift.closeInfo')}</p>
      <div className="count-grid">
        {NOTES.map((n, i) => (
          <label key={n}>
            {formatRupiah(n)}
            <input
              ref={i === 0 ? first : undefined}
              inputMode="numeric"
              value={counts[n] ?? ''}
              disabled={byTotal}
              onChange={(e) => setCounts({ ...counts, [n]: e.target.value.replace(/\D/g, '') })}
              data-testid={`count-${n}`}
            />
          </label>
        ))}
      </div>
      <label>
        {t('shift.orTotal')}
        <input inputMode="numeric" value={totalText} onChange={(e) => setTotalText(e.target.value)} placeholder="Rp" data-testid="count-total" />
      </label>
      <dl className="crypto-facts">
        {blind ? null : (
          <>
            <dt>{t('shift.expected')}</dt>
            <dd data-testid="shift-expected">{formatRupiah(x.expectedCash!)}</dd>
          </>
        )}
        <dt>{t('shift.counted')}</dt>
        <dd data-testid="shift-counted">{formatRupiah(counted)}</dd>
        {variance === null ? null : (
          <>
            <dt>{t('shift.variance')}</dt>
            <dd className={variance === 0 ? '' : 'failed-text'} data-testid="shift-variance">
              {formatRupiah(variance)}
            </dd>
          </>
        )}
      </dl>
      {blind && !unexplained ? <p className="muted" data-testid="blind-note">{t('shift.blindNote')}</p> : null}
      {unexplained ? (
        <p className="failed-text" role="alert" data-testid="shift-unexplained">
          {unexplained}
        </p>
      ) : null}
      {askReason ? (
        <label>
          {t('shift.reason')}
          <input ref={reasonInput} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} data-testid="shift-reason" />
        </label>
      ) : null}
      {cashier ? (
        <div className="row">
          <label>
            {t('shift.supervisor')}
            <input value={sup.name} onChange={(e) => setSup({ ...sup, name: e.target.value })} data-testid="approval-name" />
          </label>
          <label>
            {t('counter.pin')}
            <input type="password" inputMode="numeric" value={sup.pin} onChange={(e) => setSup({ ...sup, pin: e.target.value.replace(/\D/g, '').slice(0, 8) })} data-testid="approval-pin" />
          </label>
        </div>
      ) : null}
      <div className="actions">
        <button className="btn danger" type="submit" data-testid="shift-close-submit">
          {t('shift.closeDo')} <kbd className="kbd">Enter</kbd>
        </button>
      </div>
      {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
    </form>
  );
}

const MOVES = ['petty_cash', 'owner_withdrawal', 'change_topup'] as const;

/** Cash into or out of the drawer for a reason: the books and the X report follow at once. */
function MoveCash({ onMoved }: { onMoved: (x: ShiftReport) => void }) {
  const { t, locale } = useApp();
  const [kind, setKind] = useState<(typeof MOVES)[number]>('petty_cash');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const value = parseRupiahInput(amount);
    if (value === null || value <= 0) return setError({ code: 'invalid_request', message: t('shift.moveAmountInvalid') });
    // A cashier's is approved by a supervisor: the approval dialog asks for the name and PIN.
    const r = await call('shift.moveCash', { kind, amount: value, reason: reason.trim() });
    if (!r.ok) return setError(r.error);
    setError(null);
    setDone(t('shift.moved', { what: t(`shift.move.${kind}`), amount: formatRupiah(value) }));
    setAmount('');
    setReason('');
    onMoved(r.value);
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} data-testid="move-cash">
      <h2>{t('shift.moveTitle')}</h2>
      <div className="row">
        <label>
          {t('shift.moveKind')}
          <select value={kind} onChange={(e) => setKind(MOVES.find((m) => m === e.target.value) ?? 'petty_cash')} data-testid="move-kind">
            {MOVES.map((m) => (
              <option key={m} value={m}>
                {t(`shift.move.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('shift.moveAmount')}
          <MoneyInput value={amount} onChange={setAmount} data-testid="move-amount" />
        </label>
      </div>
      <label>
        {t('shift.moveReason')}
        <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} data-testid="move-reason" />
      </label>
      <div className="actions">
        <button className="btn" type="submit" data-testid="move-submit">
          {t('shift.moveDo')}
        </button>
        {done ? (
          <span className="muted" role="status" data-testid="move-done">
            {done}
          </span>
        ) : null}
      </div>
      {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
    </form>
  );
}

export function ShiftScreen() {
  const { t, locale, info, loadInfo } = useApp();
  const [x, setX] = useState<ShiftReport | null>(null);
  const [z, setZ] = useState<ShiftReport | null>(null);
  const shift = info?.counter.shift ?? null;
  const loadX = async (): Promise<void> => {
    const r = await call('shift.report', {});
    setX(r.ok ? r.value : null);
  };
  useEffect(() => {
    if (shift) void loadX();
  }, [shift?.id]);
  const [printed, setPrinted] = useState<Receipt | null>(null);
  const [printError, setPrintError] = useState<AppError | null>(null);
  const [printJob, setPrintJob] = useState<PrintJobView | null>(null);
  // The Z report on the owner's printer (or the virtual printer's paper, or the browser's print).
  const printZ = async (report: ShiftReport): Promise<void> => {
    const r = await call('shift.print', { shiftId: report.shiftId });
    if (!r.ok) return setPrintError(r.error);
    if (r.value.outcome.by === 'renderer') printInBrowser(r.value.receipt);
    setPrinted(r.value.receipt);
    setPrintJob(r.value.outcome.job);
    setPrintError(printFailure(r.value.outcome));
  };
  useKeys({ p: () => z && void printZ(z) }, z !== null);
  if (z) {
    return (
      <section className="two-col">
        <div className="card" data-testid="z-report">
          <h2>{t('shift.closed')}</h2>
          <p>{t('shift.closedInfo', { variance: formatRupiah(z.variance ?? 0) })}</p>
          {printError ? <ErrorBox message={errorText(t, locale, printError)} detail={printError.detail} detailLabel={t('common.detail')} /> : null}
          <PrintStatus printed={printJob} t={t} />
          <div className="actions">
            <button type="button" className="btn primary" onClick={() => void printZ(z)} data-testid="z-print">
              {t('sale.print')} <kbd className="kbd">P</kbd>
            </button>
            <button type="button" className="btn" onClick={() => setZ(null)} data-testid="shift-next">
              {t('shift.next')}
            </button>
          </div>
        </div>
        <ReceiptView receipt={printed ?? asReceipt(z)} />
      </section>
    );
  }
  if (!shift) return <OpenShift onDone={() => void loadInfo()} />;
  return (
    <section className="two-col">
      {x ? (
        <CloseShift
          x={x}
          cashier={info?.counter.user?.role === 'cashier'}
          onClosed={(report) => {
            setZ(report);
            void loadInfo();
          }}
        />
      ) : (
        <div />
      )}
      <div>
        <MoveCash onMoved={setX} />
        <div className="card">
          <h2>{t('shift.xTitle', { name: shift.cashier })}</h2>
          <button type="button" className="btn" onClick={() => void loadX()} data-testid="x-refresh">
            {t('shift.refresh')}
          </button>
        </div>
        {x ? <ReceiptView receipt={asReceipt(x)} /> : null}
      </div>
    </section>
  );
}
