import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { migrate } from './migrate';

export type Ledger = Database.Database;

export type OpenLedgerOptions = {
  /** Path of an Electron-ABI better_sqlite3.node (the Electron host); Node uses the default build. */
  nativeBinding?: string;
};

export function openLedger(file: string, options: OpenLedgerOptions = {}): Ledger {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  // FULL: a sale committed before a provider call must survive a power cut, not only a crash.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}
