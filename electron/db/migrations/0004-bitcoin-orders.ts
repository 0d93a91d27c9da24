// Bitcoin (issue 6): Chainside payment orders as a payment method of any sale, and standalone
// orders for goods sold outside Loket. The payments table gains the method and the provider, and
// the money a customer sent beyond the sale (an overpayment, or bitcoin that reached an order after
// it closed) which a supervisor must give back. Every Chainside order — a sale's or standalone —
// keeps its own row: uuid, fiat, satoshi, rate, address, txids and final state.
import type { Migration } from '../migrate';

export const migration0004: Migration = {
  version: 4,
  name: 'bitcoin-orders',
  rebuildsTables: true,
  sql: `
DROP TRIGGER payments_state_transition;
DROP TRIGGER payments_no_delete;
DROP INDEX payments_next_check;
DROP INDEX payments_refund_due;
CREATE TABLE payments_v2 (
  id TEXT PRIMARY KEY,
  sale_id TEXT NOT NULL UNIQUE REFERENCES sales(id),
  method TEXT NOT NULL CHECK (method IN ('cash', 'qris', 'gopay', 'shopeepay', 'va_bca', 'va_bni', 'va_bri', 'va_permata', 'mandiri_bill', 'card', 'bitcoin')),
  provider TEXT CHECK (provider IS NULL OR provider IN ('midtrans', 'worldline', 'chainside')),
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
  -- Money received beyond the sale (bitcoin overpaid, or sent to an order that closed unpaid): owed back by a supervisor.
  excess_amount INTEGER NOT NULL DEFAULT 0 CHECK (excess_amount >= 0),
  excess_returned_at INTEGER,
  CHECK ((method = 'cash') = (provider IS NULL)),
  CHECK (method = 'cash' OR (tendered = amount AND provider_ref IS NOT NULL))
);

INSERT INTO payments_v2 (id, sale_id, method, provider, amount, tendered, change, state, provider_ref, provider_txn_id, refunded_amount,
  expires_at, display_json, reference, approval_code, card_brand, card_last4, cancel_requested, refund_manual, last_status, status_detail,
  check_attempts, next_check_at, failure_code, failure_message, created_at, updated_at, settled_at)
SELECT id, sale_id, method, provider, amount, tendered, change, state, provider_ref, provider_txn_id, refunded_amount,
  expires_at, display_json, reference, approval_code, card_brand, card_last4, cancel_requested, refund_manual, last_status, status_detail,
  check_attempts, next_check_at, failure_code, failure_message, created_at, updated_at, settled_at
FROM payments;

DROP TABLE payments;
ALTER TABLE payments_v2 RENAME TO payments;
CREATE INDEX payments_next_check ON payments(next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX payments_refund_due ON payments(state) WHERE state = 'refund_due';
CREATE INDEX payments_excess_due ON payments(excess_returned_at) WHERE excess_amount > 0;

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


CREATE TABLE bitcoin_orders (
  -- Loket's reference, sent as the order's \`reference\` and persisted before the create.
  id TEXT PRIMARY KEY,
  sale_id TEXT REFERENCES sales(id),
  env TEXT NOT NULL CHECK (env IN ('training', 'production')),
  label TEXT NOT NULL DEFAULT '',
  cashier TEXT NOT NULL DEFAULT '',
  fiat_amount INTEGER NOT NULL CHECK (fiat_amount > 0),
  currency TEXT NOT NULL DEFAULT 'IDR',
  order_uuid TEXT UNIQUE,
  satoshi INTEGER CHECK (satoshi IS NULL OR satoshi > 0),
  rate TEXT,
  address TEXT,
  uri TEXT,
  required_confirmations INTEGER,
  state TEXT NOT NULL CHECK (state IN ('created', 'pending', 'paid', 'expired', 'cancelled', 'failed')),
  status TEXT,
  blockchain_status TEXT,
  paid_sat INTEGER NOT NULL DEFAULT 0,
  in_confirmation_sat INTEGER NOT NULL DEFAULT 0,
  unpaid_sat INTEGER NOT NULL DEFAULT 0,
  overpaid_sat INTEGER NOT NULL DEFAULT 0,
  excess_amount INTEGER NOT NULL DEFAULT 0,
  txids_json TEXT NOT NULL DEFAULT '[]',
  expires_at INTEGER,
  resolved_at INTEGER,
  cancel_requested INTEGER NOT NULL DEFAULT 0 CHECK (cancel_requested IN (0, 1)),
  check_attempts INTEGER NOT NULL DEFAULT 0,
  next_check_at INTEGER,
  last_error TEXT,
  prints INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX bitcoin_orders_sale ON bitcoin_orders(sale_id) WHERE sale_id IS NOT NULL;
CREATE INDEX bitcoin_orders_next_check ON bitcoin_orders(next_check_at) WHERE next_check_at IS NOT NULL;
CREATE INDEX bitcoin_orders_standalone ON bitcoin_orders(created_at) WHERE sale_id IS NULL;
CREATE TRIGGER bitcoin_orders_no_delete BEFORE DELETE ON bitcoin_orders
BEGIN
  SELECT RAISE(ABORT, 'bitcoin orders are never deleted');
END;
CREATE TRIGGER bitcoin_orders_final BEFORE UPDATE OF state ON bitcoin_orders
WHEN OLD.state IN ('paid', 'expired', 'cancelled', 'failed') AND NEW.state <> OLD.state AND NOT (OLD.state = 'paid' AND NEW.state = 'failed')
BEGIN
  SELECT RAISE(ABORT, 'a closed bitcoin order does not reopen');
END;
`,
};
