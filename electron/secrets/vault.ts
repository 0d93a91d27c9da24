// AES-256-GCM sealed credentials in the ledger. The key is fetched from the key source on first
// use; a missing key leaves the vault locked (training mode still works, production cannot).
//
// Every secret is bound to where it may be sent (`boundTo`: the provider's address and client id
// it was entered for, canonical text from services/settings/secret-bindings). The binding is part
// of the cipher's additional data, so a secret is revealed only for the address it was given for:
// changing a provider's address in settings — or in the ledger file behind Loket's back — cannot
// send the stored secret to a new host.
import { ok } from '../../shared/domain/errors';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Ledger } from '../db/connection';
import { deleteSecret, readSecret, writeSecret } from '../db/queries/secrets';
import type { KeySource } from './key-source';

export type VaultResult<T> = { ok: true; value: T } | { ok: false; reason: string; /** The secret exists but was entered for another address. */ elsewhere?: true };

export type Vault = {
  readonly keyDescription: string;
  has(name: string): boolean;
  /** Where the stored secret may be sent (null: sealed before bindings), undefined when none is stored. */
  boundTo(name: string): string | null | undefined;
  store(name: string, plaintext: string, boundTo: string): Promise<VaultResult<void>>;
  /** The secret if it was entered for `boundTo`; null when none is stored. */
  reveal(name: string, boundTo: string): Promise<VaultResult<string | null>>;
  /** A secret sealed before bindings, bound to where the settings send it today (once, at start). */
  adopt(name: string, boundTo: string): Promise<VaultResult<void>>;
  remove(name: string): void;
};

const aad = (name: string, boundTo: string | null): Buffer => Buffer.from(boundTo === null ? name : `${name}\n${boundTo}`, 'utf8');

export function createVault(db: Ledger, keySource: KeySource, now: () => number): Vault {
  async function key(): Promise<VaultResult<Buffer>> {
    const k = await keySource.getKey();
    return k.ok ? ok(k.key) : { ok: false, reason: k.reason };
  }

  async function open(name: string): Promise<VaultResult<string | null>> {
    const sealed = readSecret(db, name);
    if (!sealed) return ok(null);
    const k = await key();
    if (!k.ok) return k;
    try {
      const decipher = createDecipheriv('aes-256-gcm', k.value, sealed.iv);
      decipher.setAAD(aad(name, sealed.boundTo));
      decipher.setAuthTag(sealed.tag);
      return ok(Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8'));
    } catch {
      return { ok: false, reason: `secret ${name} cannot be decrypted with the current key (or its binding was changed)` };
    }
  }

  async function store(name: string, plaintext: string, boundTo: string): Promise<VaultResult<void>> {
    const k = await key();
    if (!k.ok) return k;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', k.value, iv);
    cipher.setAAD(aad(name, boundTo));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    writeSecret(db, name, { iv, tag: cipher.getAuthTag(), ciphertext, boundTo }, now());
    return ok(undefined);
  }

  return {
    keyDescription: keySource.description,
    has: (name) => readSecret(db, name) !== null,
    boundTo: (name) => readSecret(db, name)?.boundTo,
    store,
    async reveal(name, boundTo) {
      const sealed = readSecret(db, name);
      if (!sealed) return ok(null);
      if (sealed.boundTo !== boundTo) return { ok: false, reason: `secret ${name} was entered for another address`, elsewhere: true };
      return open(name);
    },
    async adopt(name, boundTo) {
      const sealed = readSecret(db, name);
      if (!sealed || sealed.boundTo !== null) return ok(undefined);
      const plain = await open(name);
      if (!plain.ok) return plain;
      return plain.value === null ? ok(undefined) : store(name, plain.value, boundTo);
    },
    remove: (name) => deleteSecret(db, name),
  };
}
