// A payment waiting for the customer: the QR to scan (QRIS or the e-wallet's deeplink), or the
// number to transfer to, with the amount and a live countdown. What the customer needs, large.
import type { SaleView } from '../../../shared/contract';
import { formatRupiah } from '../../../shared/domain/money';
import { formatBtc } from '../../../shared/domain/bitcoin';
import type { BitcoinDisplay } from '../../../shared/payment';
import type { Translate } from '../../i18n';
import { QrCode } from './QrCode';

export function countdown(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Where a bitcoin order stands: nothing yet, part of it, seen and confirming, more than asked. */
export function BitcoinProgress({ b, t }: { b: BitcoinDisplay; t: Translate }) {
  const received = b.paidSat + b.inConfirmationSat;
  let state: string;
  if (received === 0) state = t('btc.waitingTx');
  else if (b.unpaidSat > 0) state = t('btc.partial', { btc: formatBtc(b.unpaidSat), amount: formatRupiah(b.unpaidRupiah) });
  else state = t('btc.confirming', { n: b.confirmations, m: b.requiredConfirmations });
  return (
    <div className="btc-facts" data-testid="btc-facts">
      <div className="btc-amount mono" data-testid="btc-amount">
        {formatBtc(b.satoshi)}
      </div>
      <div className="muted small">{t('btc.rate', { rate: formatRupiah(Math.round(Number(b.rate))) })}</div>
      <div className="btc-address mono small" data-testid="btc-address">
        {b.address}
      </div>
      <div className={`btc-state${received === 0 ? '' : b.unpaidSat > 0 ? ' partial' : ' seen'}`} data-testid="btc-state">
        {state}
      </div>
      {b.overpaidSat > 0 ? <div className="refund">{t('btc.overpaid', { btc: formatBtc(b.overpaidSat) })}</div> : null}
    </div>
  );
}

export function PaymentWaiting({ sale, t, now, merchant }: { sale: SaleView; t: Translate; now: number; merchant: string }) {
  const p = sale.payment;
  const d = p.display;
  const qr = d?.qrString ?? d?.deeplink ?? null;
  const left = p.expiresAt === null ? null : p.expiresAt - now;
  return (
    <div className="status-panel waiting" data-testid="status-awaiting_payment">
      <h2>{t('pay.waiting')}</h2>
      <div className="pay-box">
        {qr ? (
          <figure className="qr-box">
            {d?.qrImage ? (
              // GoPay's own QR image, fetched by the core from Midtrans (the desktop flow); the
              // deeplink stays in the display for a phone.
              <img className="qr" src={d.qrImage} alt={t('pay.scan')} width={260} height={260} data-testid="payment-qr" data-source="provider" data-deeplink={d.deeplink ?? ''} />
            ) : (
              <QrCode text={qr} label={t('pay.scan')} />
            )}
            <figcaption>
              <strong>{t(`pay.method.${p.method}`)}</strong> · {merchant}
            </figcaption>
          </figure>
        ) : null}
        {d?.vaNumber ? (
          <div className="va-box">
            <div className="muted">{t('pay.transferTo', { bank: t(`pay.method.${p.method}`) })}</div>
            <div className="va-number mono" data-testid="va-number">
              {d.vaNumber.replace(/(\d{4})(?=\d)/g, '$1 ')}
            </div>
          </div>
        ) : null}
        {d?.billKey ? (
          <div className="va-box">
            <div className="muted">{t('pay.billerCode', { code: d.billerCode ?? '' })}</div>
            <div className="va-number mono" data-testid="bill-key">
              {d.billKey}
            </div>
          </div>
        ) : null}
        <div className="pay-facts">
          <div className="amount-due" data-testid="amount-due">
            {formatRupiah(p.amount)}
          </div>
          {d?.bitcoin ? <BitcoinProgress b={d.bitcoin} t={t} /> : null}
          {left === null ? null : left > 0 ? (
            <div className={`countdown${left < 60_000 ? ' soon' : ''}`} data-testid="countdown">
              {t('pay.expiresIn', { time: countdown(left) })}
            </div>
          ) : (
            <div className="countdown soon">{t('pay.expired')}</div>
          )}
          {p.cancelRequested ? <div className="muted">{t('pay.cancelRequested')}</div> : null}
          {p.checkAttempts > 0 ? <div className="muted small">{t('pay.checks', { n: p.checkAttempts })}</div> : null}
          {!d && !p.cancelRequested ? <div className="spinner" aria-hidden="true" /> : null}
        </div>
      </div>
    </div>
  );
}
