// The append-only history every state change of a sale (and of its payment) writes, in the same
// transaction as the change itself.
import type { Ledger } from '../connection';
import { stmt } from '../statements';
import type { SaleRecord } from '../rows';
import { postSale } from './journal';

export type SaleState = SaleRecord['state'];

/** Unfinished sales, spelled exactly as the partial index sales_open is, so SQLite uses it. */
export const OPEN_SALE_STATES = "('awaiting_payment', 'paid', 'sending', 'pending', 'review')";

export function appendEvent(
  db: Ledger,
  saleId: string,
  at: number,
  type: string,
  from: SaleState | null,
  to: SaleState | null,
  data: Record<string, unknown> = {},
): void {
  stmt(db, 'INSERT INTO sale_events (sale_id, at, type, from_state, to_state, data) VALUES (?, ?, ?, ?, ?, ?)').run(
    saleId,
    at,
    type,
    from,
    to,
    JSON.stringify(data),
  );
  // Every state change of a sale ends here, in its transaction: the books follow at once.
  postSale(db, saleId, at);
}

export function currentState(db: Ledger, saleId: string): SaleState {
  const row = stmt(db, 'SELECT state FROM sales WHERE id = ?').get(saleId) as { state: SaleState } | undefined;
  if (!row) throw new Error(`sale ${saleId} not found`);
  return row.state;
}
