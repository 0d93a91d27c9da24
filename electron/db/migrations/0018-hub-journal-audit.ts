// Loket Pusat, second step (issue 18): the journal, the audit chain and the records (a sale's
// events, payments, refunds, the drawer's movements) replicate too, so the owner reads each
// outlet's books and deposits from the journal, and the hub checks every audit chain as it arrives.
//
// The outbox triggers of 0017 become TEMPORARY, installed on Loket's own connection only (like the
// audit's, see db/hub-outbox-triggers.ts): a row changed by another program — the sqlite3 CLI, a
// ledger edited behind Loket's back — is then never queued as if Loket had changed it, so the hub
// keeps what it was sent and its periodic comparison (attestation) names the row that differs.
import type { Migration } from '../migrate';

export const migration0018: Migration = {
  version: 18,
  name: 'hub-journal-audit',
  sql: `
DROP TRIGGER IF EXISTS hub_outbox_sale_insert;
DROP TRIGGER IF EXISTS hub_outbox_sale_update;
DROP TRIGGER IF EXISTS hub_outbox_shift_close;

-- Where the rolling comparison with the hub stands: each attestation covers the next slice.
ALTER TABLE hub_link ADD COLUMN attest_sales_after INTEGER NOT NULL DEFAULT 0;
ALTER TABLE hub_link ADD COLUMN attest_journal_after INTEGER NOT NULL DEFAULT 0;
ALTER TABLE hub_link ADD COLUMN last_attest_at INTEGER;

-- A counter enrolled before this version: its journal and audit history are queued now, in order.
INSERT INTO hub_outbox (stream, seq, key, at)
  SELECT 'journal', ROW_NUMBER() OVER (ORDER BY id), CAST(id AS TEXT), at FROM journal_entries WHERE EXISTS (SELECT 1 FROM hub_link);
INSERT INTO hub_streams (stream, next_seq, acked_seq)
  SELECT 'journal', (SELECT COUNT(*) FROM hub_outbox WHERE stream = 'journal'), 0 WHERE EXISTS (SELECT 1 FROM hub_link);
INSERT INTO hub_outbox (stream, seq, key, at)
  SELECT 'audit', ROW_NUMBER() OVER (ORDER BY seq), CAST(seq AS TEXT), at FROM audit_log WHERE EXISTS (SELECT 1 FROM hub_link);
INSERT INTO hub_streams (stream, next_seq, acked_seq)
  SELECT 'audit', (SELECT COUNT(*) FROM hub_outbox WHERE stream = 'audit'), 0 WHERE EXISTS (SELECT 1 FROM hub_link);
-- The records stream (a sale's events, payments, refunds, the drawer's movements), table by table.
INSERT INTO hub_outbox (stream, seq, key, at)
  SELECT 'records', ROW_NUMBER() OVER (ORDER BY t, rid), tbl || ':' || rid, at FROM (
    SELECT 1 AS t, 'sale_events' AS tbl, rowid AS rid, at FROM sale_events
    UNION ALL SELECT 2, 'payments', rowid, created_at FROM payments
    UNION ALL SELECT 3, 'payment_refunds', rowid, requested_at FROM payment_refunds
    UNION ALL SELECT 4, 'cash_movements', rowid, at FROM cash_movements
  ) WHERE EXISTS (SELECT 1 FROM hub_link);
INSERT INTO hub_streams (stream, next_seq, acked_seq)
  SELECT 'records', (SELECT COUNT(*) FROM hub_outbox WHERE stream = 'records'), 0 WHERE EXISTS (SELECT 1 FROM hub_link);
`,
};
