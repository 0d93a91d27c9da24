import { useEffect } from 'react';
import { providerLabel, useApp, type Screen } from './stores/app-store';
import { freshStart, SCREENS, screenEntry } from './screen-table';
import { useTransactions } from './stores/transactions-store';
import { useKeys } from './hooks/use-keys';
import { errorText } from './i18n';
import { ErrorBox } from './components/ErrorBox';
import { formatRupiah } from '../shared/domain/money';
import { SignInScreen } from './screens/Counter/SignInScreen';
import { RecoveryKeyGate } from './screens/Counter/RecoveryKeyGate';
import { BackupBadge } from './components/BackupBadge';
import { RailLine } from './components/RailLine';
import { useActivity } from './hooks/use-activity';
import { call, setApprover, setRepeatConfirmer } from './api/client';
import { RepeatDialog } from './components/RepeatDialog';
import { ResolvedNotice } from './components/ResolvedNotice';
import { useNotice } from './stores/notice-store';
import { useOpenSales } from './hooks/use-open-sales';
import { useRepeat } from './stores/repeat-store';
import { ApprovalDialog } from './components/ApprovalDialog';
import { useApproval } from './stores/approval-store';

setApprover((message) => useApproval.getState().ask(message));
setRepeatConfirmer((message) => useRepeat.getState().ask(message));

export function App() {
  const { info, t, locale, screen, error, sessionLost, loadInfo, setScreen, setLocale } = useApp();
  const Current = screenEntry(screen).Component;

  const go = (s: Screen): void => {
    // A finished sale makes way for the next one; in the middle of a sale, the key only returns to it.
    const flow = screenEntry(s).flow;
    if (flow) freshStart(flow);
    setScreen(s);
  };
  useKeys(
    Object.fromEntries(
      SCREENS.map((e) => [
        e.key,
        e.screen === 'transactions'
          ? () => {
              // A sale that just finished elsewhere: F3 opens it, with its struk.
              const n = useNotice.getState().notice;
              go('transactions');
              if (n) {
                useNotice.getState().dismiss();
                void useTransactions.getState().openSaleDetail(n.saleId);
              }
            }
          : () => go(e.screen),
      ]),
    ),
  );

  useEffect(() => {
    void loadInfo();
    const id = setInterval(() => void loadInfo(), 5000);
    return () => clearInterval(id);
  }, []);

  useActivity(info?.counter ?? null, () => void loadInfo());
  const training = info?.mode === 'training';
  const counter = info?.counter ?? null;
  const signedIn = counter !== null && !counter.needsOwner && counter.user !== null && !counter.locked;
  useOpenSales(signedIn ? counter!.user!.name : null);
  if (sessionLost) {
    return (
      <div className="app">
        <main>
          <div className="card session-lost" data-testid="no-session">
            <h2>{t('session.lostTitle')}</h2>
            <p>{t('session.lostInfo')}</p>
            <p>
              <code>Loket web mode: http://127.0.0.1:…/?token=…</code>
            </p>
          </div>
        </main>
      </div>
    );
  }
  return (
    <div className={`app${training ? ' training' : ''}`}>
      {training ? (
        <div className="training-banner" data-testid="training-banner" role="status">
          <strong>{t('app.training')}</strong> — {t('app.trainingNote')}
        </div>
      ) : null}
      <header className="topbar">
        <div className="brand">
          <span className="logo">⚡</span>
          <span>{t('app.title')}</span>
          <span className="outlet">{info?.outlet.name}</span>
        </div>
        <nav>
          {SCREENS.map((e) => (
            <button
              key={e.screen}
              type="button"
              className={`nav-btn${screen === e.screen ? ' active' : ''}`}
              onClick={() => go(e.screen)}
              data-testid={`nav-${e.screen}`}
            >
              <kbd className="kbd">{e.key}</kbd> {t(e.label)}
            </button>
          ))}
        </nav>
        <div className="status">
          {info?.deposits.map((d) => (
            <span key={d.provider} className={`deposit${d.low ? ' low' : ''}`} data-testid="deposit" title={t('app.depositChecked')}>
              {t('app.deposit', { provider: providerLabel(info, d.provider) })} {formatRupiah(d.balance)}
            </span>
          ))}
          {info && info.pendingCount > 0 ? (
            <button
              type="button"
              className="badge state-pending"
              onClick={() => {
                void useTransactions.getState().setFilter('open');
                setScreen('transactions');
              }}
              data-testid="pending-count"
            >
              {t('app.pending', { n: info.pendingCount })}
            </button>
          ) : null}
          {info && info.reviewCount > 0 ? <span className="badge state-review">{t('app.review', { n: info.reviewCount })}</span> : null}
          {info && signedIn ? <BackupBadge badge={info.backup} onOpen={() => setScreen('settings')} /> : null}
          {signedIn ? (
            <span className="who" data-testid="who">
              {counter!.user!.name} · {t(`counter.role.${counter!.user!.role}`)}
              <button type="button" className="btn ghost small" onClick={() => void call('counter.lock', {}).then(() => loadInfo())} data-testid="lock">
                {t('counter.lock')}
              </button>
              <button type="button" className="btn ghost small" onClick={() => void call('counter.signOut', {}).then(() => loadInfo())} data-testid="sign-out">
                {t('counter.signOut')}
              </button>
            </span>
          ) : null}
          <button
            type="button"
            className="lang"
            onClick={() => void setLocale(locale === 'id' ? 'en' : 'id')}
            aria-label={t('app.language')}
            data-testid="toggle-locale"
          >
            {locale === 'id' ? 'EN' : 'ID'}
          </button>
        </div>
      </header>
      <ApprovalDialog />
      <RepeatDialog />
      {signedIn ? (
        <ResolvedNotice
          onOpen={() => {
            const n = useNotice.getState().notice;
            if (!n) return;
            useNotice.getState().dismiss();
            setScreen('transactions');
            void useTransactions.getState().openSaleDetail(n.saleId);
          }}
        />
      ) : null}
      <main>
        {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
        {counter && !signedIn ? (
          <SignInScreen counter={counter} />
        ) : counter?.user?.role === 'owner' && info?.backup.recoveryKey === 'unconfirmed' ? (
          <RecoveryKeyGate />
        ) : !counter ? null : !counter.shift && screenEntry(screen).needsShift ? (
          <div className="card notice" data-testid="no-shift">
            {t('shift.none')}
            <button type="button" className="btn primary" onClick={() => setScreen('shift')} data-testid="go-open-shift">
              {t('shift.openTitle')} <kbd className="kbd">F6</kbd>
            </button>
          </div>
        ) : (
          <>
            {screenEntry(screen).kind && info?.routes ? (
              <RailLine t={t} now={Date.now()} name={providerLabel(info, info.routes[screenEntry(screen).kind!])} rail={info.rails.find((r) => r.provider === info.routes![screenEntry(screen).kind!]) ?? null} />
            ) : null}
            <Current />
          </>
        )}
      </main>
    </div>
  );
}
