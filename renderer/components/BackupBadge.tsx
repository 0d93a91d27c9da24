// The top bar's word on backups: how old the last proven backup is, green under 24 hours; red when
// backups are not set up, have never succeeded, failed last time (the reason in its title) or are
// older than a day. A click opens Pengaturan → Cadangan.
import type { BackupBadge as Badge } from '../../shared/backup';
import { useNow } from '../hooks/use-now';
import { useApp } from '../stores/app-store';

export function agoText(t: ReturnType<typeof useApp.getState>['t'], ms: number): string {
  if (ms < 60_000) return t('backup.justNow');
  if (ms < 3_600_000) return t('backup.minutesAgo', { n: Math.round(ms / 60_000) });
  if (ms < 48 * 3_600_000) return t('backup.hoursAgo', { n: Math.round(ms / 3_600_000) });
  return t('backup.daysAgo', { n: Math.round(ms / 86_400_000) });
}

export function BackupBadge({ badge, onOpen }: { badge: Badge; onOpen: () => void }) {
  const { t } = useApp();
  const now = useNow(30_000);
  const label = badge.running
    ? t('backup.badgeRunning')
    : badge.health === 'ok' && badge.lastAt !== null
      ? t('backup.badgeOk', { ago: agoText(t, Math.max(0, now - badge.lastAt)) })
      : t(`backup.badge${badge.health === 'ok' ? 'Ok' : badge.health[0]!.toUpperCase() + badge.health.slice(1)}`, { ago: '' });
  const shown = badge.health === 'failed' && badge.reason && !badge.running ? `${label}: ${badge.reason}` : label;
  return (
    <button type="button" className={`backup-badge ${badge.health === 'ok' ? 'ok' : 'bad'}`} title={badge.message} onClick={onOpen} data-testid="backup-badge" data-health={badge.health}>
      {shown}
    </button>
  );
}
