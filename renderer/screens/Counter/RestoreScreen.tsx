// A new computer's first start: instead of making a new owner, bring the books back from a backup.
// The folder (or file) is typed — a USB stick's folder, a network share — the backups there are
// listed with what each says about itself, the recovery key is typed, and Loket restores, proves
// and shows what it found before it opens on the restored books.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { BackupFileView, RestoredView } from '../../../shared/backup';
import type { AppError } from '../../../shared/domain/errors';
import { formatRupiah } from '../../../shared/domain/money';
import { formatLocalDateTime } from '../../../shared/domain/time';
import { call } from '../../api/client';
import { useApp } from '../../stores/app-store';
import { errorText } from '../../i18n';
import { ErrorBox } from '../../components/ErrorBox';

export function RestoreScreen({ onBack }: { onBack: () => void }) {
  const { t, locale, info } = useApp();
  const zone = info?.outlet.timeZone ?? 'Asia/Jakarta';
  const [where, setWhere] = useState('');
  const [backups, setBackups] = useState<BackupFileView[]>([]);
  const [chosen, setChosen] = useState(0);
  const [key, setKey] = useState('');
  const [ownerName, setOwnerName] = useState('');
  const [ownerPin, setOwnerPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [restored, setRestored] = useState<RestoredView | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const keyField = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  const find = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const r = await call('setup.findBackups', { path: where });
    if (!r.ok) {
      setBackups([]);
      return setError(r.error);
    }
    setError(null);
    setBackups(r.value.backups);
    setChosen(0);
  };
  // The list found: the key is what the owner types next.
  useEffect(() => {
    if (backups.length > 0) keyField.current?.focus();
  }, [backups]);
  const restore = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const b = backups[chosen];
    if (!b) return;
    setBusy(true);
    setError(null);
    const keyless = b.kind === 'ledger' && key.trim() === '';
    const r = await call('setup.restore', { file: b.file, recoveryKey: key, owner: keyless ? { name: ownerName.trim(), pin: ownerPin } : null });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setKey('');
    setOwnerPin('');
    setRestored(r.value);
  };

  if (restored) {
    return (
      <section className="sign-in">
        <div className="card form" data-testid="restored">
          <h2>{restored.keyless ? t('backup.restoredTitleKeyless') : t('backup.restoredTitle')}</h2>
          <ul className="restored-facts">
            <li data-testid="restored-sales">{t('backup.restoredSales', { n: restored.sales, users: restored.users })}</li>
            {restored.lastSale ? (
              <li data-testid="restored-last-sale">
                {t('backup.restoredLastSale', { product: restored.lastSale.productName, total: formatRupiah(restored.lastSale.total), at: formatLocalDateTime(restored.lastSale.at, zone) })}
              </li>
            ) : null}
            {restored.lastShift ? <li>{t('backup.restoredLastShift', { cashier: restored.lastShift.cashier, at: formatLocalDateTime(restored.lastShift.openedAt, zone) })}</li> : null}
            <li data-testid="restored-audit">{t('backup.restoredAudit', { entries: restored.auditEntries, rows: restored.auditRows })}</li>
            <li className="muted">{t('backup.restoredSchema', { from: restored.schemaFrom, to: restored.schemaTo })}</li>
          </ul>
          {restored.keyless ? (
            <div className="warning-box" data-testid="restored-keyless">
              <strong>{t('backup.restoredKeyless')}</strong>
              <ul>
                {restored.secretsForgotten > 0 ? <li>{t('backup.restoredSecrets', { n: restored.secretsForgotten })}</li> : null}
                <li>{t('backup.restoredPins')}</li>
                {restored.unverifiableBefore !== null ? <li>{t('backup.restoredUnverifiable', { seq: restored.unverifiableBefore })}</li> : null}
              </ul>
            </div>
          ) : null}
          <div className="actions">
            <button type="button" className="btn primary" autoFocus onClick={() => window.location.reload()} data-testid="restored-open">
              {t('backup.restoredOpen')} <kbd className="kbd">Enter</kbd>
            </button>
          </div>
        </div>
      </section>
    );
  }
  return (
    <section className="sign-in">
      <div className="card form" data-testid="restore">
        <h2>{t('backup.restoreTitle')}</h2>
        <p className="muted">{t('backup.restoreInfo')}</p>
        <form onSubmit={(e) => void find(e)}>
          <label>
            {t('backup.restorePath')}
            <input ref={first} value={where} onChange={(e) => setWhere(e.target.value)} spellCheck={false} placeholder="/media/usb/CADANGAN" data-testid="restore-path" />
          </label>
          <div className="actions">
            <button type="submit" className="btn" data-testid="restore-find">
              {t('backup.restoreFind')} <kbd className="kbd">Enter</kbd>
            </button>
          </div>
        </form>
        {backups.length > 0 ? (
          <form onSubmit={(e) => void restore(e)}>
            <fieldset className="restore-list" data-testid="restore-list">
              <legend>{t('backup.restorePick')}</legend>
              {backups.map((b, i) => (
                <label key={b.file} className="check">
                  <input type="radio" name="backup" checked={chosen === i} onChange={() => setChosen(i)} data-testid={`restore-choice-${i}`} />{' '}
                  {b.kind === 'ledger'
                    ? t('backup.restoreLedger', { at: formatLocalDateTime(b.createdAt, zone), sales: b.sales })
                    : t('backup.restoreFile', { outlet: b.outlet, at: formatLocalDateTime(b.createdAt, zone), sales: b.sales })}
                </label>
              ))}
            </fieldset>
            <label>
              {backups[chosen]?.kind === 'ledger' ? t('backup.restoreKeyOptional') : t('backup.restoreKey')}
              <input
                ref={keyField}
                className="recovery-input"
                value={key}
                onChange={(e) => {
                  setKey(e.target.value);
                  setError(null);
                }}
                autoComplete="off"
                spellCheck={false}
                data-testid="restore-key"
              />
            </label>
            {backups[chosen]?.kind === 'ledger' && key.trim() === '' ? (
              <div className="restore-keyless" data-testid="restore-keyless">
                <p className="small">{t('backup.restoreNoKey')}</p>
                <label>
                  {t('backup.restoreOwnerName')}
                  <input value={ownerName} onChange={(e) => setOwnerName(e.target.value)} autoComplete="off" data-testid="restore-owner-name" />
                </label>
                <label>
                  {t('backup.restoreOwnerPin')}
                  <input
                    type="password"
                    inputMode="numeric"
                    value={ownerPin}
                    onChange={(e) => setOwnerPin(e.target.value.replace(/\D/g, '').slice(0, 8))}
                    data-testid="restore-owner-pin"
                  />
                </label>
              </div>
            ) : null}
            <div className="actions">
              <button
                type="submit"
                className="btn primary"
                disabled={busy || (key.trim() === '' && (backups[chosen]?.kind !== 'ledger' || ownerName.trim() === '' || ownerPin.length < 4))}
                data-testid="restore-do"
              >
                {busy ? t('backup.restoring') : t('backup.restoreDo')} <kbd className="kbd">Enter</kbd>
              </button>
            </div>
          </form>
        ) : null}
        {busy ? <p className="muted" aria-live="polite">{t('backup.restoring')}</p> : null}
        {error ? <ErrorBox message={errorText(t, locale, error)} detail={error.detail} detailLabel={t('common.detail')} /> : null}
        <div className="actions">
          <button type="button" className="btn ghost" onClick={onBack} data-testid="restore-back">
            {t('backup.back')}
          </button>
        </div>
      </div>
    </section>
  );
}
