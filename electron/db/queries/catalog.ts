// The provider catalogue as last synced, the counter's price rules and the provider deposits.
import type { Ledger } from '../connection';
import { stmt } from '../statements';
import { OPEN_SALE_STATES } from './sale-events';
import { PriceRuleRecord, ProductRecord } from '../rows';

/** Replaces the synced products of one provider/environment, keeping codes it no longer lists as inactive. */
export function upsertProducts(db: Ledger, env: string, provider: string, products: readonly Omit<ProductRecord, 'env' | 'provider' | 'synced_at'>[], at: number, full: boolean): void {
  db.transaction(() => {
    const upsert = stmt(
      db,
      `INSERT INTO products (env, code, provider, kind, name, category, operator, price, face_value, is_inquiry, status, synced_at, extra_fields)
       VALUES (@env, @code, @provider, @kind, @name, @category, @operator, @price, @face_value, @is_inquiry, @status, @synced_at, @extra_fields)
       ON CONFLICT(env, provider, code) DO UPDATE SET kind = excluded.kind, name = excluded.name, extra_fields = excluded.extra_fields,
         category = excluded.category, operator = excluded.operator, price = excluded.price, face_value = excluded.face_value,
         is_inquiry = excluded.is_inquiry, status = excluded.status, synced_at = excluded.synced_at`,
    );
    for (const p of products) upsert.run({ ...p, env, provider, synced_at: at });
    if (full) {
      // A product the provider stopped listing can no longer be sold — judged only for the kinds
      // this answer listed (a provider may send its lists apart, e.g. Digiflazz prepaid and pasca).
      const retire = stmt(db, 'UPDATE products SET status = 2, synced_at = ? WHERE env = ? AND provider = ? AND kind = ? AND synced_at < ?');
      for (const kind of new Set(products.map((p) => p.kind))) retire.run(at, env, provider, kind, at);
    }
  })();
}

export function getProduct(db: Ledger, env: string, provider: string, code: string): ProductRecord | null {
  const row = stmt(db, 'SELECT * FROM products WHERE env = ? AND provider = ? AND code = ?').get(env, provider, code);
  return row === undefined ? null : ProductRecord.parse(row);
}

export function listProducts(db: Ledger, env: string, provider: string, kind: string | null): ProductRecord[] {
  const rows =
    kind === null
      ? stmt(db, 'SELECT * FROM products WHERE env = ? AND provider = ? ORDER BY category, operator, price, name').all(env, provider)
      : stmt(db, 'SELECT * FROM products WHERE env = ? AND provider = ? AND kind = ? ORDER BY category, operator, price, name').all(env, provider, kind);
  return rows.map((r) => ProductRecord.parse(r));
}

export function lastCatalogSync(db: Ledger, env: string, provider: string): number | null {
  const row = stmt(db, 'SELECT MAX(synced_at) AS t FROM products WHERE env = ? AND provider = ?').get(env, provider) as { t: number | null };
  return row.t;
}

export function listPriceRules(db: Ledger): PriceRuleRecord[] {
  return stmt(db, 'SELECT * FROM price_rules ORDER BY scope, key')
    .all()
    .map((r) => PriceRuleRecord.parse(r));
}

export function setPriceRule(db: Ledger, rule: Omit<PriceRuleRecord, 'updated_at'>, at: number): void {
  stmt(
    db,
    `INSERT INTO price_rules (scope, key, mode, amount, updated_at) VALUES (@scope, @key, @mode, @amount, @at)
     ON CONFLICT(scope, key) DO UPDATE SET mode = excluded.mode, amount = excluded.amount, updated_at = excluded.updated_at`,
  ).run({ ...rule, at });
}

export function removePriceRule(db: Ledger, scope: string, key: string): void {
  stmt(db, 'DELETE FROM price_rules WHERE scope = ? AND key = ?').run(scope, key);
}

export function setBalance(db: Ledger, env: string, provider: string, balance: number, at: number): void {
  stmt(
    db,
    `INSERT INTO provider_balances (env, provider, balance, checked_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(env, provider) DO UPDATE SET balance = excluded.balance, checked_at = excluded.checked_at`,
  ).run(env, provider, balance, at);
}

export function getBalance(db: Ledger, env: string, provider: string): { balance: number; checked_at: number } | null {
  const row = stmt(db, 'SELECT balance, checked_at FROM provider_balances WHERE env = ? AND provider = ?').get(env, provider) as
    | { balance: number; checked_at: number }
    | undefined;
  return row ?? null;
}

/** What sales in flight, started after the balance was read, will take from the deposit. */
export function openProviderCostSince(db: Ledger, env: string, provider: string, since: number): number {
  const row = stmt(
    db,
    `SELECT COALESCE(SUM(provider_cost), 0) AS c FROM sales
     WHERE env = ? AND provider = ? AND state IN ${OPEN_SALE_STATES} AND created_at > ?`,
  ).get(env, provider, since) as { c: number };
  return row.c;
}
