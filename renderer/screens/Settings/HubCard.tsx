// Pengaturan → Pusat (issue 18): this counter joins the owner's Loket Pusat with the hub's address
// and the one-time code the owner got there; then the card says how replication stands — the
// outlet and counter name at the hub, what is still to send, the last contact, the last error in
// words — with "Kirim sekarang" and "Lepas dari Pusat".
import { useEffect, useState, type FormEvent } from 'react';
import type { HubLinkStatus } from '../../../shared/contract';
import type { AppError } from '../../../shared/domain/errors';
import { formatLocalDateTime } from '../../../shared/domain/time';
import { call } from '../../api/client';
import { useApp } from '../../stores/app-store';
import { errorText } from '../../i18n';
import { ErrorBox } from '../../components/ErrorBox';

export function HubCard() {
  const { t, locale, info } = useApp();
  const zone = info?.outlet.timeZone ?? 'Asia/Jakarta';
  const [status, setStatus] = useState<HubLinkStatus | null>(null);
  const [url, setUrl] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const refresh = async (): Promise<void> => {
    const r = await call('hub.status', {});
    if (r.ok) setStatus(r.value);
  };
  useEffect(() => {
    void refresh();
    const id = setInterval(() => void refresh(), 3_000);
    return () => clearInterval(id);
  }, []);

  const act = async (work: () => ReturnType<typeof call<'hub.flush'>>): Promise<void> => {
    setBusy(true);
    const r = await work();
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setStatus(r.value);
  };
  const enroll = (e: FormEvent): void => {
    e.preventDefault();
    void act(() => call('hub.enroll', { url, code })).then(() => setCode(''));
  };

  return (
    <div className="card form" data-testid="hub-card">
      <h2>{t('hub.title')}</h2>
      {status?.linked ? (
        <>
          <p data-testid="hub-linked">{t('hub.linked', { outlet: status.outlet ?? '', counter: status.counter ?? '', url: status.url ?? '' })}</p>
          <p className={status.lastError ? 'failed-text' : 'muted'} data-testid="hub-state">
            {status.lastError
              ? t('hub.failing', { error: status.lastError, pending: status.pending })
              : status.pending > 0
                ? t('hub.sending', { pending: status.pending })
                : status.lastOkAt
                  ? t('hub.upToDate', { at: formatLocalDateTime(status.lastOkAt, zone) })
                  : t('hub.waiting')}
          </p>
          <div className="actions">
            <button type="button" className="btn" onClick={() => void act(() => call('hub.flush', {}))} disabled={busy} data-testid="hub-flush">
              {t('hub.flush')}
            </button>
            <button type="button" className="btn ghost" onClick={() => void act(() => call('hub.unlink', {}))} disabled={busy} data-testid="hub-unlink">
              {t('hub.unlink')}
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={enroll}>
          <p className="muted small">{t('hub.explain')}</p>
          <label>
            {t('hub.url')}
            <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://pusat.tokoku.id" autoComplete="off" data-testid="hub-url" />
          </label>
          <label>
            {t('hub.code')}
            <input value={code} onChange={(e) => setCode(e.target.value)} placeholder="ABCDE-FGH23" autoComplete="off" data-testid="hub-code" />
          </label>
          <div className="actions">
            <button type="submit" className="btn primary" disabled={busy || !url.trim() || !code.trim()} data-testid="hub-enroll">
              {t('hub.enroll')}
            </button>
          </div>
        </form>
      )}
      {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} testId="hub-error" /> : null}
    </div>
  );
}
