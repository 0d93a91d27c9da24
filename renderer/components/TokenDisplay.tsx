import { formatToken } from '../../shared/domain/pln';

export function TokenDisplay({ token, label }: { token: string; label: string }) {
  return (
    <div className="token-display">
      <div className="token-label">{label}</div>
      <div className="token-digits" data-testid="token">
        {formatToken(token)}
      </div>
    </div>
  );
}
