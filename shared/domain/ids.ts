// Identifiers Loket mints itself. ULIDs sort by time, fit every provider's id field
// (VSI trxid <= 50 chars, [A-Za-z0-9-]) and need only crypto.getRandomValues (Node and browser).
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function ulid(nowMs: number = Date.now()): string {
  let time = '';
  let t = nowMs;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = new Uint8Array(16);
  webCrypto().getRandomValues(bytes);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += CROCKFORD[bytes[i]! % 32];
  return time + rand;
}

// shared/ is compiled without DOM or Node typings; both runtimes provide Web Crypto.
function webCrypto(): { getRandomValues(array: Uint8Array): Uint8Array } {
  return (globalThis as unknown as { crypto: { getRandomValues(array: Uint8Array): Uint8Array } }).crypto;
}

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
