// A paid bitcoin order is not the end of it (issue 15 §5, chainside.md §5): its transactions can
// lose their confirmations (a network dispute), and if they do not regain them before the WebPOS's
// chargeback timeout, Chainside charges the order back. The goods were already given, so nothing
// is undone — but the owner must see it and the books must say the bitcoin is gone. Loket looks at
// a paid order again for a while (sooner when a callback says something happened), and reads each
// answer without guessing: only Chainside's own "chargeback" books a loss.
import type { PaymentStatus } from '../../providers/payment-contract';
import type { PaidFinding } from '../../db/queries/bitcoin-orders';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const PAID_WATCH = {
  /** Past any chargeback timeout a WebPOS is likely set to (the simulator's default is 24 h). */
  windowMs: 72 * HOUR,
  everyMs: 15 * MINUTE,
  /** While a dispute is open, and past the window until it ends one way or the other. */
  disputeEveryMs: 2 * MINUTE,
};

/** When a newly paid order's watch ends, and its first look. */
export function paidWatchStart(at: number, scale: number): { watchUntil: number; nextCheckAt: number } {
  return { watchUntil: at + Math.round(PAID_WATCH.windowMs * scale), nextCheckAt: at + Math.max(20, Math.round(PAID_WATCH.everyMs * scale)) };
}

/** What Chainside's answer says of a paid order. */
export function paidFinding(status: PaymentStatus): PaidFinding {
  switch (status.kind) {
    case 'settled':
      return 'paid';
    case 'pending':
      // Paid once, now not: some transactions lost their confirmations.
      return 'dispute';
    case 'closed':
      return status.reason === 'failed' && status.display?.bitcoin?.status === 'chargeback' ? 'chargeback' : 'unknown';
    default:
      return 'unknown';
  }
}

/** The next look: soon while disputed, every quarter hour within the window, then none. */
export function nextPaidLook(finding: PaidFinding, at: number, watchUntil: number, scale: number, retry: number | null): number | null {
  if (finding === 'chargeback') return null;
  if (finding === 'dispute') return at + Math.max(20, Math.round(PAID_WATCH.disputeEveryMs * scale));
  if (finding === 'unknown') return retry;
  const next = at + Math.max(20, Math.round(PAID_WATCH.everyMs * scale));
  return next > watchUntil ? null : next;
}
