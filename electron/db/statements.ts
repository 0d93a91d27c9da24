// Prepared statements, compiled once per connection: preparing on every call cost more than the
// fsync of the commit it served (npm run bench).
import type Database from 'better-sqlite3';

const caches = new WeakMap<Database.Database, Map<string, Database.Statement>>();

const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i;
const transactional = new WeakSet<Database.Database>();

/**
 * From now on every write statement of this connection runs inside a transaction — its own when
 * none is open — so whatever ends a transaction (the audit's seal) also follows a single write.
 */
export function requireTransactionForWrites(db: Database.Database): void {
  transactional.add(db);
  caches.delete(db);
}

function inTransaction(db: Database.Database, s: Database.Statement): Database.Statement {
  const run = s.run.bind(s);
  const wrapped = Object.create(s) as Database.Statement;
  wrapped.run = ((...args: unknown[]) => (db.inTransaction ? run(...args) : db.transaction(() => run(...args))())) as Database.Statement['run'];
  wrapped.get = s.get.bind(s) as Database.Statement['get'];
  wrapped.all = s.all.bind(s) as Database.Statement['all'];
  return wrapped;
}

export function stmt(db: Database.Database, sql: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    if (transactional.has(db) && WRITE.test(sql)) s = inTransaction(db, s);
    cache.set(sql, s);
  }
  return s;
}
