// PINs are kept only as a slow salted hash (scrypt, Node's own implementation) and compared in
// constant time. Four to eight digits: what a cashier can type fast and a bystander cannot — and
// what anyone holding the ledger file could try offline in minutes, so the PIN is first keyed with
// a pepper derived from the vault key (which is not in the ledger): the file alone tests nothing.
import { createHmac, hkdfSync, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { PinHash } from '../../db/queries/users';

const PARAMS = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const LENGTH = 32;

export const PIN_PATTERN = /^\d{4,8}$/;

/** The pepper for PIN hashes, derived from the vault key (null: no key, PINs hashed unpeppered). */
export function pinPepper(vaultKey: Buffer | null): Buffer | null {
  return vaultKey ? Buffer.from(hkdfSync('sha256', vaultKey, Buffer.alloc(0), Buffer.from('loket pin pepper v1'), 32)) : null;
}

function derive(pin: string, salt: Buffer, pepper: Buffer | null): Promise<Buffer> {
  const input = pepper ? createHmac('sha256', pepper).update(pin).digest() : Buffer.from(pin, 'utf8');
  return new Promise((resolve, reject) => scrypt(input, salt, LENGTH, PARAMS, (e, key) => (e ? reject(e) : resolve(key))));
}

export async function hashPin(pin: string, pepper: Buffer | null): Promise<PinHash> {
  const salt = randomBytes(16);
  return { salt, hash: await derive(pin, salt, pepper), peppered: pepper !== null };
}

/** `peppered`: how the stored hash was made; a peppered hash without the pepper can never match. */
export async function pinMatches(pin: string, stored: { salt: Buffer; hash: Buffer; peppered: boolean }, pepper: Buffer | null): Promise<boolean> {
  if (stored.peppered && !pepper) return false;
  const got = await derive(pin, stored.salt, stored.peppered ? pepper : null);
  return got.length === stored.hash.length && timingSafeEqual(got, stored.hash);
}
