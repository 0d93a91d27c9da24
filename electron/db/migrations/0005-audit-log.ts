// The tamper-evident audit (issue 7): every change Loket makes to a ledger row is sealed in an
// append-only, hash-chained log — one entry per write transaction, naming each row it touched
// with a keyed digest of the row as Loket left it. A row changed, added or removed behind the
// app's back (the sqlite3 CLI, a second connection) no longer matches its last seal; an entry
// edited, removed or moved breaks the chain. Neither table can be updated or deleted from.
import type { Migration } from '../migrate';

export const migration0005: Migration = {
  version: 5,
  name: 'audit-log',
  sql: `
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  -- 1: digests and chain are HMACs under a key derived from the vault key; 0: plain SHA-256.
  keyed INTEGER NOT NULL CHECK (keyed IN (0, 1)),
  rows_hash BLOB NOT NULL,
  hash BLOB NOT NULL
);
CREATE TABLE audit_rows (
  seq INTEGER NOT NULL,
  tbl TEXT NOT NULL,
  rid INTEGER NOT NULL,
  -- 16 bytes; all zeros: Loket itself removed the row.
  digest BLOB NOT NULL
);
CREATE INDEX audit_rows_by_seq ON audit_rows(seq);
CREATE INDEX audit_rows_by_row ON audit_rows(tbl, rid, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_rows_no_update BEFORE UPDATE ON audit_rows BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_rows_no_delete BEFORE DELETE ON audit_rows BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`,
};
