// The recovery key: the vault key written for a person. 32 key bytes and 3 checksum bytes are 280
// bits, exactly 56 Crockford base32 characters, shown as 14 groups of 4 ("7K2M-…"). Crockford's
// alphabet has no I, L, O or U, and reading forgives the look-alikes (O→0, I/L→1) and any spaces,
// dashes or lower case, so a key copied by hand from paper still reads. The checksum tells a typo
// ("salah ketik") from a key that is simply another ledger's.
import { createHash } from 'node:crypto';
import { KEY_BYTES } from './key-source';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CHECK_BYTES = 3;
export const RECOVERY_GROUPS = 14;
const GROUP = 4;

function checksum(key: Buffer): Buffer {
  return createHash('sha256').update('loket recovery key v1\0').update(key).digest().subarray(0, CHECK_BYTES);
}

function encode(bytes: Buffer): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  return out;
}

/** The recovery key of a vault key, as 14 groups joined by dashes. */
export function recoveryKeyOf(vaultKey: Buffer): string {
  if (vaultKey.length !== KEY_BYTES) throw new Error('vault key must be 32 bytes');
  const chars = encode(Buffer.concat([vaultKey, checksum(vaultKey)]));
  return recoveryGroups(chars).join('-');
}

export function recoveryGroups(key: string): string[] {
  const chars = normaliseRecoveryText(key);
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += GROUP) groups.push(chars.slice(i, i + GROUP));
  return groups;
}

/** What a person typed, as the key's alphabet reads it (case, spaces, dashes and look-alikes forgiven). */
export function normaliseRecoveryText(text: string): string {
  return text
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export type RecoveryKeyReading = { ok: true; key: Buffer } | { ok: false; problem: 'length' | 'character' | 'checksum'; message: string };

/** The vault key back from what a person typed. */
export function readRecoveryKey(text: string): RecoveryKeyReading {
  const chars = normaliseRecoveryText(text);
  const bad = [...chars].find((c) => !ALPHABET.includes(c));
  if (bad !== undefined) return { ok: false, problem: 'character', message: `Huruf "${bad}" tidak ada di kunci pemulihan. Periksa lagi ketikannya.` };
  const expected = ((KEY_BYTES + CHECK_BYTES) * 8) / 5;
  if (chars.length !== expected) {
    return { ok: false, problem: 'length', message: `Kunci pemulihan berisi ${RECOVERY_GROUPS} kelompok 4 huruf (${expected} huruf); yang diketik ${chars.length} huruf.` };
  }
  let acc = 0;
  let bits = 0;
  const bytes: number[] = [];
  for (const c of chars) {
    acc = (acc << 5) | ALPHABET.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      bytes.push((acc >> (bits - 8)) & 255);
      bits -= 8;
      acc &= (1 << bits) - 1;
    }
  }
  const all = Buffer.from(bytes);
  const key = all.subarray(0, KEY_BYTES);
  if (!checksum(key).equals(all.subarray(KEY_BYTES))) {
    return { ok: false, problem: 'checksum', message: 'Kunci pemulihan salah ketik: satu huruf atau lebih tidak cocok. Periksa lagi tiap kelompok.' };
  }
  return { ok: true, key: Buffer.from(key) };
}

/** Two distinct group positions (1-based) the owner types back to show the key was written down. */
export function groupsToConfirm(random: () => number = Math.random): [number, number] {
  const a = 1 + Math.floor(random() * RECOVERY_GROUPS);
  let b = 1 + Math.floor(random() * (RECOVERY_GROUPS - 1));
  if (b >= a) b++;
  return a < b ? [a, b] : [b, a];
}
