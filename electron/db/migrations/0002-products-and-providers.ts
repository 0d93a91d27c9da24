// Sales of every product, through either provider (issue 4: SAT bills and digital products, PLN
// tokens routed to VSI or SAT). The Foundation's sales were all VSI PLN tokens; each row is carried
// over with its meaning spelled out: face value = denomination, provider cost = denomination +
// admin (what VSI charges the deposit), margin = the counter fee, provider ref = trxid.
import type { Migration } from '../migrate';

export const migration0002: Migration = {
  version: 2,
  name: 'products-and-providers',
  rebuildsTables: true,
  sql: `
CREATE TABLE sales_v2 (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  client_request_id TEXT NOT NULL UNIQUE,
  product_kind TEXT NOT NULL CHECK (product_kind IN ('pln_prepaid', 'bill', 'digital')),
  product_code TEXT NOT NULL,
  provider_product TEXT NOT NULL,
  product_name TEXT NOT NULL,
  category TEXT NOT NULL DEFAULT '',
  provider TEXT NOT NULL CHECK (provider IN ('vsi', 'sat')),
  env TEXT NOT NULL CHECK (env IN ('training', 'production')),
  -- awaiting_payment and cancelled serve non-cash payments (migration 0003).
  state TEXT NOT NULL CHECK (state IN ('awaiting_payment', 'paid', 'sending', 'pending', 'review', 'succeeded', 'failed', 'cancelled')),
  business_date TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  cashier TEXT NOT NULL,
  inquiry_id TEXT REFERENCES inquiries(id),
  customer_number TEXT NOT NULL,
  customer_name TEXT NOT NULL DEFAULT '',
  meter_number TEXT NOT NULL DEFAULT '',
  idpel TEXT NOT NULL DEFAULT '',
  tariff_power TEXT NOT NULL DEFAULT '',
  face_value INTEGER NOT NULL CHECK (face_value >= 0),
  provider_admin INTEGER NOT NULL CHECK (provider_admin >= 0),
  provider_cost INTEGER NOT NULL CHECK (provider_cost >= 0),
  margin INTEGER NOT NULL CHECK (margin >= 0),
  total INTEGER NOT NULL CHECK (total > 0 AND total = provider_cost + margin),
  provider_ref TEXT NOT NULL UNIQUE,
  inquiry_ref TEXT,
  pay_sent_at INTEGER,
  pay_ref TEXT,
  advice_ref TEXT,
  token TEXT CHECK (token IS NULL OR (length(token) = 20 AND token NOT GLOB '*[^0-9]*')),
  kwh TEXT,
  serial_number TEXT,
  voucher_code TEXT,
  vendor_time TEXT,
  vendor_json TEXT,
  inquiry_lines TEXT NOT NULL DEFAULT '[]',
  fulfillment_lines TEXT NOT NULL DEFAULT '[]',
  acknowledged INTEGER NOT NULL DEFAULT 0 CHECK (acknowledged IN (0, 1)),
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
  CHECK (product_kind <> 'pln_prepaid' OR (state = 'succeeded') = (token IS NOT NULL))
);

INSERT INTO sales_v2 (id, seq, client_request_id, product_kind, product_code, provider_product, product_name, category,
  provider, env, state, business_date, created_at, updated_at, cashier, inquiry_id, customer_number, customer_name,
  meter_number, idpel, tariff_power, face_value, provider_admin, provider_cost, margin, total, provider_ref, inquiry_ref,
  pay_sent_at, pay_ref, advice_ref, token, kwh, vendor_time, vendor_json, acknowledged, advice_attempts, last_advice_at,
  next_advice_at, last_advice_result, not_found_count, confirm_failure, failure_code, failure_message, failure_detail,
  review_reason, reprints, warnings_json)
SELECT id, seq, client_request_id, 'pln_prepaid', 'pln-token-' || denomination, 'pln-token-' || denomination,
  'Token PLN ' || denomination, 'Listrik PLN', provider, env, state, business_date, created_at, updated_at, cashier,
  inquiry_id, customer_number, customer_name, meter_number, idpel, tariff_power, denomination, provider_admin,
  denomination + provider_admin, counter_fee, total, trxid, inquiry_ref, pay_sent_at, pay_ref, advice_ref, token, kwh,
  vendor_time, vendor_json, 0, advice_attempts, last_advice_at, next_advice_at, last_advice_result, not_found_count,
  confirm_failure, failure_code, failure_message, failure_detail, review_reason, reprints, warnings_json
FROM sales;

DROP TABLE sales;
ALTER TABLE sales_v2 RENAME TO sales;

CREATE UNIQUE INDEX sales_token ON sales(token) WHERE token IS NOT NULL;
CREATE UNIQUE INDEX sales_inquiry ON sales(inquiry_id) WHERE inquiry_id IS NOT NULL;
CREATE INDEX sales_day ON sales(business_date, seq);
CREATE INDEX sales_open ON sales(state) WHERE state IN ('paid', 'sending', 'pending', 'review');
CREATE INDEX sales_customer ON sales(customer_number);
CREATE INDEX sales_meter ON sales(meter_number);
CREATE INDEX sales_idpel ON sales(idpel);
CREATE INDEX sales_next_advice ON sales(next_advice_at) WHERE next_advice_at IS NOT NULL;
-- Calls left unfinished by a crash, closed on start without walking the whole call log.
CREATE INDEX provider_calls_unfinished ON provider_calls(command) WHERE finished_at IS NULL;

-- A sale only moves forward; succeeded and failed are final. Two ways back to 'paid'/'sending':
-- a fallback to the other provider after a definite failure (a new provider_ref), and a re-sent
-- order a provider deduplicates by id (SAT: only after its status call said "not found").
CREATE TRIGGER sales_state_transition BEFORE UPDATE OF state ON sales
WHEN OLD.state <> NEW.state AND NOT (
     (OLD.state = 'paid' AND NEW.state IN ('sending', 'failed'))
  OR (OLD.state = 'sending' AND NEW.state IN ('paid', 'pending', 'review', 'succeeded', 'failed'))
  OR (OLD.state = 'pending' AND NEW.state IN ('paid', 'sending', 'review', 'succeeded', 'failed'))
  OR (OLD.state = 'review' AND NEW.state IN ('pending', 'succeeded', 'failed'))
)
BEGIN
  SELECT RAISE(ABORT, 'illegal sale state transition');
END;

CREATE TRIGGER sales_back_to_paid_only_with_new_ref BEFORE UPDATE OF state ON sales
WHEN NEW.state = 'paid' AND OLD.state <> 'paid' AND NEW.provider_ref = OLD.provider_ref
BEGIN
  SELECT RAISE(ABORT, 'a sale returns to paid only for a new purchase attempt');
END;

CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales
BEGIN
  SELECT RAISE(ABORT, 'sales are never deleted');
END;

ALTER TABLE inquiries ADD COLUMN product_kind TEXT NOT NULL DEFAULT 'pln_prepaid';
ALTER TABLE inquiries ADD COLUMN product_code TEXT NOT NULL DEFAULT '';
ALTER TABLE inquiries ADD COLUMN face_value INTEGER;
ALTER TABLE inquiries ADD COLUMN provider_cost INTEGER;
ALTER TABLE inquiries ADD COLUMN lines_json TEXT NOT NULL DEFAULT '[]';

-- SAT's catalogue as last synced, and what the counter charges for it.
CREATE TABLE products (
  env TEXT NOT NULL CHECK (env IN ('training', 'production')),
  code TEXT NOT NULL,
  provider TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('pln_prepaid', 'bill', 'digital')),
  name TEXT NOT NULL,
  category TEXT NOT NULL,
  operator TEXT NOT NULL DEFAULT '',
  price INTEGER NOT NULL CHECK (price >= 0),
  face_value INTEGER,
  is_inquiry INTEGER NOT NULL CHECK (is_inquiry IN (0, 1)),
  status INTEGER NOT NULL CHECK (status IN (1, 2, 3)),
  synced_at INTEGER NOT NULL,
  PRIMARY KEY (env, code)
);
CREATE INDEX products_category ON products(env, category, operator);

CREATE TABLE price_rules (
  scope TEXT NOT NULL CHECK (scope IN ('product', 'category')),
  key TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('markup', 'fixed')),
  amount INTEGER NOT NULL CHECK (amount >= 0),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);

CREATE TABLE provider_balances (
  env TEXT NOT NULL,
  provider TEXT NOT NULL,
  balance INTEGER NOT NULL,
  checked_at INTEGER NOT NULL,
  PRIMARY KEY (env, provider)
);
`,
};
