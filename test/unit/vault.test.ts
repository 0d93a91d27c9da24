import { chmodSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/db/connection';
import { createVault } from '../../electron/secrets/vault';
import { envKeySource, fileKeySource } from '../../electron/secrets/file-key-source';
import { safeStorageKeySource } from '../../electron/main/safe-storage-key';
import type { KeySource } from '../../electron/secrets/key-source';

const tmp = (): string => mkdtempSync(path.join(os.tmpdir(), 'loket-vault-'));
const fixedKey = (byte: number): KeySource => ({ description: 'test', getKey: async () => ({ ok: true, key: Buffer.alloc(32, byte) }) });

describe('credential vault', () => {
  it('stores ciphertext only and reveals with the right key', async () => {
    const dir = tmp();
    const db = openLedger(path.join(dir, 'loket.db'));
    const vault = createVault(db, fixedKey(7), Date.now);
    expect((await vault.store('vsi.production.secret', 'hunter2-super-secret')).ok).toBe(true);
    expect(await vault.reveal('vsi.production.secret')).toEqual({ ok: true, value: 'hunter2-super-secret' });
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(path.join(dir, 'loket.db')).includes(Buffer.from('hunter2-super-secret'))).toBe(false);
    const other = createVault(db, fixedKey(8), Date.now);
    expect((await other.reveal('vsi.production.secret')).ok).toBe(false);
  });

  it('a sealed value cannot be moved to another name', async () => {
    const db = openLedger(':memory:');
    const vault = createVault(db, fixedKey(1), Date.now);
    await vault.store('a', 'x');
    db.exec("INSERT INTO secrets (name, iv, tag, ciphertext, updated_at) SELECT 'b', iv, tag, ciphertext, updated_at FROM secrets WHERE name = 'a'");
    expect((await vault.reveal('b')).ok).toBe(false);
  });

  it('a locked vault refuses to store anything', async () => {
    const db = openLedger(':memory:');
    const vault = createVault(db, { description: 'none', getKey: async () => ({ ok: false, reason: 'no key' }) }, Date.now);
    expect(await vault.store('a', 'x')).toEqual({ ok: false, reason: 'no key' });
    expect(vault.has('a')).toBe(false);
  });

  it('web mode key file: created 0600 once, refused when others can read it', async () => {
    const dir = tmp();
    const k1 = await fileKeySource(dir).getKey();
    const k2 = await fileKeySource(dir).getKey();
    expect(k1.ok && k2.ok && k1.key.equals(k2.key)).toBe(true);
    expect(statSync(path.join(dir, 'master.key')).mode & 0o777).toBe(0o600);
    chmodSync(path.join(dir, 'master.key'), 0o644);
    const k3 = await fileKeySource(dir).getKey();
    expect(k3.ok).toBe(false);
  });

  it('LOKET_MASTER_KEY must be 32 bytes', async () => {
    expect((await envKeySource('ab'.repeat(32)).getKey()).ok).toBe(true);
    expect((await envKeySource('short').getKey()).ok).toBe(false);
  });

  it('Electron: the key is wrapped by safeStorage and refused without OS encryption', async () => {
    const dir = tmp();
    const fake = {
      available: true,
      isEncryptionAvailable() {
        return this.available;
      },
      encryptString: (s: string) => Buffer.from(`enc:${s}`),
      decryptString: (b: Buffer) => b.toString().slice(4),
    };
    const k = await safeStorageKeySource(dir, fake).getKey();
    expect(k.ok).toBe(true);
    expect(readFileSync(path.join(dir, 'vault-key.safe'), 'utf8').startsWith('enc:')).toBe(true);
    fake.available = false;
    expect((await safeStorageKeySource(dir, fake).getKey()).ok).toBe(false);
  });
});
