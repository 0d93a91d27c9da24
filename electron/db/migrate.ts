import type Database from 'better-sqlite3';
import { migration0001 } from './migrations/0001-initial';
import { migration0002 } from './migrations/0002-products-and-providers';
import { migration0003 } from './migrations/0003-payment-methods';
import { migration0004 } from './migrations/0004-bitcoin-orders';
import { migration0005 } from './migrations/0005-audit-log';
import { migration0006 } from './migrations/0006-journal';
import { migration0007 } from './migrations/0007-accounts-and-shifts';
import { migration0008 } from './migrations/0008-sales-by-method';
import { migration0009 } from './migrations/0009-till-lock';
import { migration0010 } from './migrations/0010-counter-truth';
import { migration0011 } from './migrations/0011-sales-search';
import { migration0012 } from './migrations/0012-print-jobs';
import { migration0013 } from './migrations/0013-backups';
import { migration0014 } from './migrations/0014-provider-registry';
import { migration0015 } from './migrations/0015-bitcoin-disputes';
import { migration0016 } from './migrations/0016-provider-fields';
import { migration0017 } from './migrations/0017-hub-outbox';
import { migration0018 } from './migrations/0018-hub-journal-audit';

export type Migration = {
  version: number;
  name: string;
  sql: string;
  /** Work SQL text alone cannot do (rebuilding a table from its own stored definition), after `sql`, in the same transaction. */
  apply?: (db: Database.Database) => void;
  /**
   * The migration rebuilds a table others reference: foreign keys are switched off around it (they
   * cannot be toggled inside a transaction) and checked before the transaction commits.
   */
  rebuildsTables?: boolean;
};

/** In order; a new migration is appended here and never edited once released. */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014, migration0015, migration0016, migration0017, migration0018];

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
    if (m.rebuildsTables) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        db.exec(m.sql);
        m.apply?.(db);
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0) throw new Error(`migration ${m.version} broke ${broken.length} foreign keys`);
        db.pragma(`user_version = ${m.version}`);
      })();
    } finally {
      if (m.rebuildsTables) db.pragma('foreign_keys = ON');
    }
  }
  return schemaVersion(db);
}
