// Providers and payment methods become reference tables instead of CHECK (... IN (...)) enums
// (issue 14), so a new provider is a row, not a rebuilt table. The tables that held the enums
// (sales, payments) are rebuilt from their own stored definitions with only those clauses
// changed: same columns in the same order, every row under its old rowid — so every audit seal
// (keyed by table and rowid over the row's columns) stays valid — and every index and trigger
// recreated as it was. Products get the provider into their key: two distributors may use the
// same code for different things.
import type Database from 'better-sqlite3';
import type { Migration } from '../migrate';

type SchemaRow = { type: string; name: string; sql: string | null };

/** Rebuilds `table` with `edit` applied to its CREATE TABLE text, keeping rowids, indexes and triggers. */
export function rebuildTable(db: Database.Database, table: string, edit: (sql: string) => string): void {
  const rows = db.prepare('SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = ? ORDER BY rowid').all(table) as SchemaRow[];
  const create = rows.find((r) => r.type === 'table')?.sql;
  if (!create) throw new Error(`no table ${table}`);
  const next = edit(create);
  if (next === create) throw new Error(`rebuild of ${table} changed nothing`);
  const columns = (db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).all(table) as { name: string }[]).map((c) => `"${c.name}"`).join(', ');
  const temp = `${table}__rebuild`;
  db.exec(next.replace(/^CREATE TABLE\s+("?)[A-Za-z_]+\1/, `CREATE TABLE "${temp}"`));
  db.exec(`INSERT INTO "${temp}" (rowid, ${columns}) SELECT rowid, ${columns} FROM "${table}"`);
  db.exec(`DROP TABLE "${table}"`);
  // Legacy rename: other tables' triggers that name this table must not be re-checked while it is
  // briefly missing (they are valid again the moment the rename is done).
  db.pragma('legacy_alter_table = ON');
  try {
    db.exec(`ALTER TABLE "${temp}" RENAME TO "${table}"`);
  } finally {
    db.pragma('legacy_alter_table = OFF');
  }
  for (const r of rows) if ((r.type === 'index' || r.type === 'trigger') && r.sql) db.exec(r.sql);
}

function replaceOnce(sql: string, from: string, to: string): string {
  if (!sql.includes(from)) throw new Error(`expected clause not found: ${from}`);
  return sql.replace(from, to);
}

export const migration0014: Migration = {
  version: 14,
  name: 'provider-registry',
  rebuildsTables: true,
  sql: `
CREATE TABLE purchase_providers (
  name TEXT PRIMARY KEY CHECK (name GLOB '[a-z]*' AND name NOT GLOB '*[^a-z0-9_]*'),
  display_name TEXT NOT NULL,
  -- The books' account of the deposit the outlet holds there (journal posts its cost to it).
  deposit_account TEXT
);
INSERT INTO purchase_providers (name, display_name, deposit_account) VALUES
  ('vsi', 'VSI', '1301'), ('sat', 'SAT', '1302'), ('digiflazz', 'Digiflazz', '1303');

CREATE TABLE payment_providers (
  name TEXT PRIMARY KEY CHECK (name GLOB '[a-z]*' AND name NOT GLOB '*[^a-z0-9_]*'),
  display_name TEXT NOT NULL
);
INSERT INTO payment_providers (name, display_name) VALUES ('midtrans', 'Midtrans'), ('worldline', 'Worldline'), ('chainside', 'Chainside');

CREATE TABLE payment_methods (
  code TEXT PRIMARY KEY,
  -- NULL: cash, taken at the counter.
  provider TEXT REFERENCES payment_providers(name),
  -- The clearing account money taken this way is booked to.
  account TEXT NOT NULL
);
INSERT INTO payment_methods (code, provider, account) VALUES
  ('cash', NULL, '1101'), ('qris', 'midtrans', '1201'), ('gopay', 'midtrans', '1202'), ('shopeepay', 'midtrans', '1202'),
  ('va_bca', 'midtrans', '1203'), ('va_bni', 'midtrans', '1203'), ('va_bri', 'midtrans', '1203'), ('va_permata', 'midtrans', '1203'),
  ('mandiri_bill', 'midtrans', '1203'), ('card', 'worldline', '1204'), ('bitcoin', 'chainside', '1205');
`,
  apply(db) {
    rebuildTable(db, 'sales', (sql) => replaceOnce(sql, "CHECK (provider IN ('vsi', 'sat'))", 'REFERENCES purchase_providers(name)'));
    rebuildTable(db, 'payments', (sql) =>
      replaceOnce(
        replaceOnce(sql, "CHECK (method IN ('cash', 'qris', 'gopay', 'shopeepay', 'va_bca', 'va_bni', 'va_bri', 'va_permata', 'mandiri_bill', 'card', 'bitcoin'))", 'REFERENCES payment_methods(code)'),
        "CHECK (provider IS NULL OR provider IN ('midtrans', 'worldline', 'chainside'))",
        'REFERENCES payment_providers(name)',
      ),
    );
    rebuildTable(db, 'products', (sql) => replaceOnce(sql, 'PRIMARY KEY (env, code)', 'PRIMARY KEY (env, provider, code)'));
    // A push about a bill paid under its inquiry's reference (Digiflazz) finds its sale at once.
    db.exec('CREATE INDEX sales_inquiry_ref ON sales(inquiry_ref) WHERE inquiry_ref IS NOT NULL');
  },
};
