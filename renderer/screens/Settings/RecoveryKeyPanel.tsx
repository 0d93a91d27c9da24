// The recovery key shown once on request, with a PDF to print, and confirmed by typing back the
// two groups Loket asks for. Used at the first start (before anything else) and in Pengaturan.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { RecoveryKeyView } from '../../../shared/backup';
import type { AppError } from '../../../shared/domain/errors';
import { call } from '../../api/client';
import { useApp } from '../../stores/app-store';
import { errorText } from '../../i18n';
import { ErrorBox } from '../../components/ErrorBox';
import { base64Bytes, downloadFile } from '../../print';

export function RecoveryKeyPanel({ autoShow = false, onConfirmed }: { autoShow?: boolean; onConfirmed?: () => void }) {
  const { t, locale } = useApp();
  const [key, setKey] = useState<RecoveryKeyView | null>(null);
  const [answers, setAnswers] = useState<[string, string]>(['', '']);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  const show = async (): Promise<void> => {
    const r = await call('recoveryKey.show', {});
    if (!r.ok) return setError(r.error);
    setError(null);
    setKey(r.value);
  };
  useEffect(() => {
    if (autoShow) void show();
  }, []);
  useEffect(() => {
    if (key) first.current?.focus();
  }, [key]);
  const pdf = async (): Promise<void> => {
    const r = await call('recoveryKey.pdf', {});
    if (!r.ok) return setError(r.error);
    downloadFile(r.value.fileName, base64Bytes(r.value.pdfBase64), 'application/pdf');
  };
  const confirm = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (!key) return;
    const r = await call('recoveryKey.confirm', { answers: [{ position: key.confirm[0], group: answers[0] }, { position: key.confirm[1], group: answers[1] }] });
    if (!r.ok) return setError(r.error);
    setError(null);
    setDone(true);
    setKey(null);
    onConfirmed?.();
  };
  return (
    <div data-testid="recovery-key">
      {done ? <p className="refund done" data-testid="recovery-done">{t('backup.recoveryDone')}</p> : null}
      {!key ? (
        <div className="actions">
          <button type="button" className="btn" onClick={() => void show()} data-testid="recovery-show">
            {t('backup.recoveryShow')}
          </button>
        </div>
      ) : (
        <form onSubmit={(e) => void confirm(e)}>
          <ol className="recovery-groups" data-testid="recovery-groups">
            {key.groups.map((g, i) => (
              <li key={i} data-position={i + 1}>
                <span className="muted">{i + 1}</span> <code>{g}</code>
              </li>
            ))}
          </ol>
          <div className="actions">
            <button type="button" className="btn ghost" onClick={() => void pdf()} data-testid="recovery-pdf">
              {t('backup.recoveryPdf')}
            </button>
          </div>
          <p>{t('backup.recoveryAsk', { a: key.confirm[0], b: key.confirm[1] })}</p>
          <div className="recovery-answers">
            {key.confirm.map((position, i) => (
              <label key={position}>
                {t('backup.recoveryGroup', { n: position })}
                <input
                  ref={i === 0 ? first : undefined}
                  value={answers[i]}
                  maxLength={6}
                  autoComplete="off"
                  spellCheck={false}
                  onChange={(e) => setAnswers((a) => (i === 0 ? [e.target.value, a[1]] : [a[0], e.target.value]))}
                  data-testid={`recovery-answer-${i}`}
                />
              </label>
            ))}
          </div>
          <div className="actions">
            <button type="submit" className="btn primary" data-testid="recovery-confirm">
              {t('backup.recoveryConfirm')} <kbd className="kbd">Enter</kbd>
            </button>
          </div>
        </form>
      )}
      {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
    </div>
  );
}
