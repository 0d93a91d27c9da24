import { chmodSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/db/connection';
import { createVault } from '../../electron/secrets/vault';
import { envKeySource, fileKeySource } from '../../electron/secrets/file-key-source';
import { safeStorageKeySource } from '../../electron/main/safe-storage-key';
import { fixedKeySource, type KeySource } from '../../electron/secrets/key-source';

const tmp = (): string => mkdtempSync(path.join(os.tmpdir(), 'loket-vault-'));
const fixedKey = (byte: number): KeySource => ({ description: 'test', getKey: async () => ({ ok: true, key: Buffer.alloc(32, byte) }), adopt: async () => ({ ok: false, reason: 'test' }) });

describe('credential vault', () => {
  it('stores ciphertext only and reveals with the right key', async () => {
    const dir = tmp();
    const db = openLedger(path.join(dir, 'loket.db'));
    const vault = createVault(db, fixedKey(7), Date.now);
    expect((await vault.store('vsi.production.secret', 'hunter2-super-secret', 'to:https://h2h.example')).ok).toBe(true);
    expect(await vault.reveal('vsi.production.secret', 'to:https://h2h.example')).toEqual({ ok: true, value: 'hunter2-super-secret' });
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(path.join(dir, 'loket.db')).includes(Buffer.from('hunter2-super-secret'))).toBe(false);
    const other = createVault(db, fixedKey(8), Date.now);
    expect((await other.reveal('vsi.production.secret', 'to:https://h2h.example')).ok).toBe(false);
  });

  it('a secret is revealed only for the destination it was entered for, even if the ledger is edited', async () => {
    const db = openLedger(':memory:');
    const vault = createVault(db, fixedKey(4), Date.now);
    await vault.store('midtrans', 'Mid-server-abc123', 'to:https://api.midtrans.com');
    expect(await vault.reveal('midtrans', 'to:http://127.0.0.1:9999')).toMatchObject({ ok: false, elsewhere: true });
    // Rebinding the row behind Loket's back does not help: the binding is in the cipher's additional data.
    db.exec("UPDATE secrets SET bound_to = 'to:http://127.0.0.1:9999' WHERE name = 'midtrans'");
    const r = await vault.reveal('midtrans', 'to:http://127.0.0.1:9999');
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain('Mid-server');
  });

  it('a secret sealed before bindings is adopted for where the settings send it today', async () => {
    const db = openLedger(':memory:');
    const vault = createVault(db, fixedKey(5), Date.now);
    await vault.store('old', 's3cret', 'x');
    // What an older Loket wrote: the name alone as additional data, no binding.
    const { createCipheriv } = await import('node:crypto');
    const iv = Buffer.alloc(12, 1);
    const c = createCipheriv('aes-256-gcm', Buffer.alloc(32, 5), iv);
    c.setAAD(Buffer.from('old'));
    const ct = Buffer.concat([c.update('s3cret', 'utf8'), c.final()]);
    db.prepare('UPDATE secrets SET iv = ?, tag = ?, ciphertext = ?, bound_to = NULL WHERE name = ?').run(iv, c.getAuthTag(), ct, 'old');
    expect(vault.boundTo('old')).toBeNull();
    expect((await vault.reveal('old', 'to:here')).ok).toBe(false);
    expect((await vault.adopt('old', 'to:here')).ok).toBe(true);
    expect(await vault.reveal('old', 'to:here')).toEqual({ ok: true, value: 's3cret' });
  });

  it('a sealed value cannot be moved to another name', async () => {
    const db = openLedger(':memory:');
    const vault = createVault(db, fixedKey(1), Date.now);
    await vault.store('a', 'x', 'b1');
    db.exec("INSERT INTO secrets (name, iv, tag, ciphertext, updated_at) SELECT 'b', iv, tag, ciphertext, updated_at FROM secrets WHERE name = 'a'");
    db.exec("UPDATE secrets SET bound_to = 'b1' WHERE name = 'b'");
    expect((await vault.reveal('b', 'b1')).ok).toBe(false);
  });

  it('a locked vault refuses to store anything', async () => {
    const db = openLedger(':memory:');
    const vault = createVault(db, fixedKeySource(null, 'none'), Date.now);
    expect(await vault.store('a', 'x', 'b')).toEqual({ ok: false, reason: 'no key' });
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
