// The hub's schema (issue 18), the same on PGlite and on a PostgreSQL server. Each counter's
// ledger stays the truth for its sales; the hub keeps what every counter appended, in order, once:
// `replicated` (partitioned by month, so a year of many counters stays fast) and, derived from it
// in the same transaction, `hub_sales` — each sale as it last stood — for the owner's screens.
import type { HubDb } from './connection';

type HubMigration = { version: number; name: string; sql: string };

export const HUB_MIGRATIONS: readonly HubMigration[] = [
  {
    version: 1,
    name: 'outlets-counters-replication',
    sql: `
CREATE TABLE hub_meta (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE outlets (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  -- The outlet's business day is read in its own zone (a day's summary is the outlet's day).
  time_zone text NOT NULL DEFAULT 'Asia/Jakarta',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE counters (
  id text PRIMARY KEY,
  outlet_id text NOT NULL REFERENCES outlets(id),
  name text NOT NULL,
  -- SHA-256 of the one-time enrollment code: cleared when used, so a code works once.
  code_hash text,
  code_expires_at timestamptz,
  -- SHA-256 of the credential the counter got at enrollment (it keeps it in its vault).
  credential_hash text,
  enrolled_at timestamptz,
  last_contact_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (outlet_id, name)
);
CREATE UNIQUE INDEX counters_code ON counters (code_hash) WHERE code_hash IS NOT NULL;
CREATE UNIQUE INDEX counters_credential ON counters (credential_hash) WHERE credential_hash IS NOT NULL;

-- Where each counter's stream stands. The hub takes only seq = last_seq + 1: a replayed batch is
-- skipped, a gap refused. last_hash chains what arrived (sha256(previous hash, row digest)).
CREATE TABLE stream_cursors (
  counter_id text NOT NULL REFERENCES counters(id),
  stream text NOT NULL,
  last_seq bigint NOT NULL DEFAULT 0,
  last_hash text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (counter_id, stream)
);

-- Everything a counter appended, as it was there. Partitions by month of \`at\` are made as rows
-- for a new month arrive (ensurePartitions).
CREATE TABLE replicated (
  counter_id text NOT NULL,
  stream text NOT NULL,
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  key text NOT NULL,
  body jsonb NOT NULL,
  digest text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (counter_id, stream, seq, at)
) PARTITION BY RANGE (at);

-- Each sale as it last stood at its counter (from the sales stream), for the owner's screens.
-- Receipt numbers are per counter, so two counters' 000001 are two rows.
CREATE TABLE hub_sales (
  counter_id text NOT NULL REFERENCES counters(id),
  sale_id text NOT NULL,
  receipt_no text NOT NULL,
  business_date date NOT NULL,
  state text NOT NULL,
  product_name text NOT NULL,
  method text NOT NULL,
  total bigint NOT NULL,
  margin bigint NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY (counter_id, sale_id)
);
CREATE INDEX hub_sales_day ON hub_sales (business_date, counter_id);

-- What the hub noticed about a counter's history: a row sent again with other content than it had
-- (a ledger changed behind Loket's back after replication), named by stream, seq and key.
CREATE TABLE hub_flags (
  id bigserial PRIMARY KEY,
  counter_id text NOT NULL REFERENCES counters(id),
  stream text NOT NULL,
  seq bigint NOT NULL,
  key text NOT NULL,
  problem text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (counter_id, stream, seq, problem)
);
`,
  },
  {
    version: 2,
    name: 'price-rules',
    sql: `
-- Price rules the owner sets once (issue 18): for every outlet (outlet_id NULL) or one; a counter
-- takes the ones for its outlet (its own over the all-outlets one) on its next contact. Removal is
-- a row too (removed), so a counter that was away learns of it. version: the hub-wide change count.
CREATE TABLE hub_price_rules (
  id bigserial PRIMARY KEY,
  outlet_id text REFERENCES outlets(id),
  scope text NOT NULL CHECK (scope IN ('product', 'category')),
  key text NOT NULL,
  mode text NOT NULL CHECK (mode IN ('markup', 'fixed')),
  amount bigint NOT NULL CHECK (amount >= 0),
  removed boolean NOT NULL DEFAULT false,
  version bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX hub_price_rules_one ON hub_price_rules (coalesce(outlet_id, ''), scope, key);

-- What the owner changed at the hub, in order (the counters audit what they applied on their side).
CREATE TABLE hub_audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  detail jsonb NOT NULL
);
INSERT INTO hub_meta (key, value) VALUES ('rules_version', '0') ON CONFLICT (key) DO NOTHING;
`,
  },
  {
    version: 3,
    name: 'shift-closes',
    sql: `
-- Every shift's close at every counter (from the shifts stream): the drawer counted against the
-- books, the variance and its reason — what the owner reads first about a day.
CREATE TABLE hub_shifts (
  counter_id text NOT NULL REFERENCES counters(id),
  shift_id text NOT NULL,
  cashier text NOT NULL,
  closed_by text,
  opened_at timestamptz NOT NULL,
  closed_at timestamptz NOT NULL,
  opening_float bigint NOT NULL,
  expected_cash bigint NOT NULL,
  counted_cash bigint NOT NULL,
  variance bigint NOT NULL,
  reason text,
  PRIMARY KEY (counter_id, shift_id)
);
CREATE INDEX hub_shifts_closed ON hub_shifts (closed_at);
`,
  },
  {
    version: 4,
    name: 'journal-audit-attestation',
    sql: `
-- The digest each side computes of a sale's or entry's attested fields (attestSaleText /
-- attestJournalText): a counter's attestation is compared with it row by row.
ALTER TABLE hub_sales ADD COLUMN attest_digest text NOT NULL DEFAULT '';
ALTER TABLE hub_sales ADD COLUMN env text NOT NULL DEFAULT 'production';
-- What was still waiting at the counter at its last contact (its lag, on the owner's screen).
ALTER TABLE counters ADD COLUMN backlog_rows integer NOT NULL DEFAULT 0;
ALTER TABLE counters ADD COLUMN backlog_oldest_at timestamptz;
-- The owner's "still open anywhere" list reads only open sales: a year of finished ones is not walked.
CREATE INDEX hub_sales_open ON hub_sales (created_at) WHERE state IN ('awaiting_payment', 'paid', 'sending', 'pending', 'review');

-- Each journal entry that arrived (its lines go into the balances below), once per counter and id.
CREATE TABLE hub_journal (
  counter_id text NOT NULL REFERENCES counters(id),
  entry_id bigint NOT NULL,
  env text NOT NULL CHECK (env IN ('training', 'production')),
  business_date date NOT NULL,
  at timestamptz NOT NULL,
  memo text NOT NULL,
  attest_digest text NOT NULL,
  seq bigint NOT NULL,
  PRIMARY KEY (counter_id, entry_id)
);

-- The books without summing a year of lines: each account's balance per counter and environment,
-- and its movement per business day, both moved in the transaction that takes the entry.
CREATE TABLE hub_accounts (
  counter_id text NOT NULL REFERENCES counters(id),
  env text NOT NULL CHECK (env IN ('training', 'production')),
  account text NOT NULL,
  name text NOT NULL,
  kind text NOT NULL,
  deposit boolean NOT NULL,
  balance bigint NOT NULL,
  PRIMARY KEY (counter_id, env, account)
);
CREATE TABLE hub_account_days (
  counter_id text NOT NULL REFERENCES counters(id),
  env text NOT NULL,
  business_date date NOT NULL,
  account text NOT NULL,
  debit bigint NOT NULL,
  credit bigint NOT NULL,
  PRIMARY KEY (counter_id, env, business_date, account)
);
CREATE INDEX hub_account_days_day ON hub_account_days (env, business_date);

-- The last audit entry of each counter's chain the hub took: the next must link to it.
CREATE TABLE hub_audit_heads (
  counter_id text PRIMARY KEY REFERENCES counters(id),
  seq bigint NOT NULL,
  hash text NOT NULL
);

-- What each provider last told a counter its deposit holds (a reading, beside the books).
CREATE TABLE hub_deposit_readings (
  counter_id text NOT NULL REFERENCES counters(id),
  env text NOT NULL,
  account text NOT NULL,
  name text NOT NULL,
  reported bigint NOT NULL,
  checked_at timestamptz NOT NULL,
  PRIMARY KEY (counter_id, env, account)
);
`,
  },
];

/** Brings the hub's database to the latest schema, each version once, in a transaction each. */
export async function migrateHub(db: HubDb): Promise<number> {
  await db.exec('CREATE TABLE IF NOT EXISTS hub_schema (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  const done = new Set((await db.query<{ version: number }>('SELECT version FROM hub_schema')).map((r) => Number(r.version)));
  for (const m of HUB_MIGRATIONS) {
    if (done.has(m.version)) continue;
    await db.tx(async (q) => {
      for (const statement of splitStatements(m.sql)) await q.query(statement);
      await q.query('INSERT INTO hub_schema (version, name) VALUES ($1, $2)', [m.version, m.name]);
    });
  }
  const latest = await db.query<{ v: number | null }>('SELECT max(version) AS v FROM hub_schema');
  return Number(latest[0]?.v ?? 0);
}

/** A migration's statements one by one (a transaction's queries take one statement each on every driver). */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
