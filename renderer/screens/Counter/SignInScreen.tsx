// Before anything else: who is at the counter. First start: the owner makes their account. Then a
// name and PIN; after the idle time the same person's PIN unlocks (or someone else signs in).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppError } from '../../../shared/domain/errors';
import type { CounterStatus } from '../../../shared/contract';
import { call } from '../../api/client';
import { useApp } from '../../stores/app-store';
import { errorText } from '../../i18n';
import { ErrorBox } from '../../components/ErrorBox';
import { RestoreScreen } from './RestoreScreen';

export function SignInScreen({ counter }: { counter: CounterStatus }) {
  const { t, locale, loadInfo } = useApp();
  const locked = counter.locked && counter.user !== null;
  const [name, setName] = useState(locked ? counter.user!.name : '');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), [locked, counter.needsOwner, restoring]);
  // "Ganti pengguna": the next person types their own name, not the last one's.
  useEffect(() => setName(locked ? counter.user!.name : ''), [locked]);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (counter.needsOwner && pin !== again) return setError({ code: 'invalid_request', message: t('counter.pinMismatch') });
    setBusy(true);
    const r = await call(counter.needsOwner ? 'counter.setupOwner' : 'counter.signIn', { name: name.trim(), pin });
    setBusy(false);
    setPin('');
    setAgain('');
    if (!r.ok) return setError(r.error);
    setError(null);
    await loadInfo();
  };
  if (restoring && counter.needsOwner) return <RestoreScreen onBack={() => setRestoring(false)} />;
  return (
    <section className="sign-in">
      <form className="card form" onSubmit={(e) => void submit(e)} data-testid="sign-in">
        <h2>{counter.needsOwner ? t('counter.setupTitle') : locked ? t('counter.lockedTitle', { name: counter.user!.name }) : t('counter.signInTitle')}</h2>
        <p className="muted">{counter.needsOwner ? t('counter.setupInfo') : locked ? t('counter.lockedInfo') : t('counter.signInInfo')}</p>
        {locked ? null : (
          <label>
            {t('counter.name')}
            <input ref={first} value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" data-testid="sign-in-name" />
          </label>
        )}
        <label>
          {t('counter.pin')}
          <input
            ref={locked ? first : undefined}
            type="password"
            inputMode="numeric"
            autoComplete="current-password"
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
            data-testid="sign-in-pin"
          />
        </label>
        {counter.needsOwner ? (
          <label>
            {t('counter.pinAgain')}
            <input type="password" inputMode="numeric" value={again} onChange={(e) => setAgain(e.target.value.replace(/\D/g, '').slice(0, 8))} data-testid="sign-in-pin-again" />
          </label>
        ) : null}
        <div className="actions">
          <button className="btn primary" type="submit" disabled={busy} data-testid="sign-in-submit">
            {counter.needsOwner ? t('counter.setupDo') : t('counter.signInDo')} <kbd className="kbd">Enter</kbd>
          </button>
          {locked ? (
            <button
              type="button"
              className="btn ghost"
              onClick={() => {
                void call('counter.signOut', {}).then(() => loadInfo());
              }}
              data-testid="switch-user"
            >
              {t('counter.switchUser')}
            </button>
          ) : null}
          {counter.needsOwner ? (
            <button type="button" className="btn ghost" onClick={() => setRestoring(true)} data-testid="restore-open">
              {t('backup.restoreLink')}
            </button>
          ) : null}
        </div>
        {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
      </form>
    </section>
  );
}
