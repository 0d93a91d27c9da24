// Non-cash payments (issue 5): QRIS, e-wallets and virtual accounts through Midtrans, cards through
// Worldline. A sale paid that way waits in 'awaiting_payment' until the money is in ('paid') or
// the payment ends without it ('cancelled', nothing bought, nothing owed). Each sale has one
// payment; its refunds — automatic after a failed purchase, or a supervisor's — are rows of their own.
import type { Migration } from '../migrate';

export const migration0003: Migration = {
  version: 3,
  name: 'payment-methods',
  rebuildsTables: true,
  sql: `
DROP TRIGGER sales_state_transition;
CREATE TRIGGER sales_state_transition BEFORE UPDATE OF state ON sales
WHEN OLD.state <> NEW.state AND NOT (
     (OLD.state = 'awaiting_payment' AND NEW.state IN ('paid', 'cancelled'))
  OR (OLD.state = 'paid' AND NEW.state IN ('sending', 'failed'))
  OR (OLD.state = 'sending' AND NEW.state IN ('paid', 'pending', 'review', 'succeeded', 'failed'))
  OR (OLD.state = 'pending' AND NEW.state IN ('paid', 'sending', 'review', 'succeeded', 'failed'))
  OR (OLD.state = 'review' AND NEW.state IN ('pending', 'succeeded', 'failed'))
)
BEGIN
  SELECT RAISE(ABORT, 'illegal sale state transition');
END;

DROP TRIGGER sales_back_to_paid_only_with_new_ref;
CREATE TRIGGER sales_back_to_paid_only_with_new_ref BEFORE UPDATE OF state ON sales
WHEN NEW.state = 'paid' AND OLD.state NOT IN ('paid', 'awaiting_payment') AND NEW.provider_ref = OLD.provider_ref
BEGIN
  SELECT RAISE(ABORT, 'a sale returns to paid only for a new purchase attempt');
END;

DROP INDEX sales_open;
CREATE INDEX sales_open ON sales(state) WHERE state IN ('awaiting_payment', 'paid', 'sending', 'pending', 'review');
-- A sale whose payment never came bought nothing: its inquiry may serve the next attempt.
DROP INDEX sales_inquiry;
CREATE UNIQUE INDEX sales_inquiry ON sales(inquiry_id) WHERE inquiry_id IS NOT NULL AND state <> 'cancelled';

CREATE TABLE payments_v2 (
  id TEXT PRIMARY KEY,
  sale_id TEXT NOT NULL UNIQUE REFERENCES sales(id),
  method TEXT NOT NULL CHECK (method IN ('cash', 'qris', 'gopay', 'shopeepay', 'va_bca', 'va_bni', 'va_bri', 'va_permata', 'mandiri_bill', 'card')),
  provider TEXT CHECK (provider IS NULL OR provider IN ('midtrans', 'worldline')),
  amount INTEGER NOT NULL CHECK (amount > 0),
  tendered INTEGER NOT NULL,
  change INTEGER NOT NULL CHECK (change >= 0 AND change = tendered - amount),
  state TEXT NOT NULL CHECK (state IN ('created', 'pending', 'settled', 'expired', 'denied', 'cancelled', 'failed', 'refund_due', 'refunded')),
  provider_ref TEXT UNIQUE,
  provider_txn_id TEXT,
  refunded_amount INTEGER NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
  expires_at INTEGER,
  display_json TEXT NOT NULL DEFAULT '{}',
  reference TEXT,
  approval_code TEXT,
  card_brand TEXT,
  card_last4 TEXT CHECK (card_last4 IS NULL OR (length(card_last4) = 4 AND card_last4 NOT GLOB '*[^0-9]*')),
  cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
  refund_manual INTEGER NOT NULL DEFAULT 0 CHECK (refund_manual IN (0, 1)),
  last_status TEXT,
  status_detail TEXT,
  check_attempts INTEGER NOT NULL DEFAULT 0,
  next_check_at INTEGER,
  failure_code TEXT,
  failure_message TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  settled_at INTEGER,
  CHECK ((method = 'cash') = (provider IS NULL)),
  CHECK (method = 'cash' OR (tendered = amount AND provider_ref IS NOT NULL))
);

INSERT INTO payments_v2 (id, sale_id, method, provider, amount, tendered, change, state, refunded_amount, created_at, updated_at, settled_at)
SELECT id, sale_id, method, NULL, amount, tendered, change, state, CASE WHEN state = 'refunded' THEN amount ELSE 0 END,
  created_at, updated_at, created_at
FROM payments;

DROP TABLE payments;
ALTER TABLE payments_v2 RENAME TO payments;
CREATE INDEX payments_next_check ON payments(next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX payments_refund_due ON payments(state) WHERE state = 'refund_due';

-- Money only moves forward: no way back from a closed payment, none from a refund.
CREATE TRIGGER payments_state_transition BEFORE UPDATE OF state ON payments
WHEN OLD.state <> NEW.state AND NOT (
     (OLD.state = 'created' AND NEW.state IN ('pending', 'settled', 'expired', 'denied', 'cancelled', 'failed'))
  OR (OLD.state = 'pending' AND NEW.state IN ('settled', 'expired', 'denied', 'cancelled', 'failed'))
  OR (OLD.state = 'settled' AND NEW.state IN ('refund_due', 'refunded'))
  OR (OLD.state = 'refund_due' AND NEW.state = 'refunded')
)
BEGIN
  SELECT RAISE(ABORT, 'illegal payment state transition');
END;

CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN
  SELECT RAISE(ABORT, 'payments are never deleted');
END;

CREATE TABLE payment_refunds (
  id TEXT PRIMARY KEY,
  payment_id TEXT NOT NULL REFERENCES payments(id),
  refund_key TEXT NOT NULL UNIQUE,
  amount INTEGER NOT NULL CHECK (amount > 0),
  reason TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('automatic', 'supervisor', 'manual')),
  state TEXT NOT NULL CHECK (state IN ('requested', 'done', 'refused', 'unknown')),
  provider_refund_id TEXT,
  detail TEXT,
  requested_at INTEGER NOT NULL,
  finished_at INTEGER
);
CREATE INDEX payment_refunds_payment ON payment_refunds(payment_id);
CREATE TRIGGER payment_refunds_no_delete BEFORE DELETE ON payment_refunds
BEGIN
  SELECT RAISE(ABORT, 'refunds are never deleted');
END;
`,
};
