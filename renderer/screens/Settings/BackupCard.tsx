// Pengaturan → Cadangan: where backups go and when, a backup now (it runs in the background; the
// card follows its stage), the history of runs with their reasons, and the recovery key.
import { useEffect, useState } from 'react';
import type { BackupSettings, BackupStatus } from '../../../shared/backup';
import type { AppError } from '../../../shared/domain/errors';
import { formatLocalDateTime } from '../../../shared/domain/time';
import { call } from '../../api/client';
import { useApp } from '../../stores/app-store';
import { errorText } from '../../i18n';
import { ErrorBox } from '../../components/ErrorBox';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';

const HOURS: BackupSettings['everyHours'][] = [0, 1, 2, 4, 8, 12, 24];

export function BackupCard() {
  const { t, locale, info, loadInfo } = useApp();
  const zone = info?.outlet.timeZone ?? 'Asia/Jakarta';
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [folders, setFolders] = useState('');
  const [everyHours, setEveryHours] = useState<BackupSettings['everyHours']>(4);
  const [atShiftClose, setAtShiftClose] = useState(true);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);

  const adopt = (s: BackupStatus, form: boolean): void => {
    setStatus(s);
    if (form) {
      setFolders(s.settings.folders.join('\n'));
      setEveryHours(s.settings.everyHours);
      setAtShiftClose(s.settings.atShiftClose);
    }
  };
  const refresh = async (form = false): Promise<void> => {
    const r = await call('backup.status', {});
    if (r.ok) adopt(r.value, form);
    else setError(r.error);
  };
  useEffect(() => {
    void refresh(true);
  }, []);
  // While a backup runs, follow it.
  useEffect(() => {
    if (!status?.running) return;
    const id = setInterval(() => void refresh(), 700);
    return () => clearInterval(id);
  }, [status?.running !== null && status?.running !== undefined]);
  useEffect(() => {
    if (status && !status.running) void loadInfo();
  }, [status?.running === null]);

  const save = async (): Promise<void> => {
    setSaved(false);
    const r = await call('backup.saveSettings', { folders: folders.split('\n').map((f) => f.trim()).filter(Boolean), everyHours, atShiftClose });
    if (!r.ok) return setError(r.error);
    setError(null);
    setSaved(true);
    adopt(r.value, true);
    void loadInfo();
  };
  const runNow = async (): Promise<void> => {
    const r = await call('backup.run', {});
    if (!r.ok) return setError(r.error);
    setError(null);
    adopt(r.value, false);
  };
  if (!status) return null;
  const running = status.running;
  return (
    <div className="card form" data-testid="backup-card">
      <h2>{t('backup.title')}</h2>
      <p className="muted">{t('backup.info')}</p>
      <p className={`backup-health ${status.badge.health === 'ok' ? 'ok' : 'bad'}`} data-testid="backup-health">
        {status.badge.message}
      </p>
      <label>
        {t('backup.folders')}
        <textarea rows={2} value={folders} onChange={(e) => setFolders(e.target.value)} spellCheck={false} data-testid="backup-folders" />
        <span className="small muted">{t('backup.foldersHint')}</span>
      </label>
      <label>
        {t('backup.every')}
        <select value={everyHours} onChange={(e) => setEveryHours(Number(e.target.value) as BackupSettings['everyHours'])} data-testid="backup-every">
          {HOURS.map((h) => (
            <option key={h} value={h}>
              {h === 0 ? t('backup.everyOff') : t('backup.everyHours', { n: h })}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={atShiftClose} onChange={(e) => setAtShiftClose(e.target.checked)} data-testid="backup-at-close" /> {t('backup.atShiftClose')}
      </label>
      <div className="actions wrap">
        <button type="button" className="btn" onClick={() => void save()} data-testid="backup-save">
          {t('backup.save')}
        </button>
        <button type="button" className="btn primary" onClick={() => void runNow()} disabled={running !== null || status.settings.folders.length === 0} data-testid="backup-run">
          {running ? t('backup.badgeRunning') : t('backup.runNow')}
        </button>
        {saved ? <span className="refund done">{t('backup.saved')}</span> : null}
      </div>
      {running ? (
        <p className="muted" data-testid="backup-stage" aria-live="polite">
          {t(`backup.stage.${running.stage}`, { folder: running.folder ?? '' })}
        </p>
      ) : status.nextAt ? (
        <p className="small muted">{t('backup.next', { at: formatLocalDateTime(status.nextAt, zone) })}</p>
      ) : null}
      <h3>{t('backup.runs')}</h3>
      {status.runs.length === 0 ? (
        <p className="muted">{t('backup.noRuns')}</p>
      ) : (
        <ul className="backup-runs small" data-testid="backup-runs">
          {status.runs.map((r, i) => (
            <li key={i} className={r.state} data-state={r.state}>
              <strong>{t(`backup.state.${r.state}`)}</strong> · {formatLocalDateTime(r.finishedAt ?? r.startedAt, zone)} · {t(`backup.trigger.${r.trigger}`)} · {r.folder}
              {r.state === 'verified' && r.sales !== null ? ` · ${t('backup.sales', { n: r.sales })}` : ''}
              {r.problem ? <div className="problem">{r.problem}</div> : null}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('backup.recoveryTitle')}</h3>
      <p className="muted">{t('backup.recoveryInfo')}</p>
      <p className="small" data-testid="recovery-state">
        {status.badge.recoveryKey === 'confirmed' ? t('backup.recoveryConfirmed') : status.badge.recoveryKey === 'unavailable' ? t('backup.recoveryUnavailable') : t('backup.recoveryUnconfirmed')}
      </p>
      {status.badge.recoveryKey === 'unavailable' ? null : <RecoveryKeyPanel onConfirmed={() => void refresh()} />}
      {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
    </div>
  );
}
