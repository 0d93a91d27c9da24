// AES-256-GCM sealed credentials in the ledger. The key is fetched from the key source on first
// use; a missing key leaves the vault locked (training mode still works, production cannot).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Ledger } from '../db/connection';
import { deleteSecret, readSecret, writeSecret } from '../db/queries/secrets';
import type { KeySource } from './key-source';

export type VaultResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export type Vault = {
  readonly keyDescription: string;
  has(name: string): boolean;
  store(name: string, plaintext: string): Promise<VaultResult<void>>;
  reveal(name: string): Promise<VaultResult<string | null>>;
  remove(name: string): void;
};

export function createVault(db: Ledger, keySource: KeySource, now: () => number): Vault {
  async function key(): Promise<VaultResult<Buffer>> {
    const k = await keySource.getKey();
    return k.ok ? { ok: true, value: k.key } : { ok: false, reason: k.reason };
  }
  return {
    keyDescription: keySource.description,
    has: (name) => readSecret(db, name) !== null,
    async store(name, plaintext) {
      const k = await key();
      if (!k.ok) return k;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', k.value, iv);
      cipher.setAAD(Buffer.from(name, 'utf8'));
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      writeSecret(db, name, { iv, tag: cipher.getAuthTag(), ciphertext }, now());
      return { ok: true, value: undefined };
    },
    async reveal(name) {
      const sealed = readSecret(db, name);
      if (!sealed) return { ok: true, value: null };
      const k = await key();
      if (!k.ok) return k;
      try {
        const decipher = createDecipheriv('aes-256-gcm', k.value, sealed.iv);
        decipher.setAAD(Buffer.from(name, 'utf8'));
        decipher.setAuthTag(sealed.tag);
        return { ok: true, value: Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8') };
      } catch {
        return { ok: false, reason: `secret ${name} cannot be decrypted with the current key` };
      }
    },
    remove: (name) => deleteSecret(db, name),
  };
}
