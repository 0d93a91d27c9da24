// Printing is part of a sale's record (issue 16): each print job — a struk, a SALINAN, an X/Z
// report, a slip, a test page — is a row from before the first byte leaves: queued, then sending
// (durable before the transport is touched), then sent or failed with the reason in words. A job
// found 'sending' at start may have printed: it becomes 'uncertain' and is never sent again
// without the cashier asking. The bytes are kept, so what was sent can be shown (the virtual
// printer) and audited.
import type { Migration } from '../migrate';

export const migration0012: Migration = {
  version: 12,
  name: 'print-jobs',
  sql: `
CREATE TABLE print_jobs (
  id TEXT PRIMARY KEY,
  env TEXT NOT NULL CHECK (env IN ('training', 'production')),
  sale_id TEXT REFERENCES sales(id),
  document TEXT NOT NULL,
  copy_number INTEGER NOT NULL DEFAULT 0,
  target TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'uncertain')),
  reason TEXT,
  bytes BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  CHECK ((state = 'failed' OR state = 'uncertain') = (reason IS NOT NULL))
);
CREATE INDEX print_jobs_sale ON print_jobs(sale_id) WHERE sale_id IS NOT NULL;
CREATE INDEX print_jobs_open ON print_jobs(state) WHERE state IN ('queued', 'sending');
CREATE TRIGGER print_jobs_no_delete BEFORE DELETE ON print_jobs BEGIN SELECT RAISE(ABORT, 'print jobs are never deleted'); END;
`,
};
