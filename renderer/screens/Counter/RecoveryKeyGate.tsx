// The first start's last step, for the owner: the recovery key is shown once and typed back (two
// of its groups) before the counter opens. Also shown to the owner of a ledger from before backups
// existed, once, at their next sign-in.
import { useApp } from '../../stores/app-store';
import { RecoveryKeyPanel } from '../Settings/RecoveryKeyPanel';

export function RecoveryKeyGate() {
  const { t, loadInfo } = useApp();
  return (
    <section className="sign-in">
      <div className="card form recovery-gate" data-testid="recovery-gate">
        <h2>{t('backup.gateTitle')}</h2>
        <p className="muted">{t('backup.gateInfo')}</p>
        <RecoveryKeyPanel autoShow onConfirmed={() => void loadInfo()} />
      </div>
    </section>
  );
}
