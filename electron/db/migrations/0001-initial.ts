// The Foundation schema: sales as persisted state machines, their append-only events, every
// provider call (written before it is sent), cash payments, inquiries, settings and secrets.
import type { Migration } from '../migrate';

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE secrets (
  name TEXT PRIMARY KEY,
  iv BLOB NOT NULL,
  tag BLOB NOT NULL,
  ciphertext BLOB NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE inquiries (
  id TEXT PRIMARY KEY,
  env TEXT NOT NULL CHECK (env IN ('training', 'production')),
  provider TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  customer_number TEXT NOT NULL,
  meter_number TEXT NOT NULL,
  idpel TEXT NOT NULL,
  customer_name TEXT NOT NULL,
  tariff_power TEXT NOT NULL,
  provider_admin INTEGER NOT NULL CHECK (provider_admin >= 0),
  unsold_tokens INTEGER NOT NULL,
  inquiry_ref TEXT NOT NULL
);

CREATE TABLE sales (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  client_request_id TEXT NOT NULL UNIQUE,
  product TEXT NOT NULL CHECK (product IN ('pln_prepaid')),
  provider TEXT NOT NULL,
  env TEXT NOT NULL CHECK (env IN ('training', 'production')),
  state TEXT NOT NULL CHECK (state IN ('paid', 'sending', 'pending', 'review', 'succeeded', 'failed')),
  business_date TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  cashier TEXT NOT NULL,
  inquiry_id TEXT REFERENCES inquiries(id),
  customer_number TEXT NOT NULL,
  meter_number TEXT NOT NULL,
  idpel TEXT NOT NULL,
  customer_name TEXT NOT NULL,
  tariff_power TEXT NOT NULL,
  denomination INTEGER NOT NULL CHECK (denomination > 0),
  provider_admin INTEGER NOT NULL CHECK (provider_admin >= 0),
  counter_fee INTEGER NOT NULL CHECK (counter_fee >= 0),
  total INTEGER NOT NULL CHECK (total = denomination + provider_admin + counter_fee),
  trxid TEXT NOT NULL UNIQUE,
  inquiry_ref TEXT,
  pay_sent_at INTEGER,
  pay_ref TEXT,
  advice_ref TEXT,
  token TEXT CHECK (token IS NULL OR (length(token) = 20 AND token NOT GLOB '*[^0-9]*')),
  kwh TEXT,
  vendor_time TEXT,
  vendor_json TEXT,
  advice_attempts INTEGER NOT NULL DEFAULT 0,
  last_advice_at INTEGER,
  next_advice_at INTEGER,
  last_advice_result TEXT,
  not_found_count INTEGER NOT NULL DEFAULT 0,
  confirm_failure INTEGER NOT NULL DEFAULT 0 CHECK (confirm_failure IN (0, 1)),
  failure_code TEXT,
  failure_message TEXT,
  failure_detail TEXT,
  review_reason TEXT,
  reprints INTEGER NOT NULL DEFAULT 0,
  warnings_json TEXT NOT NULL DEFAULT '[]',
  CHECK ((state = 'succeeded') = (token IS NOT NULL))
);
CREATE UNIQUE INDEX sales_token ON sales(token) WHERE token IS NOT NULL;
-- One inquiry (one INQREF quote) serves one sale.
CREATE UNIQUE INDEX sales_inquiry ON sales(inquiry_id) WHERE inquiry_id IS NOT NULL;
CREATE INDEX sales_day ON sales(business_date, seq);
CREATE INDEX sales_open ON sales(state) WHERE state IN ('paid', 'sending', 'pending', 'review');
CREATE INDEX sales_meter ON sales(meter_number);
CREATE INDEX sales_idpel ON sales(idpel);
CREATE INDEX sales_next_advice ON sales(next_advice_at) WHERE next_advice_at IS NOT NULL;

-- A sale only moves forward; succeeded and failed are final.
CREATE TRIGGER sales_state_transition BEFORE UPDATE OF state ON sales
WHEN OLD.state <> NEW.state AND NOT (
     (OLD.state = 'paid' AND NEW.state IN ('sending', 'failed'))
  OR (OLD.state = 'sending' AND NEW.state IN ('pending', 'review', 'succeeded', 'failed'))
  OR (OLD.state = 'pending' AND NEW.state IN ('review', 'succeeded', 'failed'))
  OR (OLD.state = 'review' AND NEW.state IN ('pending', 'succeeded', 'failed'))
)
BEGIN
  SELECT RAISE(ABORT, 'illegal sale state transition');
END;

CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales
BEGIN
  SELECT RAISE(ABORT, 'sales are never deleted');
END;

CREATE TABLE payments (
  id TEXT PRIMARY KEY,
  sale_id TEXT NOT NULL REFERENCES sales(id),
  method TEXT NOT NULL CHECK (method IN ('cash')),
  amount INTEGER NOT NULL CHECK (amount > 0),
  tendered INTEGER NOT NULL,
  change INTEGER NOT NULL CHECK (change >= 0 AND change = tendered - amount),
  state TEXT NOT NULL CHECK (state IN ('settled', 'refund_due', 'refunded')),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX payments_sale ON payments(sale_id);

CREATE TABLE sale_events (
  id INTEGER PRIMARY KEY,
  sale_id TEXT NOT NULL REFERENCES sales(id),
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT,
  data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX sale_events_sale ON sale_events(sale_id, id);
CREATE TRIGGER sale_events_no_update BEFORE UPDATE ON sale_events
BEGIN
  SELECT RAISE(ABORT, 'sale_events is append-only');
END;
CREATE TRIGGER sale_events_no_delete BEFORE DELETE ON sale_events
BEGIN
  SELECT RAISE(ABORT, 'sale_events is append-only');
END;

CREATE TABLE provider_calls (
  id INTEGER PRIMARY KEY,
  provider TEXT NOT NULL,
  env TEXT NOT NULL,
  command TEXT NOT NULL,
  provider_ref TEXT NOT NULL,
  sale_id TEXT REFERENCES sales(id),
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  outcome TEXT,
  provider_code TEXT,
  detail TEXT
);
CREATE INDEX provider_calls_sale ON provider_calls(sale_id);
CREATE INDEX provider_calls_ref ON provider_calls(provider_ref);
`,
};
