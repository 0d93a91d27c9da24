// What a cashier must know about a sale right now, by state. Presentational: the screens supply
// the actions (they differ between the sale flow and the transactions list).
import type { SaleView } from '../../shared/contract';
import { formatRupiah } from '../../shared/domain/money';
import type { Translate } from '../i18n';
import { TokenDisplay } from './TokenDisplay';
import { PaymentWaiting } from './payment/PaymentWaiting';
import { MoneyBack } from './payment/MoneyBack';

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

type Props = {
  sale: SaleView;
  t: Translate;
  now: number;
  errorMessage: (sale: SaleView) => string;
  /** At the counter right after paying, the change to hand back; not for past sales. */
  showChange?: boolean;
  /** The outlet's name, shown under the QR as the customer's app will show it. */
  merchant?: string;
  /** Providers as people read them (the app info's registry names). */
  providerNames?: Readonly<Record<string, string>>;
};

/** The provider's last answer in words; its own code only in brackets, for whoever calls its support. */
function lastAnswer(p: NonNullable<SaleView['pending']>, provider: string, t: Translate): string {
  if (p.lastResult === 'no_answer') return t('sale.lastAnswer.noAnswer', { provider });
  if (p.notFoundCount > 0) return t('sale.lastAnswer.notFound', { provider, n: p.notFoundCount });
  return t('sale.lastAnswer.inProcess', { provider, code: p.lastResult ?? '' });
}

/** How a non-cash sale was paid, with its masked reference. */
function PaidWith({ sale, t }: { sale: SaleView; t: Translate }) {
  const p = sale.payment;
  // Cash: only a refund from the drawer is worth a line here.
  if (p.method === 'cash') {
    return p.refunded > 0 && p.state !== 'refund_due' ? (
      <div className="paid-with" data-testid="paid-with">
        {t('pay.refundedSoFar', { amount: formatRupiah(p.refunded) })}
      </div>
    ) : null;
  }
  const ref =
    p.method === 'card'
      ? `${p.cardBrand ?? ''} **** ${p.cardLast4 ?? ''}${p.approvalCode ? ` · ${t('pay.approval')} ${p.approvalCode}` : ''}`
      : p.method === 'bitcoin' && p.reference && p.reference.length > 20
        ? `txid ${p.reference.slice(0, 10)}…${p.reference.slice(-6)}`
        : (p.reference ?? '');
  return (
    <div className="paid-with" data-testid="paid-with">
      {t('pay.paidWith', { method: t(`pay.method.${p.method}`) })} {ref ? <span className="mono">· {ref}</span> : null}
      {p.refunded > 0 && p.state !== 'refund_due' ? <span className="muted"> · {t('pay.refundedSoFar', { amount: formatRupiah(p.refunded) })}</span> : null}
    </div>
  );
}

/** Bitcoin sent beyond the sale (overpaid, or to an order that closed): owed back until a supervisor records it. */
function Excess({ sale, t }: { sale: SaleView; t: Translate }) {
  const p = sale.payment;
  if (p.excess <= 0) return null;
  const amount = formatRupiah(p.excess);
  return (
    <div className={`refund${p.excessReturned ? ' done' : ' big'}`} data-testid={p.excessReturned ? 'excess-returned' : 'excess-due'}>
      {p.excessReturned ? t('pay.excessReturned', { amount }) : t('pay.excessDue', { amount })}
    </div>
  );
}

export function SaleStatusPanel({ sale, t, now, errorMessage, showChange = false, merchant = '', providerNames = {} }: Props) {
  switch (sale.state) {
    case 'awaiting_payment':
      return <PaymentWaiting sale={sale} t={t} now={now} merchant={merchant} />;
    case 'cancelled':
      return (
        <div className="status-panel failed" data-testid="status-cancelled">
          <h2>{t('pay.cancelledTitle')}</h2>
          <p data-testid="failure-message">{errorMessage(sale)}</p>
          {sale.payment.state === 'refund_due' || sale.payment.state === 'refunded' ? (
            <MoneyBack sale={sale} t={t} />
          ) : sale.payment.excess > 0 ? null : (
            <p className="muted">{t('pay.nothingTaken')}</p>
          )}
          <Excess sale={sale} t={t} />
        </div>
      );
    case 'succeeded': {
      const d = sale.delivery;
      return (
        <div className="status-panel ok" data-testid="status-succeeded">
          <h2>{sale.product.kind === 'pln_prepaid' ? t('sale.success') : sale.product.kind === 'bill' ? t('bill.paid') : t('digital.sent')}</h2>
          {d.token ? <TokenDisplay token={d.token} label={t('sale.token')} /> : null}
          {!d.token && d.voucherCode ? <TokenDisplay code={d.voucherCode} label={t('digital.voucher')} /> : null}
          {!d.token && !d.voucherCode && d.serialNumber ? (
            <div className="serial" data-testid="serial">
              {t('digital.serial')}: <strong className="mono">{d.serialNumber}</strong>
            </div>
          ) : null}
          <div className="facts">
            <span>{d.kwh ? `${d.kwh} ${t('sale.kwh')}` : sale.product.name}</span>
            <span>
              {t('sale.receiptNo')} {sale.receiptNo}
            </span>
          </div>
          {showChange && sale.payment.change > 0 ? (
            <div className="change ok big" data-testid="result-change">
              {t('sale.change')}: {formatRupiah(sale.payment.change)}
            </div>
          ) : null}
          <PaidWith sale={sale} t={t} />
          <Excess sale={sale} t={t} />
        </div>
      );
    }
    case 'paid':
    case 'sending':
      return (
        <div className="status-panel busy" data-testid="status-sending">
          <div className="spinner" aria-hidden="true" />
          <h2>{t('sale.sending')}</h2>
          <p className="muted" data-testid="sending-info">{t('sale.sendingInfo', { provider: providerNames[sale.product.provider] ?? sale.product.provider.toUpperCase() })}</p>
        </div>
      );
    case 'pending':
    case 'review': {
      const p = sale.pending;
      const review = sale.state === 'review';
      return (
        <div className={`status-panel ${review ? 'review' : 'pending'}`} data-testid={`status-${sale.state}`}>
          <h2>{review ? t('sale.reviewTitle') : t('sale.pendingTitle')}</h2>
          <p>{review && sale.reviewReason ? t(`sale.reviewReason.${sale.reviewReason}`) : t('sale.pendingBody')}</p>
          {p ? (
            <ul className="facts-list">
              {p.attempts > 0 ? <li>{t('sale.attempts', { n: p.attempts })}</li> : null}
              {p.nextCheckAt !== null ? <li>{t('sale.nextCheck', { time: clock(p.nextCheckAt - now) })}</li> : null}
              {p.lastResult ? <li data-testid="last-answer">{lastAnswer(p, providerNames[sale.product.provider] ?? sale.product.provider.toUpperCase(), t)}</li> : null}
            </ul>
          ) : null}
          <div className="facts">
            <span>
              {t('sale.receiptNo')} {sale.receiptNo}
            </span>
            <span>{formatRupiah(sale.amounts.total)}</span>
          </div>
        </div>
      );
    }
    case 'failed':
      return (
        <div className="status-panel failed" data-testid="status-failed">
          <h2>{t('sale.failedTitle')}</h2>
          <p data-testid="failure-message">{errorMessage(sale)}</p>
          <MoneyBack sale={sale} t={t} />
        </div>
      );
  }
}
