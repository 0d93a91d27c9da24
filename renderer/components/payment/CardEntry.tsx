// Card details at the counter: swiped on a magnetic reader (which types the track as keystrokes
// into the focused number field) or keyed in. The details live only in the input elements until
// Enter hands them over once; they are then cleared, never kept in a store or shown again.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CardInput } from '../../../shared/payment';
import type { Translate } from '../../i18n';
import { KeyButton } from '../KeyButton';

/** ISO 7813 track 2 as a reader types it: `;PAN=YYMM…?`. */
const TRACK2 = /^;?(\d{12,19})=(\d{4})\d*\??$/;

export function CardEntry({ t, busy, onCharge }: { t: Translate; busy: boolean; onCharge: (card: CardInput) => void }) {
  const number = useRef<HTMLInputElement>(null);
  const expiry = useRef<HTMLInputElement>(null);
  const cvv = useRef<HTMLInputElement>(null);
  const track = useRef<string | null>(null);
  const [swiped, setSwiped] = useState<string | null>(null);
  useEffect(() => {
    if (!busy) number.current?.focus();
  }, [busy]);

  const clear = (): void => {
    for (const r of [number, expiry, cvv]) if (r.current) r.current.value = '';
    track.current = null;
    setSwiped(null);
  };
  useEffect(() => clear, []);

  const onNumber = (): void => {
    const el = number.current!;
    const m = TRACK2.exec(el.value.trim());
    if (m && el.value.includes('=')) {
      track.current = el.value.trim();
      el.value = '';
      setSwiped(m[1]!.slice(-4));
      return;
    }
    if (!el.value.startsWith(';')) el.value = el.value.replace(/[^\d ]/g, '').slice(0, 23);
  };

  const submit = (e: FormEvent | KeyboardEvent): void => {
    e.preventDefault();
    let card: CardInput | null = null;
    if (track.current) card = { entry: 'swiped', track2: track.current };
    else {
      const n = (number.current?.value ?? '').replace(/\D/g, '');
      const x = (expiry.current?.value ?? '').replace(/\D/g, '');
      const c = (cvv.current?.value ?? '').replace(/\D/g, '');
      if (n.length >= 12 && x.length === 4) card = { entry: 'keyed', number: n, expiry: x, securityCode: c.length >= 3 ? c : null };
    }
    if (!card) return;
    clear();
    onCharge(card);
  };

  return (
    <form
      className="card-entry"
      onSubmit={submit}
      // Enter from any field charges (a form with several fields has no implicit submission).
      onKeyDown={(e) => {
        if (e.key === 'Enter') submit(e);
      }}
      autoComplete="off"
    >
      <p className="muted">{t('pay.cardInfo')}</p>
      {swiped ? (
        <div className="swiped" data-testid="card-swiped">
          {t('pay.cardSwiped', { last4: swiped })}
        </div>
      ) : null}
      <label>
        {t('pay.cardNumber')}
        <input ref={number} data-card-input className="big-input mono" inputMode="numeric" data-testid="card-number" onChange={onNumber} disabled={busy} />
      </label>
      <div className="row">
        <label>
          {t('pay.cardExpiry')}
          <input ref={expiry} data-card-input inputMode="numeric" maxLength={4} data-testid="card-expiry" disabled={busy || swiped !== null} />
        </label>
        <label>
          {t('pay.cardCvv')}
          <input ref={cvv} data-card-input inputMode="numeric" maxLength={4} type="password" data-testid="card-cvv" disabled={busy || swiped !== null} />
        </label>
      </div>
      <div className="actions">
        <KeyButton keyLabel="Enter" variant="primary" onClick={() => number.current?.form?.requestSubmit()} disabled={busy} testId="charge-card">
          {t('pay.charge')}
        </KeyButton>
      </div>
    </form>
  );
}
