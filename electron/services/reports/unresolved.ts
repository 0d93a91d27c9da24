// The unresolved panel: every sale not finished with, and what Loket is doing about it — so a
// cashier never has to guess whether to wait, hand money back or call a supervisor.
import type { Res, UnresolvedActivity, UnresolvedItem } from '../../../shared/contract';
import type { Ledger } from '../../db/connection';
import type { RefundRecord, SaleRecord } from '../../db/rows';
import { refundsOf } from '../../db/queries/payments';
import { listUnresolvedSales } from '../../db/queries/unresolved';
import { toSaleRow } from '../sales/sale-view';

const LIMIT = 200;

function activityOf(r: SaleRecord, refunds: readonly RefundRecord[]): UnresolvedActivity {
  const base: UnresolvedActivity = {
    kind: 'buying',
    provider: r.provider,
    attempts: 0,
    lastAt: null,
    nextAt: null,
    lastResult: null,
    amount: r.total,
    expiresAt: null,
    reason: null,
  };
  const paymentChecks = { provider: r.payment_provider, attempts: r.payment_check_attempts, nextAt: r.payment_next_check_at, lastResult: r.payment_last_status };
  const advice = { attempts: r.advice_attempts, lastAt: r.last_advice_at, nextAt: r.next_advice_at, lastResult: r.last_advice_result };
  switch (r.state) {
    case 'awaiting_payment':
      return { ...base, kind: 'awaiting_payment', ...paymentChecks, expiresAt: r.payment_expires_at };
    case 'paid':
    case 'sending':
      return base;
    case 'pending':
      return { ...base, kind: 'asking_provider', ...advice };
    case 'review':
      return { ...base, kind: 'needs_supervisor', ...advice, reason: r.review_reason };
    default:
      break;
  }
  const owed = r.total - r.payment_refunded;
  const inFlight = refunds.filter((x) => x.state === 'requested' || x.state === 'unknown');
  if (inFlight.length > 0 || (r.payment_state === 'refund_due' && r.payment_method !== 'cash' && r.payment_refund_manual === 0)) {
    const amount = inFlight.length > 0 ? inFlight.reduce((sum, x) => sum + x.amount, 0) : owed;
    return { ...base, kind: 'refunding', ...paymentChecks, amount, lastResult: inFlight.at(-1)?.detail ?? r.payment_last_status };
  }
  if (r.payment_state === 'refund_due') return { ...base, kind: r.payment_method === 'cash' ? 'cash_back' : 'hand_back', provider: r.payment_provider, amount: owed };
  if (r.payment_excess > 0 && r.payment_excess_returned_at === null) return { ...base, kind: 'excess_back', provider: r.payment_provider, amount: r.payment_excess };
  // Only a status check left (e.g. a payment closing after the sale was cancelled).
  return { ...base, kind: 'awaiting_payment', ...paymentChecks, expiresAt: r.payment_expires_at };
}

export function listUnresolved(db: Ledger): Res<'ledger.unresolved'> {
  const rows = listUnresolvedSales(db, LIMIT + 1);
  const items: UnresolvedItem[] = rows.slice(0, LIMIT).map((r) => ({
    row: toSaleRow(r),
    activity: activityOf(r, r.payment_state === 'settled' || r.payment_state === 'refund_due' ? refundsOf(db, r.payment_id) : []),
    since: r.updated_at,
  }));
  return { items, more: rows.length > LIMIT };
}
