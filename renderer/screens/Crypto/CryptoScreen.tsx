// F8 — bitcoin for goods sold outside Loket: type the amount and a reference, Enter creates a
// Chainside order; the customer scans; the screen follows it to paid, expired or cancelled. On the
// right, the webPOS's orders as Chainside lists them: 1–6 filter, PgUp/PgDn pages, U sorts,
// ↑↓ Enter opens one (transactions, confirmations, rate), P prints a paid one. Esc leaves a field.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { formatRupiah, parseRupiahInput } from '../../../shared/domain/money';
import { formatBtc } from '../../../shared/domain/bitcoin';
import { formatLocalDateTime } from '../../../shared/domain/time';
import type { CryptoOrderView } from '../../../shared/payment';
import { useApp } from '../../stores/app-store';
import { CRYPTO_FILTERS, useCrypto, type CryptoFilter } from '../../stores/crypto-store';
import { useKeys } from '../../hooks/use-keys';
import { useFieldFocused } from '../../hooks/use-field-focused';
import { useNow } from '../../hooks/use-now';
import { errorText, type Translate } from '../../i18n';
import { KeyButton } from '../../components/KeyButton';
import { ErrorBox } from '../../components/ErrorBox';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ReceiptView } from '../../components/ReceiptView';
import { QrCode } from '../../components/payment/QrCode';
import { BitcoinProgress, countdown } from '../../components/payment/PaymentWaiting';

function NewOrderForm({ t, busy, onCreate }: { t: Translate; busy: boolean; onCreate: (amount: number, label: string) => void }) {
  const [amountText, setAmountText] = useState('');
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const amountRef = useRef<HTMLInputElement>(null);
  const labelRef = useRef<HTMLInputElement>(null);
  useEffect(() => amountRef.current?.focus(), []);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const amount = parseRupiahInput(amountText);
    if (amount === null || amount < 1_000 || amount > 100_000_000) {
      setProblem(t('crypto.badAmount'));
      amountRef.current?.focus();
      return;
    }
    if (document.activeElement === amountRef.current && label.trim() === '') {
      labelRef.current?.focus();
      return;
    }
    if (label.trim() === '') {
      setProblem(t('crypto.needLabel'));
      labelRef.current?.focus();
      return;
    }
    setProblem(null);
    onCreate(amount, label.trim());
  };
  const amount = parseRupiahInput(amountText);
  return (
    <form className="card form crypto-new" onSubmit={submit}>
      <h2>{t('crypto.newTitle')}</h2>
      <p className="muted">{t('crypto.newInfo')}</p>
      <label>
        {t('crypto.amount')}
        <input
          ref={amountRef}
          inputMode="numeric"
          value={amountText}
          onChange={(e) => setAmountText(e.target.value.replace(/[^\d]/g, ''))}
          onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
          placeholder="150000"
          data-testid="crypto-amount"
        />
      </label>
      <div className="muted" data-testid="crypto-amount-shown">{amount ? formatRupiah(amount) : '\u00a0'}</div>
      <label>
        {t('crypto.label')}
        <input
          ref={labelRef}
          value={label}
          maxLength={60}
          onChange={(e) => setLabel(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
          placeholder={t('crypto.labelExample')}
          data-testid="crypto-label"
        />
      </label>
      {problem ? (
        <div className="field-error" role="alert" data-testid="crypto-problem">
          {problem}
        </div>
      ) : null}
      <div className="actions">
        <button className="btn primary" type="submit" disabled={busy} data-testid="crypto-create">
          {busy ? t('sale.paying') : t('crypto.create')} <kbd className="kbd">Enter</kbd>
        </button>
      </div>
    </form>
  );
}

const STATE_CLASS: Record<CryptoOrderView['state'], string> = { created: 'pending', pending: 'pending', paid: 'succeeded', expired: 'failed', cancelled: 'failed', failed: 'failed' };

function OrderPanel({ o, t, now, timeZone, training, busy }: { o: CryptoOrderView; t: Translate; now: number; timeZone: string; training: boolean; busy: boolean }) {
  const c = useCrypto();
  const [confirming, setConfirming] = useState(false);
  const open = o.state === 'pending' || o.state === 'created';
  const standalone = o.saleId === null && o.reference !== null;
  const keys: Record<string, () => void> = {};
  if (open && standalone) {
    keys.c = () => void c.check();
    keys.x = () => setConfirming(true);
    if (training) {
      keys.b = () => void c.simulate('pay');
      keys.h = () => void c.simulate('pay_part');
      keys.m = () => void c.simulate('confirm');
      keys.e = () => void c.simulate('expire');
    }
  }
  const printable = o.state === 'paid' && standalone && o.dispute !== 'chargeback';
  if (printable) keys.p = () => void c.print();
  // Training: what a paid order can still go through on the network (issue 15 §5).
  const afterPaid = training && o.state === 'paid' && o.reference !== null && o.dispute !== 'chargeback';
  if (afterPaid && o.dispute !== 'open') keys.d = () => void c.simulate('dispute');
  if (afterPaid && o.dispute === 'open') keys.k = () => void c.simulate('chargeback');
  useKeys(keys, !busy && !confirming);
  const b = o.bitcoin;
  const left = o.expiresAt === null ? null : o.expiresAt - now;
  return (
    <div className={`status-panel ${open ? 'waiting' : o.state === 'paid' && o.dispute !== 'chargeback' ? 'ok' : 'failed'}`} data-testid={`crypto-order-${o.state}`}>
      <h2>{o.dispute === 'open' || o.dispute === 'chargeback' ? t(`crypto.disputeTitle.${o.dispute}`) : t(`crypto.state.${o.state}`)}</h2>
      <div className="facts">
        <span className="amount-due" data-testid="crypto-order-amount">
          {formatRupiah(o.amount)}
        </span>
        <span>{o.label}</span>
      </div>
      {open && b ? (
        <div className="pay-box">
          <figure className="qr-box">
            <QrCode text={b.uri} label={t('pay.scan')} />
            <figcaption>
              <strong>Bitcoin</strong>
            </figcaption>
          </figure>
          <div className="pay-facts">
            <BitcoinProgress b={b} t={t} />
            {left === null ? null : left > 0 ? (
              <div className={`countdown${left < 60_000 ? ' soon' : ''}`} data-testid="countdown">
                {t('pay.expiresIn', { time: countdown(left) })}
              </div>
            ) : (
              <div className="countdown soon">{t('pay.expired')}</div>
            )}
            {o.cancelRequested ? <div className="muted">{t('pay.cancelRequested')}</div> : null}
          </div>
        </div>
      ) : null}
      {!open && b ? (
        <dl className="crypto-facts" data-testid="crypto-facts">
          <dt>{t('crypto.btc')}</dt>
          <dd className="mono">{formatBtc(b.satoshi)}</dd>
          <dt>{t('crypto.rate')}</dt>
          <dd>{formatRupiah(Math.round(Number(b.rate)))}/BTC</dd>
          <dt>{t('crypto.received')}</dt>
          <dd className="mono">{formatBtc(b.paidSat + b.inConfirmationSat)}</dd>
          <dt>{t('crypto.created')}</dt>
          <dd>{formatLocalDateTime(o.createdAt, timeZone)}</dd>
          {o.resolvedAt ? (
            <>
              <dt>{t('crypto.resolved')}</dt>
              <dd>{formatLocalDateTime(o.resolvedAt, timeZone)}</dd>
            </>
          ) : null}
          <dt>Order</dt>
          <dd className="mono small">{b.orderUuid}</dd>
        </dl>
      ) : null}
      {o.transactions.length > 0 ? (
        <table className="crypto-txs" data-testid="crypto-txs">
          <thead>
            <tr>
              <th>TXID</th>
              <th>{t('crypto.txAmount')}</th>
              <th>{t('crypto.txState')}</th>
            </tr>
          </thead>
          <tbody>
            {o.transactions.map((x) => (
              <tr key={x.txid}>
                <td className="mono small">{`${x.txid.slice(0, 16)}…${x.txid.slice(-8)}`}</td>
                <td className="mono">{x.satoshi > 0 ? formatBtc(x.satoshi) : ''}</td>
                <td>{x.blockchainStatus ? t(`crypto.tx.${x.blockchainStatus}`) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {!open && o.state !== 'paid' && o.lastError ? (
        <p data-testid="crypto-failure">{o.lastError}</p>
      ) : null}
      {o.dispute !== 'none' ? (
        <div className={o.dispute === 'ended' ? 'muted' : 'refund'} data-testid={`crypto-dispute-${o.dispute}`}>
          {t(`crypto.dispute.${o.dispute}`, {
            time: formatLocalDateTime((o.dispute === 'chargeback' ? o.chargebackAt : o.disputeAt) ?? now, timeZone),
            amount: formatRupiah(o.amount),
          })}
        </div>
      ) : null}
      {o.excess > 0 ? <div className="refund big">{t('pay.excessDue', { amount: formatRupiah(o.excess) })}</div> : null}
      {o.saleId ? <p className="muted">{t('crypto.ofSale')}</p> : null}
      <div className="actions">
        {open && standalone ? (
          <>
            <KeyButton keyLabel="C" onClick={() => void c.check()} disabled={busy} testId="crypto-check">
              {t('pay.checkNow')}
            </KeyButton>
            <KeyButton keyLabel="X" variant="danger" onClick={() => setConfirming(true)} disabled={busy || o.cancelRequested} testId="crypto-cancel">
              {t('crypto.cancel')}
            </KeyButton>
          </>
        ) : null}
        {printable ? (
          <KeyButton keyLabel="P" variant="primary" onClick={() => void c.print()} testId="crypto-print">
            {t('sale.print')}
          </KeyButton>
        ) : null}
      </div>
      {open && standalone && training ? (
        <div className="simulate" data-testid="simulate">
          <span className="muted">{t('pay.simulate')}:</span>
          <KeyButton keyLabel="B" onClick={() => void c.simulate('pay')} disabled={busy} testId="simulate-pay">
            {t('pay.simulatePay')}
          </KeyButton>
          <KeyButton keyLabel="H" onClick={() => void c.simulate('pay_part')} disabled={busy} testId="simulate-pay-part">
            {t('btc.simulateHalf')}
          </KeyButton>
          <KeyButton keyLabel="M" onClick={() => void c.simulate('confirm')} disabled={busy} testId="simulate-confirm">
            {t('btc.simulateBlock')}
          </KeyButton>
          <KeyButton keyLabel="E" onClick={() => void c.simulate('expire')} disabled={busy} testId="simulate-expire">
            {t('pay.simulateExpire')}
          </KeyButton>
        </div>
      ) : null}
      {afterPaid ? (
        <div className="simulate" data-testid="simulate-after-paid">
          <span className="muted">{t('pay.simulate')}:</span>
          {o.dispute === 'open' ? (
            <KeyButton keyLabel="K" onClick={() => void c.simulate('chargeback')} disabled={busy} testId="simulate-chargeback">
              {t('btc.simulateChargeback')}
            </KeyButton>
          ) : (
            <KeyButton keyLabel="D" onClick={() => void c.simulate('dispute')} disabled={busy} testId="simulate-dispute">
              {t('btc.simulateDispute')}
            </KeyButton>
          )}
        </div>
      ) : null}
      {confirming ? (
        <ConfirmDialog
          message={t('crypto.cancelConfirm', { amount: formatRupiah(o.amount) })}
          confirmLabel={t('crypto.cancel')}
          cancelLabel={t('common.cancel')}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void c.cancel();
          }}
        />
      ) : null}
    </div>
  );
}

const FILTER_LABEL = (f: CryptoFilter): string => `crypto.filter.${f ?? 'all'}`;

function OrderList({ t, timeZone }: { t: Translate; timeZone: string }) {
  const c = useCrypto();
  return (
    <div className="card crypto-list">
      <h2>{t('crypto.listTitle')}</h2>
      <div className="filters">
        {CRYPTO_FILTERS.map((f, i) => (
          <button key={f ?? 'all'} type="button" className={`chip${c.filter === f ? ' active' : ''}`} onClick={() => void c.setFilter(f)} tabIndex={-1} data-testid={`crypto-filter-${f ?? 'all'}`}>
            <kbd className="kbd">{i + 1}</kbd> {t(FILTER_LABEL(f))}
          </button>
        ))}
        <button type="button" className="chip" onClick={() => void c.toggleSort()} tabIndex={-1} data-testid="crypto-sort">
          <kbd className="kbd">U</kbd> {c.sortBy === 'amount' ? t('crypto.sortAmount') : t('crypto.sortDate')}
        </button>
      </div>
      {c.items.length === 0 ? (
        <p className="muted">{t('crypto.empty')}</p>
      ) : (
        <table className="tx-table" data-testid="crypto-rows">
          <tbody>
            {c.items.map((o, i) => (
              <tr key={o.bitcoin?.orderUuid ?? o.reference ?? i} className={i === c.selected ? 'selected' : ''} onClick={() => void c.open(i)} data-testid="crypto-row">
                <td className="small">{formatLocalDateTime(o.createdAt, timeZone).slice(0, 16)}</td>
                <td>{o.label || '—'}</td>
                <td className="num">{formatRupiah(o.amount)}</td>
                <td>
                  {o.dispute === 'open' || o.dispute === 'chargeback' ? (
                    <span className="badge state-failed" data-testid="crypto-row-dispute">
                      {t(`crypto.shortDispute.${o.dispute}`)}
                    </span>
                  ) : (
                    <span className={`badge state-${STATE_CLASS[o.state]}`}>{t(`crypto.short.${o.state}`)}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="muted small" data-testid="crypto-page">
        {t('crypto.page', { page: c.page + 1, pages: Math.max(1, c.totalPages), total: c.totalItems })} · {t('crypto.listHint')}
      </div>
    </div>
  );
}

export function CryptoScreen() {
  const { t, info, locale } = useApp();
  const typing = useFieldFocused();
  const c = useCrypto();
  const now = useNow(500);
  const timeZone = info?.outlet.timeZone ?? 'Asia/Jakarta';
  const training = info?.mode === 'training';
  const shown = c.detail ?? c.current;
  useEffect(() => {
    void c.load();
    const id = setInterval(() => {
      void c.refresh();
      void c.load();
    }, 1500);
    return () => clearInterval(id);
  }, []);
  const keys: Record<string, () => void> = {
    ArrowDown: () => c.move(1),
    ArrowUp: () => c.move(-1),
    PageDown: () => void c.setPage(c.page + 1),
    PageUp: () => void c.setPage(c.page - 1),
    u: () => void c.toggleSort(),
    n: () => c.newOrder(),
    Escape: () => (c.detail ? c.closeDetail() : undefined),
  };
  CRYPTO_FILTERS.forEach((f, i) => (keys[String(i + 1)] = () => void c.setFilter(f)));
  // Enter opens the selected order — only when no field has the cursor (Enter there submits the form).
  if (!typing) keys.Enter = () => void c.open();
  useKeys(keys);
  return (
    <section className="crypto-screen two-col">
      <div>
        {shown ? <OrderPanel o={shown} t={t} now={now} timeZone={timeZone} training={training} busy={c.busy} /> : <NewOrderForm t={t} busy={c.busy} onCreate={(a, l) => void c.create(a, l)} />}
        {shown ? (
          <div className="actions">
            <KeyButton keyLabel="N" onClick={() => c.newOrder()} testId="crypto-new">
              {t('crypto.newTitle')}
            </KeyButton>
            {c.detail ? (
              <KeyButton keyLabel="Esc" variant="ghost" onClick={() => c.closeDetail()}>
                {t('common.back')}
              </KeyButton>
            ) : null}
          </div>
        ) : null}
        {c.error ? <ErrorBox message={errorText(t, locale, c.error)} detail={c.error.detail} detailLabel={t('common.detail')} /> : null}
        {c.receipt ? <ReceiptView receipt={c.receipt} /> : null}
      </div>
      <OrderList t={t} timeZone={timeZone} />
    </section>
  );
}

