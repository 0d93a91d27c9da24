// Digiflazz signatures (digiflazz.md §2): requests carry md5(username + apiKey + X) in lower-case
// hex; webhooks carry `X-Hub-Signature: sha1=<HMAC-SHA1(secret, raw body)>`, checked over the
// exact bytes received, in constant time.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const signFor = (username: string, apiKey: string, suffix: string): string => createHash('md5').update(`${username}${apiKey}${suffix}`, 'utf8').digest('hex');

export function webhookSignatureValid(raw: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const m = /^sha1=([0-9a-f]{40})$/i.exec(header.trim());
  if (!m) return false;
  const expected = createHmac('sha1', secret).update(raw).digest();
  const got = Buffer.from(m[1]!.toLowerCase(), 'hex');
  return got.length === expected.length && timingSafeEqual(got, expected);
}
