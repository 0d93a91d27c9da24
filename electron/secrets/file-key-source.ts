// Web mode's key: LOKET_MASTER_KEY if set, else <data>/master.key (0600, created on first use).
import { randomBytes } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync, writeSync, fsyncSync } from 'node:fs';
import path from 'node:path';
import { KEY_BYTES, parseMasterKey, type KeySource } from './key-source';

export function envKeySource(value: string): KeySource {
  const key = parseMasterKey(value);
  return {
    description: 'LOKET_MASTER_KEY',
    getKey: async () =>
      key ? { ok: true, key } : { ok: false, reason: 'LOKET_MASTER_KEY is not 32 bytes (64 hex or base64)' },
  };
}

export function fileKeySource(dataDir: string): KeySource {
  const file = path.join(dataDir, 'master.key');
  let cached: Buffer | null = null;
  return {
    description: `file ${file}`,
    getKey: async () => {
      if (cached) return { ok: true, key: cached };
      let fd: number;
      try {
        // 'wx': create only if absent, so two processes cannot each write a different key.
        fd = openSync(file, 'wx', 0o600);
        writeSync(fd, randomBytes(KEY_BYTES).toString('hex') + '\n');
        fsyncSync(fd);
        closeSync(fd);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
          return { ok: false, reason: `cannot create ${file}: ${(e as Error).message}` };
        }
      }
      fd = openSync(file, 'r');
      try {
        const mode = fstatSync(fd).mode & 0o777;
        if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
          return { ok: false, reason: `${file} is readable by others (mode ${mode.toString(8)}); chmod 600 it` };
        }
        const key = parseMasterKey(readFileSync(fd, 'utf8'));
        if (!key) return { ok: false, reason: `${file} does not hold a 32-byte key` };
        cached = key;
        return { ok: true, key };
      } finally {
        closeSync(fd);
      }
    },
  };
}
