import type { Ledger } from '../connection';
import { stmt } from '../statements';
import { SecretRecord } from '../rows';

export type SealedSecret = { iv: Buffer; tag: Buffer; ciphertext: Buffer };

export function readSecret(db: Ledger, name: string): SealedSecret | null {
  const row = stmt(db, 'SELECT name, iv, tag, ciphertext, updated_at FROM secrets WHERE name = ?').get(name);
  if (row === undefined) return null;
  const r = SecretRecord.parse(row);
  return { iv: r.iv, tag: r.tag, ciphertext: r.ciphertext };
}

export function writeSecret(db: Ledger, name: string, sealed: SealedSecret, at: number): void {
  stmt(db,
    `INSERT INTO secrets (name, iv, tag, ciphertext, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET iv = excluded.iv, tag = excluded.tag,
       ciphertext = excluded.ciphertext, updated_at = excluded.updated_at`,
  ).run(name, sealed.iv, sealed.tag, sealed.ciphertext, at);
}

export function deleteSecret(db: Ledger, name: string): void {
  stmt(db, 'DELETE FROM secrets WHERE name = ?').run(name);
}
