// Who works the counter (issue 7): cashier, supervisor and owner accounts with a PIN kept only as a
// slow salted hash; shifts opened with a float and closed by counting the drawer; each sale
// belongs to the shift it was made in. The new sales column is appended and NULL for older
// sales, so their audit seals still hold.
import type { Migration } from '../migrate';

export const migration0007: Migration = {
  version: 7,
  name: 'accounts-and-shifts',
  sql: `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('cashier', 'supervisor', 'owner')),
  pin_salt BLOB NOT NULL,
  pin_hash BLOB NOT NULL,
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TRIGGER users_no_delete BEFORE DELETE ON users BEGIN SELECT RAISE(ABORT, 'accounts are deactivated, never deleted'); END;

CREATE TABLE shifts (
  id TEXT PRIMARY KEY,
  env TEXT NOT NULL CHECK (env IN ('training', 'production')),
  user_id TEXT NOT NULL REFERENCES users(id),
  opened_at INTEGER NOT NULL,
  opening_float INTEGER NOT NULL CHECK (opening_float >= 0),
  closed_at INTEGER,
  closed_by TEXT REFERENCES users(id),
  expected_cash INTEGER,
  counted_cash INTEGER CHECK (counted_cash IS NULL OR counted_cash >= 0),
  variance INTEGER,
  variance_reason TEXT,
  count_json TEXT,
  CHECK ((closed_at IS NULL) = (counted_cash IS NULL)),
  CHECK (variance IS NULL OR variance = counted_cash - expected_cash),
  CHECK (variance IS NULL OR variance = 0 OR length(trim(variance_reason)) > 0)
);
-- One counter, one drawer: at most one open shift per environment.
CREATE UNIQUE INDEX shifts_one_open ON shifts(env) WHERE closed_at IS NULL;
CREATE INDEX shifts_opened ON shifts(env, opened_at);
CREATE TRIGGER shifts_no_delete BEFORE DELETE ON shifts BEGIN SELECT RAISE(ABORT, 'shifts are never deleted'); END;
CREATE TRIGGER shifts_closed_once BEFORE UPDATE ON shifts WHEN OLD.closed_at IS NOT NULL
BEGIN
  SELECT RAISE(ABORT, 'a closed shift does not change');
END;

ALTER TABLE sales ADD COLUMN shift_id TEXT REFERENCES shifts(id);
CREATE INDEX sales_shift ON sales(shift_id) WHERE shift_id IS NOT NULL;
`,
};
