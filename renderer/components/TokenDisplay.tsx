import { formatToken } from '../../shared/domain/pln';

/** A PLN token in groups of four, or any voucher code, large enough to read aloud. */
export function TokenDisplay({ token, code, label }: { token?: string; code?: string; label: string }) {
  return (
    <div className="token-display">
      <div className="token-label">{label}</div>
      <div className="token-digits" data-testid="token">
        {token ? formatToken(token) : code}
      </div>
    </div>
  );
}
