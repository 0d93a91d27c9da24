// The outbox to Loket Pusat is filled by triggers on Loket's own connection only (issue 18):
// TEMPORARY triggers, installed when Loket opens its ledger, like the audit's. Every change Loket
// makes to a sale's state or amounts, every shift close, journal entry and audit entry appends one
// row to its stream in the same transaction — no code path can forget one, and the sale never
// waits for the hub. A change made by any other program is not queued: the hub keeps what Loket
// sent, and the attestation names the row that no longer matches it.
import type { Ledger } from './connection';

/** Appends (stream, next seq, key, at) when that stream is open (the counter is enrolled). */
function enqueue(stream: string, key: string, at: string): string {
  return `
  UPDATE hub_streams SET next_seq = next_seq + 1 WHERE stream = '${stream}';
  INSERT INTO hub_outbox (stream, seq, key, at) VALUES ('${stream}', (SELECT next_seq FROM hub_streams WHERE stream = '${stream}'), ${key}, ${at});`;
}
const open = (stream: string): string => `EXISTS (SELECT 1 FROM hub_streams WHERE stream = '${stream}')`;

export function installHubOutbox(db: Ledger): void {
  db.exec(`
CREATE TEMP TRIGGER IF NOT EXISTS hub_outbox_sale_insert AFTER INSERT ON main.sales WHEN ${open('sales')}
BEGIN ${enqueue('sales', 'NEW.id', 'NEW.updated_at')}
END;
-- What the owner's figures and the attestation read (attestText): a pending sale's advice schedule
-- changes nothing there.
CREATE TEMP TRIGGER IF NOT EXISTS hub_outbox_sale_update AFTER UPDATE OF state, total, margin, product_name, business_date ON main.sales WHEN ${open('sales')}
BEGIN ${enqueue('sales', 'NEW.id', 'NEW.updated_at')}
END;
CREATE TEMP TRIGGER IF NOT EXISTS hub_outbox_shift_close AFTER UPDATE OF closed_at ON main.shifts WHEN NEW.closed_at IS NOT NULL AND ${open('shifts')}
BEGIN ${enqueue('shifts', 'NEW.id', 'NEW.closed_at')}
END;
-- Its lines are written in the same transaction; the body is read after it committed.
CREATE TEMP TRIGGER IF NOT EXISTS hub_outbox_journal AFTER INSERT ON main.journal_entries WHEN ${open('journal')}
BEGIN ${enqueue('journal', 'CAST(NEW.id AS TEXT)', 'NEW.at')}
END;
CREATE TEMP TRIGGER IF NOT EXISTS hub_outbox_audit AFTER INSERT ON main.audit_log WHEN ${open('audit')}
BEGIN ${enqueue('audit', 'CAST(NEW.seq AS TEXT)', 'NEW.at')}
END;
${records()}
`);
}

/**
 * The records stream: a sale's events as they are appended; payments, refunds and the drawer's
 * movements when made and whenever what they say about money changes (not a payment's status-check
 * schedule, which moves every few seconds while a customer pays).
 */
function records(): string {
  const now = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";
  const on = (name: string, event: string, table: string): string => `
CREATE TEMP TRIGGER IF NOT EXISTS hub_outbox_${name} ${event} ON main.${table} WHEN ${open('records')}
BEGIN ${enqueue('records', `'${table}:' || NEW.rowid`, now)}
END;`;
  return [
    on('sale_event', 'AFTER INSERT', 'sale_events'),
    on('payment_insert', 'AFTER INSERT', 'payments'),
    on('payment_update', 'AFTER UPDATE OF state, amount, tendered, change, refunded_amount, settled_at, excess_amount, excess_returned_at, refund_manual', 'payments'),
    on('refund_insert', 'AFTER INSERT', 'payment_refunds'),
    on('refund_update', 'AFTER UPDATE OF state, amount, finished_at', 'payment_refunds'),
    on('cash_movement_insert', 'AFTER INSERT', 'cash_movements'),
    on('cash_movement_update', 'AFTER UPDATE', 'cash_movements'),
  ].join('\n');
}
