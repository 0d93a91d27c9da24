// Backups (issue 17). Each run into each folder is a row — running, then verified (the file was
// read back and proven) or failed with the reason in words — so the top bar can say how old the
// last proven backup is, and an owner can see every attempt. Not audited: a run changes no money,
// and the backup itself carries the audit chain it proved.
// The audit's row index becomes covering (with the digest), so the verifier reads a table's
// seals from the index alone instead of one table lookup per seal.
import type { Migration } from '../migrate';

export const migration0013: Migration = {
  version: 13,
  name: 'backups',
  sql: `
CREATE TABLE backup_runs (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL,
  trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'shift_close', 'manual')),
  folder TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('running', 'verified', 'failed')),
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  file TEXT,
  bytes INTEGER,
  sales INTEGER,
  problem_code TEXT,
  problem TEXT,
  CHECK ((state = 'failed') = (problem IS NOT NULL)),
  CHECK ((state = 'verified') = (file IS NOT NULL))
);
CREATE INDEX backup_runs_recent ON backup_runs(started_at);
CREATE INDEX audit_rows_cover ON audit_rows(tbl, rid, seq, digest);
DROP INDEX audit_rows_by_row;
`,
};
