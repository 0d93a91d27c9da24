// The vault key in Electron: 32 random bytes, stored only as safeStorage ciphertext
// (DPAPI / Keychain / libsecret). Without OS encryption the vault stays locked.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseMasterKey, type KeySource } from '../secrets/key-source';

export type SafeStorageLike = {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
};

export function safeStorageKeySource(dataDir: string, safeStorage: SafeStorageLike): KeySource {
  const file = path.join(dataDir, 'vault-key.safe');
  const plainFile = path.join(dataDir, 'master.key');
  let cached: Buffer | null = null;
  return {
    description: 'Electron safeStorage',
    async adopt(recovered, opts = {}) {
      if (!safeStorage.isEncryptionAvailable()) {
        return { ok: false, reason: 'the operating system offers no encryption (safeStorage unavailable)' };
      }
      if (existsSync(file) && !opts.replace) {
        const held = safeStorage.decryptString(readFileSync(file));
        if (held === recovered.toString('hex')) return { ok: true };
        return { ok: false, reason: `${file} already holds another key` };
      }
      writeFileSync(file, safeStorage.encryptString(recovered.toString('hex')), { mode: 0o600 });
      cached = Buffer.from(recovered);
      return { ok: true };
    },
    async getKey() {
      if (cached) return { ok: true, key: cached };
      if (!safeStorage.isEncryptionAvailable()) {
        return { ok: false, reason: 'the operating system offers no encryption (safeStorage unavailable)' };
      }
      if (!existsSync(file)) {
        // A folder restored by `npm run restore` holds the recovered key as master.key: it is
        // taken into the OS keychain and the plain file removed; otherwise a new key is made.
        const restored = existsSync(plainFile) ? parseMasterKey(readFileSync(plainFile, 'utf8')) : null;
        const fresh = restored ?? randomBytes(32);
        writeFileSync(file, safeStorage.encryptString(fresh.toString('hex')), { mode: 0o600, flag: 'wx' });
        if (restored) unlinkSync(plainFile);
      }
      const hex = safeStorage.decryptString(readFileSync(file));
      if (!/^[0-9a-f]{64}$/.test(hex)) return { ok: false, reason: `${file} does not hold a vault key` };
      cached = Buffer.from(hex, 'hex');
      return { ok: true, key: cached };
    },
  };
}
