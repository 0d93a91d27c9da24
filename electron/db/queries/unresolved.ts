// Sales that are not finished with, on any day: an outcome Loket is still establishing (payment
// not yet in, purchase in flight or uncertain, a supervisor's decision) or money still owed back
// (a refund on its way through the provider, cash from the drawer, a hand-back by a supervisor,
// bitcoin sent beyond the sale). Each branch is a partial index, so the list costs the same on a
// ledger of a million sales as on one of ten.
import type { Ledger } from '../connection';
import { stmt } from '../statements';
import type { SaleRecord } from '../rows';
import { OPEN_SALE_STATES } from './sale-events';
import { getSale } from './sales';

export function listUnresolvedSales(db: Ledger, limit: number): SaleRecord[] {
  // The ids first (four partial-index lookups), then each sale by its key: one statement joining
  // the union to the sales let the planner walk every payment instead.
  const ids = stmt(
    db,
    `SELECT id FROM (SELECT id, seq FROM sales WHERE state IN ${OPEN_SALE_STATES}
                     UNION SELECT s.id, s.seq FROM payments p JOIN sales s ON s.id = p.sale_id WHERE p.state = 'refund_due'
                     UNION SELECT s.id, s.seq FROM payments p JOIN sales s ON s.id = p.sale_id WHERE p.excess_amount > 0 AND p.excess_returned_at IS NULL
                     UNION SELECT s.id, s.seq FROM payments p JOIN sales s ON s.id = p.sale_id WHERE p.next_check_at IS NOT NULL)
     ORDER BY seq LIMIT ?`,
  ).all(limit) as { id: string }[];
  return ids.map(({ id }) => getSale(db, id)).filter((r): r is SaleRecord => r !== null);
}
