// The day's figures are the books (issue 13). Every journal entry now names the shift open when it
// was posted, so a shift's X and Z reports are the sum of its own entries; cash put into or taken
// out of the drawer for a reason (petty cash, the owner's withdrawal, change brought in) is a row of
// its own, approved by a supervisor, and posts like everything else. The new accounts (over/short,
// petty cash, the owner's withdrawals) are added at start through the sealed connection
// (journal.ts ensureAccounts), so their rows are in the audit chain like every other.
// The appended column is NULL for older entries, so every audit seal still holds.
import type { Migration } from '../migrate';

export const migration0010: Migration = {
  version: 10,
  name: 'counter-truth',
  sql: `
ALTER TABLE journal_entries ADD COLUMN shift_id TEXT REFERENCES shifts(id);
CREATE INDEX journal_entries_shift ON journal_entries(shift_id) WHERE shift_id IS NOT NULL;

CREATE TABLE cash_movements (
  id TEXT PRIMARY KEY,
  env TEXT NOT NULL CHECK (env IN ('training', 'production')),
  shift_id TEXT NOT NULL REFERENCES shifts(id),
  kind TEXT NOT NULL CHECK (kind IN ('petty_cash', 'owner_withdrawal', 'change_topup')),
  amount INTEGER NOT NULL CHECK (amount > 0),
  reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
  by_user TEXT NOT NULL REFERENCES users(id),
  approved_by TEXT NOT NULL REFERENCES users(id),
  at INTEGER NOT NULL
);
CREATE INDEX cash_movements_shift ON cash_movements(shift_id);
CREATE TRIGGER cash_movements_no_update BEFORE UPDATE ON cash_movements BEGIN SELECT RAISE(ABORT, 'cash movements are never changed'); END;
CREATE TRIGGER cash_movements_no_delete BEFORE DELETE ON cash_movements BEGIN SELECT RAISE(ABORT, 'cash movements are never deleted'); END;
`,
};
