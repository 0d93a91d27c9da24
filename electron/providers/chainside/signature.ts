// The `chainside-signature` of a callback (chainside.md §6.2): base64(HMAC-SHA512(SHA-256(secret),
// raw body)), checked over the exact bytes received and compared in constant time. Unlike the
// Python SDK (which ignores the result), a mismatch is a rejection.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function callbackSignature(secret: string, raw: Buffer): string {
  const key = createHash('sha256').update(secret, 'utf8').digest();
  return createHmac('sha512', key).update(raw).digest('base64');
}

export function verifyCallbackSignature(secret: string, raw: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(callbackSignature(secret, raw), 'utf8');
  const got = Buffer.from(header.trim(), 'utf8');
  return got.length === expected.length && timingSafeEqual(got, expected);
}
