// Web mode's key: LOKET_MASTER_KEY if set, else <data>/master.key (0600, created on first use).
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readFileSync, unlinkSync, writeSync, fsyncSync } from 'node:fs';
import path from 'node:path';
import { KEY_BYTES, parseMasterKey, type KeySource } from './key-source';

export function envKeySource(value: string): KeySource {
  const key = parseMasterKey(value);
  return {
    description: 'LOKET_MASTER_KEY',
    getKey: async () =>
      key ? { ok: true, key } : { ok: false, reason: 'LOKET_MASTER_KEY is not 32 bytes (64 hex or base64)' },
    adopt: async (recovered) =>
      key && key.equals(recovered) ? { ok: true } : { ok: false, reason: 'LOKET_MASTER_KEY is set to another key; unset it or set it to the recovered key' },
  };
}

/** `key` (a new random one unless given) at `file` unless one is there; why not, or null. */
function createIfAbsent(file: string, key: Buffer = randomBytes(KEY_BYTES)): string | null {
  try {
    // 'wx': create only if absent, so two processes cannot each write a different key.
    const fd = openSync(file, 'wx', 0o600);
    writeSync(fd, key.toString('hex') + '\n');
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
    adopt: async (recovered, opts = {}) => {
      if (existsSync(file)) {
        const held = parseMasterKey(readFileSync(file, 'utf8'));
        if (held && held.equals(recovered)) return { ok: true };
        if (!opts.replace) return { ok: false, reason: `${file} already holds another key` };
        unlinkSync(file);
      }
      const made = createIfAbsent(file, recovered);
      if (made !== null) return { ok: false, reason: made };
      cached = Buffer.from(recovered);
      return { ok: true };
    },
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
