import { useEffect, useRef } from 'react';
import { parseCustomerNumber } from '../../../shared/domain/pln';
import { useApp } from '../../stores/app-store';
import { useSale } from '../../stores/sale-store';
import { errorText } from '../../i18n';
import { ErrorBox } from '../../components/ErrorBox';
import { KeyButton } from '../../components/KeyButton';

const TRAINING_NUMBERS: ReadonlyArray<[string, string]> = [
  ['12345678901', 'ok'],
  ['885555555555', 'ok'],
  ['99000000014', 'unknown'],
  ['99000000068', 'timeout'],
  ['99000000030', 'hang'],
  ['99000000046', 'deposit'],
];

export function NumberStep() {
  const { number, busy, error, setNumber, inquire } = useSale();
  const { t, locale, info } = useApp();
  const digits = number.replace(/\D/g, '').length;
  const parsed = parseCustomerNumber(number);
  const kind = parsed ? (parsed.kind === 'meter' ? t('sale.meter') : t('sale.idpel')) : '';
  const input = useRef<HTMLInputElement>(null);
  // The field is disabled while checking; give the keyboard back (text selected, ready to retype).
  useEffect(() => {
    if (!busy) input.current?.select();
  }, [busy]);

  return (
    <section className="card step-number">
      <h2>{t('sale.title')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void inquire();
        }}
      >
        <label htmlFor="customer-number">{t('sale.numberLabel')}</label>
        <input
          id="customer-number"
          ref={input}
          className="big-input"
          data-testid="customer-number"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          maxLength={24}
          placeholder={t('sale.numberPlaceholder')}
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          disabled={busy}
        />
        <div className="hint" aria-live="polite">
          {digits > 0 ? `${digits} digit${kind ? ` · ${kind}` : ''}` : '\u00a0'}
        </div>
        <div className="actions">
          <KeyButton keyLabel="Enter" variant="primary" onClick={() => void inquire()} disabled={busy} testId="inquire">
            {busy ? t('sale.checking') : t('sale.check')}
          </KeyButton>
        </div>
      </form>
      {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
      {info?.mode === 'training' ? (
        <div className="training-numbers">
          <div className="muted">{t('sale.trainingNumbers')}</div>
          <ul>
            {TRAINING_NUMBERS.map(([n, s]) => (
              <li key={n}>
                <button type="button" className="link" onClick={() => setNumber(n)} tabIndex={-1}>
                  {n}
                </button>{' '}
                <span className="muted">{t(`sale.scenario.${s}`)}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
