import type Database from 'better-sqlite3';
import { migration0001 } from './migrations/0001-initial';

export type Migration = { version: number; name: string; sql: string };

/** In order; a new migration is appended here and never edited once released. */
export const MIGRATIONS: readonly Migration[] = [migration0001];

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = schemaVersion(db);
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`ledger schema ${current} is newer than this Loket (${latest}); refusing to open it`);
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
