import type { Ledger } from '../connection';
import { stmt } from '../statements';
import { z } from 'zod';

const Row = z.object({ value: z.string() });

export function readSetting(db: Ledger, key: string): string | null {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key);
  return row === undefined ? null : Row.parse(row).value;
}

export function writeSetting(db: Ledger, key: string, value: string, at: number): void {
  stmt(db,
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, value, at);
}

export function deleteSetting(db: Ledger, key: string): void {
  stmt(db, 'DELETE FROM settings WHERE key = ?').run(key);
}
