import { useEffect } from 'react';
import { useApp, type Screen } from './stores/app-store';
import { useSale } from './stores/sale-store';
import { useTransactions } from './stores/transactions-store';
import { useKeys } from './hooks/use-keys';
import { errorText } from './i18n';
import { ErrorBox } from './components/ErrorBox';
import { TokenSaleScreen } from './screens/TokenSale/TokenSaleScreen';
import { TransactionsScreen } from './screens/Transactions/TransactionsScreen';
import { SettingsScreen } from './screens/Settings/SettingsScreen';

const NAV: ReadonlyArray<[Screen, string, string]> = [
  ['token', 'F2', 'nav.token'],
  ['transactions', 'F3', 'nav.transactions'],
  ['settings', 'F9', 'nav.settings'],
];

export function App() {
  const { info, t, locale, screen, error, loadInfo, setScreen, setLocale } = useApp();
  const saleStep = useSale((s) => s.step);

  const goToken = (): void => {
    // F2 starts a new sale once the previous one has its outcome (and no cash is owed back);
    // in the middle of a sale it only switches back to it.
    if (saleStep === 'result' && useSale.getState().sale?.cash.state !== 'refund_due') useSale.getState().reset();
    setScreen('token');
  };
  useKeys({
    F2: goToken,
    F3: () => setScreen('transactions'),
    F9: () => setScreen('settings'),
  });

  useEffect(() => {
    void loadInfo();
    const id = setInterval(() => void loadInfo(), 5000);
    return () => clearInterval(id);
  }, []);

  const training = info?.mode === 'training';
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
              onClick={() => (s === 'token' ? goToken() : setScreen(s))}
              data-testid={`nav-${s}`}
            >
              <kbd className="kbd">{key}</kbd> {t(label)}
            </button>
          ))}
        </nav>
        <div className="status">
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
      <main>
        {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
        {screen === 'token' ? <TokenSaleScreen /> : screen === 'transactions' ? <TransactionsScreen /> : <SettingsScreen />}
      </main>
    </div>
  );
}
