import type { Ledger } from '../connection';
import { stmt } from '../statements';
import { SecretRecord } from '../rows';

/** `boundTo`: where the secret may be sent (null: sealed before secrets were bound). */
export type SealedSecret = { iv: Buffer; tag: Buffer; ciphertext: Buffer; boundTo: string | null };

export function readSecret(db: Ledger, name: string): SealedSecret | null {
  const row = stmt(db, 'SELECT name, iv, tag, ciphertext, updated_at, bound_to FROM secrets WHERE name = ?').get(name);
  if (row === undefined) return null;
  const r = SecretRecord.parse(row);
  return { iv: r.iv, tag: r.tag, ciphertext: r.ciphertext, boundTo: r.bound_to };
}

export function writeSecret(db: Ledger, name: string, sealed: SealedSecret, at: number): void {
  stmt(db,
    `INSERT INTO secrets (name, iv, tag, ciphertext, updated_at, bound_to) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(name) DO UPDATE SET iv = excluded.iv, tag = excluded.tag,
       ciphertext = excluded.ciphertext, updated_at = excluded.updated_at, bound_to = excluded.bound_to`,
  ).run(name, sealed.iv, sealed.tag, sealed.ciphertext, at, sealed.boundTo);
}

export function deleteSecret(db: Ledger, name: string): void {
  stmt(db, 'DELETE FROM secrets WHERE name = ?').run(name);
}

/** Every stored credential removed (a restore without the old vault key: none of them can be opened). */
export function forgetAllSecrets(db: Ledger): number {
  return db.transaction(() => stmt(db, 'DELETE FROM secrets').run().changes)();
}
