// The owner's "verify": the ledger checked against its audit chain, here and now. Any edit,
// insertion or deletion made outside Loket is listed with where it is.
import { useEffect, useState } from 'react';
import type { Res } from '../../../shared/contract';
import type { AppError } from '../../../shared/domain/errors';
import { call } from '../../api/client';
import { useApp } from '../../stores/app-store';
import { errorText } from '../../i18n';
import { ErrorBox } from '../../components/ErrorBox';

export function AuditCard() {
  const { t, locale } = useApp();
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Res<'audit.verify'> | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  // The check runs in the core's worker threads; its progress is asked for while it runs.
  useEffect(() => {
    if (!busy) return setProgress(null);
    const id = setInterval(() => {
      void call('audit.progress', {}).then((r) => {
        if (r.ok && r.value.running && r.value.total > 0) setProgress({ done: r.value.done, total: r.value.total });
      });
    }, 300);
    return () => clearInterval(id);
  }, [busy]);
  const verify = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    const r = await call('audit.verify', {});
    setBusy(false);
    if (r.ok) setReport(r.value);
    else setError(r.error);
  };
  return (
    <div className="card form" data-testid="audit-card">
      <h2>{t('audit.title')}</h2>
      <p className="muted">{t('audit.info')}</p>
      <div className="actions">
        <button type="button" className="btn primary" onClick={() => void verify()} disabled={busy} data-testid="audit-verify">
          {busy ? t('audit.checking') : t('audit.verify')}
        </button>
      </div>
      {busy ? (
        <div className="audit-progress" data-testid="audit-progress">
          <progress value={progress?.done ?? 0} max={progress?.total ?? 1} />
          {progress ? <span className="small muted">{t('audit.progress', { done: progress.done.toLocaleString('id-ID'), total: progress.total.toLocaleString('id-ID') })}</span> : null}
        </div>
      ) : null}
      {report ? (
        <div className={`refund ${report.intact ? 'done' : 'big'}`} data-testid={report.intact ? 'audit-intact' : 'audit-tampered'}>
          {report.intact ? t('audit.intact', { entries: report.entries, rows: report.rows, ms: report.ms }) : t('audit.tampered', { n: report.findings.length })}
          {report.intact && !report.keyed ? <div className="small">{t('audit.unkeyed')}</div> : null}
          {report.unverifiableBefore !== null ? <div className="small" data-testid="audit-unverifiable">{t('audit.unverifiable', { seq: report.unverifiableBefore })}</div> : null}
          {report.findings.length > 0 ? (
            <ul className="small">
              {report.findings.slice(0, 50).map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
    </div>
  );
}
