import { useEffect } from 'react';
import { providerLabel, useApp, type Screen } from './stores/app-store';
import { useSale } from './stores/sale-store';
import { useTransactions } from './stores/transactions-store';
import { useKeys } from './hooks/use-keys';
import { errorText } from './i18n';
import { ErrorBox } from './components/ErrorBox';
import { TokenSaleScreen } from './screens/TokenSale/TokenSaleScreen';
import { BillsScreen } from './screens/Bills/BillsScreen';
import { DigitalScreen } from './screens/Digital/DigitalScreen';
import { useBill } from './stores/bill-store';
import { useDigital } from './stores/digital-store';
import { formatRupiah } from '../shared/domain/money';
import { TransactionsScreen } from './screens/Transactions/TransactionsScreen';
import { SettingsScreen } from './screens/Settings/SettingsScreen';
import { CryptoScreen } from './screens/Crypto/CryptoScreen';
import { BooksScreen } from './screens/Books/BooksScreen';
import { ShiftScreen } from './screens/Counter/ShiftScreen';
import { SignInScreen } from './screens/Counter/SignInScreen';
import { RecoveryKeyGate } from './screens/Counter/RecoveryKeyGate';
import { BackupBadge } from './components/BackupBadge';
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

const NAV: ReadonlyArray<[Screen, string, string]> = [
  ['token', 'F2', 'nav.token'],
  ['bills', 'F4', 'nav.bills'],
  ['digital', 'F7', 'nav.digital'],
  ['transactions', 'F3', 'nav.transactions'],
  ['shift', 'F6', 'nav.shift'],
  ['crypto', 'F8', 'nav.crypto'],
  ['books', 'F10', 'nav.books'],
  ['settings', 'F9', 'nav.settings'],
];

/** F-key on a sale screen: a finished sale (no cash owed back) makes way for the next one. */
function freshStart(store: { getState(): { step: string; sale: { state: string; payment: { state: string; refundBy: string | null } } | null; reset(): void } }): void {
  const s = store.getState();
  const p = s.sale?.payment;
  if (s.step === 'result' && s.sale?.state !== 'awaiting_payment' && !(p?.state === 'refund_due' && p.refundBy === 'cash')) s.reset();
}

export function App() {
  const { info, t, locale, screen, error, sessionLost, loadInfo, setScreen, setLocale } = useApp();

  const go = (s: Screen): void => {
    // A finished sale makes way for the next one; in the middle of a sale, the key only returns to it.
    if (s === 'token') freshStart(useSale);
    if (s === 'bills') freshStart(useBill);
    if (s === 'digital') freshStart(useDigital);
    setScreen(s);
  };
  useKeys({
    F2: () => go('token'),
    F3: () => {
      // A sale that just finished elsewhere: F3 opens it, with its struk.
      const n = useNotice.getState().notice;
      go('transactions');
      if (n) {
        useNotice.getState().dismiss();
        void useTransactions.getState().openSaleDetail(n.saleId);
      }
    },
    F4: () => go('bills'),
    F7: () => go('digital'),
    F6: () => go('shift'),
    F8: () => go('crypto'),
    F10: () => go('books'),
    F9: () => go('settings'),
  });

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
          {NAV.map(([s, key, label]) => (
            <button
              key={s}
              type="button"
              className={`nav-btn${screen === s ? ' active' : ''}`}
              onClick={() => go(s)}
              data-testid={`nav-${s}`}
            >
              <kbd className="kbd">{key}</kbd> {t(label)}
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
        ) : !counter ? null : !counter.shift && (screen === 'token' || screen === 'bills' || screen === 'digital' || screen === 'crypto') ? (
          <div className="card notice" data-testid="no-shift">
            {t('shift.none')}
            <button type="button" className="btn primary" onClick={() => setScreen('shift')} data-testid="go-open-shift">
              {t('shift.openTitle')} <kbd className="kbd">F6</kbd>
            </button>
          </div>
        ) : screen === 'token' ? (
          <TokenSaleScreen />
        ) : screen === 'bills' ? (
          <BillsScreen />
        ) : screen === 'digital' ? (
          <DigitalScreen />
        ) : screen === 'transactions' ? (
          <TransactionsScreen />
        ) : screen === 'crypto' ? (
          <CryptoScreen />
        ) : screen === 'books' ? (
          <BooksScreen />
        ) : screen === 'shift' ? (
          <ShiftScreen />
        ) : (
          <SettingsScreen />
        )}
      </main>
    </div>
  );
}
