import type { SaleState } from '../../shared/contract';

export function StatusBadge({ state, label }: { state: SaleState; label: string }) {
  return <span className={`badge state-${state}`}>{label}</span>;
}
