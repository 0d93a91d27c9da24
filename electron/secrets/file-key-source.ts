// Web mode's key: LOKET_MASTER_KEY if set, else <data>/master.key (0600, created on first use).
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readFileSync, writeSync, fsyncSync } from 'node:fs';
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

/** A new random key at `file` unless one is there; why not, or null. */
function createIfAbsent(file: string): string | null {
  try {
    // 'wx': create only if absent, so two processes cannot each write a different key.
    const fd = openSync(file, 'wx', 0o600);
    writeSync(fd, randomBytes(KEY_BYTES).toString('hex') + '\n');
    fsyncSync(fd);
    closeSync(fd);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return `cannot create ${file}: ${(e as Error).message}`;
  }
  return null;
}

/** `create: false` (read-only tools such as audit:verify): a missing key file is an answer, never made. */
export function fileKeySource(dataDir: string, opts: { create?: boolean } = {}): KeySource {
  const file = path.join(dataDir, 'master.key');
  const create = opts.create ?? true;
  let cached: Buffer | null = null;
  return {
    description: `file ${file}`,
    getKey: async () => {
      if (cached) return { ok: true, key: cached };
      if (!create && !existsSync(file)) return { ok: false, reason: `no key file at ${file}` };
      if (create) {
        const made = createIfAbsent(file);
        if (made !== null) return { ok: false, reason: made };
      }
      const fd = openSync(file, 'r');
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
