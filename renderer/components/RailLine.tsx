// One line on a sale screen about the rail the sale will use (issue 15 §6): answering, with its
// last latency, or down since a failure, in words — so the cashier knows before taking money.
import type { RailState } from '../../shared/contract';
import type { Translate } from '../i18n';

function ago(t: Translate, ms: number): string {
  const min = Math.max(0, Math.round(ms / 60_000));
  return min < 1 ? t('rail.justNow') : min < 60 ? t('rail.minutes', { n: min }) : t('rail.hours', { n: Math.round(min / 60) });
}

export function RailLine({ t, name, rail, now, testId = 'rail-line' }: { t: Translate; name: string; rail: RailState | null; now: number; testId?: string }) {
  if (!rail || (rail.lastOkAt === null && rail.lastFailAt === null)) {
    return (
      <p className="rail-line muted small" data-testid={testId}>
        {t('rail.unknown', { provider: name })}
      </p>
    );
  }
  const down = rail.lastFailAt !== null && (rail.lastOkAt === null || rail.lastFailAt > rail.lastOkAt);
  return down ? (
    <p className="rail-line failed-text small" data-testid={testId} role="status">
      {t('rail.down', { provider: name, failure: rail.failure ?? '', ago: ago(t, now - rail.lastFailAt!) })}
    </p>
  ) : (
    <p className="rail-line muted small" data-testid={testId}>
      {t('rail.up', { provider: name, ago: ago(t, now - rail.lastOkAt!), ms: Math.round(rail.latencyMs ?? 0) })}
    </p>
  );
}
