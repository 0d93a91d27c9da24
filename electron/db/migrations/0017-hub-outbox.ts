// Replication to Loket Pusat (issue 18), the counter's side: once this counter is enrolled in a
// hub, every change of a sale's state or amounts appends a row to an outbox — by trigger, in the
// same transaction as the change, so no code path can forget one and the sale never waits for the
// hub. The sender sends them in order and forgets what the hub has acknowledged. Not audited: the
// outbox only mirrors audited rows.
import type { Migration } from '../migrate';

export const migration0017: Migration = {
  version: 17,
  name: 'hub-outbox',
  sql: `
CREATE TABLE hub_link (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  url TEXT NOT NULL,
  counter_id TEXT NOT NULL,
  outlet TEXT NOT NULL,
  counter TEXT NOT NULL,
  enrolled_at INTEGER NOT NULL,
  last_ok_at INTEGER,
  last_error TEXT,
  failures INTEGER NOT NULL DEFAULT 0,
  next_try_at INTEGER,
  -- The hub's price-rule version this counter has applied (it asks for what changed since).
  rules_version INTEGER NOT NULL DEFAULT 0
);

-- Each stream's numbering (the hub takes seq = last + 1 only) and what the hub has acknowledged.
CREATE TABLE hub_streams (
  stream TEXT PRIMARY KEY,
  next_seq INTEGER NOT NULL DEFAULT 0,
  acked_seq INTEGER NOT NULL DEFAULT 0
);

-- What is still to send. \`body\` is frozen at the first attempt, so a batch sent again after a
-- lost answer carries exactly what the hub may already hold.
CREATE TABLE hub_outbox (
  stream TEXT NOT NULL,
  seq INTEGER NOT NULL,
  key TEXT NOT NULL,
  at INTEGER NOT NULL,
  body TEXT,
  PRIMARY KEY (stream, seq)
) WITHOUT ROWID;

CREATE TRIGGER hub_outbox_sale_insert AFTER INSERT ON sales
WHEN EXISTS (SELECT 1 FROM hub_streams WHERE stream = 'sales')
BEGIN
  UPDATE hub_streams SET next_seq = next_seq + 1 WHERE stream = 'sales';
  INSERT INTO hub_outbox (stream, seq, key, at) VALUES ('sales', (SELECT next_seq FROM hub_streams WHERE stream = 'sales'), NEW.id, NEW.updated_at);
END;

-- A shift's close (counted drawer, variance, reason): the owner sees every close.
CREATE TRIGGER hub_outbox_shift_close AFTER UPDATE OF closed_at ON shifts
WHEN NEW.closed_at IS NOT NULL AND EXISTS (SELECT 1 FROM hub_streams WHERE stream = 'shifts')
BEGIN
  UPDATE hub_streams SET next_seq = next_seq + 1 WHERE stream = 'shifts';
  INSERT INTO hub_outbox (stream, seq, key, at) VALUES ('shifts', (SELECT next_seq FROM hub_streams WHERE stream = 'shifts'), NEW.id, NEW.closed_at);
END;

-- Only what the owner's figures read: a pending sale's advice schedule changes nothing there.
CREATE TRIGGER hub_outbox_sale_update AFTER UPDATE OF state, total, margin ON sales
WHEN EXISTS (SELECT 1 FROM hub_streams WHERE stream = 'sales')
BEGIN
  UPDATE hub_streams SET next_seq = next_seq + 1 WHERE stream = 'sales';
  INSERT INTO hub_outbox (stream, seq, key, at) VALUES ('sales', (SELECT next_seq FROM hub_streams WHERE stream = 'sales'), NEW.id, NEW.updated_at);
END;
`,
};
