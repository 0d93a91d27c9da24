// PINs are kept only as a slow salted hash (scrypt, Node's own implementation) and compared in
// constant time. Four to eight digits: what a cashier can type fast and a bystander cannot.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const PARAMS = { N: 1 << 14, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const LENGTH = 32;

export const PIN_PATTERN = /^\d{4,8}$/;

function derive(pin: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(pin, salt, LENGTH, PARAMS, (e, key) => (e ? reject(e) : resolve(key))));
}

export async function hashPin(pin: string): Promise<{ salt: Buffer; hash: Buffer }> {
  const salt = randomBytes(16);
  return { salt, hash: await derive(pin, salt) };
}

export async function pinMatches(pin: string, salt: Buffer, hash: Buffer): Promise<boolean> {
  const got = await derive(pin, salt);
  return got.length === hash.length && timingSafeEqual(got, hash);
}
